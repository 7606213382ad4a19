"""The monthly jobs: the progress reminder (25th), the unit ranking (1st) and the statistics for the superior
commission (1st). Each works out its month from ``Context.day``, so a back-fill for any day does that day's work."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from cases.statistics import MONTHLY_HEADERS, MonthlyRow, MonthlyTable, monthly_table_of
from cases.statistics_export import monthly_title
from documents.content import Section, build
from documents.models import Document
from jobs.publishing import publish
from jobs.recipients import STAFF_AND_LEADERS, officers_by_unit, users_with_roles
from jobs.registry import Context, Job, register
from jobs.wording import long_date
from notifications.services import Message, deliver
from orgs.models import Role
from responsibility.models import ProgressReport, Ranking, RankingEntry, Task, TaskCoUnit
from responsibility.periods import month_end, month_start, next_month, previous_month
from responsibility.ranking_periods import Period, period_of, ranking_page_url
from responsibility.rankings import ranking_compute_latest, with_entries

REMINDER = "monthly_progress_reminder"
RANKING = "monthly_ranking"
STATISTICS = "monthly_statistics"
# Tasks awaiting acceptance or closed owe no report (the ranking's rule says the same).
OPEN = (Task.Status.NOT_STARTED, Task.Status.IN_PROGRESS)
NOT_APPLICABLE = "—"  # what the ranking page shows for a component the unit had nothing to score on
REPORT_BY_DAY = 5  # the superior commission wants last month's table by the 5th
ORDINALS = "一二三四五六七八九十"


def _period_label(start: date, end: date) -> str:
    return f"{long_date(start)}—{long_date(end)}"


# The progress reminder -----------------------------------------------------------------------------------------


def _reported(month: date, task: str, unit: str) -> Exists:
    return Exists(ProgressReport.objects.filter(task=OuterRef(task), unit=OuterRef(unit), period=month))


def missing_reports(month: date) -> QuerySet:
    """(unit id, unit name, task id, task number, task title) for each open task begun by the month's end and each
    of its active lead and co-units that has not reported on it for the month: one query, whatever the count."""
    begun = {"status__in": OPEN, "starts_on__lte": month_end(month)}
    lead = (
        Task.objects.filter(**begun, lead_unit__is_active=True)
        .filter(~_reported(month, "pk", "lead_unit_id"))
        .values_list("lead_unit_id", "lead_unit__name", "pk", "number", "title")
        .order_by()
    )
    co = (
        TaskCoUnit.objects.filter(**{f"task__{k}": v for k, v in begun.items()}, unit__is_active=True)
        .filter(~_reported(month, "task_id", "unit_id"))
        .values_list("unit_id", "unit__name", "task_id", "task__number", "task__title")
        .order_by()
    )
    return lead.union(co, all=True)


def _by_unit(rows: Iterable[tuple]) -> tuple[dict[int, list[tuple[int, str]]], dict[int, str]]:
    """Unit id → its unreported tasks as (number, title) in task order, and unit id → name."""
    tasks: dict[int, dict[int, tuple[int, str]]] = defaultdict(dict)
    names = {}
    for unit_id, unit_name, task_id, number, title in rows:
        names[unit_id] = unit_name
        tasks[unit_id][task_id] = (number, title)  # keyed by task: a lead unit also listed as co-unit counts once
    return {unit_id: sorted(found.values()) for unit_id, found in tasks.items()}, names


def _reminder(month: date, tasks: list[tuple[int, str]]) -> tuple[str, str]:
    end = month_end(month)
    title = f"请于{end.month}月{end.day}日前报送{month.month}月任务进度（{len(tasks)}项）"
    return title, "\n".join(f"任务{number} {task_title}" for number, task_title in tasks)


def progress_reminder(context: Context) -> None:
    """One reminder per officer of each unit with an unreported task this month, listing those tasks: a fixed
    number of queries for the pairs and the officers, then ``deliver``'s fixed number per 1000 reminders."""
    month = month_start(context.day)
    tasks_of, names = _by_unit(missing_reports(month))
    if not tasks_of:
        context.note(f"{month.month}月没有未报送进度的任务，无需提醒")
        return
    officers = officers_by_unit(context, tasks_of)
    url = reverse("responsibility:my-tasks")
    messages = []
    for unit_id, tasks in sorted(tasks_of.items()):
        if unit_id not in officers:
            context.note(
                f"{names[unit_id]}（单位{unit_id}）有{len(tasks)}项任务未报送{month.month}月进度，无单位联络员可提醒"
            )
            continue
        title, body = _reminder(month, tasks)
        messages += [Message(user_id, title, body, url) for user_id in officers[unit_id]]
    context.delivered += deliver(job=REMINDER, period=f"{month:%Y-%m}", messages=messages)


# The monthly ranking -------------------------------------------------------------------------------------------


def _number(value: Decimal | None) -> float | str:
    return NOT_APPLICABLE if value is None else float(value)


def _basis(d: dict) -> str:
    """The entry's 计分依据, worded as on the ranking page."""
    reports = "无应报"
    if d["reports_due"]:
        reports = f"应报 {d['reports_due']} 次，按时 {d['reports_on_time']}、逾期 {d['reports_late']}、"
        reports += f"未报 {d['reports_missing']}"
    milestones = f"按期 {d['milestones_met']}/{d['milestones_due']}" if d["milestones_due"] else "无"
    decided = d["acceptance_passed"] or d["acceptance_returned"]
    acceptance = f"通过 {d['acceptance_passed']}、退回 {d['acceptance_returned']}" if decided else "无"
    text = f"牵头 {d['tasks_led']} 项、协办 {d['tasks_co']} 项；报送 {reports}；节点 {milestones}；验收 {acceptance}"
    if d["accountability_records"]:
        text += f"；追责 {d['accountability_records']} 条"
        if d["dual_accountability"]:
            text += f"（一案双查 {d['dual_accountability']} 条）"
    return text


def _ranking_row(entry: RankingEntry) -> list:
    d = entry.details
    accountability = float(entry.accountability) if d["accountability_records"] else NOT_APPLICABLE
    parts = [_number(entry.timeliness), _number(entry.milestones), _number(entry.acceptance)]
    return [entry.rank, entry.unit.name, float(entry.score), *parts, accountability, _basis(d)]


def _ranking_columns(rule: dict) -> list[str]:
    weights = {c["key"]: c["weight"] for c in rule["components"]}
    parts = [f"{c['label']}（满分{weights[c['key']]}）" for c in rule["components"]]
    return ["名次", "单位", "总分", *parts, "责任追究（扣分）", "计分依据"]


def _ranking_counts(entries: list[RankingEntry]) -> str:
    total = defaultdict(int)
    for entry in entries:
        for key, value in entry.details.items():
            total[key] += value
    return (
        f"参评单位 {len(entries)} 个；应报进度 {total['reports_due']} 次，按时 {total['reports_on_time']} 次、"
        f"逾期 {total['reports_late']} 次、未报 {total['reports_missing']} 次；"
        f"时间节点按期完成 {total['milestones_met']} 个（应完成 {total['milestones_due']} 个）；"
        f"验收通过 {total['acceptance_passed']} 项、退回整改 {total['acceptance_returned']} 项；"
        f"责任追究 {total['accountability_records']} 条。"
    )


def ranking_content(ranking: Ranking, period: Period) -> dict:
    entries = list(with_entries(Ranking.objects.filter(pk=ranking.pk)).get().entries.all())
    computed_at = timezone.localtime(ranking.computed_at)
    page = ranking_page_url(period)
    table = Section(
        "一、单位排名",
        paragraphs=["“—”表示该单位本期没有此项考核内容，不参与计算。"] if entries else ["本期没有参评单位。"],
        columns=_ranking_columns(ranking.rule),
        rows=[_ranking_row(entry) for entry in entries],
    )
    return build(
        summary=[
            f"考核期间：{_period_label(period.start, period.end)}。排名于{long_date(computed_at.date())}"
            f"{computed_at:%H:%M}定稿，此后数据的修改不影响本期排名。",
            _ranking_counts(entries),
        ],
        sections=[table, Section("二、评分规则", paragraphs=ranking.rule["description"])],
        links=[("在系统中查看排名", page)],
    )


def monthly_ranking(context: Context) -> None:
    """Store last month's ranking (once) and publish it as a document to commission staff, admins and leaders."""
    ranking = ranking_compute_latest(kind=Ranking.Kind.MONTHLY, day=context.day)
    period = period_of(ranking.kind, ranking.period_start)
    publish(
        context, job=RANKING, kind=Document.Kind.MONTHLY_RANKING, period=period.key, period_start=period.start,
        period_end=period.end, title=f"{period.label}单位月评比排名", audience=Document.Audience.COMMISSION,
        content=lambda: ranking_content(ranking, period), recipients=users_with_roles(context, *STAFF_AND_LEADERS),
        message=f"{period.label}单位月评比排名已定稿，请查阅。",
    )  # fmt: skip


# The monthly statistics ----------------------------------------------------------------------------------------


def _statistics_row(row: MonthlyRow) -> list:
    *counts, funds = row.values()
    return [*counts, float(funds)]


def statistics_content(table: MonthlyTable) -> dict:
    month = f"{table.month:%Y-%m}"
    totals = "；".join(
        f"{s.title}立案 {s.total.filed} 件、结案 {s.total.concluded} 件、处理 {s.total.persons} 人"
        for s in table.sections
    )
    sections = [
        Section(f"{ORDINALS[i]}、{s.title}", columns=MONTHLY_HEADERS, rows=[*map(_statistics_row, [*s.rows, s.total])])
        for i, s in enumerate(table.sections)
    ]
    return build(
        summary=[
            f"统计期间：{_period_label(table.month, month_end(table.month))}。{totals}。",
            "立案数、结案数按立案日期、结案日期在本月的案件计；处理人数、党纪处分、政务处分和挽回经济损失按本月结案的"
            "案件计。问题类别取自案件的来源线索，无来源线索的计入“其他”。同时属于两类的案件在两张表中各计一次。",
        ],
        sections=sections,
        links=[
            ("在系统中查看月报表", f"{reverse('cases:statistics-monthly')}?month={month}"),
            ("下载 Excel", f"{reverse('cases:statistics-monthly-export')}?month={month}"),
        ],
    )


def monthly_statistics(context: Context) -> None:
    """Last month's eight-point-rule and four-winds table over every case, as a document for the commission's
    leaders and admins, who check it and send it on to the superior commission."""
    month = previous_month(context.day)
    table = monthly_table_of(Case.objects.all(), month)
    due = next_month(month).replace(day=REPORT_BY_DAY)
    publish(
        context, job=STATISTICS, kind=Document.Kind.MONTHLY_STATISTICS, period=f"{month:%Y-%m}",
        period_start=month, period_end=month_end(month), title=monthly_title(table),
        audience=Document.Audience.COMMISSION, content=lambda: statistics_content(table),
        recipients=users_with_roles(context, Role.COMMISSION_LEADER, Role.COMMISSION_ADMIN),
        message=f"请审核后于{due.month}月{due.day}日前报送上级纪委监委。",
    )  # fmt: skip


def _monthly(minute: str, hour: str, day: str) -> dict:
    return {"minute": minute, "hour": hour, "day_of_month": day, "month_of_year": "*", "day_of_week": "*"}


register(Job(REMINDER, "月度进度报送提醒", "每月25日 09:00", progress_reminder, _monthly("0", "9", "25")))
register(Job(RANKING, "月度评比", "每月1日 08:00", monthly_ranking, _monthly("0", "8", "1")))
register(Job(STATISTICS, "月度统计报表", "每月1日 08:30", monthly_statistics, _monthly("30", "8", "1")))
