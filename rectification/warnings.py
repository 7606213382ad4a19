"""Negative scoring (否定式记分) and graded warnings (分级预警), derived from the problems, never stored.

The rule is data (``RULE``) and the pages print it, so what the unit reads is what was counted. Points come from
two facts the unit answers for: a problem past its deadline that it has neither fixed nor sent for acceptance, and
an acceptance the commission returned. A problem waiting for acceptance counts no longer: the wait is the
commission's. The deadline is the one the unit committed to, where there is a commitment, else the problem's own.
Every figure for every unit comes from two grouped queries, whatever the number of units.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, Count, F, IntegerField, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from orgs.models import Unit
from rectification.models import Acceptance, Problem

S = Problem.Status

RULE = {
    "overdue_points": 3,  # each problem past its deadline, neither fixed nor sent for acceptance
    "overdue_step_days": 10,  # one point more for every further 10 days overdue …
    "overdue_step_max": 3,  # … at most 3 more, so one problem weighs 6 at most
    "returned_points": 2,  # each acceptance returned (退回整改) in the window
    "returned_window_days": 365,
    # Highest first: the first threshold a unit's points reach gives its warning.
    "levels": (("red", "红色预警", 20), ("orange", "橙色预警", 12), ("yellow", "黄色预警", 6)),
}
OPEN_FOR_UNIT = (S.PENDING, S.IN_PROGRESS)


def rule_lines() -> list[str]:
    """The rule in words, for the pages."""
    r = RULE
    levels = "，".join(f"{label} ≥ {points} 分" for _, label, points in reversed(r["levels"]))
    return [
        f"问题超过整改时限（有承诺的以承诺时限为准）仍未整改完成、也未申请验收的，每个记 {r['overdue_points']} 分；"
        f"每再超期 {r['overdue_step_days']} 天加 1 分，最多加 {r['overdue_step_max']} 分。",
        f"近 {r['returned_window_days']} 天内验收被退回整改的，每次记 {r['returned_points']} 分。",
        f"分级预警：{levels}。",
    ]


def level_of(points: int) -> tuple[str, str]:
    """(key, label) of the warning ``points`` give; ("", "") below the lowest threshold."""
    for key, label, threshold in RULE["levels"]:
        if points >= threshold:
            return key, label
    return "", ""


@dataclass
class UnitWarning:
    unit: Unit
    overdue: int = 0
    overdue_points: int = 0
    returned: int = 0
    returned_points: int = 0
    problems: list = field(default_factory=list)  # the card's detail: overdue problems, then returns

    @property
    def points(self) -> int:
        return self.overdue_points + self.returned_points

    @property
    def level(self) -> str:
        return level_of(self.points)[0]

    @property
    def level_label(self) -> str:
        return level_of(self.points)[1] or "无预警"


def effective_deadline():
    return Coalesce(F("commitment__deadline"), F("deadline"))


def _overdue_points(today: date):
    """Points of one overdue problem, as an expression: the base, and a step per ``overdue_step_days`` late."""
    points = Value(RULE["overdue_points"], output_field=IntegerField())
    for k in range(1, RULE["overdue_step_max"] + 1):
        late = today - timedelta(days=RULE["overdue_step_days"] * k)
        points += Case(When(due__lt=late, then=Value(1)), default=Value(0), output_field=IntegerField())
    return points


def _overdue(today: date) -> QuerySet[Problem]:
    return Problem.objects.annotate(due=effective_deadline()).filter(status__in=OPEN_FOR_UNIT, due__lt=today)


def overdue_problems(today: date) -> QuerySet[Problem]:
    """Problems that score as overdue on ``today``, each with ``due`` and its ``points``."""
    return _overdue(today).annotate(points=_overdue_points(today))


def returned_acceptances(today: date) -> QuerySet[Acceptance]:
    since = today - timedelta(days=RULE["returned_window_days"])
    return Acceptance.objects.filter(result=Acceptance.Result.RETURNED, decided_at__date__gt=since)


def unit_warnings(units: QuerySet[Unit], *, today: date | None = None, all_units: bool = False) -> list[UnitWarning]:
    """The warning of each of ``units`` that has points (every one of them with ``all_units``), most points first.

    Three queries: the units, the overdue points and the returns, each grouped by unit."""
    today = today or timezone.localdate()
    unit_ids = units.values("pk")
    overdue = (
        _overdue(today)
        .filter(unit__in=unit_ids)
        .values("unit")
        .annotate(n=Count("pk"), points=Sum(_overdue_points(today)))
        .order_by()
    )
    returned = returned_acceptances(today).filter(problem__unit__in=unit_ids)
    returned = returned.values("problem__unit").annotate(n=Count("pk")).order_by()
    warnings = {unit.pk: UnitWarning(unit) for unit in units}
    for row in overdue:
        warnings[row["unit"]].overdue, warnings[row["unit"]].overdue_points = row["n"], row["points"]
    for row in returned:
        warning = warnings[row["problem__unit"]]
        warning.returned, warning.returned_points = row["n"], row["n"] * RULE["returned_points"]
    chosen = [w for w in warnings.values() if all_units or w.points]
    return sorted(chosen, key=lambda w: (-w.points, w.unit.name))


def unit_points(unit: Unit, *, today: date | None = None) -> UnitWarning:
    """One unit's warning, points or none, without the detail."""
    return unit_warnings(Unit.objects.filter(pk=unit.pk), today=today, all_units=True)[0]


def unit_warning(unit: Unit, *, today: date | None = None) -> UnitWarning:
    """One unit's warning with the problems behind it (for the card)."""
    today = today or timezone.localdate()
    warning = unit_points(unit, today=today)
    overdue = overdue_problems(today).filter(unit=unit).order_by("due", "pk")
    returned = returned_acceptances(today).filter(problem__unit=unit).select_related("problem")
    late = [
        {"problem": p, "reason": f"超期 {(today - p.due).days} 天", "due": p.due, "points": p.points} for p in overdue
    ]
    each = RULE["returned_points"]
    back = [
        {"problem": a.problem, "reason": "验收退回整改", "due": timezone.localdate(a.decided_at), "points": each}
        for a in returned.order_by("decided_at", "pk")
    ]
    warning.problems = late + back
    return warning


SORTS = {
    "points": lambda w: (-w.points, w.unit.name),
    "unit": lambda w: w.unit.name,
    "overdue": lambda w: (-w.overdue, -w.points),
    "returned": lambda w: (-w.returned, -w.points),
}


def sort_warnings(warnings: list[UnitWarning], key: str) -> list[UnitWarning]:
    return sorted(warnings, key=SORTS.get(key, SORTS["points"]))
