"""Triage of a report (受理 / 不予受理 / 转交) and the steps the statutory clocks time.

Status moves only along REPORT_TRANSITIONS, checked under the report's row lock. Accepting only decides: the
clue is made by ``services.clues.clue_propose``. Telling the reporter and feeding back the result are steps, not
states: each may happen once, and only after what it reports on.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.clocks import feedback_due
from cases.models import Report
from common.transitions import TransitionNotAllowed, check_transition

IDENTITY_FIELDS = ("reporter_name", "reporter_id_number", "reporter_phone")
S = Report.Status
REFERRED_TO_MAX = Report._meta.get_field("referred_to").max_length
REPORT_TRANSITIONS = {
    (S.RECEIVED, S.ACCEPTED),
    (S.RECEIVED, S.REJECTED),
    (S.RECEIVED, S.REFERRED),
    (S.ACCEPTED, S.CONCLUDED),
}


def report_locked(report: Report) -> Report:
    """The report's row, locked for the transaction; the identity stays unread."""
    return Report.objects.select_for_update().defer(*IDENTITY_FIELDS).get(pk=report.pk)


def _decide(report: Report, to: str, action: str, user, now: datetime | None, **extra: str) -> Report:
    """Move a received report to its decision; ``extra`` sets decision_reason or referred_to with it."""
    report = report_locked(report)
    check_transition(REPORT_TRANSITIONS, report.status, to, report.get_status_display(), action)
    report.status, report.decided_by, report.decided_at = to, user, now or timezone.now()
    for field, value in extra.items():
        setattr(report, field, value.strip())
    report.save(update_fields=["status", "decided_by", "decided_at", *extra])
    return report


@transaction.atomic
def report_accept(*, report: Report, user, now: datetime | None = None) -> Report:
    return _decide(report, S.ACCEPTED, "受理", user, now)


@transaction.atomic
def report_reject(*, report: Report, user, reason: str, now: datetime | None = None) -> Report:
    if not reason.strip():
        raise ValidationError({"reason": "请填写不予受理的理由。"})
    return _decide(report, S.REJECTED, "决定不予受理", user, now, decision_reason=reason)


@transaction.atomic
def report_refer(*, report: Report, user, referred_to: str, reason: str, now: datetime | None = None) -> Report:
    errors = {}
    if not referred_to.strip():
        errors["referred_to"] = "请填写接收转交的有权处理机关。"
    elif len(referred_to.strip()) > REFERRED_TO_MAX:
        errors["referred_to"] = f"机关名称不超过 {REFERRED_TO_MAX} 个字。"
    if not reason.strip():
        errors["reason"] = "请填写转交理由。"
    if errors:
        raise ValidationError(errors)
    return _decide(report, S.REFERRED, "转交有权处理机关", user, now, referred_to=referred_to, decision_reason=reason)


@transaction.atomic
def report_notify_reporter(*, report: Report, user, now: datetime | None = None) -> Report:
    """Record that the real-name reporter was told the decision (the 15-working-day acceptance clock stops)."""
    report = report_locked(report)
    if not report.is_real_name:
        raise TransitionNotAllowed("匿名举报无需告知举报人。")
    if report.status == S.RECEIVED:
        raise TransitionNotAllowed("尚未作出受理决定，不能登记告知举报人。")
    if report.reporter_notified_at:
        raise TransitionNotAllowed(f"已于 {timezone.localtime(report.reporter_notified_at):%Y-%m-%d} 告知举报人。")
    report.reporter_notified_at = now or timezone.now()
    report.save(update_fields=["reporter_notified_at"])
    return report


@transaction.atomic
def report_conclude(*, report: Report, user, result: str, now: datetime | None = None) -> Report:
    """Conclude an accepted report with the result the reporter is told; a real-name one starts the feedback clock."""
    if not result.strip():
        raise ValidationError({"result": "请填写告知举报人的办理结果。"})
    now = now or timezone.now()
    report = report_locked(report)
    check_transition(REPORT_TRANSITIONS, report.status, S.CONCLUDED, report.get_status_display(), "办结")
    report.status, report.result, report.concluded_at = S.CONCLUDED, result.strip(), now
    report.feedback_due_on = feedback_due(timezone.localdate(now)) if report.is_real_name else None
    report.save(update_fields=["status", "result", "concluded_at", "feedback_due_on"])
    return report


@transaction.atomic
def report_mark_fed_back(*, report: Report, user, now: datetime | None = None) -> Report:
    """Record that the result went back to the real-name reporter (the feedback clock stops)."""
    report = report_locked(report)
    if report.status != S.CONCLUDED or not report.is_real_name:
        raise TransitionNotAllowed(f"当前状态为“{report.get_status_display()}”，办结的实名举报才需反馈结果。")
    if report.fed_back_at:
        raise TransitionNotAllowed(f"已于 {timezone.localtime(report.fed_back_at):%Y-%m-%d} 反馈结果。")
    report.fed_back_at = now or timezone.now()
    report.save(update_fields=["fed_back_at"])
    return report
