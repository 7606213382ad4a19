"""Exposure by name (点名道姓通报曝光) of concluded cases: staff draft the text, a commission leader approves it.

Only the approved title and text are ever published; nothing else of the case reaches the public page.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases import access
from cases.models import Case, Exposure
from common.transitions import check_transition

E = Exposure.Status
EXPOSURE_TRANSITIONS = {
    (E.PENDING, E.PUBLISHED),
    (E.PENDING, E.REFUSED),
    (E.PUBLISHED, E.WITHDRAWN),
    (E.REFUSED, E.PENDING),  # drafted again after a refusal
    (E.WITHDRAWN, E.PENDING),
}


def _locked(exposure: Exposure) -> Exposure:
    return Exposure.objects.select_for_update().get(pk=exposure.pk)


def _move(exposure: Exposure, to: str, action: str) -> None:
    check_transition(EXPOSURE_TRANSITIONS, exposure.status, to, exposure.get_status_display(), action)
    exposure.status = to


def _leader_only(user) -> None:
    if not access.can_approve(user):
        raise PermissionDenied("只有纪委领导可以审批通报曝光。")


@transaction.atomic
def exposure_propose(*, case: Case, title: str, body: str, user) -> Exposure:
    """Draft the exposure of a concluded case (or redraft a refused or withdrawn one) for a leader's approval."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.stage != Case.Stage.CONCLUDED:
        raise ValidationError("案件结案后才能拟稿通报曝光。")
    if not title.strip() or not body.strip():
        raise ValidationError({"body": "请填写通报标题和内容。"})
    exposure = Exposure.objects.select_for_update().filter(case=case).first()
    if exposure is None:
        exposure = Exposure(case=case)
    else:
        _move(exposure, E.PENDING, "重新拟稿")
    exposure.title, exposure.body = title, body
    exposure.requested_by, exposure.requested_at = user, timezone.now()
    exposure.approved_by, exposure.published_at = None, None
    exposure.full_clean()
    exposure.save()
    return exposure


@transaction.atomic
def exposure_approve(*, exposure: Exposure, user, now: datetime | None = None) -> Exposure:
    """A commission leader approves the drafted text, which is published at once."""
    _leader_only(user)
    exposure = _locked(exposure)
    _move(exposure, E.PUBLISHED, "批准发布")
    exposure.approved_by, exposure.published_at = user, now or timezone.now()
    exposure.save(update_fields=["status", "approved_by", "published_at"])
    return exposure


@transaction.atomic
def exposure_refuse(*, exposure: Exposure, user) -> Exposure:
    _leader_only(user)
    exposure = _locked(exposure)
    _move(exposure, E.REFUSED, "不予批准")
    exposure.approved_by = user
    exposure.save(update_fields=["status", "approved_by"])
    return exposure


@transaction.atomic
def exposure_withdraw(*, exposure: Exposure, user) -> Exposure:
    """Take a published exposure off the public page (commission staff or leaders)."""
    exposure = _locked(exposure)
    _move(exposure, E.WITHDRAWN, "撤回")
    exposure.save(update_fields=["status"])
    return exposure
