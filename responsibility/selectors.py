"""Reads of the checklist: the ledger with its derived columns, computed in the database."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from orgs.access import actor_of
from responsibility import access
from responsibility.filters import TaskFilter
from responsibility.models import Milestone, ProgressReport, SupervisionNotice, Task, TaskCoUnit
from responsibility.periods import month_start, previous_month, today

LAGGING_RULE = (
    "滞后：任务未销号，且有时间节点已过期而未达到目标进度；"
    "或上月（任务开始之后）牵头单位、协办单位中有单位未报送进度（已申请验收的任务除外）。"
)


def _missed_report(day: date) -> Q:
    period = previous_month(day)
    reported = ProgressReport.objects.filter(task=OuterRef("task"), unit=OuterRef("unit"), period=period)
    lead_reported = ProgressReport.objects.filter(task=OuterRef("pk"), unit=OuterRef("lead_unit"), period=period)
    co_missing = TaskCoUnit.objects.filter(task=OuterRef("pk")).exclude(Exists(reported))
    return Q(status__in=[Task.Status.NOT_STARTED, Task.Status.IN_PROGRESS], starts_on__lt=month_start(day)) & (
        ~Exists(lead_reported) | Exists(co_missing)
    )


def with_lagging(tasks: QuerySet[Task], day: date | None = None) -> QuerySet[Task]:
    """Annotate ``next_milestone`` (earliest unmet milestone date) and ``is_lagging`` (see LAGGING_RULE)."""
    day = day or today()
    unmet = Milestone.objects.filter(task=OuterRef("pk"), met_on__isnull=True)
    overdue = Q(Exists(unmet.filter(due_on__lt=day)))
    return tasks.annotate(
        next_milestone=Subquery(unmet.order_by("due_on").values("due_on")[:1]),
        is_lagging=ExpressionWrapper(
            ~Q(status=Task.Status.CLOSED) & (overdue | _missed_report(day)), output_field=BooleanField()
        ),
    )


def task_ledger(user) -> QuerySet[Task]:
    return with_lagging(
        access.tasks_visible(user).select_related("plan", "owner", "lead_unit").prefetch_related("co_units")
    )


def task_ledger_filtered(user, params) -> tuple[TaskFilter, QuerySet[Task]]:
    """The ledger as the page, the print view and the exports show it: filtered, searched, sorted.

    Invalid filter values give no rows (the filter's errors say why) rather than silently all rows.
    """
    task_filter = TaskFilter(params, queryset=task_ledger(user))
    tasks = task_filter.qs if task_filter.is_valid() else Task.objects.none()
    if not params.get("ordering"):
        tasks = tasks.order_by("number", "pk")
    return task_filter, tasks


def task_get(user, pk: int) -> Task:
    return get_object_or_404(task_ledger(user), pk=pk)


def notice_list(user) -> QuerySet[SupervisionNotice]:
    return access.notices_visible(user).select_related("task", "unit", "issued_by", "replied_by")


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    kind: str
    title: str
    body: str = ""
    obj: object = None


def task_timeline(task: Task) -> list[TimelineEvent]:
    """Reports, notices and replies, acceptance and accountability, oldest first; a fixed number of queries."""
    events = [
        TimelineEvent(r.submitted_at, "report", f"{r.unit.name} 报送 {r.period:%Y年%m月} 进度 {r.percent}%"
                      + ("（逾期）" if r.is_late else ""), r.text, r)
        for r in task.reports.select_related("unit").prefetch_related("attachments")
    ]  # fmt: skip
    for n in task.notices.select_related("unit"):
        events.append(
            TimelineEvent(
                n.issued_at, "notice", f"向{n.unit.name}发出督办单，{n.reply_deadline:%Y-%m-%d}前回复", n.content, n
            )
        )
        if n.replied_at:
            events.append(TimelineEvent(n.replied_at, "reply", f"{n.unit.name} 回复督办单", n.reply, n))
        if n.closed_at:
            events.append(TimelineEvent(n.closed_at, "notice-closed", "督办单办结", "", n))
    for a in task.acceptances.all():
        events.append(TimelineEvent(a.requested_at, "acceptance-request", "牵头单位申请验收", a.request_note, a))
        if a.decided_at:
            events.append(TimelineEvent(a.decided_at, "acceptance", a.get_result_display(), a.comments, a))
    for rec in task.accountability_records.select_related("unit", "person"):
        who = f"{rec.unit.name}{'（' + rec.person.name + '）' if rec.person else ''}"
        events.append(
            TimelineEvent(
                _midnight(rec.decided_on),
                "accountability",
                f"责任追究：{who} {rec.get_measure_display()}",
                rec.reason,
                rec,
            )
        )
    return sorted(events, key=lambda e: e.at)


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()))


def my_tasks(user) -> QuerySet[Task]:
    """The officer's tasks with ``reported_this_month`` for their own unit: open ones first, lagging ones on top."""
    unit_id = actor_of(user).unit_id
    this_month = ProgressReport.objects.filter(task=OuterRef("pk"), unit_id=unit_id, period=month_start(today()))
    return (
        with_lagging(access.tasks_reportable(user).select_related("plan", "lead_unit", "owner"))
        .annotate(reported_this_month=Exists(this_month), is_closed=Q(status=Task.Status.CLOSED))
        .order_by("is_closed", "-is_lagging", "number")
    )
