"""Transfers (转办) of approved clues to a township commission or a stationed discipline group, and their results.

A transfer carries the clue's summary and the instructions, never the report or who made it. The receiving unit's
officer files the result (查报结果, always required); commission staff close the transfer, which either concludes the
clue or hands it back to the commission for further handling.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.access import HANDLING_UNIT_KINDS
from cases.models import Clue, Transfer
from cases.services.clues import clue_locked, clue_move
from common.transitions import check_transition
from orgs.models import Unit

T = Transfer.Status
TRANSFER_TRANSITIONS = {
    (T.PENDING, T.ANSWERED),
    (T.ANSWERED, T.ANSWERED),  # the unit corrects its result before the commission closes the transfer
    (T.ANSWERED, T.CLOSED),
}
TRANSFERABLE_DISPOSITIONS = (Clue.Disposition.INQUIRY, Clue.Disposition.VERIFICATION)


def _locked(transfer: Transfer) -> Transfer:
    return Transfer.objects.select_for_update().select_related("clue").get(pk=transfer.pk)


def _move(transfer: Transfer, to: str, action: str) -> None:
    check_transition(TRANSFER_TRANSITIONS, transfer.status, to, transfer.get_status_display(), action)
    transfer.status = to


@transaction.atomic
def transfer_create(
    *, clue: Clue, to_unit: Unit, instructions: str, deadline: date, user, today: date | None = None
) -> Transfer:
    """Send an approved clue (inquiry or verification) down, with a deadline and the result required."""
    today = today or timezone.localdate()
    clue = clue_locked(clue)
    if to_unit.kind not in HANDLING_UNIT_KINDS:
        raise ValidationError({"to_unit": "只能转办给乡镇纪委或派驻纪检组。"})
    if clue.disposition not in TRANSFERABLE_DISPOSITIONS:
        raise ValidationError(f"处置方式为“{clue.get_disposition_display()}”的线索不转办。")
    if deadline < today:
        raise ValidationError({"deadline": "办理期限不能早于今天。"})
    if not instructions.strip():
        raise ValidationError({"instructions": "请填写办理要求。"})
    clue_move(clue, Clue.Status.TRANSFERRED, "转办")
    clue.save(update_fields=["status"])
    transfer = Transfer(
        clue=clue, to_unit=to_unit, instructions=instructions, deadline=deadline,
        result_required=True, transferred_by=user,
    )  # fmt: skip
    transfer.full_clean()
    transfer.save()
    return transfer


@transaction.atomic
def transfer_report_result(*, transfer: Transfer, result: str, user, now: datetime | None = None) -> Transfer:
    """The receiving unit's officer files (or corrects) the result; the caller found it through transfers_answerable."""
    transfer = _locked(transfer)
    if not result.strip():
        raise ValidationError({"result": "请填写办理结果。"})
    _move(transfer, T.ANSWERED, "报送办理结果")
    transfer.result, transfer.result_by, transfer.result_at = result, user, now or timezone.now()
    transfer.save(update_fields=["status", "result", "result_by", "result_at"])
    return transfer


@transaction.atomic
def transfer_close(
    *, transfer: Transfer, user, conclude_clue: bool, conclusion: str = "", now: datetime | None = None
) -> Transfer:
    """Staff accept the result: the clue concludes with ``conclusion``, or goes back to be handled again."""
    now = now or timezone.now()
    transfer = _locked(transfer)
    _move(transfer, T.CLOSED, "办结")
    transfer.save(update_fields=["status"])
    clue = clue_locked(transfer.clue)
    if conclude_clue:
        conclusion = conclusion.strip() or transfer.result
        clue_move(clue, Clue.Status.CONCLUDED, "办结")
        clue.conclusion, clue.concluded_at = conclusion, now
    elif clue.status == Clue.Status.TRANSFERRED and not clue.transfers.exclude(status=T.CLOSED).exists():
        clue_move(clue, Clue.Status.APPROVED, "收回再处置")
    clue.save(update_fields=["status", "conclusion", "concluded_at"])
    return transfer
