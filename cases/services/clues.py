"""Problem clues (问题线索): proposed with a disposition, approved by a commission leader, then handled.

A clue's status moves only along CLUE_TRANSITIONS. Transfers (``services.transfers``) and cases
(``services.investigations``) move it too, always through ``clue_move`` under the clue's row lock.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases import access
from cases.models import Clue, Report
from cases.numbering import next_number
from common.transitions import check_transition
from orgs.models import Unit

IDENTITY_FIELDS = ("reporter_name", "reporter_id_number", "reporter_phone")
S = Clue.Status
CLUE_TRANSITIONS = {
    (S.PROPOSED, S.APPROVED),  # a leader approves the disposition
    (S.APPROVED, S.TRANSFERRED),  # sent to a township commission or discipline group
    (S.TRANSFERRED, S.APPROVED),  # the transfer closed without concluding the clue: handle it again
    (S.APPROVED, S.CONCLUDED),
    (S.TRANSFERRED, S.CONCLUDED),
}


def clue_locked(clue: Clue) -> Clue:
    return Clue.objects.select_for_update().get(pk=clue.pk)


def clue_move(clue: Clue, to: str, action: str) -> None:
    """Check and set the move; the caller holds the row lock (``clue_locked``) and saves."""
    check_transition(CLUE_TRANSITIONS, clue.status, to, clue.get_status_display(), action)
    clue.status = to


def _save_new(clue: Clue) -> Clue:
    if not clue.summary.strip():
        raise ValidationError({"summary": "请填写问题摘要。"})
    clue.number = next_number("clue", timezone.localdate().year)
    clue.full_clean()
    clue.save()
    return clue


@transaction.atomic
def clue_propose(*, report: Report, disposition: str, summary: str, user) -> Clue:
    """Turn an accepted report into a clue awaiting a leader's approval; what the report triage calls.

    The report must be accepted and have no clue yet (its row is locked, so a double submit makes one clue).
    The clue copies what it needs of the report (category, accused), never the reporter's identity.
    """
    report = Report.objects.select_for_update().defer(*IDENTITY_FIELDS).get(pk=report.pk)
    if report.status != Report.Status.ACCEPTED:
        raise ValidationError(f"举报状态为“{report.get_status_display()}”，受理后才能转为问题线索。")
    if Clue.objects.filter(report=report).exists():
        raise ValidationError("该举报已转为问题线索，不能重复拟办。")
    clue = Clue(
        report=report, category=report.category, accused_name=report.accused_name,
        accused_unit=report.accused_unit, accused_position=report.accused_position,
        summary=summary, disposition=disposition, proposed_by=user,
    )  # fmt: skip
    return _save_new(clue)


@transaction.atomic
def clue_create(
    *, source_kind: str, source_id: int | None, category: str, accused_name: str, accused_unit: Unit | None,
    accused_position: str = "", summary: str, disposition: str, user,
) -> Clue:  # fmt: skip
    """A clue that comes without a report (an inspection finding, a case), recorded by its source's kind and id."""
    if not source_kind.strip():
        raise ValidationError({"source_kind": "请注明线索来源。"})
    clue = Clue(
        source_kind=source_kind, source_id=source_id, category=category, accused_name=accused_name,
        accused_unit=accused_unit, accused_position=accused_position, summary=summary,
        disposition=disposition, proposed_by=user,
    )  # fmt: skip
    return _save_new(clue)


@transaction.atomic
def clue_revise(*, clue: Clue, disposition: str, summary: str, user) -> Clue:
    """Change a proposal before it is approved (after a leader's comments, say)."""
    clue = clue_locked(clue)
    if clue.status != S.PROPOSED:
        raise ValidationError(f"线索状态为“{clue.get_status_display()}”，批准后不能再修改拟办意见。")
    if not summary.strip():
        raise ValidationError({"summary": "请填写问题摘要。"})
    clue.disposition, clue.summary, clue.proposed_by, clue.proposed_at = disposition, summary, user, timezone.now()
    clue.full_clean()
    clue.save()
    return clue


@transaction.atomic
def clue_approve(*, clue: Clue, user, disposition: str | None = None, now: datetime | None = None) -> Clue:
    """A commission leader approves the proposed disposition, or approves a different one in its place."""
    if not access.can_approve(user):
        raise PermissionDenied("只有纪委领导可以审批处置方式。")
    clue = clue_locked(clue)
    clue_move(clue, S.APPROVED, "审批处置方式")
    clue.disposition = disposition or clue.disposition
    clue.approved_by, clue.approved_at = user, now or timezone.now()
    clue.full_clean()
    clue.save()
    return clue


@transaction.atomic
def clue_conclude(*, clue: Clue, conclusion: str, user, now: datetime | None = None) -> Clue:
    """Record how an approved clue ended (an inquiry answered, a clue closed, held and then closed)."""
    clue = clue_locked(clue)
    if not conclusion.strip():
        raise ValidationError({"conclusion": "请填写办结情况。"})
    clue_move(clue, S.CONCLUDED, "办结")
    if clue.cases.exclude(stage="concluded").exists():
        raise ValidationError("该线索的案件尚未结案，结案时线索随之办结。")
    clue.conclusion, clue.concluded_at = conclusion, now or timezone.now()
    clue.save(update_fields=["status", "conclusion", "concluded_at"])
    return clue
