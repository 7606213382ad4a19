"""Cases: verification → filed → investigation → review → concluded, the nine documents, persons, 一案双查."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, CaseDocument, CasePerson, Clue
from cases.recommendations import register_recommendation_handler, unregister_recommendation_handler
from cases.services.investigations import (
    CASE_TRANSITIONS,
    case_conclude,
    case_document_add,
    case_move,
    case_open,
    case_update,
)  # fmt: skip
from common.transitions import TransitionNotAllowed
from tests.cases.factories import CaseFactory, ClueFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 test document"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(name: str = "材料.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def attach_all(case: Case, user, skip: tuple[str, ...] = ()) -> None:
    for kind in CaseDocument.Kind:
        if kind not in skip:
            case_document_add(case=case, kind=kind, upload=pdf(f"{kind.label}.pdf"), user=user)


def in_review(user) -> Case:
    case = CaseFactory()
    case_move(case=case, to="filed", user=user, on=timezone.localdate())
    case_move(case=case, to="investigation", user=user)
    case_move(case=case, to="review", user=user)
    return Case.objects.get(pk=case.pk)


def test_a_verification_clue_opens_a_case_once(staff_client):
    clue = ClueFactory(status="approved", disposition="verification")
    url = reverse("cases:case-open", args=[clue.pk])
    response = staff_client.post(url, {"title": "某某公款吃喝案", "is_eight_point": "on"})
    case = Case.objects.get()
    assert response["Location"] == reverse("cases:case-detail", args=[case.pk])
    assert (case.stage, case.clue, case.is_eight_point) == ("verification", clue, True)
    assert case.number == f"AJ{timezone.localdate().year}-00001"
    response = staff_client.post(url, {"title": "再开一次"})
    assert "已有初核案件" in response.content.decode()
    assert Case.objects.count() == 1


@pytest.mark.parametrize(
    ("status", "disposition"),
    [
        ("proposed", "verification"),
        ("approved", "inquiry"),
        ("transferred", "verification"),
        ("concluded", "verification"),
    ],
)
def test_only_an_approved_verification_clue_opens_a_case(staff_user, status, disposition):  # fmt: skip
    clue = ClueFactory(status=status, disposition=disposition)
    with pytest.raises(ValidationError, match="初步核实"):
        case_open(clue=clue, title="案", user=staff_user)
    assert not Case.objects.exists()


ALL_STAGES = list(Case.Stage)


@pytest.mark.parametrize("current", ALL_STAGES)
@pytest.mark.parametrize("target", [s for s in ALL_STAGES if s not in ("verification", "concluded")])
def test_every_stage_move_is_allowed_or_refused_by_the_table(staff_user, current, target):
    case = CaseFactory(stage=current, filed_on=timezone.localdate() if current != "verification" else None)
    if (current, target) in CASE_TRANSITIONS:
        case_move(case=case, to=target, user=staff_user, on=timezone.localdate())
        assert Case.objects.get(pk=case.pk).stage == target
    else:
        with pytest.raises(TransitionNotAllowed, match="不能"):
            case_move(case=case, to=target, user=staff_user, on=timezone.localdate())
        assert Case.objects.get(pk=case.pk).stage == current


@pytest.mark.parametrize("current", [s for s in ALL_STAGES if s != "review"])
def test_only_a_case_in_review_concludes(staff_user, current):
    case = CaseFactory(stage=current)
    if current != "concluded":
        attach_all(case, staff_user)
    with pytest.raises(TransitionNotAllowed):
        case_conclude(case=case, concluded_on=timezone.localdate(), user=staff_user)


def test_filing_needs_a_date_neither_future_nor_before_opening(staff_client, staff_user):
    case = CaseFactory()
    url = reverse("cases:case-move", args=[case.pk])
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    for on, message in (("", "请填写立案日期"), (tomorrow, "不能晚于今天"), ("2000-01-01", "不能早于")):
        response = staff_client.post(url, {"to": "filed", "on": on}, follow=True)
        assert message in response.content.decode()
        assert Case.objects.get(pk=case.pk).stage == "verification"
    staff_client.post(url, {"to": "filed", "on": timezone.localdate().isoformat()})
    assert Case.objects.get(pk=case.pk).filed_on == timezone.localdate()


def test_an_illegal_move_on_the_page_says_why(staff_client):
    case = CaseFactory()
    response = staff_client.post(reverse("cases:case-move", args=[case.pk]), {"to": "review"}, follow=True)
    assert "当前状态为“初步核实”，不能移送审理" in response.content.decode()


def test_conclusion_is_refused_until_all_nine_documents_are_in(staff_client, staff_user):
    case = in_review(staff_user)
    attach_all(case, staff_user, skip=("rectification_report", "return_visit"))
    url = reverse("cases:case-move", args=[case.pk])
    response = staff_client.post(url, {"to": "concluded", "on": timezone.localdate().isoformat()}, follow=True)
    assert "尚缺：整改报告、一次回访教育" in response.content.decode()
    assert Case.objects.get(pk=case.pk).stage == "review"
    case_document_add(case=case, kind="rectification_report", upload=pdf(), user=staff_user)
    case_document_add(case=case, kind="return_visit", upload=pdf(), user=staff_user)
    staff_client.post(url, {"to": "concluded", "on": timezone.localdate().isoformat()})
    case.refresh_from_db()
    assert (case.stage, case.concluded_on) == ("concluded", timezone.localdate())
    assert Clue.objects.get(pk=case.clue_id).status == "concluded"


def test_a_disguised_document_is_refused(staff_client, staff_user):
    case = CaseFactory()
    fake = SimpleUploadedFile("报告.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = staff_client.post(
        reverse("cases:case-document-add", args=[case.pk]), {"kind": "summary", "file": fake}, follow=True
    )
    assert "类型不允许或内容与扩展名不符" in response.content.decode()
    assert not CaseDocument.objects.exists()


def test_a_concluded_case_is_no_longer_edited(staff_user):
    case = in_review(staff_user)
    attach_all(case, staff_user)
    case_conclude(case=case, concluded_on=timezone.localdate(), user=staff_user)
    with pytest.raises(ValidationError, match="已结案"):
        case_document_add(case=case, kind="summary", upload=pdf(), user=staff_user)


def test_the_recommendation_goes_to_registered_handlers_on_conclusion(staff_user):
    received = []
    register_recommendation_handler(received.append)
    try:
        case = in_review(staff_user)
        case_update(case=case, user=staff_user, funds_recovered=Decimal("0"), recommendation="建议完善公务接待制度。",
                    is_eight_point=True, is_four_winds=False, dual_accountability_of=None)  # fmt: skip
        attach_all(case, staff_user)
        case_conclude(case=case, concluded_on=timezone.localdate(), user=staff_user)
    finally:
        unregister_recommendation_handler(received.append)
    assert [c.pk for c in received] == [case.pk]


def test_persons_with_forms_and_sanctions_and_funds_recovered(staff_client, commission):
    case = CaseFactory()
    response = staff_client.post(
        reverse("cases:case-person-add", args=[case.pk]),
        {"name": "<b>张某</b>", "position": "所长", "form": "second", "party_sanction": "warning",
         "administrative_sanction": "demerit"},
    )  # fmt: skip
    assert response.status_code == 302
    person = CasePerson.objects.get()
    assert (person.form, person.party_sanction, person.administrative_sanction) == ("second", "warning", "demerit")
    facts = reverse("cases:case-facts", args=[case.pk])
    response = staff_client.post(facts, {"funds_recovered": "-1", "recommendation": ""})
    assert "不能为负数" in response.content.decode() or "大于或等于" in response.content.decode()
    staff_client.post(facts, {"funds_recovered": "12345.60", "recommendation": "<script>x</script>"})
    page = staff_client.get(reverse("cases:case-detail", args=[case.pk])).content.decode()
    assert "12345.60" in page and "&lt;b&gt;张某&lt;/b&gt;" in page and "&lt;script&gt;x" in page
    assert "<script>x" not in page


def test_dual_accountability_links_to_the_original_never_to_itself(staff_user, staff_client):
    original = CaseFactory()
    dual = case_open(clue=None, title="某镇党委落实主体责任不力问题", user=staff_user, dual_accountability_of=original)
    assert dual.dual_accountability_of == original and dual.clue is None
    assert dual.number in staff_client.get(reverse("cases:case-detail", args=[original.pk])).content.decode()
    with pytest.raises(ValidationError, match="不能关联本案"):
        case_update(case=original, user=staff_user, funds_recovered=Decimal(0), recommendation="",
                    is_eight_point=False, is_four_winds=False, dual_accountability_of=original)  # fmt: skip
    with pytest.raises(ValidationError, match="不能关联本案"):
        case_update(case=original, user=staff_user, funds_recovered=Decimal(0), recommendation="",
                    is_eight_point=False, is_four_winds=False, dual_accountability_of=dual)  # fmt: skip
    response = staff_client.post(reverse("cases:case-facts", args=[original.pk]),
                                 {"funds_recovered": "0", "dual_accountability_of": original.pk})  # fmt: skip
    assert Case.objects.get(pk=original.pk).dual_accountability_of is None
    assert response.status_code == 200
    with pytest.raises(ValidationError):
        case_open(clue=None, title="无来源", user=staff_user)


def test_documents_download_for_staff_only(staff_client, discipline_client, staff_user):
    case = CaseFactory()
    document = case_document_add(case=case, kind="summary", upload=pdf(), user=staff_user)
    url = reverse("cases:case-document-download", args=[document.pk])
    assert discipline_client.get(url).status_code == 404
    response = staff_client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


CASE_LIST_MAX_QUERIES = 6  # session, user, actor, count, page, the unit filter's choices: none per row


def test_case_list_runs_a_fixed_number_of_queries(staff_client, staff_user, django_assert_max_num_queries):
    originals = Case.objects.bulk_create(
        Case(number=f"AJ2025-{n:05d}", title=f"案件{n}", handled_by=staff_user) for n in range(60)
    )
    Case.objects.bulk_create(
        Case(number=f"AJ2025-1{n:04d}", title=f"双查{n}", handled_by=staff_user, dual_accountability_of=original)
        for n, original in enumerate(originals)
    )
    CasePerson.objects.bulk_create(CasePerson(case=case, name="某") for case in originals)
    with django_assert_max_num_queries(CASE_LIST_MAX_QUERIES):
        response = staff_client.get(reverse("cases:case-list"))
    assert "一案双查：AJ2025-" in response.content.decode()
    with django_assert_max_num_queries(CASE_LIST_MAX_QUERIES):
        staff_client.get(reverse("cases:case-list"), {"stage": "verification", "page": 2})
