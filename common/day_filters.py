"""Filters of timestamps by local day that their column's index can serve.

``received_at__date__gte=day`` makes PostgreSQL compute a date for every row; the same question asked as a range of
the column itself (from the day's local midnight) uses the column's index.
"""

from datetime import date, datetime, time, timedelta

import django_filters
from django.db.models import QuerySet
from django.utils import timezone


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class SinceDayFilter(django_filters.DateFilter):
    """Rows stamped on or after ``day`` (local time)."""

    def filter(self, qs: QuerySet, value: date | None) -> QuerySet:
        return qs.filter(**{f"{self.field_name}__gte": local_midnight(value)}) if value else qs


class UntilDayFilter(django_filters.DateFilter):
    """Rows stamped on or before ``day`` (local time): before the next day's midnight."""

    def filter(self, qs: QuerySet, value: date | None) -> QuerySet:
        return qs.filter(**{f"{self.field_name}__lt": local_midnight(value + timedelta(days=1))}) if value else qs
