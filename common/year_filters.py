"""A filter by calendar year that refuses a year no date can hold (400), rather than failing in the lookup (500).

``concluded_on__year=0`` or ``=10000`` makes Django build ``date(0, 1, 1)`` for the range it queries, which raises;
a form field bounded to the years ``datetime.date`` knows turns such input into a field error.
"""

from datetime import MAXYEAR, MINYEAR

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field


@extend_schema_field({"type": "integer", "minimum": MINYEAR, "maximum": MAXYEAR})
class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", MINYEAR)
        kwargs.setdefault("max_value", MAXYEAR)
        super().__init__(*args, **kwargs)
