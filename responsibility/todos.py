"""The checklist's to-dos on the workbench: what each role has to do next, in a fixed number of queries."""

from datetime import date

from django.urls import reverse

from jiancha.workbench import Todo
from orgs.access import actor_of
from orgs.models import Role
from responsibility import access, selectors
from responsibility.models import Task
from responsibility.periods import month_end, today

SHOWN = 10  # Past this many, one line points to the full list instead.
OPEN = (Task.Status.NOT_STARTED, Task.Status.IN_PROGRESS)


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日"


def _capped(todos: list[Todo], rest_title: str, rest_url: str) -> list[Todo]:
    if len(todos) <= SHOWN:
        return todos
    return [*todos[:SHOWN], Todo(rest_title.format(n=len(todos) - SHOWN), rest_url, kind="checklist")]


def _officer_todos(user) -> list[Todo]:
    day = today()
    unreported = selectors.my_tasks(user).filter(status__in=OPEN, reported_this_month=False)
    todos = [
        Todo(f"报送{day.month}月进度：任务{t.number} {t.title}", reverse("responsibility:report-file", args=[t.pk]),
             f"{_md(month_end(day))}前", "checklist")
        for t in unreported
    ]  # fmt: skip
    todos = _capped(todos, "另有 {n} 项任务待报送本月进度", reverse("responsibility:my-tasks"))
    notices = access.notices_answerable(user).filter(replied_at__isnull=True, closed_at__isnull=True)
    replies = [
        Todo(f"回复督办单：任务{n.task.number} {n.task.title}", reverse("responsibility:notice-reply", args=[n.pk]),
             f"{_md(n.reply_deadline)}前回复" + ("（已逾期）" if n.reply_deadline < day else ""), "checklist")
        for n in notices.select_related("task").order_by("reply_deadline", "pk")
    ]  # fmt: skip
    return todos + _capped(replies, "另有 {n} 份督办单待回复", reverse("responsibility:notice-list"))


def _commission_todos(user) -> list[Todo]:
    requested = access.tasks_visible(user).filter(status=Task.Status.ACCEPTANCE_REQUESTED).count()
    overdue = (
        access.notices_visible(user)
        .filter(replied_at__isnull=True, closed_at__isnull=True, reply_deadline__lt=today())
        .count()
    )
    todos = []
    if requested:
        url = reverse("responsibility:ledger") + "?status=" + Task.Status.ACCEPTANCE_REQUESTED
        todos.append(Todo(f"{requested} 项任务申请验收，待验收", url, kind="checklist"))
    if overdue:
        url = reverse("responsibility:notice-list") + "?state=overdue"
        todos.append(Todo(f"{overdue} 份督办单逾期未回复", url, kind="checklist"))
    return todos


def _leader_todos(user, person_id: int) -> list[Todo]:
    lagging = selectors.task_ledger(user).filter(owner_id=person_id, is_lagging=True).order_by("number")
    todos = [
        Todo(f"任务{t.number} {t.title} 滞后", reverse("responsibility:task-detail", args=[t.pk]), kind="checklist")
        for t in lagging.prefetch_related(None)
    ]
    return _capped(todos, "另有 {n} 项任务滞后", reverse("responsibility:leader-tasks"))


def checklist_todos(user) -> list[Todo]:
    actor = actor_of(user)
    todos = []
    if actor.holds(Role.UNIT_OFFICER) and actor.unit_id:
        todos += _officer_todos(user)
    if actor.is_commission:
        todos += _commission_todos(user)
    if actor.holds(Role.COUNTY_LEADER) and actor.person_id:
        todos += _leader_todos(user, actor.person_id)
    return todos
