"""The dashboard's reports, clues and cases (信访举报与审查调查): the period's counts from the aggregates of the
statistics page (``cases.statistics``), four queries in all.

Reports and clues count by the day they arrived or were proposed, with their current status; cases by the day they
were opened, with their current stage; persons by the day their case concluded. A unit is the accused unit (a case's
is its clue's), so a county leader sees what concerns the units of their tasks, without links: the lists behind
these numbers are the commission's."""

from calendar import monthrange
from collections.abc import Callable
from datetime import date

from cases.models import Case, Clue, Report
from cases.statistics import Bucket, case_figures, clue_figures, report_figures
from dashboard.figures import Bar, Figure, Scope, Section, register_section
from dashboard.links import list_url

Link = Callable[..., str]


def figures(scope: Scope) -> list[Figure]:
    period = (scope.start, scope.end)
    reports = report_figures(scope.units(Report.objects.filter(received_at__date__range=period), "accused_unit"))
    clues = clue_figures(scope.units(Clue.objects.filter(proposed_at__date__range=period), "accused_unit"))
    cases = case_figures(scope.units(Case.objects.all(), "clue__accused_unit"), *period)
    return _report_figures(scope, reports) + _case_figures(scope, clues, cases)


def _report_figures(scope: Scope, reports: dict) -> list[Figure]:
    # status="" asks for every status: with none given the intake queue shows only those awaiting a decision.
    link = _lister(scope, "cases:report-list", status="", since=scope.start, until=scope.end)
    months = [b for b in reports["reports_by_month"] if scope.start.month <= int(b.key) <= scope.end.month]
    return [
        Figure("reports-by-month", "信访举报收到数（按月）", _bars(months, lambda m: link(**_month(scope.year, m))),
               total_url=link()),
        Figure("reports-by-channel", "信访举报来源渠道", _bars(reports["reports_by_channel"], _by(link, "channel")),
               chart="doughnut", total_url=link()),
        Figure("reports-by-category", "信访举报问题类别", _bars(reports["reports_by_category"], _by(link, "category")),
               chart="hbar", total_url=link()),
        Figure("reports-by-status", "信访举报办理状态", _bars(reports["reports_by_status"], _by(link, "status")),
               note="期内收到的举报，按其当前状态。", total_url=link()),
    ]  # fmt: skip


def _case_figures(scope: Scope, clues: dict, cases: dict) -> list[Figure]:
    clue_link = _lister(scope, "cases:clue-list", since=scope.start, until=scope.end)
    case_link = _lister(scope, "cases:case-list", opened_since=scope.start, opened_until=scope.end)
    concluded = _lister(scope, "cases:case-list", concluded_since=scope.start, concluded_until=scope.end)
    return [
        Figure("clues-by-disposition", "问题线索处置方式",
               _bars(clues["clues_by_disposition"], _by(clue_link, "disposition")), chart="doughnut",
               note="期内拟办的线索，按拟定或批准的处置方式。", total_url=clue_link()),
        Figure("cases-by-stage", "审查调查案件阶段", _bars(cases["cases_by_stage"], _by(case_link, "stage")),
               note="期内立项初核的案件，按其当前阶段。", total_url=case_link()),
        # Persons, not cases, and no list shows persons: each number opens the concluded cases that involve them.
        Figure("persons-by-form", "运用监督执纪“四种形态”", _bars(cases["persons_by_form"], _by(concluded, "form")),
               chart="hbar", unit="人次",
               note="期内结案案件的涉案人员；点击人次打开涉及该形态人员的已结案件，一案可涉及多人。"),
    ]  # fmt: skip


def _lister(scope: Scope, name: str, **fixed) -> Link:
    """A link to the list ``name`` for the period, with the unit filter and the given parameters; empty when the
    viewer may not open the list."""
    if scope.unit_id is not None:
        fixed["unit"] = scope.unit_id

    def link(**params) -> str:
        return scope.link(list_url(name, **(fixed | params)))

    return link


def _by(link: Link, parameter: str) -> Callable[[str], str]:
    return lambda key: link(**{parameter: key})


def _month(year: int, month: str) -> dict[str, date]:
    number = int(month)
    return {"since": date(year, number, 1), "until": date(year, number, monthrange(year, number)[1])}


def _bars(buckets: list[Bucket], url: Callable[[str], str]) -> list[Bar]:
    return [Bar(bucket.label, bucket.count, url(bucket.key)) for bucket in buckets]


register_section(Section(key="cases", title="信访举报与审查调查", figures=figures, order=20))
