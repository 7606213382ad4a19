"""What the quarterly bulletin (季度通报) says about a closed quarter: tasks, lagging units, rectification, cases.

Tasks and problems are read with the status they have when the bulletin is made (neither app keeps a history of
statuses); reports, clues and cases count by the day they arrived, were proposed, filed or concluded in the quarter.
A fixed handful of queries, whatever the number of units.
"""

from collections import Counter
from datetime import date, timedelta

from django.db.models import Avg, Count, Q

from cases.models import Case, Clue, Report
from documents.content import Section, build
from rectification.models import Problem
from rectification.reconciliation import reconciliation
from responsibility.models import Task
from responsibility.ranking_periods import Period, ranking_page_url
from responsibility.rankings import active_tasks, ranking_compute
from responsibility.selectors import LAGGING_RULE, with_lagging

LAGGING_COLUMNS = ("单位", "滞后任务（项）", "未报送进度（次）", "季度得分", "季度名次")
RATE_COLUMNS = ("单位", "问题数", "已验收销号", "立行立改", "整改完成率（%）")


def quarterly_title(quarter: Period) -> str:
    return f"{quarter.label}正风肃纪工作通报"


def quarterly_content(quarter: Period, day: date) -> dict:
    """The bulletin of the closed ``quarter`` as of ``day``; stores the quarter's ranking if it is not stored yet."""
    tasks, task_section = _tasks(quarter)
    lagging, lagging_section = _lagging(quarter, day)
    rectification, rectification_sections = _rectification(quarter)
    cases, cases_section = _cases(quarter)
    summary = f"{quarter.label}，全县{tasks}；工作滞后单位{lagging}个；{rectification}；{cases}。现将有关情况通报如下。"
    ranking_url = ranking_page_url(quarter)
    return build(
        summary=[summary],
        sections=[task_section, lagging_section, *rectification_sections, cases_section],
        links=[("查看季度排名", ranking_url)],
    )


def _tasks(quarter: Period) -> tuple[str, Section]:
    statuses = {f"s_{key}": Count("pk", filter=Q(status=key)) for key in Task.Status.values}
    row = active_tasks(quarter).aggregate(total=Count("pk"), average=Avg("progress"), **statuses)
    average = f"{row['average'] or 0:.1f}%"
    text = f"在办任务{row['total']}项，平均进度{average}"
    rows = [(str(label), row[f"s_{key}"]) for key, label in Task.Status.choices]
    section = Section(
        "一、任务推进情况",
        paragraphs=[f"本季度在办任务（季度内已开始、未在季度前销号）{row['total']}项，平均进度{average}。"],
        columns=("任务状态", "任务数"),
        rows=rows,
    )
    return text, section


def _lagging(quarter: Period, day: date) -> tuple[int, Section]:
    """Units leading tasks that were lagging when the quarter closed, or that missed monthly progress reports in it
    (from the quarter's ranking, which this stores)."""
    # Judged on the day after the quarter, so the quarter's last month counts as the month reports were due for.
    tasks = with_lagging(active_tasks(quarter), day=quarter.end + timedelta(days=1)).filter(is_lagging=True)
    lagging_of = Counter()
    names = {}
    for unit_id, name in tasks.values_list("lead_unit_id", "lead_unit__name"):
        lagging_of[unit_id] += 1
        names[unit_id] = name
    ranking = ranking_compute(kind=quarter.kind, period_start=quarter.start, day=day)
    entries = {entry.unit_id: entry for entry in ranking.entries.select_related("unit")}
    missed_of = {unit_id: entry.details.get("reports_missing", 0) for unit_id, entry in entries.items()}
    names |= {unit_id: entry.unit.name for unit_id, entry in entries.items() if missed_of[unit_id]}
    order = sorted(names, key=lambda unit_id: (-lagging_of[unit_id], -missed_of.get(unit_id, 0), names[unit_id]))
    rows = [(names[u], lagging_of[u], missed_of.get(u, 0), *_score(entries.get(u))) for u in order]
    paragraphs = [
        f"滞后任务按任务台账口径认定（{LAGGING_RULE}），计入牵头单位；未报送进度次数按季度排名的计分依据统计。"
    ]
    if not rows:
        paragraphs.append("本季度没有工作滞后的单位。")
    return len(rows), Section("二、工作滞后单位", paragraphs=paragraphs, columns=LAGGING_COLUMNS, rows=rows)


def _score(entry) -> tuple[float | None, int | None]:
    return (float(entry.score), entry.rank) if entry else (None, None)


def _rate(done: int, total: int) -> float | None:
    return round(done * 100 / total, 1) if total else None


def _rectification(quarter: Period) -> tuple[str, list[Section]]:
    problems = Problem.objects.filter(created_at__lt=quarter.ends_at)
    by_status = dict(problems.order_by().values_list("status").annotate(n=Count("pk")))
    units, totals = reconciliation(problems)
    total, closed, fixed = totals["all_total"], totals["all_closed"], totals["all_fixed_at_once"]
    rate = _rate(closed + fixed, total)
    rate_text = "—" if rate is None else f"{rate}%"
    overall = Section(
        "三、问题整改情况",
        paragraphs=[
            f"截至季度末累计登记问题{total}个（按通报时的整改状态统计），已验收销号{closed}个、立行立改{fixed}个，"
            f"整改完成率（已验收销号与立行立改之和占问题总数的比例）{rate_text}。"
        ],
        columns=("整改状态", "问题数"),
        rows=[(str(label), by_status.get(key, 0)) for key, label in Problem.Status.choices],
    )
    rows = []
    for unit in units:
        n, unit_closed, unit_fixed = (
            unit[f"self_{c}"] + unit[f"supervision_{c}"] for c in ("total", "closed", "fixed_at_once")
        )
        rows.append((unit["unit_name"], n, unit_closed, unit_fixed, _rate(unit_closed + unit_fixed, n)))
    rows.sort(key=lambda row: (row[4], row[0]))
    per_unit = Section("（各单位整改完成率，由低到高）", columns=RATE_COLUMNS, rows=rows)
    phrase = "尚无登记的整改问题" if rate is None else f"问题整改完成率{rate_text}"
    return phrase, [overall, per_unit]


def _cases(quarter: Period) -> tuple[str, Section]:
    reports = Report.objects.filter(received_at__gte=quarter.starts_at, received_at__lt=quarter.ends_at).count()
    clues = Clue.objects.filter(proposed_at__gte=quarter.starts_at, proposed_at__lt=quarter.ends_at).count()
    dates = (quarter.start, quarter.end)
    row = Case.objects.aggregate(
        filed=Count("pk", filter=Q(filed_on__range=dates)), concluded=Count("pk", filter=Q(concluded_on__range=dates))
    )
    text = f"收到信访举报{reports}件，立案{row['filed']}件、结案{row['concluded']}件"
    rows = [
        ("收到信访举报（件）", reports),
        ("拟办问题线索（条）", clues),
        ("立案（件）", row["filed"]),
        ("结案（件）", row["concluded"]),
    ]
    return text, Section("四、信访举报和案件查办情况", columns=("项目", "数量"), rows=rows)
