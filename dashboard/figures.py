"""The dashboard's building blocks: a figure is one chart and the table of its numbers, each number linking to the
list behind it; a section is a group of figures from one domain, registered by its module.

Every figure comes from one aggregate query (GROUP BY in the database), so the dashboard costs a fixed number of
queries whatever the county's size; the sections are cached for a short while per scope and filter."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import QuerySet

CACHE_SECONDS = 60


@dataclass
class Bar:
    label: str
    value: int | float
    url: str = ""  # the filtered list whose row count (or rows) this number is; empty when the viewer has no such list


@dataclass
class Figure:
    key: str  # unique on the page: the canvas id and the table's
    title: str
    bars: list[Bar]
    chart: str = "bar"  # "bar", "hbar" (horizontal, for long labels), "doughnut", "line"
    unit: str = "件"  # what the numbers count, for the table's header and the tooltips
    note: str = ""  # how it is counted, printed under the table
    total_url: str = ""  # the whole list, for the total row
    overall: int | float | None = None  # the total when ``bars`` show only the largest of many

    @property
    def total(self) -> int | float:
        return self.overall if self.overall is not None else sum(bar.value for bar in self.bars)

    def chart_data(self) -> dict:
        """What static/js/dashboard.js draws: plain labels and values, never a URL or anything more."""
        return {"chart": self.chart, "unit": self.unit, "labels": [b.label for b in self.bars],
                "values": [b.value for b in self.bars]}  # fmt: skip


@dataclass(frozen=True)
class Scope:
    """Whose figures and for when: the whole county for the commission; for a county leader (``owner_id`` set) the
    tasks they own and the units those tasks involve (``unit_ids``). ``unit_id`` is the unit filter."""

    year: int
    month: int | None  # None: the whole year
    start: date
    end: date  # inclusive
    unit_id: int | None = None
    owner_id: int | None = None  # a county leader's person id: the leader view
    unit_ids: frozenset[int] | None = None  # None: every unit
    links: bool = True  # whether the viewer may open the commission's lists the bars link to

    @property
    def is_leader_view(self) -> bool:
        return self.owner_id is not None

    def units(self, queryset: QuerySet, field_name: str = "unit") -> QuerySet:
        """``queryset`` restricted to the unit filter and to the leader's units."""
        if self.unit_id is not None:
            queryset = queryset.filter(**{field_name: self.unit_id})
        if self.unit_ids is not None:
            queryset = queryset.filter(**{f"{field_name}__in": self.unit_ids})
        return queryset

    def link(self, url: str) -> str:
        return url if self.links else ""

    def cache_key(self) -> str:
        units = ",".join(map(str, sorted(self.unit_ids))) if self.unit_ids is not None else "all"
        return f"dashboard:{self.year}:{self.month}:{self.unit_id}:{self.owner_id}:{units}:{int(self.links)}"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    figures: Callable[[Scope], list[Figure]]
    order: int = 100
    for_leaders: bool = True  # shown in the county leader's view


_sections: dict[str, Section] = {}


def register_section(section: Section) -> None:
    _sections[section.key] = section


def sections_for(scope: Scope) -> list[tuple[Section, list[Figure]]]:
    """The sections the scope shows, with their figures (cached for CACHE_SECONDS)."""
    chosen = sorted(_sections.values(), key=lambda s: s.order)
    return [(s, _cached(s, scope)) for s in chosen if s.for_leaders or not scope.is_leader_view]


def _cached(section: Section, scope: Scope) -> list[Figure]:
    key = f"{scope.cache_key()}:{section.key}"
    figures = cache.get(key)
    if figures is None:
        figures = section.figures(scope)
        cache.set(key, figures, CACHE_SECONDS)
    return figures


def bars(rows: Iterable[tuple], labels: dict, url: Callable[[object], str] | None = None) -> list[Bar]:
    """Bars from (key, count) rows in the order of ``labels`` (choices), a zero for each key with no rows."""
    counts = dict(rows)
    return [Bar(str(label), counts.get(key, 0), url(key) if url else "") for key, label in labels.items()]
