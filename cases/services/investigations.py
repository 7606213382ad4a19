"""Cases (审查调查): opened from a clue for verification, filed, investigated, reviewed, concluded.

Stages move only along CASE_TRANSITIONS, under the case's row lock. A case concludes only with the
"one case, three reports" and the "six ones" all attached (REQUIRED_DOCUMENTS).
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from cases.models import Case, CaseDocument, CasePerson, Clue
from cases.numbering import next_number
from cases.recommendations import recommendation_handlers_run
from cases.services.clues import clue_locked, clue_move
from common.transitions import check_transition
from files.storing import stored_fields
from files.validators import validate_attachment

St = Case.Stage
CASE_TRANSITIONS = {
    (St.VERIFICATION, St.FILED),
    (St.FILED, St.INVESTIGATION),
    (St.INVESTIGATION, St.REVIEW),
    (St.REVIEW, St.INVESTIGATION),  # the review sends it back for further investigation
    (St.REVIEW, St.CONCLUDED),
}
STAGE_ACTIONS = {
    St.FILED: "立案",
    St.INVESTIGATION: "进入审查调查",
    St.REVIEW: "移送审理",
    St.CONCLUDED: "结案",
}
REQUIRED_DOCUMENTS = tuple(CaseDocument.Kind)


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def _move(case: Case, to: str, action: str | None = None) -> None:
    action = action or STAGE_ACTIONS[to]
    check_transition(CASE_TRANSITIONS, case.stage, to, case.get_stage_display(), action)
    case.stage = to


def _check_dual(case: Case | None, original: Case | None) -> None:
    """一案双查 links to another case, never to itself nor round in a circle."""
    seen, current = set(), original
    while current is not None and current.pk not in seen:
        if case is not None and current.pk == case.pk:
            raise ValidationError({"dual_accountability_of": "一案双查不能关联本案或以本案为原案的案件。"})
        seen.add(current.pk)
        current = current.dual_accountability_of


def _check_date(value: date, field: str, label: str, not_before: date) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: f"{label}不能晚于今天。"})
    if value < not_before:
        raise ValidationError({field: f"{label}不能早于{not_before:%Y-%m-%d}。"})


@transaction.atomic
def case_open(
    *, clue: Clue | None, title: str, user, is_eight_point: bool = False, is_four_winds: bool = False,
    dual_accountability_of: Case | None = None,
) -> Case:  # fmt: skip
    """Start preliminary verification (初步核实) of an approved verification clue, or a 一案双查 case on the leaders.

    A case needs a clue to verify, or an original case whose leaders' responsibility it examines.
    """
    if clue is None and dual_accountability_of is None:
        raise ValidationError("案件须来自问题线索，或为一案双查关联原案。")
    if clue is not None:
        clue = clue_locked(clue)
        if clue.disposition != Clue.Disposition.VERIFICATION or clue.status != Clue.Status.APPROVED:
            raise ValidationError("只有已批准、处置方式为“初步核实”且未转办、未办结的线索可以立项初核。")
        if clue.cases.exists():
            raise ValidationError("该线索已有初核案件。")
    _check_dual(None, dual_accountability_of)
    case = Case(
        clue=clue, title=title, is_eight_point=is_eight_point, is_four_winds=is_four_winds,
        dual_accountability_of=dual_accountability_of, handled_by=user,
        number=next_number("case", timezone.localdate().year),
    )  # fmt: skip
    case.full_clean()
    case.save()
    return case


@transaction.atomic
def case_move(*, case: Case, to: str, user, on: date | None = None) -> Case:
    """Move to the next stage; filing needs its date (立案日期), concluding goes through ``case_conclude``."""
    if to == St.CONCLUDED:
        return case_conclude(case=case, concluded_on=on or timezone.localdate(), user=user)
    case = _locked(case)
    _move(case, to)
    if to == St.FILED:
        if on is None:
            raise ValidationError({"on": "请填写立案日期。"})
        _check_date(on, "on", "立案日期", timezone.localdate(case.opened_at))
        case.filed_on = on
    case.save(update_fields=["stage", "filed_on"])
    return case


def missing_documents(case: Case) -> list[str]:
    """The labels of the required documents not yet attached, in the order of CaseDocument.Kind."""
    attached = set(case.documents.values_list("kind", flat=True))
    return [kind.label for kind in REQUIRED_DOCUMENTS if kind not in attached]


@transaction.atomic
def case_conclude(*, case: Case, concluded_on: date, user) -> Case:
    """结案: needs the nine documents; concludes the source clue and hands the recommendation to its handlers."""
    case = _locked(case)
    _move(case, St.CONCLUDED)
    missing = missing_documents(case)
    if missing:
        raise ValidationError(f"结案前须上传“一案三报告”和“六个一”全部材料，尚缺：{'、'.join(missing)}。")
    _check_date(concluded_on, "on", "结案日期", case.filed_on or timezone.localdate(case.opened_at))
    case.concluded_on = concluded_on
    case.save(update_fields=["stage", "concluded_on"])
    if case.clue_id:
        clue = clue_locked(case.clue)
        if clue.status == Clue.Status.APPROVED:
            clue_move(clue, Clue.Status.CONCLUDED, "办结")
            clue.conclusion, clue.concluded_at = f"经审查调查，案件{case.number}已结案。", timezone.now()
            clue.save(update_fields=["status", "conclusion", "concluded_at"])
    recommendation_handlers_run(case)
    return case


def _open(case: Case) -> Case:
    case = _locked(case)
    if case.stage == St.CONCLUDED:
        raise ValidationError("案件已结案，不能再修改。")
    return case


@transaction.atomic
def case_update(
    *, case: Case, user, funds_recovered: Decimal, recommendation: str, is_eight_point: bool,
    is_four_winds: bool, dual_accountability_of: Case | None,
) -> Case:  # fmt: skip
    case = _open(case)
    if funds_recovered is None or funds_recovered < 0:
        raise ValidationError({"funds_recovered": "挽回经济损失不能为负数。"})
    _check_dual(case, dual_accountability_of)
    case.funds_recovered, case.recommendation = funds_recovered, recommendation
    case.is_eight_point, case.is_four_winds = is_eight_point, is_four_winds
    case.dual_accountability_of = dual_accountability_of
    case.full_clean()
    case.save()
    return case


@transaction.atomic
def case_person_add(*, case: Case, user, **fields) -> CasePerson:
    """A person dealt with in the case; ``fields`` are CasePerson's (name, unit, position, form, sanctions…)."""
    case = _open(case)
    person = CasePerson(case=case, **fields)
    if not person.name.strip():
        raise ValidationError({"name": "请填写姓名。"})
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def case_document_add(*, case: Case, kind: str, upload: UploadedFile, user) -> CaseDocument:
    """Attach one of the required documents; the type is read from the content and the size is limited."""
    case = _open(case)
    try:
        validate_attachment(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    document = CaseDocument(case=case, kind=kind, **stored_fields(upload))
    document.uploaded_by = user
    document.full_clean()
    document.save()
    return document
