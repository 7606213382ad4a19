"""明察暗访 on the dashboard: findings by category in the period, and by holiday checkpoint of the year.

A finding counts in the period by the local day it was found, as the finding list's 发现日期 filters count it, and
under a checkpoint by the plan that served it, whatever the day, as the inspection statistics count it. A county
leader sees the findings in their units without links: findings and plans are the commission's and the teams'."""

from django.db.models import Count

from dashboard.figures import Bar, Figure, Scope, Section, bars, register_section
from dashboard.links import list_url, period_filters
from inspections.models import Finding
from inspections.statistics import findings_by_checkpoint


def _findings_url(scope: Scope, **filters) -> str:
    return scope.link(list_url("inspections:finding-list", **filters))


def by_category(scope: Scope) -> Figure:
    found = Finding.objects.filter(occurred_at__date__range=(scope.start, scope.end))
    rows = scope.units(found).values_list("category").annotate(n=Count("pk")).order_by()
    period = period_filters(scope)
    return Figure(
        key="inspection-categories",
        title="发现问题（按类别）",
        bars=bars(rows, dict(Finding.Category.choices), lambda key: _findings_url(scope, **period, category=key)),
        chart="hbar",
        note="按发现日期统计所选期间明察暗访发现的问题。",
        total_url=_findings_url(scope, **period),
    )


def by_checkpoint(scope: Scope) -> Figure:
    rows = findings_by_checkpoint(scope.units(Finding.objects.all()), scope.year)
    return Figure(
        key="inspection-checkpoints",
        title=f"{scope.year}年节点检查发现问题",
        bars=[
            Bar(f"{c.name}（{c.day:%m-%d}）", n, _findings_url(scope, checkpoint=c.key, unit=scope.unit_id))
            for c, n in rows
        ],
        note="按检查计划所服务的节点统计，含节前、节后检查中发现的问题；选择月份时仍显示全年各节点。",
    )


def figures(scope: Scope) -> list[Figure]:
    return [by_category(scope), by_checkpoint(scope)]


register_section(Section(key="inspections", title="明察暗访", figures=figures, order=30))
