"""Inspection statistics for a year: person-times, findings by category, unit, disposition, checkpoint and month.

Every figure is an aggregate, four queries at any size: plans (person-times by month and by checkpoint), findings
(by category, disposition, month and checkpoint), findings by unit. The querysets come from ``access``.

Person-times (检查人次): a plan that has started (active or done) counts its team's leader and members once, with
the team as it is now; it counts in the year and month it starts, and under the checkpoint it serves whatever its
start date. A finding counts by the local date it was found, and is open (未处理) until it has a disposition.
"""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from cases.statistics import MONTHS, Bucket
from inspections import access, checkpoints
from inspections.models import Finding, Plan, Team

OPEN = Q(disposition="")
STARTED = Q(status__in=(Plan.Status.ACTIVE, Plan.Status.DONE))
OPEN_LABEL = "未处理"


@dataclass(frozen=True)
class CheckpointRow:
    checkpoint: checkpoints.Checkpoint
    plans: int
    person_times: int
    findings: int
    open: int


@dataclass(frozen=True)
class UnitRow:
    name: str
    findings: int
    open: int


@dataclass(frozen=True)
class InspectionYear:
    year: int
    plans: int
    person_times: int
    person_times_by_month: list[Bucket]
    findings: int
    disposed: int
    open: int
    by_category: list[Bucket]
    by_disposition: list[Bucket]  # the four dispositions, then the open ones
    by_month: list[Bucket]
    by_unit: list[UnitRow]  # units with findings, most first
    by_checkpoint: list[CheckpointRow]  # the year's seven checkpoints, by date


def year_summary(user, year: int) -> InspectionYear:
    keyed = checkpoints.checkpoints_for(year)
    keys = [c.key for c in keyed]
    plan_row = _plan_row(access.plans_visible(user), year, keys)
    findings = access.findings_visible(user)
    finding_row = _finding_row(findings, year, keys)
    return InspectionYear(
        year=year,
        plans=plan_row["plans"],
        person_times=plan_row["person_times"],
        person_times_by_month=buckets(plan_row, "pm_", MONTHS),
        findings=finding_row["total"],
        disposed=finding_row["total"] - finding_row["d_"],
        open=finding_row["d_"],
        by_category=buckets(finding_row, "c_", Finding.Category.choices),
        by_disposition=buckets(finding_row, "d_", [*Finding.Disposition.choices, ("", OPEN_LABEL)]),
        by_month=buckets(finding_row, "m_", MONTHS),
        by_unit=_by_unit(findings.filter(occurred_at__year=year)),
        by_checkpoint=[_checkpoint_row(i, c, plan_row, finding_row) for i, c in enumerate(keyed)],
    )


def _team_size() -> Coalesce:
    """The leader plus the members other than the leader: a subquery, so that it can be summed."""
    others = (
        Team.members.through.objects.filter(team_id=OuterRef("team_id"))
        .exclude(person_id=OuterRef("team__leader_id"))
        .values("team_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(others, output_field=IntegerField()), 0) + 1


def _plan_row(plans: QuerySet[Plan], year: int, keys: list[str]) -> dict:
    started = plans.filter(STARTED).annotate(size=_team_size())
    in_year = Q(starts_on__year=year)
    columns = {
        "plans": Count("pk", filter=in_year),
        "person_times": Sum("size", filter=in_year, default=0),
        **{f"pm_{m}": Sum("size", filter=Q(starts_on__year=year, starts_on__month=m), default=0) for m, _ in MONTHS},
    }
    for i, key in enumerate(keys):
        columns[f"kp_{i}"] = Count("pk", filter=Q(checkpoint=key))
        columns[f"kt_{i}"] = Sum("size", filter=Q(checkpoint=key), default=0)
    return started.filter(in_year | Q(checkpoint__in=keys)).aggregate(**columns)


def _finding_row(findings: QuerySet[Finding], year: int, keys: list[str]) -> dict:
    in_year = Q(occurred_at__year=year)
    columns = {
        "total": Count("pk", filter=in_year),
        **_counts("c_", "category", Finding.Category.choices, in_year),
        **_counts("d_", "disposition", [*Finding.Disposition.choices, ("", OPEN_LABEL)], in_year),
        **_counts("m_", "occurred_at__month", MONTHS, in_year),
    }
    columns.update(_checkpoint_counts("kf_", keys, Q()) | _checkpoint_counts("ko_", keys, OPEN))
    return findings.filter(in_year | Q(plan__checkpoint__in=keys)).aggregate(**columns)


def _checkpoint_counts(prefix: str, keys: list[str], condition: Q) -> dict[str, Count]:
    """A finding counts under the checkpoint its plan serves, whatever day it was found. Columns are numbered, as
    keys hold a hyphen."""
    return {f"{prefix}{i}": Count("pk", filter=Q(plan__checkpoint=key) & condition) for i, key in enumerate(keys)}


def findings_by_checkpoint(findings: QuerySet[Finding], year: int) -> list[tuple[checkpoints.Checkpoint, int]]:
    """The year's seven checkpoints by date, each with how many of ``findings`` it has (one query)."""
    keyed = checkpoints.checkpoints_for(year)
    keys = [c.key for c in keyed]
    row = findings.filter(plan__checkpoint__in=keys).aggregate(**_checkpoint_counts("kf_", keys, Q()))
    return [(checkpoint, row[f"kf_{i}"]) for i, checkpoint in enumerate(keyed)]


def _counts(prefix: str, field: str, choices, condition: Q) -> dict[str, Count]:
    return {f"{prefix}{key}": Count("pk", filter=condition & Q(**{field: key})) for key, _ in choices}


def buckets(row: dict, prefix: str, choices) -> list[Bucket]:
    """Bars for the cases' bar partial: each as wide as its share of the largest, at least 1% when not zero."""
    counts = [(str(key), str(label), row[f"{prefix}{key}"]) for key, label in choices]
    top = max(count for *_, count in counts) or 1
    return [Bucket(key, label, count, max(1, round(count * 100 / top)) if count else 0) for key, label, count in counts]


def _by_unit(findings: QuerySet[Finding]) -> list[UnitRow]:
    rows = findings.values("unit_id", "unit__name").annotate(n=Count("pk"), open=Count("pk", filter=OPEN))
    return [UnitRow(row["unit__name"], row["n"], row["open"]) for row in rows.order_by("-n", "unit__name")]


def _checkpoint_row(i: int, checkpoint: checkpoints.Checkpoint, plan_row: dict, finding_row: dict) -> CheckpointRow:
    """The ``i``-th of the year's checkpoints, from its numbered columns."""
    return CheckpointRow(
        checkpoint=checkpoint,
        plans=plan_row[f"kp_{i}"],
        person_times=plan_row[f"kt_{i}"],
        findings=finding_row[f"kf_{i}"],
        open=finding_row[f"ko_{i}"],
    )
