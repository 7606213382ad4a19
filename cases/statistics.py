"""Figures for the statistics page and API, and the monthly table sent to the superior commission.

Every figure is an aggregate: one SELECT per model with a filtered COUNT per bucket, so the page costs the same few
queries at any size. The querysets come from ``access``, so nobody counts what they may not see.
"""

import re
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from cases import access
from cases.models import Case, CasePerson, Category, Channel, Clue, FourForms, Report

MONTHS = [(str(month), f"{month}月") for month in range(1, 13)]
# The two tables the superior commission asks for each month; a case may count in both.
MONTHLY_FLAGS = (("is_eight_point", "违反中央八项规定精神问题"), ("is_four_winds", "“四风”问题"))
FIRST_YEAR = 2000
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Bucket:
    key: str
    label: str
    count: int
    share: int  # percent of the group's largest bucket: the width of its bar


@dataclass(frozen=True)
class YearSummary:
    """A year's figures. Reports, clues and cases count by the date they arrived, were proposed or opened, with
    their current status; persons, sanctions and funds count by the conclusion date of their case."""

    year: int
    reports_total: int
    reports_by_channel: list[Bucket]
    reports_by_category: list[Bucket]
    reports_by_status: list[Bucket]
    reports_by_month: list[Bucket]
    clues_total: int
    clues_by_disposition: list[Bucket]
    cases_total: int
    cases_by_stage: list[Bucket]
    cases_filed: int
    cases_concluded: int
    persons_total: int
    persons_by_form: list[Bucket]
    party_sanctions: int
    administrative_sanctions: int
    funds_recovered: Decimal


def parse_year(value: str, *, today: date) -> int | None:
    """A year from ``FIRST_YEAR`` to this one, or None."""
    if not re.fullmatch(r"\d{4}", value or ""):
        return None
    year = int(value)
    return year if FIRST_YEAR <= year <= today.year else None


def parse_month(value: str, *, today: date) -> date | None:
    """A month as "2026-05" (what <input type="month"> sends), as its first day; None if malformed or future."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", value or "")
    if not match or not 1 <= int(match[2]) <= 12:
        return None
    month = date(int(match[1]), int(match[2]), 1)
    return month if date(FIRST_YEAR, 1, 1) <= month <= today else None


def previous_month(today: date) -> date:
    return date(today.year - 1, 12, 1) if today.month == 1 else date(today.year, today.month - 1, 1)


def next_month(month: date) -> date:
    return date(month.year + 1, 1, 1) if month.month == 12 else date(month.year, month.month + 1, 1)


def year_summary(user, year: int) -> YearSummary:
    return YearSummary(
        year=year,
        **report_figures(access.reports_visible(user).filter(received_at__year=year)),
        **clue_figures(access.clues_visible(user).filter(proposed_at__year=year)),
        **case_figures(access.cases_visible(user), date(year, 1, 1), date(year, 12, 31)),
    )


# The aggregates behind a summary, shared with the dashboard: querysets in, ``YearSummary`` fields out.


def report_figures(reports: QuerySet[Report]) -> dict:
    """``reports`` by channel, category, status and month of receipt: one query."""
    groups = {
        "channel": ("c_", "channel", Channel.choices),
        "category": ("k_", "category", Category.choices),
        "status": ("s_", "status", Report.Status.choices),
        "month": ("m_", "received_at__month", MONTHS),
    }
    counts = {}
    for prefix, field, choices in groups.values():
        counts |= _counts(prefix, field, choices)
    row = reports.aggregate(total=Count("pk"), **counts)
    figures = {f"reports_by_{name}": _buckets(row, prefix, choices) for name, (prefix, _, choices) in groups.items()}
    return {"reports_total": row["total"], **figures}


def clue_figures(clues: QuerySet[Clue]) -> dict:
    """``clues`` by disposition: one query."""
    row = clues.aggregate(total=Count("pk"), **_counts("d_", "disposition", Clue.Disposition.choices))
    return {"clues_total": row["total"], "clues_by_disposition": _buckets(row, "d_", Clue.Disposition.choices)}


def case_figures(cases: QuerySet[Case], start: date, end: date) -> dict:
    """Among ``cases``, those opened, filed and concluded from ``start`` to ``end`` (inclusive), and the persons of
    those concluded: two queries."""
    opened, concluded = Q(opened_at__date__range=(start, end)), Q(concluded_on__range=(start, end))
    row = cases.aggregate(
        total=Count("pk", filter=opened),
        filed=Count("pk", filter=Q(filed_on__range=(start, end))),
        concluded=Count("pk", filter=concluded),
        funds=Sum("funds_recovered", filter=concluded, default=ZERO),
        **{f"s_{key}": Count("pk", filter=opened & Q(stage=key)) for key, _ in Case.Stage.choices},
    )
    persons = CasePerson.objects.filter(case__in=cases.filter(concluded))
    person_row = persons.aggregate(
        total=Count("pk"),
        party=Count("pk", filter=~Q(party_sanction="")),
        administrative=Count("pk", filter=~Q(administrative_sanction="")),
        **_counts("f_", "form", FourForms.choices),
    )
    return {
        "cases_total": row["total"],
        "cases_by_stage": _buckets(row, "s_", Case.Stage.choices),
        "cases_filed": row["filed"],
        "cases_concluded": row["concluded"],
        "persons_total": person_row["total"],
        "persons_by_form": _buckets(person_row, "f_", FourForms.choices),
        "party_sanctions": person_row["party"],
        "administrative_sanctions": person_row["administrative"],
        "funds_recovered": row["funds"],
    }


def _counts(prefix: str, field: str, choices) -> dict[str, Count]:
    return {f"{prefix}{key}": Count("pk", filter=Q(**{field: key})) for key, _ in choices}


def _buckets(row: dict, prefix: str, choices) -> list[Bucket]:
    counts = [(str(key), str(label), row[f"{prefix}{key}"]) for key, label in choices]
    top = max(count for *_, count in counts)
    return [Bucket(key, label, count, _share(count, top)) for key, label, count in counts]


def _share(count: int, top: int) -> int:
    # At least 1%, so that one report among hundreds still shows a bar.
    return max(1, round(count * 100 / top)) if count else 0


# The monthly table ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthlyRow:
    """Cases filed and concluded in the month; persons, sanctions and funds of the cases concluded in it."""

    label: str
    filed: int = 0
    concluded: int = 0
    persons: int = 0
    party_sanctions: int = 0
    administrative_sanctions: int = 0
    funds_recovered: Decimal = ZERO

    def values(self) -> list:
        return [getattr(self, field.name) for field in fields(self)]


@dataclass(frozen=True)
class MonthlySection:
    flag: str
    title: str
    rows: list[MonthlyRow]  # one per category, in the order of ``Category``
    total: MonthlyRow


@dataclass(frozen=True)
class MonthlyTable:
    month: date  # its first day
    sections: list[MonthlySection]


MONTHLY_HEADERS = ("问题类别", "立案数", "结案数", "处理人数", "党纪处分", "政务处分", "挽回经济损失（元）")


def monthly_table(user, month: date) -> MonthlyTable:
    return monthly_table_of(access.cases_visible(user), month)


def monthly_table_of(cases: QuerySet[Case], month: date) -> MonthlyTable:
    """The month's eight-point-rule and four-winds cases among ``cases`` by category: two aggregate queries. The
    monthly statistics job, which runs for nobody, passes every case.

    A case's category is its clue's; a case opened without a clue counts under 其他."""
    end = next_month(month)
    filed = Q(filed_on__gte=month, filed_on__lt=end)
    concluded = Q(concluded_on__gte=month, concluded_on__lt=end)
    cases = cases.annotate(stat_category=Coalesce("clue__category", Value(Category.OTHER)))
    case_rows = _by_category(cases.filter(filed | concluded), _case_columns(filed, concluded))
    persons = CasePerson.objects.filter(case__in=cases.filter(concluded)).annotate(
        stat_category=Coalesce("case__clue__category", Value(Category.OTHER))
    )
    person_rows = _by_category(persons, _person_columns())
    sections = [_section(flag, title, case_rows, person_rows) for flag, title in MONTHLY_FLAGS]
    return MonthlyTable(month=month, sections=sections)


def _case_columns(filed: Q, concluded: Q) -> dict:
    columns = {}
    for flag, _ in MONTHLY_FLAGS:
        mine = Q(**{flag: True})
        columns[f"{flag}:filed"] = Count("pk", filter=mine & filed)
        columns[f"{flag}:concluded"] = Count("pk", filter=mine & concluded)
        columns[f"{flag}:funds_recovered"] = Sum("funds_recovered", filter=mine & concluded, default=ZERO)
    return columns


def _person_columns() -> dict:
    columns = {}
    for flag, _ in MONTHLY_FLAGS:
        mine = Q(**{f"case__{flag}": True})
        columns[f"{flag}:persons"] = Count("pk", filter=mine)
        columns[f"{flag}:party_sanctions"] = Count("pk", filter=mine & ~Q(party_sanction=""))
        columns[f"{flag}:administrative_sanctions"] = Count("pk", filter=mine & ~Q(administrative_sanction=""))
    return columns


def _by_category(queryset: QuerySet, columns: dict) -> dict[str, dict]:
    return {row.pop("stat_category"): row for row in queryset.values("stat_category").annotate(**columns)}


def _section(flag: str, title: str, case_rows: dict, person_rows: dict) -> MonthlySection:
    rows = []
    for key, label in Category.choices:
        found = {**case_rows.get(key, {}), **person_rows.get(key, {})}
        mine = {name.split(":")[1]: value for name, value in found.items() if name.startswith(f"{flag}:")}
        rows.append(MonthlyRow(label=str(label), **mine))
    total = MonthlyRow("合计", *(sum(getattr(row, field.name) for row in rows) for field in fields(MonthlyRow)[1:]))
    return MonthlySection(flag=flag, title=title, rows=rows, total=total)
