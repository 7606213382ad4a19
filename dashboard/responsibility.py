"""The checklist's figures (责任清单): tasks by status, lagging tasks by owner and by lead unit, and the latest
monthly ranking. Each task figure counts what the ledger shows for the same filters, and links there."""

from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet, Subquery
from django.urls import reverse

from dashboard.figures import Bar, Figure, Scope, Section, bars, register_section
from responsibility.access import unit_tasks
from responsibility.models import Ranking, RankingEntry, Task
from responsibility.ranking_periods import period_of, ranking_page_url
from responsibility.selectors import with_lagging

TOP_UNITS = 10
TOP_LAGGING = 20


def tasks(scope: Scope) -> QuerySet[Task]:
    """The tasks of the year's plans, narrowed as the ledger's ``year`` and ``unit`` filters narrow them.

    The month is left out: a task belongs to its plan's year, not to a month. A county leader's units are the
    units of the tasks they own, so keeping their own tasks already keeps to their units.
    """
    queryset = Task.objects.filter(plan__year=scope.year)
    if scope.owner_id is not None:
        queryset = queryset.filter(owner_id=scope.owner_id)
    if scope.unit_id is not None:
        queryset = queryset.filter(unit_tasks(scope.unit_id))
    return queryset


def ledger_url(scope: Scope, **params) -> str:
    """The ledger filtered like the figures, and by ``params``. Not ``scope.link``: a county leader may open
    the ledger, which shows them their own tasks, the same ones the figures count."""
    base = {"year": scope.year} | ({"unit": scope.unit_id} if scope.unit_id is not None else {})
    return f"{reverse('responsibility:ledger')}?{urlencode(base | params)}"


def _task_note(scope: Scope) -> str:
    return f"{scope.year}年度专项治理方案的任务；是否滞后按今天判断，与台账“滞后”一栏相同；月份筛选不适用。"


def by_status(scope: Scope) -> Figure:
    rows = tasks(scope).values_list("status").annotate(n=Count("pk"))
    return Figure(
        "tasks-by-status", f"任务状态（{scope.year}年度）",
        bars(rows, dict(Task.Status.choices), lambda status: ledger_url(scope, status=status)),
        chart="doughnut", unit="项", note=_task_note(scope), total_url=ledger_url(scope),
    )  # fmt: skip


def lagging_by(scope: Scope, field: str, key: str, title: str) -> Figure:
    """Lagging tasks by ``field`` (a foreign key the ledger filters on): every value with tasks, even at 0, up to
    ``TOP_LAGGING`` of them, the most lagging first (a province's lead units would be ten thousand bars)."""
    name = f"{field}__name"
    rows = list(
        with_lagging(tasks(scope))
        .values(field, name)
        .annotate(n=Count("pk", filter=Q(is_lagging=True)))
        .order_by("-n", name)
    )
    lagging = [
        Bar(row[name], row["n"], ledger_url(scope, lagging="true", **{field: row[field]})) for row in rows[:TOP_LAGGING]
    ]
    note = _task_note(scope)
    if len(rows) > TOP_LAGGING:
        note += f"共{len(rows)}个，图表只列滞后任务最多的{TOP_LAGGING}个，合计为全部。"
    return Figure(key, title, lagging, chart="hbar", unit="项", note=note, total_url=ledger_url(scope, lagging="true"),
                  overall=sum(row["n"] for row in rows))  # fmt: skip


def latest_ranking(scope: Scope) -> Figure:
    """The top units of the last monthly ranking stored for a month up to the end of the selected period."""
    latest = Ranking.objects.filter(kind=Ranking.Kind.MONTHLY, period_start__lte=scope.end)
    entries = list(
        scope.units(RankingEntry.objects.filter(ranking=Subquery(latest.order_by("-period_start").values("pk")[:1])))
        .select_related("unit", "ranking")
        .order_by("rank", "unit__kind", "unit__sort_order", "unit")[:TOP_UNITS]
    )
    if not entries:
        return Figure("monthly-ranking", "月评比排名", [], chart="hbar", unit="分",
                      note="所选期间及以前没有已生成的月评比排名，或所选单位未参评。")  # fmt: skip
    period = period_of(Ranking.Kind.MONTHLY, entries[0].ranking.period_start)
    url = ranking_page_url(period)
    whose = "您的任务涉及的单位中" if scope.is_leader_view else ""
    return Figure(
        "monthly-ranking", f"月评比排名（{period.label}，前{TOP_UNITS}名）",
        [Bar(f"第{e.rank}名 {e.unit.name}", float(e.score), url) for e in entries], chart="hbar", unit="分",
        note=f"{whose}已定稿月评比总分最高的单位，名次为全县名次；点击分数查看完整排名和评分规则。",
    )  # fmt: skip


def figures(scope: Scope) -> list[Figure]:
    return [
        by_status(scope),
        lagging_by(scope, "owner", "lagging-by-owner", "各责任领导的滞后任务"),
        lagging_by(scope, "lead_unit", "lagging-by-lead-unit", "各牵头单位的滞后任务"),
        latest_ranking(scope),
    ]


register_section(Section("responsibility", "责任清单", figures, order=10, for_leaders=True))
