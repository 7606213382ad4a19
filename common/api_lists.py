"""The read-only API viewset the domain apps share: scoped by each viewset's ``get_queryset``, filtered by its
filterset only, its lists kept per visitor by ``common.list_cache``."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets

from common.list_cache import CachedListMixin


class ScopedReadViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    filter_backends = [DjangoFilterBackend]
