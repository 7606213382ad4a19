"""整改落实 on the dashboard: the rectification rate by unit and the problems by status, of the problems registered
in the period; and the units under each graded warning as of today.

A problem counts in the period by the local day it was registered, as the problem list's 登记日期 filters count it,
with the status it has now. A county leader sees their units' problems and warnings without links: the problem and
warning lists are the commission's (and each unit officer's own)."""

from collections import Counter

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from dashboard.figures import Bar, Figure, Scope, Section, bars, register_section
from dashboard.links import list_url, period_filters
from orgs.models import Unit
from rectification.models import Problem
from rectification.warnings import RULE, unit_warnings

RECTIFIED = (Problem.Status.CLOSED, Problem.Status.FIXED_AT_ONCE)
TOP_UNITS = 15  # a readable chart: the units with most problems, where the rate means most


def _problems(scope: Scope) -> QuerySet[Problem]:
    return scope.units(Problem.objects.filter(created_at__date__range=(scope.start, scope.end)))


def _problems_url(scope: Scope, **filters) -> str:
    return scope.link(list_url("rectification:problem-list", **{**period_filters(scope), **filters}))


def rate_by_unit(scope: Scope) -> Figure:
    rows = (
        _problems(scope)
        .values("unit", "unit__name")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(status__in=RECTIFIED)))
        .order_by("-n", "unit__name")[:TOP_UNITS]
    )
    return Figure(
        key="rectification-rate",
        title="整改完成率（按单位）",
        bars=[
            Bar(
                f"{r['unit__name']}（{r['n']}件）",
                round(r["done"] * 100 / r["n"], 1),
                _problems_url(scope, unit=r["unit"]),
            )
            for r in rows
        ],
        chart="hbar",
        unit="%",
        note=f"完成率 =（已验收销号 + 立行立改）÷ 问题总数。统计所选期间登记的问题，按其当前状态；"
        f"列出问题最多的 {TOP_UNITS} 个单位，括号内为问题数。",
    )


def by_status(scope: Scope) -> Figure:
    rows = _problems(scope).values_list("status").annotate(n=Count("pk")).order_by()
    return Figure(
        key="rectification-status",
        title="整改问题（按状态）",
        bars=bars(rows, dict(Problem.Status.choices), lambda status: _problems_url(scope, status=status)),
        chart="doughnut",
        note="所选期间登记的问题，按当前状态统计。",
        total_url=_problems_url(scope),
    )


def _warnings_url(scope: Scope) -> str:
    """The warning list heads with each level's count of units (it has no level filter); one unit's is its card."""
    if scope.unit_id is None:
        return scope.link(reverse("rectification:warning-list"))
    return scope.link(reverse("rectification:warning-card", args=[scope.unit_id]))


def warnings(scope: Scope) -> Figure:
    levels = Counter(w.level for w in unit_warnings(scope.units(Unit.objects.all(), "pk")))
    url = _warnings_url(scope)
    return Figure(
        key="rectification-warnings",
        title="分级预警单位",
        bars=[Bar(label, levels[key], url) for key, label, _ in reversed(RULE["levels"])],
        unit="个单位",
        note="按否定式记分于今日实时计算，不受期间筛选影响。",
    )


def figures(scope: Scope) -> list[Figure]:
    return [rate_by_unit(scope), by_status(scope), warnings(scope)]


register_section(Section(key="rectification", title="整改落实", figures=figures, order=40))
