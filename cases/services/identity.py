"""Custody of the reporter's identity: a reasoned request, a commission leader's decision, a record of each showing.

The identity is shown only through ``identity_show``, which finds the grant through ``access.identity_grant``
(the requester's own approved, unexpired request for that very report) and records an IdentityView in the same
transaction as it reads the identity: no record, no identity.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases import access
from cases.models import IdentityRequest, IdentityView, Report
from cases.services.triage import IDENTITY_FIELDS
from common.transitions import TransitionNotAllowed, check_transition

R = IdentityRequest.Status
REQUEST_TRANSITIONS = {(R.PENDING, R.APPROVED), (R.PENDING, R.REFUSED)}


@dataclass(frozen=True)
class ReporterIdentity:
    name: str
    id_number: str
    phone: str
    reason: str  # the approved reason, as recorded with the view
    valid_until: datetime  # when the approval lapses


@transaction.atomic
def identity_request_create(*, report: Report, user, reason: str, now: datetime | None = None) -> IdentityRequest:
    """Ask to see one report's reporter identity. One open request per person and report."""
    if not access.can_handle(user):
        raise PermissionDenied
    if not report.is_real_name:
        raise ValidationError("匿名举报没有登记举报人身份。")
    if not reason.strip():
        raise ValidationError({"reason": "请填写查看举报人身份的理由。"})
    # The report's row lock makes a double submit wait, then find the first request.
    Report.objects.select_for_update().filter(pk=report.pk).values_list("pk").get()
    mine = IdentityRequest.objects.filter(report=report, requested_by=user)
    if mine.filter(status=R.PENDING).exists():
        raise ValidationError("您对该举报已有待审批的申请，请等待纪委领导审批。")
    if access.identity_grant(user, report, now=now):
        raise ValidationError("您的申请已获批准且仍在有效期内，无需再次申请。")
    request = IdentityRequest(report=report, requested_by=user, reason=reason.strip())
    request.requested_at = now or timezone.now()
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def identity_request_decide(
    *, request: IdentityRequest, user, approve: bool, note: str = "", now: datetime | None = None
) -> IdentityRequest:
    """A commission leader approves or refuses someone else's request; a refusal says why."""
    if not access.can_approve(user):
        raise PermissionDenied
    request = IdentityRequest.objects.select_for_update().get(pk=request.pk)
    if request.requested_by_id == user.pk:
        raise TransitionNotAllowed("不能审批本人提出的申请，须由其他纪委领导审批。")
    target, action = (R.APPROVED, "批准") if approve else (R.REFUSED, "不予批准")
    check_transition(REQUEST_TRANSITIONS, request.status, target, request.get_status_display(), action)
    if not approve and not note.strip():
        raise ValidationError({"note": "不予批准时请填写审批意见。"})
    request.status, request.decided_by, request.decided_at = target, user, now or timezone.now()
    request.decision_note = note.strip()
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return request


@transaction.atomic
def identity_show(*, report: Report, user, now: datetime | None = None) -> ReporterIdentity | None:
    """The identity for the holder of a grant, recorded as one IdentityView; None for everybody else."""
    grant = access.identity_grant(user, report, now=now)
    if grant is None:
        return None
    IdentityView.objects.create(
        request=grant, report=report, viewer=user, viewed_at=now or timezone.now(), reason=grant.reason
    )
    name, id_number, phone = Report.objects.filter(pk=report.pk).values_list(*IDENTITY_FIELDS).get()
    return ReporterIdentity(name, id_number, phone, grant.reason, grant.decided_at + access.IDENTITY_GRANT_VALIDITY)
