"""Pagination that costs the same on page 10,000 as on page 1, and counts that are not recounted on every view."""

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

from common import list_cache


class ListPaginator(Paginator):
    """A page's ids are found first, in a subquery (an index-only walk past the skipped rows), then only that page's
    rows are read with their annotations: with a plain OFFSET the database computes every skipped row's subqueries.
    The total is kept for ``list_cache.seconds()``, and forgotten at once when anything is written."""

    @cached_property
    def count(self) -> int:
        if not isinstance(self.object_list, QuerySet) or not list_cache.seconds():
            return super().count
        try:
            key = f"count:{list_cache.generation()}:{_query_digest(self.object_list)}"
        except EmptyResultSet:  # .none(), or a filter nothing can match
            return 0
        total = cache.get(key)
        if total is None:
            total = self.object_list.count()
            cache.set(key, total, list_cache.seconds())
        return total

    def page(self, number):
        if not isinstance(self.object_list, QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        return self._get_page(list(self.rows(number)), number, self)

    def rows(self, number: int) -> QuerySet:
        """What page ``number`` (a valid one) reads, in one query whose outer ORDER BY is the list's own."""
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self.object_list.filter(pk__in=self.object_list.values("pk")[bottom:top])


def _query_digest(queryset: QuerySet) -> str:
    sql, params = queryset.query.sql_with_params()
    return hashlib.sha256(f"{queryset.db}:{sql}:{params!r}".encode()).hexdigest()


class ListPagination(PageNumberPagination):
    """The API's page-number pagination on ``ListPaginator``."""

    django_paginator_class = ListPaginator
