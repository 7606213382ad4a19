"""Every write to the checklist. State moves are checked against TRANSITIONS under a row lock."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from common.audit_bulk import audited_update
from common.transitions import TransitionNotAllowed, check_transition
from files.storing import stored_fields
from files.validators import validate_attachments
from orgs.models import Person, Unit
from responsibility.models import (
    AcceptanceDecision,
    AccountabilityRecord,
    ProgressAttachment,
    ProgressReport,
    ResponsibilityLetter,
    SupervisionNotice,
    Task,
)  # fmt: skip
from responsibility.periods import month_end, month_start

S = Task.Status
TRANSITIONS = {
    (S.NOT_STARTED, S.IN_PROGRESS),
    (S.IN_PROGRESS, S.ACCEPTANCE_REQUESTED),
    (S.ACCEPTANCE_REQUESTED, S.CLOSED),
    (S.ACCEPTANCE_REQUESTED, S.IN_PROGRESS),
}


def _locked(task: Task) -> Task:
    return Task.objects.select_for_update().get(pk=task.pk)


def _works_on(task: Task, unit: Unit) -> bool:
    """The unit is the task's lead unit or one of its co-units."""
    return unit.pk == task.lead_unit_id or task.co_unit_links.filter(unit=unit).exists()


def _move(task: Task, to: str, action: str) -> None:
    check_transition(TRANSITIONS, task.status, to, task.get_status_display(), action)
    task.status = to


@transaction.atomic
def progress_report_file(
    *, task: Task, unit: Unit, user, period: date, text: str, percent: int,
    files: list[UploadedFile] = (), now: datetime | None = None,
) -> ProgressReport:  # fmt: skip
    """File a unit's report for a month; the lead unit's report moves the task's progress and milestones."""
    now = now or timezone.now()
    task = _locked(task)
    period = month_start(period)
    if task.status == S.CLOSED:
        raise ValidationError("该任务已验收销号，不能再报送进度。")
    if not _works_on(task, unit):
        raise ValidationError({"unit": "只有该任务的牵头单位或协办单位可以报送进度。"})
    if period > month_start(timezone.localdate(now)):
        raise ValidationError({"period": "不能报送未来月份的进度。"})
    try:
        validate_attachments(list(files))
    except ValidationError as error:
        raise ValidationError({"files": error.messages}) from error
    report = ProgressReport(
        task=task, unit=unit, period=period, text=text, percent=percent, submitted_by=user, submitted_at=now
    )
    report.is_late = timezone.localdate(now) > month_end(period)
    report.full_clean()
    report.save()
    for upload in files:
        ProgressAttachment.objects.create(report=report, **stored_fields(upload))
    if unit.pk == task.lead_unit_id:
        task.progress = percent
        reached = task.milestones.filter(met_on__isnull=True, target_percent__lte=percent)
        audited_update(reached, met_on=timezone.localdate(now))
    task.last_report_at = now
    if task.status == S.NOT_STARTED:
        _move(task, S.IN_PROGRESS, "开始推进")
    task.save(update_fields=["progress", "last_report_at", "status"])
    return report


@transaction.atomic
def task_request_acceptance(*, task: Task, user, note: str = "", now: datetime | None = None) -> AcceptanceDecision:
    task = _locked(task)
    _move(task, S.ACCEPTANCE_REQUESTED, "申请验收")
    if task.progress < 100:
        raise TransitionNotAllowed(f"任务进度为 {task.progress}%，达到 100% 后才能申请验收。")
    task.save(update_fields=["status"])
    return AcceptanceDecision.objects.create(
        task=task, requested_by=user, request_note=note, requested_at=now or timezone.now()
    )


@transaction.atomic
def task_decide_acceptance(
    *, task: Task, user, passed: bool, comments: str, now: datetime | None = None
) -> AcceptanceDecision:
    now = now or timezone.now()
    task = _locked(task)
    if not passed and not comments.strip():
        raise ValidationError({"comments": "退回整改时必须填写验收意见。"})
    if task.status != S.ACCEPTANCE_REQUESTED:
        # "退回整改" is the same move in the table as "开始推进", which a task not started may make: asked alone,
        # the table would let such a task be returned, with no request to decide on.
        action = "验收销号" if passed else "退回整改"
        raise TransitionNotAllowed(f"当前状态为“{task.get_status_display()}”，不能{action}。")
    if passed:
        _move(task, S.CLOSED, "验收销号")
        task.closed_at = now
    else:
        _move(task, S.IN_PROGRESS, "退回整改")
    task.save(update_fields=["status", "closed_at"])
    decision = task.acceptances.filter(result="").order_by("-requested_at").first()
    decision.result = AcceptanceDecision.Result.PASSED if passed else AcceptanceDecision.Result.RETURNED
    decision.reviewer, decision.decided_at, decision.comments = user, now, comments
    decision.save()
    return decision


@transaction.atomic
def notice_issue(*, task: Task, unit: Unit, content: str, reply_deadline: date, user) -> SupervisionNotice:
    if task.status == S.CLOSED:
        raise ValidationError("该任务已验收销号，无需再督办。")
    if not _works_on(task, unit):
        raise ValidationError({"unit": "只能向该任务的牵头单位或协办单位发督办单。"})
    if reply_deadline < timezone.localdate():
        raise ValidationError({"reply_deadline": "回复期限不能早于今天。"})
    notice = SupervisionNotice(task=task, unit=unit, content=content, reply_deadline=reply_deadline, issued_by=user)
    notice.full_clean()
    notice.save()
    return notice


@transaction.atomic
def notice_reply(*, notice: SupervisionNotice, reply: str, user) -> SupervisionNotice:
    notice = SupervisionNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.closed_at:
        raise ValidationError("该督办单已办结，不能再回复。")
    if not reply.strip():
        raise ValidationError({"reply": "请填写回复内容。"})
    notice.reply, notice.replied_by, notice.replied_at = reply, user, timezone.now()
    notice.save(update_fields=["reply", "replied_by", "replied_at"])
    return notice


@transaction.atomic
def notice_close(*, notice: SupervisionNotice) -> SupervisionNotice:
    notice = SupervisionNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.closed_at:
        raise ValidationError("该督办单已办结。")
    if not notice.replied_at:
        raise ValidationError("单位尚未回复，不能办结。")
    notice.closed_at = timezone.now()
    notice.save(update_fields=["closed_at"])
    return notice


@transaction.atomic
def letter_sign(*, letter: ResponsibilityLetter, signer: Person | None, signed_on: date) -> ResponsibilityLetter:
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": "签订日期不能晚于今天。"})
    letter.signer, letter.signed_on = signer or letter.signer, signed_on
    letter.full_clean()
    letter.save()
    return letter


@transaction.atomic
def accountability_record(
    *, task: Task, unit: Unit, person: Person | None, measure: str, reason: str,
    dual_accountability: bool, decided_on: date, user,
) -> AccountabilityRecord:  # fmt: skip
    record = AccountabilityRecord(
        task=task, unit=unit, person=person, measure=measure, reason=reason,
        dual_accountability=dual_accountability, decided_on=decided_on, recorded_by=user,
    )  # fmt: skip
    if not _works_on(task, unit):
        raise ValidationError({"unit": "被追责单位须为该任务的牵头单位或协办单位。"})
    if person is not None and person.unit_id != unit.pk:
        raise ValidationError({"person": "被追责人须属于被追责单位。"})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": "决定日期不能晚于今天。"})
    record.full_clean()
    record.save()
    return record
