"""Daily deadlines (到期提醒): what each unit has due within a few working days or overdue, the county's counts for
the supervisors, and the escalation of graded warnings (分级预警).

Every figure comes from set-based queries over the whole county, one per kind of item however many units and items
there are, and the digests are put together in memory. Each officer gets one digest a day (period the day, subject
""), the supervisors one summary a day (subject "county"), and a unit's warning goes to its officers and the
supervisors once per unit and level in a month (period the month): a level that rises is a new subject and so goes
out again; one that falls is not announced.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q
from django.urls import reverse

from cases.clocks import referral_due
from cases.models import Report, Transfer
from cases.selectors import ACCEPTANCE_OPEN, FEEDBACK_OPEN
from cases.selectors_transfers import quarter_end
from common.workdays import add_working_days, working_days_between
from jobs.recipients import officers_by_unit, users_with_roles
from jobs.registry import DAILY, Context, Job, register
from jobs.wording import long_date
from notifications.models import Notification
from notifications.services import Message, deliver
from orgs.models import Role, Unit
from rectification.models import Problem
from rectification.warnings import OPEN_FOR_UNIT, RULE, UnitWarning, effective_deadline, unit_warnings
from responsibility.models import Milestone, SupervisionNotice, TaskCoUnit
from responsibility.todos import OPEN as OPEN_TASKS

JOB = "daily_deadlines"
DEFAULT_WITHIN = 3
SUPERVISORS = (Role.COMMISSION_STAFF, Role.COMMISSION_ADMIN)
# kind → (label, what its date is called, the list page an officer works on it from)
KINDS = {
    "milestone": ("时间节点", "节点日期", "responsibility:my-tasks"),
    "notice": ("督办单", "回复期限", "responsibility:notice-list"),
    "transfer": ("转办线索", "办理期限", "cases:transfer-list"),
    "quarterly": ("季度结果报送", "报送期限", "cases:transfer-list"),
    "problem": ("整改问题", "整改时限", "rectification:problem-list"),
}
# Yellow 1, orange 2, red 3: a warning is announced unless a higher one already was this month.
RANK = {key: rank for rank, (key, _, _) in enumerate(reversed(RULE["levels"]), start=1)}


@dataclass(frozen=True)
class Item:
    kind: str
    due: date
    text: str
    unit_ids: tuple[int, ...]  # the units that answer for it: a task's lead unit and its co-units


def daily_deadlines(context: Context) -> None:
    day, within = context.day, _within(context)
    cutoff = add_working_days(day, within)
    items = [*_milestones(cutoff), *_notices(cutoff), *_transfers(day, cutoff), *_problems(cutoff)]
    warnings = unit_warnings(Unit.objects.all(), today=day, all_units=True)
    units = {w.unit.pk: w.unit for w in warnings}
    officers = officers_by_unit(context)
    supervisors = users_with_roles(context, *SUPERVISORS)
    messages = _officer_digests(context, items, officers, units)
    messages += _supervisor_summary(day, within, items, _report_counts(day, cutoff), supervisors)
    context.delivered += deliver(job=JOB, period=day.isoformat(), messages=messages)
    _escalate(context, warnings, officers, supervisors)


def _within(context: Context) -> int:
    """The schedule's ``within_working_days``; a value an admin mistyped falls back to the default, noted."""
    value = context.options.get("within_working_days", DEFAULT_WITHIN)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 30:
        return value
    context.note(f"提前天数 within_working_days={value!r} 无效，按 {DEFAULT_WITHIN} 个工作日计")
    return DEFAULT_WITHIN


# The items, one kind a query (milestones two: their co-units are a second set).


def _milestones(cutoff: date) -> list[Item]:
    milestones = Milestone.objects.filter(met_on__isnull=True, due_on__lte=cutoff, task__status__in=OPEN_TASKS)
    co_units = defaultdict(list)
    links = TaskCoUnit.objects.filter(task__in=milestones.values("task_id")).values_list("task_id", "unit_id")
    for task_id, unit_id in links:
        co_units[task_id].append(unit_id)
    rows = milestones.values_list("due_on", "requirement", "task_id", "task__number", "task__title", "task__lead_unit")
    return [
        Item("milestone", due, f"任务{number} {title}（{requirement}）", tuple(dict.fromkeys([lead, *co_units[task]])))
        for due, requirement, task, number, title, lead in rows
    ]


def _notices(cutoff: date) -> list[Item]:
    notices = SupervisionNotice.objects.filter(
        replied_at__isnull=True, closed_at__isnull=True, reply_deadline__lte=cutoff
    ).values_list("reply_deadline", "task__number", "task__title", "unit_id")
    return [Item("notice", due, f"任务{number} {title}", (unit,)) for due, number, title, unit in notices]


def _transfers(day: date, cutoff: date) -> list[Item]:
    """Transfers without a result: due by their deadline, and by the quarter's end for the quarterly result when
    that comes first (a deadline before the quarter's end already asks for the result)."""
    quarter_due = quarter_end(day)
    quarterly_due = quarter_due <= cutoff
    wanted = Q(deadline__lte=cutoff)
    if quarterly_due:
        wanted |= Q(result_required=True, deadline__gt=quarter_due)
    rows = Transfer.objects.filter(wanted, status=Transfer.Status.PENDING).values_list(
        "deadline", "result_required", "clue__number", "to_unit_id"
    )
    items = []
    for deadline, result_required, number, unit in rows:
        if deadline <= cutoff:
            items.append(Item("transfer", deadline, f"线索{number}", (unit,)))
        if quarterly_due and result_required and deadline > quarter_due:
            items.append(Item("quarterly", quarter_due, f"线索{number}本季度办理结果", (unit,)))
    return items


def _problems(cutoff: date) -> list[Item]:
    problems = (
        Problem.objects.annotate(due=effective_deadline())
        .filter(status__in=OPEN_FOR_UNIT, due__lte=cutoff)
        .values_list("due", "title", "unit_id")
    )
    return [Item("problem", due, title, (unit,)) for due, title, unit in problems]


# The officers' digests.


def _officer_digests(
    context: Context, items: list[Item], officers: dict[int, list[int]], units: dict[int, Unit]
) -> list[Message]:
    by_unit: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        for unit_id in item.unit_ids:
            by_unit[unit_id].append(item)
    if not by_unit:
        context.note("没有到期或逾期的事项")
    messages = []
    for unit_id, unit_items in sorted(by_unit.items()):
        if not officers.get(unit_id):
            context.skip(f"{units[unit_id].name}没有可接收提醒的联络员，{len(unit_items)}项到期事项未提醒")
            continue
        title, body, url = _digest(unit_items, context.day)
        messages += [Message(user_id, title, body, url) for user_id in officers[unit_id]]
    return messages


def _digest(items: list[Item], day: date) -> tuple[str, str, str]:
    """(title, body, url): the overdue first, the earliest first; the url the one list they all sit on, or the
    workbench when they are of several kinds."""
    items = sorted(items, key=lambda item: (item.due, item.kind, item.text))
    overdue = sum(item.due < day for item in items)
    counts = [f"{len(items) - overdue}项即将到期"] * (len(items) > overdue) + [f"{overdue}项已逾期"] * bool(overdue)
    lines = []
    for item in items:
        label, due_label, _ = KINDS[item.kind]
        lines.append(f"【{_state(item.due, day)}】{label}：{item.text}，{due_label}{_md(item.due, day)}")
    pages = {KINDS[item.kind][2] for item in items}
    url = reverse(pages.pop() if len(pages) == 1 else "workbench")
    return "到期提醒：" + "，".join(counts), "\n".join(lines), url


def _state(due: date, day: date) -> str:
    if due == day:
        return "今日到期"
    n = abs(working_days_between(day, due))
    if due < day:
        return f"已逾期{n}个工作日" if n else "已逾期"
    return f"{n}个工作日后到期" if n else "即将到期"


def _md(due: date, day: date) -> str:
    return f"{due.month}月{due.day}日" if due.year == day.year else long_date(due)


# The supervisors' summary.


def _supervisor_summary(
    day: date, within: int, items: list[Item], reports: list[tuple[str, int, int]], supervisors: list[int]
) -> list[Message]:
    counts = Counter((item.kind, item.due < day) for item in items)
    rows = [(label, counts[kind, True], counts[kind, False]) for kind, (label, _, _) in KINDS.items()]
    rows = [row for row in rows + reports if row[1] or row[2]]
    if not rows:
        return []
    overdue, soon = sum(row[1] for row in rows), sum(row[2] for row in rows)
    title = f"到期汇总：全县{overdue}项已逾期，{soon}项即将到期"
    body = "\n".join(f"{label}：已逾期{o}项，{within}个工作日内到期{s}项" for label, o, s in rows)
    url = reverse("cases:due-list")
    return [Message(user_id, title, body, url, "county") for user_id in supervisors]


def _report_counts(day: date, cutoff: date) -> list[tuple[str, int, int]]:
    """(clock, overdue, due soon) of the reports' running statutory clocks (``cases.clocks``), in one query.

    Referral runs from receipt until a decision, as no report is known to belong elsewhere before it is decided:
    an undecided report past five working days is late if it turns out to be another body's."""
    late_by, soon_by = _received_by(day - timedelta(days=1)), _received_by(cutoff)
    clocks = {
        "举报受理告知（实名）": _by_due(ACCEPTANCE_OPEN & Q(is_real_name=True), "acceptance_due_on", day, cutoff),
        "举报受理决定（匿名）": _by_due(ACCEPTANCE_OPEN & Q(is_real_name=False), "acceptance_due_on", day, cutoff),
        "举报结果反馈": _by_due(FEEDBACK_OPEN, "feedback_due_on", day, cutoff),
        "举报转交（未作受理决定）": (
            Q(status=Report.Status.RECEIVED, received_at__date__lte=late_by),
            Q(status=Report.Status.RECEIVED, received_at__date__gt=late_by, received_at__date__lte=soon_by),
        ),
    }
    aggregates = {}
    for i, (overdue, soon) in enumerate(clocks.values()):
        aggregates[f"overdue{i}"], aggregates[f"soon{i}"] = Count("pk", filter=overdue), Count("pk", filter=soon)
    counts = Report.objects.aggregate(**aggregates)
    return [(label, counts[f"overdue{i}"], counts[f"soon{i}"]) for i, label in enumerate(clocks)]


def _by_due(running: Q, field: str, day: date, cutoff: date) -> tuple[Q, Q]:
    return running & Q(**{f"{field}__lt": day}), running & Q(**{f"{field}__gte": day, f"{field}__lte": cutoff})


def _received_by(due_by: date) -> date:
    """The last day of receipt whose referral falls due on or before ``due_by``."""
    received = due_by - timedelta(days=1)
    while referral_due(received) > due_by:
        received -= timedelta(days=1)
    return received


# Escalation of graded warnings.


def _escalate(
    context: Context, warnings: list[UnitWarning], officers: dict[int, list[int]], supervisors: list[int]
) -> None:
    month = f"{context.day:%Y-%m}"
    announced = _announced(month)
    messages = []
    for warning in warnings:
        unit = warning.unit
        # Only a strictly higher level stops it: the same level is delivered again to whoever lacks it (a retried
        # run, an officer appointed since), and ``deliver`` skips the rest.
        if not warning.level or not unit.is_active or RANK[warning.level] < announced.get(unit.pk, 0):
            continue
        if not officers.get(unit.pk):
            context.note(f"{unit.name}没有可接收提醒的联络员，{warning.level_label}只发给纪委工作人员")
        title, body, url = _warning_message(warning)
        subject = f"warning:{unit.pk}:{warning.level}"
        recipients = sorted({*officers.get(unit.pk, []), *supervisors})
        messages += [Message(user_id, title, body, url, subject) for user_id in recipients]
    context.delivered += deliver(job=JOB, period=month, messages=messages)


def _announced(month: str) -> dict[int, int]:
    """Unit id → the rank of the highest warning already announced for it this month."""
    subjects = (
        Notification.objects.filter(job=JOB, period=month, subject__startswith="warning:")
        .values_list("subject", flat=True)
        .distinct()
    )
    highest: dict[int, int] = {}
    for subject in subjects:
        _, unit_id, level = subject.split(":")
        highest[int(unit_id)] = max(highest.get(int(unit_id), 0), RANK.get(level, 0))
    return highest


def _warning_message(warning: UnitWarning) -> tuple[str, str, str]:
    unit = warning.unit
    title = f"{warning.level_label}：{unit.name}（记{warning.points}分）"
    body = (
        f"{unit.name}否定式记分{warning.points}分，达到{warning.level_label}："
        f"超期未整改问题{warning.overdue}个（记{warning.overdue_points}分），"
        f"近{RULE['returned_window_days']}天验收退回{warning.returned}次（记{warning.returned_points}分）。"
        "请查看警示卡，抓紧整改。"
    )
    return title, body, reverse("rectification:warning-card", args=[unit.pk])


register(
    Job(
        JOB,
        "到期提醒",
        "每天7:30",
        daily_deadlines,
        {**DAILY, "minute": "30", "hour": "7"},
        {"within_working_days": DEFAULT_WITHIN},
    )
)
