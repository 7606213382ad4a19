"""The ranking of the public satisfaction rating (群众测评) for one period, townships and departments apart.

The rule, shown on the page as ``RULE``: a unit's score is the average of its ratings in the period (stars × 20,
so 20–100), rounded half up to one decimal; units are ranked by that rounded score, highest first, and equal
scores share a rank (1, 2, 2, 4). Units nobody rated are listed without a rank. A ranked unit is low-ranked
(flagged for a talk, 约谈) when its score is below ``LOW_SCORE``, or when it is in the bottom ``LOW_SHARE`` of its
group: with n ranked units, rank greater than n − ⌈n × 10%⌉.
"""

import math
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from orgs.models import Unit
from rectification.models import Talk
from rectification.services_ratings import RATED_KINDS, rated_units

LOW_SCORE = Decimal("60.0")
LOW_SHARE_PERCENT = 10
RULE = (
    "得分 = 本季度该单位全部测评的平均分（每颗星 20 分，满分 100 分），四舍五入保留一位小数。",
    "按得分从高到低排名，得分相同名次相同（如 1、2、2、4）；本季度无人测评的单位不排名。",
    f"乡镇、县级部门分别排名。得分低于 {LOW_SCORE} 分，或名次位于本组参评单位后 {LOW_SHARE_PERCENT}%"
    f"（n 个参评单位中名次大于 n − ⌈n × {LOW_SHARE_PERCENT}%⌉）的，列为排名靠后单位，约谈其主要负责人。",
)


@dataclass
class RankRow:
    unit: Unit
    count: int
    score: Decimal | None
    rank: int | None = None
    is_low: bool = False
    talks: int = 0


def _score(total: int | None, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total) / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def rank_rows(rows: list[RankRow]) -> list[RankRow]:
    """Rank one group in place by score and flag the low-ranked; returns the rows ranked first, unrated last."""
    ranked = sorted((row for row in rows if row.score is not None), key=lambda row: row.score, reverse=True)
    n = len(ranked)
    bottom = n - math.ceil(n * LOW_SHARE_PERCENT / 100)
    for position, row in enumerate(ranked):
        tied_above = position > 0 and ranked[position - 1].score == row.score
        row.rank = ranked[position - 1].rank if tied_above else position + 1
        row.is_low = row.score < LOW_SCORE or row.rank > bottom
    return ranked + [row for row in rows if row.score is None]


def ranking_for(period: date) -> dict[str, list[RankRow]]:
    """Every rated unit's count, score, rank and talks for ``period``, by group label (乡镇, 县级部门): two queries."""
    in_period = Q(ratings__period=period)
    units = rated_units().annotate(
        rating_count=Count("ratings", filter=in_period), rating_total=Sum("ratings__score", filter=in_period)
    )
    talks = dict(Talk.objects.filter(period=period).values_list("unit").annotate(n=Count("id")).order_by())
    groups: dict[str, list[RankRow]] = {Unit.Kind(kind).label: [] for kind in RATED_KINDS}
    for unit in units:
        score = _score(unit.rating_total, unit.rating_count)
        groups[unit.get_kind_display()].append(RankRow(unit, unit.rating_count, score, talks=talks.get(unit.pk, 0)))
    return {label: rank_rows(rows) for label, rows in groups.items()}
