"""Working days on the Chinese official calendar, for the statutory clocks counted in working days.

The official days off and make-up working days (调休) come from ``chinese_calendar``, which knows the years
the State Council has published (2004–2026 in version 1.11.0). For a year it does not know, a working day is
simply Monday to Friday: a clock running into such a year may be a day or two off around a holiday until the
library is upgraded, which is better than refusing to show a deadline at all.

Pass local dates (``timezone.localdate(received_at)``), never datetimes: an aware datetime stored in UTC can
fall on the day before in Asia/Shanghai, so every function refuses one.
"""

from datetime import date, datetime, timedelta
from functools import lru_cache

import chinese_calendar

ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=4096)
def is_working_day(day: date) -> bool:
    """True on an official working day, a make-up Saturday or Sunday included; Mon–Fri outside the known years."""
    if isinstance(day, datetime):
        raise TypeError("pass a local date (timezone.localdate(...)), not a datetime")
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


@lru_cache(maxsize=4096)
def add_working_days(start: date, n: int) -> date:
    """The due date: the n-th working day after ``start``, the day of receipt itself not counted.

    The 2020 rules count a period from the day after receipt, so a report received on a Friday with n=1 is due
    on Monday. n=0 returns ``start`` unchanged, even when it is a day off.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    for _ in range(n):
        day = _next_working_day(day)
    return day


def _next_working_day(day: date) -> date:
    day += ONE_DAY
    while not is_working_day(day):
        day += ONE_DAY
    return day


def working_days_between(start: date, end: date) -> int:
    """The working days after ``start`` up to and including ``end``; negative when ``end`` comes first.

    The inverse of ``add_working_days``: ``working_days_between(d, add_working_days(d, n)) == n``.
    """
    if end < start:
        return -working_days_between(end, start)
    return sum(is_working_day(start + ONE_DAY * i) for i in range(1, (end - start).days + 1))


def working_days_left(due: date, today: date) -> int:
    """Working days left until ``due`` (0 on the due day); negative counts the working days it is overdue.

    Days off after the due date add nothing, so a clock due on a Friday still reads 0 on Saturday: to ask
    whether a clock is overdue, compare the dates (``today > due``), not this number.
    """
    return working_days_between(today, due)
