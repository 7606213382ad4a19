"""Intake's to-dos on the workbench: reports whose statutory clock needs attention, identity requests to decide."""

from django.urls import reverse
from django.utils import timezone

from cases import access, selectors
from cases.models import IdentityRequest
from jiancha.workbench import Todo


def intake_todos(user) -> list[Todo]:
    """Two counts at most, whatever the number of reports."""
    todos = []
    if access.can_handle(user):
        due = selectors.due_reports(user, timezone.localdate()).count()
        if due:
            todos.append(Todo(f"{due} 件举报的办理时限已逾期或即将到期", reverse("cases:due-list"), kind="cases"))
    if access.can_approve(user):
        pending = selectors.identity_requests(user).filter(status=IdentityRequest.Status.PENDING)
        count = pending.exclude(requested_by=user).count()
        if count:
            todos.append(
                Todo(f"{count} 件举报人身份查看申请待审批", reverse("cases:identity-request-list"), kind="cases")
            )
    return todos
