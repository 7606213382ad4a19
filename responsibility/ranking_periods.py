"""Assessment periods: a calendar month (月评比), quarter (季度通报) or year (年度考核), in Asia/Shanghai."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from responsibility.models import Ranking
from responsibility.periods import month_end, next_month

K = Ranking.Kind
QUARTER_NAMES = "一二三四"


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date

    @property
    def key(self) -> str:
        """The period in URLs and forms: ``2026-03``, ``2026-Q1`` or ``2026``."""
        if self.kind == K.MONTHLY:
            return f"{self.start:%Y-%m}"
        if self.kind == K.QUARTERLY:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @property
    def label(self) -> str:
        if self.kind == K.MONTHLY:
            return f"{self.start.year}年{self.start.month}月"
        if self.kind == K.QUARTERLY:
            return f"{self.start.year}年第{QUARTER_NAMES[(self.start.month - 1) // 3]}季度"
        return f"{self.start.year}年度"

    @property
    def months(self) -> list[date]:
        """The first day of each month in the period."""
        months, month = [], self.start
        while month <= self.end:
            months.append(month)
            month = next_month(month)
        return months

    @property
    def starts_at(self) -> datetime:
        return midnight(self.start)

    @property
    def ends_at(self) -> datetime:
        """The first instant after the period."""
        return midnight(self.end + timedelta(days=1))

    def is_closed(self, day: date) -> bool:
        return self.end < day

    def is_future(self, day: date) -> bool:
        return self.start > day

    def previous(self) -> "Period":
        return period_of(self.kind, self.start - timedelta(days=1))


def midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()))


def period_of(kind: str, day: date) -> Period:
    """The period of ``kind`` that contains ``day``."""
    if kind == K.MONTHLY:
        start = day.replace(day=1)
        return Period(kind, start, month_end(start))
    if kind == K.QUARTERLY:
        start = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return Period(kind, start, month_end(start.replace(month=start.month + 2)))
    return Period(kind, date(day.year, 1, 1), date(day.year, 12, 31))


def last_closed(kind: str, day: date) -> Period:
    return period_of(kind, day).previous()


def recent_periods(kind: str, day: date, count: int) -> list[Period]:
    """The current (open) period and the ``count - 1`` before it, newest first."""
    periods = [period_of(kind, day)]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods


def period_parse(kind: str, key: str) -> Period | None:
    """The period named by ``key`` (see ``Period.key``), or None when it does not name one of ``kind``."""
    try:
        if kind == K.MONTHLY:
            year, month = key.split("-")
            return period_of(kind, date(int(year), int(month), 1))
        if kind == K.QUARTERLY:
            year, quarter = key.split("-Q")
            if not 1 <= int(quarter) <= 4:
                return None
            return period_of(kind, date(int(year), int(quarter) * 3 - 2, 1))
        if kind == K.ANNUAL:
            return period_of(kind, date(int(key), 1, 1))
    except ValueError:
        return None
    return None


def ranking_page_url(period: Period) -> str:
    """The rankings page showing ``period``: where the page, the stored ranking and the jobs' documents link."""
    return f"{reverse('responsibility:rankings')}?kind={period.kind}&period={period.key}"
