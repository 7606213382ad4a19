"""Reporting periods are calendar months in Asia/Shanghai, stored as the month's first day."""

import calendar
from datetime import date

from django.utils import timezone


def today() -> date:
    return timezone.localdate()


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def previous_month(day: date) -> date:
    first = month_start(day)
    return date(first.year - 1, 12, 1) if first.month == 1 else date(first.year, first.month - 1, 1)


def next_month(day: date) -> date:
    first = month_start(day)
    return date(first.year + 1, 1, 1) if first.month == 12 else date(first.year, first.month + 1, 1)
