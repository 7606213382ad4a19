"""Filters of timestamps by local day that their column's index can serve.

``received_at__date__gte=day`` makes PostgreSQL compute a date for every row; the same question asked as a range of
the column itself (from the day's local midnight) uses the column's index.
"""

from datetime import date, datetime, time

import django_filters
from django.db.models import QuerySet
from django.utils import timezone


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def local_last_moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


class SinceDayFilter(django_filters.DateFilter):
    """Rows stamped on or after ``day`` (local time)."""

    def filter(self, qs: QuerySet, value: date | None) -> QuerySet:
        return qs.filter(**{f"{self.field_name}__gte": local_midnight(value)}) if value else qs


class UntilDayFilter(django_filters.DateFilter):
    """Rows stamped on or before ``day`` (local time): up to the day's last microsecond, the finest a timestamp
    holds (the next day's midnight would not exist after 9999-12-31)."""

    def filter(self, qs: QuerySet, value: date | None) -> QuerySet:
        return qs.filter(**{f"{self.field_name}__lte": local_last_moment(value)}) if value else qs
