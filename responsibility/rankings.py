"""Unit rankings: monthly ranking (月评比), quarterly bulletin (季度通报) and annual assessment (年度考核).

RULE is the whole scoring rule, as data. A stored ranking keeps a copy of it with its wording, so a past
ranking shows the rule it was computed with even after RULE changes, and edits to the checklist made
after a ranking was stored never change it. The computation runs a fixed handful of queries for all
units together (never one per unit) and tallies in Python.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Prefetch, Q, QuerySet

from common.audit_bulk import audited_bulk_create
from orgs.models import Unit
from responsibility import access
from responsibility.models import (
    AcceptanceDecision,
    AccountabilityRecord,
    Milestone,
    ProgressReport,
    Ranking,
    RankingEntry,
    Task,
    TaskCoUnit,
)  # fmt: skip
from responsibility.periods import month_end, today
from responsibility.ranking_periods import Period, last_closed, midnight, period_of

RULE = {
    "version": 1,
    "full_score": 100,
    "components": [
        {"key": "timeliness", "label": "报送及时", "weight": 40},
        {"key": "milestones", "label": "节点完成", "weight": 30},
        {"key": "acceptance", "label": "验收结果", "weight": 30},
    ],
    # Decimals as strings, so the stored rule is exact.
    "report_credit": {"on_time": "1", "late": "0.5", "missing": "0"},
    "deductions": {"talk": "2", "criticism": "3", "admonishment": "5", "organisational": "8", "sanction": "10"},
    "dual_accountability_extra": "2",
    "deduction_cap": "20",
}
TENTH = Decimal("0.1")
PASSED = AcceptanceDecision.Result.PASSED


def describe(rule: dict) -> list[str]:
    """The rule in words, from its numbers: what the page shows under a ranking."""
    weight = {c["key"]: c["weight"] for c in rule["components"]}
    credit = rule["report_credit"]
    measures = "，".join(
        f"{AccountabilityRecord.Measure(measure).label}扣 {points} 分" for measure, points in rule["deductions"].items()
    )
    return [
        "参评单位：考核期内有在办任务（已开始、未在考核期前销号）的牵头单位和协办单位，以及考核期内被责任追究的单位。",
        f"报送及时（{weight['timeliness']} 分）：每项任务的牵头单位和协办单位每月各报送一次进度，自任务开始的当月起；"
        "月末处于申请验收或已验收销号状态的任务，当月不需报送。"
        f"按时报送记 {credit['on_time']} 次，逾期报送记 {credit['late']} 次，未报送记 {credit['missing']} 次；"
        f"得分 = {weight['timeliness']} × 所记次数 ÷ 应报次数。",
        f"节点完成（{weight['milestones']} 分）：本单位牵头任务中节点日期在考核期内的时间节点，"
        f"在节点日期当天或之前达到目标进度的为按期完成；得分 = {weight['milestones']} × 按期完成数 ÷ 应完成数。",
        f"验收结果（{weight['acceptance']} 分）：考核期内对本单位牵头任务作出的验收决定；"
        f"得分 = {weight['acceptance']} × 通过数 ÷（通过数 + 退回整改数）。",
        "没有某项考核内容的单位（如协办单位没有牵头任务，也就没有时间节点和验收），该项记“—”，不参与计算。",
        f"责任追究（扣分）：考核期内对本单位的每条责任追究记录，{measures}；"
        f"一案双查的每条另扣 {rule['dual_accountability_extra']} 分；合计最多扣 {rule['deduction_cap']} 分。",
        f"总分 = 各适用项得分之和 ÷ 各适用项满分之和 × {rule['full_score']}，再减去责任追究扣分；"
        f"各项及总分保留一位小数，最低 0 分；没有任何适用项的单位按 {rule['full_score']} 分计。"
        "同分同名次，其后名次顺延（如 1、2、2、4）。",
    ]


def rule_snapshot(rule: dict = RULE) -> dict:
    """The rule as stored with a ranking: its data and its wording."""
    return {**rule, "description": describe(rule)}


@dataclass
class Tally:
    """What one unit did in the period; kept as the entry's ``details``."""

    tasks_led: int = 0
    tasks_co: int = 0
    reports_due: int = 0
    reports_on_time: int = 0
    reports_late: int = 0
    milestones_due: int = 0
    milestones_met: int = 0
    acceptance_passed: int = 0
    acceptance_returned: int = 0
    accountability_records: int = 0
    dual_accountability: int = 0
    measures: dict[str, int] = field(default_factory=dict)

    @property
    def reports_missing(self) -> int:
        return self.reports_due - self.reports_on_time - self.reports_late


def active_tasks(period: Period) -> QuerySet[Task]:
    """Tasks begun by the period's end and not closed before it began."""
    return Task.objects.filter(starts_on__lte=period.end).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=period.starts_at)
    )


def _held(task: dict, decisions: list[tuple], at: datetime) -> bool:
    """Whether the task was closed or awaiting acceptance at ``at``: then no report was due."""
    if task["closed_at"] and task["closed_at"] < at:
        return True
    return any(
        requested < at and (decided is None or decided >= at or result == PASSED)
        for requested, decided, result in decisions
    )


def _tally_reports(tallies: dict, period: Period, day: date, tasks: dict, units_of: dict, decisions: dict) -> None:
    """Each (task, unit, month) report that was due: on time, late or missing.

    A month counts once it has ended; in the open period a report already filed counts too.
    """
    filed = {
        (r["task_id"], r["unit_id"], r["period"]): r["on_time"] > 0
        for r in ProgressReport.objects.filter(task__in=active_tasks(period), period__range=(period.start, period.end))
        .values("task_id", "unit_id", "period")
        .annotate(on_time=Count("pk", filter=Q(is_late=False)))
    }
    for task_id, task in tasks.items():
        for month in period.months:
            end = month_end(month)
            if task["starts_on"] > end or _held(task, decisions[task_id], midnight(end + timedelta(days=1))):
                continue
            for unit_id in units_of[task_id]:
                on_time = filed.get((task_id, unit_id, month))
                if end >= day and on_time is None:
                    continue
                tally = tallies[unit_id]
                tally.reports_due += 1
                tally.reports_on_time += on_time is True
                tally.reports_late += on_time is False


def _tally_milestones(tallies: dict, period: Period, day: date) -> None:
    met = Q(met_on__lte=F("due_on"))
    rows = (
        Milestone.objects.filter(task__in=active_tasks(period), due_on__range=(period.start, period.end))
        .filter(Q(due_on__lt=day) | met)
        .values("task__lead_unit")
        .annotate(due=Count("pk"), met=Count("pk", filter=met))
    )
    for row in rows:
        tallies[row["task__lead_unit"]].milestones_due += row["due"]
        tallies[row["task__lead_unit"]].milestones_met += row["met"]


def _tally_acceptance(tallies: dict, period: Period, tasks: dict, decisions: dict) -> None:
    for task_id, rows in decisions.items():
        for _requested, decided, result in rows:
            if decided is not None and period.starts_at <= decided < period.ends_at:
                tally = tallies[tasks[task_id]["lead_unit_id"]]
                tally.acceptance_passed += result == PASSED
                tally.acceptance_returned += result != PASSED


def _tally_accountability(tallies: dict, period: Period) -> None:
    rows = (
        AccountabilityRecord.objects.filter(decided_on__range=(period.start, period.end))
        .values("unit", "measure")
        .annotate(n=Count("pk"), dual=Count("pk", filter=Q(dual_accountability=True)))
    )
    for row in rows:
        tally = tallies[row["unit"]]
        tally.accountability_records += row["n"]
        tally.dual_accountability += row["dual"]
        tally.measures[row["measure"]] = tally.measures.get(row["measure"], 0) + row["n"]


def tally(period: Period, day: date) -> dict[int, Tally]:
    """Every participating unit's tally for the period, as of ``day``; six queries whatever the unit count."""
    active = active_tasks(period)
    tasks = {t["pk"]: t for t in active.values("pk", "lead_unit_id", "starts_on", "closed_at")}
    units_of = {task_id: [task["lead_unit_id"]] for task_id, task in tasks.items()}
    for task_id, unit_id in TaskCoUnit.objects.filter(task__in=active).values_list("task_id", "unit_id"):
        units_of[task_id].append(unit_id)
    requested = AcceptanceDecision.objects.filter(task__in=active, requested_at__lt=period.ends_at)
    decisions = defaultdict(list)
    for task_id, *row in requested.values_list("task_id", "requested_at", "decided_at", "result"):
        decisions[task_id].append(tuple(row))
    tallies: dict[int, Tally] = defaultdict(Tally)
    for unit_ids in units_of.values():
        tallies[unit_ids[0]].tasks_led += 1
        for unit_id in unit_ids[1:]:
            tallies[unit_id].tasks_co += 1
    _tally_reports(tallies, period, day, tasks, units_of, decisions)
    _tally_milestones(tallies, period, day)
    _tally_acceptance(tallies, period, tasks, decisions)
    _tally_accountability(tallies, period)
    return dict(tallies)


def _points(weight: int, earned: Decimal, due: int) -> Decimal | None:
    """The component's points, or None when the unit had nothing to score on it (不适用)."""
    if not due:
        return None
    return (Decimal(weight) * earned / due).quantize(TENTH, ROUND_HALF_UP)


def _deduction(tally: Tally, rule: dict) -> Decimal:
    points = sum((Decimal(rule["deductions"][measure]) * n for measure, n in tally.measures.items()), Decimal(0))
    points += Decimal(rule["dual_accountability_extra"]) * tally.dual_accountability
    return min(points, Decimal(rule["deduction_cap"])).quantize(TENTH)


def score(tally: Tally, rule: dict) -> dict[str, Decimal | None]:
    """The components, the deduction (negative) and the total for one unit's tally under ``rule``.

    The total rescales the applicable components to ``full_score``, so a co-unit, which leads no task,
    is judged on its reports alone rather than being given the points of the lead units' milestones.
    """
    credit = {k: Decimal(v) for k, v in rule["report_credit"].items()}
    earned = {
        "timeliness": (
            credit["on_time"] * tally.reports_on_time + credit["late"] * tally.reports_late
            + credit["missing"] * tally.reports_missing,
            tally.reports_due,
        ),
        "milestones": (Decimal(tally.milestones_met), tally.milestones_due),
        "acceptance": (Decimal(tally.acceptance_passed), tally.acceptance_passed + tally.acceptance_returned),
    }  # fmt: skip
    parts = {c["key"]: _points(c["weight"], *earned[c["key"]]) for c in rule["components"]}
    applicable = [(parts[c["key"]], c["weight"]) for c in rule["components"] if parts[c["key"]] is not None]
    full = Decimal(rule["full_score"])
    base = full
    if applicable:
        base = (sum(p for p, _ in applicable) * full / sum(w for _, w in applicable)).quantize(TENTH, ROUND_HALF_UP)
    accountability = Decimal(0) - _deduction(tally, rule)
    return parts | {"accountability": accountability, "score": max(base + accountability, Decimal(0))}


def _details(tally: Tally) -> dict:
    return {
        "tasks_led": tally.tasks_led, "tasks_co": tally.tasks_co,
        "reports_due": tally.reports_due, "reports_on_time": tally.reports_on_time,
        "reports_late": tally.reports_late, "reports_missing": tally.reports_missing,
        "milestones_due": tally.milestones_due, "milestones_met": tally.milestones_met,
        "acceptance_passed": tally.acceptance_passed, "acceptance_returned": tally.acceptance_returned,
        "accountability_records": tally.accountability_records, "dual_accountability": tally.dual_accountability,
    }  # fmt: skip


def rank(entries: list[RankingEntry]) -> list[RankingEntry]:
    """Order by score; equal scores share a rank and the next rank skips (1, 2, 2, 4)."""
    entries.sort(key=lambda e: (-e.score, e.unit.kind, e.unit.sort_order, e.unit.pk))
    for position, entry in enumerate(entries, start=1):
        previous = entries[position - 2] if position > 1 else None
        entry.rank = previous.rank if previous and previous.score == entry.score else position
    return entries


def compute_entries(period: Period, *, rule: dict = RULE, day: date | None = None) -> list[RankingEntry]:
    """Unsaved, ranked entries (with their units) for every participating unit."""
    tallies = tally(period, day or today())
    units = Unit.objects.in_bulk(list(tallies))
    return rank(
        [RankingEntry(unit=units[unit_id], details=_details(t), **score(t, rule)) for unit_id, t in tallies.items()]
    )


@dataclass(frozen=True)
class RankingView:
    """A ranking as the page shows it: stored (``ranking`` set) or a live preview of the open period."""

    period: Period
    rule: dict
    entries: list[RankingEntry]
    ranking: Ranking | None = None


def with_entries(rankings: QuerySet[Ranking]) -> QuerySet[Ranking]:
    """Rankings with their entries in rank order and the entries' units: one query more, whatever the count."""
    entries = RankingEntry.objects.select_related("unit").order_by("rank", "unit__kind", "unit__sort_order", "unit")
    return rankings.prefetch_related(Prefetch("entries", queryset=entries))


def ranking_get(user, period: Period) -> Ranking | None:
    """The stored ranking of ``period`` with its entries, if the user may see it."""
    return with_entries(access.rankings_visible(user).filter(kind=period.kind, period_start=period.start)).first()


def ranking_view(user, period: Period, day: date | None = None) -> RankingView | None:
    """The stored ranking of ``period``; for the open period a live preview; else None (not generated yet)."""
    ranking = ranking_get(user, period)
    if ranking is not None:
        return RankingView(period, ranking.rule, list(ranking.entries.all()), ranking)
    day = day or today()
    if period.is_closed(day) or period.is_future(day):
        return None
    return RankingView(period, rule_snapshot(), compute_entries(period, day=day))


def _refuse_unclosed(period: Period, day: date) -> None:
    if period.is_future(day):
        raise ValidationError(f"{period.label}尚未开始，不能生成排名。")
    if not period.is_closed(day):
        raise ValidationError(
            f"{period.label}尚未结束（{period.end:%Y年%m月%d日}截止），只能生成已结束期间的排名；本期可查看实时预览。"
        )


@transaction.atomic
def ranking_compute(*, kind: str, period_start: date, day: date | None = None) -> Ranking:
    """Store the ranking of the closed period of ``kind`` containing ``period_start``, and return it.

    Idempotent: a period already stored is returned unchanged, whatever happened to the data since.
    Open and future periods are refused (ValidationError), since their figures are not final.
    """
    if kind not in Ranking.Kind.values:
        raise ValidationError({"kind": "排名类别无效。"})
    period = period_of(kind, period_start)
    stored = Ranking.objects.filter(kind=kind, period_start=period.start).first()
    if stored is not None:
        return stored
    _refuse_unclosed(period, day or today())
    ranking = Ranking(kind=kind, period_start=period.start, period_end=period.end, rule=rule_snapshot())
    # The unique constraint is checked by the insert itself: a concurrent run that stored it first wins.
    ranking.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            ranking.save()
    except IntegrityError:
        return Ranking.objects.get(kind=kind, period_start=period.start)
    entries = compute_entries(period, rule=ranking.rule, day=day)
    for entry in entries:
        entry.ranking = ranking
    audited_bulk_create(RankingEntry, entries)
    return ranking


def ranking_compute_latest(*, kind: str, day: date | None = None) -> Ranking:
    """Store the last closed period's ranking of ``kind``: what the monthly and quarterly jobs call."""
    day = day or today()
    return ranking_compute(kind=kind, period_start=last_closed(kind, day).start, day=day)
