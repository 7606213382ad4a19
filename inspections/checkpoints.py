"""Holiday checkpoints (节点): 元旦, 春节, 清明, 五一, 端午, 中秋 and 国庆 of any year from 2000 to 2099.

Nothing here is typed by hand from a calendar. The lunar festivals and the 清明 solar term come from
``lunar-python``, which computes them astronomically for Beijing time (cross-checked for every year 2000–2099 against
``lunardate`` and ``chinese_calendar.get_solar_terms``: they agree). The official days off come from
``chinese_calendar``, which knows the State Council's arrangements (放假安排, with make-up working days) for the
years it lists (2004–2026 in 1.11.0). For any other year the days off are the statutory days of the current rules
(《全国年节及纪念日放假办法》, 2024 revision) stretched over an adjoining weekend, which is how the arrangements
usually turn out; the page says which it is.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar
from lunar_python import Lunar

from common.workdays import add_working_days, is_working_day

FIRST_YEAR, LAST_YEAR = 2000, 2099
NOTICE_WORKING_DAYS = 3  # the 廉洁过节 notice goes out 3 working days before the first day off
FOLLOW_UP_WORKING_DAYS = 2  # the post-holiday checks start on the 2nd working day after
ONE_DAY = timedelta(days=1)
LONGEST_BREAK = 12  # no official break is longer: a guard for the walk over the days off


class Basis:
    """Where a checkpoint's days off come from, as the page explains it."""

    OFFICIAL = "国务院办公厅放假安排"
    STATUTORY = "按现行法定假日推算"
    NOT_A_HOLIDAY = "当年非法定假日"


def _solar(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def _lunar(month: int, day: int) -> Callable[[int], date]:
    def on(year: int) -> date:
        solar = Lunar.fromYmd(year, month, day).getSolar()
        return date(solar.getYear(), solar.getMonth(), solar.getDay())

    return on


def _qingming(year: int) -> date:
    # Lunar year ``year`` begins in January or February, so its table holds the 清明 of the solar year ``year``.
    solar = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


@dataclass(frozen=True)
class Festival:
    key: str
    name: str
    on: Callable[[int], date]
    statutory: tuple[int, int]  # the statutory days off, as days before and after the holiday itself


FESTIVALS = (
    Festival("new_year", "元旦", _solar(1, 1), (0, 0)),
    Festival("spring_festival", "春节", _lunar(1, 1), (1, 2)),  # 除夕 to 初三
    Festival("qingming", "清明", _qingming, (0, 0)),
    Festival("labour_day", "五一", _solar(5, 1), (0, 1)),
    Festival("dragon_boat", "端午", _lunar(5, 5), (0, 0)),
    Festival("mid_autumn", "中秋", _lunar(8, 15), (0, 0)),
    Festival("national_day", "国庆", _solar(10, 1), (0, 2)),
)
_BY_KEY = {festival.key: festival for festival in FESTIVALS}


@dataclass(frozen=True)
class Checkpoint:
    key: str  # "2026-mid_autumn": what Plan.checkpoint stores
    name: str
    day: date  # the holiday itself
    days_off: tuple[date, date]  # first and last day off
    basis: str  # a ``Basis`` value
    notice_on: date  # the pre-holiday notice (节前提醒)
    window: tuple[date, date]  # the inspection window: from the eve, when banquets and gifts begin, to the last day off
    follow_up_on: date  # the post-holiday checks of reimbursements and vehicle records, and the summary


def checkpoints_for(year: int) -> tuple[Checkpoint, ...]:
    """The year's seven checkpoints by date; ValueError outside 2000–2099."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year must be from {FIRST_YEAR} to {LAST_YEAR}")
    return _checkpoints_for(year)


@lru_cache(maxsize=128)
def _checkpoints_for(year: int) -> tuple[Checkpoint, ...]:
    return tuple(sorted((_checkpoint(festival, year) for festival in FESTIVALS), key=lambda c: c.day))


def checkpoint_by_key(key: str) -> Checkpoint | None:
    """The checkpoint a key such as "2026-mid_autumn" names, or None for a malformed or unknown key."""
    year, _, festival_key = key.partition("-")
    if not year.isdigit() or festival_key not in _BY_KEY or not FIRST_YEAR <= int(year) <= LAST_YEAR:
        return None
    return next(c for c in checkpoints_for(int(year)) if c.key == key)


def upcoming(today: date, n: int) -> list[Checkpoint]:
    """The next ``n`` (up to 7) checkpoints not yet over: one whose follow-up day has not passed still counts."""
    return between(today, date(today.year + 1, 12, 31))[:n]


def between(start: date, end: date) -> list[Checkpoint]:
    """Checkpoints not over by ``start`` whose holiday falls on or before ``end``."""
    years = range(max(start.year, FIRST_YEAR), min(end.year, LAST_YEAR) + 1)
    return [c for year in years for c in checkpoints_for(year) if c.follow_up_on >= start and c.day <= end]


def _checkpoint(festival: Festival, year: int) -> Checkpoint:
    day = festival.on(year)
    first, last, basis = _days_off(festival, day)
    return Checkpoint(
        key=f"{year}-{festival.key}",
        name=festival.name,
        day=day,
        days_off=(first, last),
        basis=basis,
        notice_on=working_days_before(first, NOTICE_WORKING_DAYS),
        window=(working_days_before(first, 1), last),
        follow_up_on=add_working_days(last, FOLLOW_UP_WORKING_DAYS),
    )


def _days_off(festival: Festival, day: date) -> tuple[date, date, str]:
    try:
        is_off = chinese_calendar.is_holiday(day)
    except NotImplementedError:
        return (*_statutory_break(festival, day), Basis.STATUTORY)
    if not is_off:  # 清明, 端午 and 中秋 became days off only in 2008
        return day, day, Basis.NOT_A_HOLIDAY
    return _walk(day, -ONE_DAY), _walk(day, ONE_DAY), Basis.OFFICIAL


def _walk(day: date, step: timedelta) -> date:
    """The last day off reached from ``day`` going by ``step``: the edge of the official break around it."""
    for _ in range(LONGEST_BREAK):
        if is_working_day(day + step):
            break
        day += step
    return day


def _statutory_break(festival: Festival, day: date) -> tuple[date, date]:
    before, after = festival.statutory
    first, last = day - before * ONE_DAY, day + after * ONE_DAY
    while (first - ONE_DAY).weekday() >= 5:
        first -= ONE_DAY
    while (last + ONE_DAY).weekday() >= 5:
        last += ONE_DAY
    return first, last


def working_days_before(day: date, n: int) -> date:
    """The n-th working day before ``day``, ``day`` itself not counted: ``add_working_days`` run backwards."""
    for _ in range(n):
        day -= ONE_DAY
        while not is_working_day(day):
            day -= ONE_DAY
    return day
