"""A unit select that stays small at province size."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.urls import reverse
from django.utils.http import urlencode

# A province has ten thousand units: listed in full, three unit filters made a ledger page of megabytes.
LISTED_AT_MOST = 200


class UnitPicker(forms.Select):
    """Lists every unit of its field while there are at most ``LISTED_AT_MOST``; beyond that it renders only the
    chosen unit and ``js/unit_picker.js`` searches the others by name (``url_name``, narrowed by ``lookup``
    such as ``{"lead": "1"}``; see ``orgs.lookups``). The field still validates against its own queryset."""

    def __init__(self, attrs: dict | None = None, lookup: dict | None = None, url_name: str = "orgs:unit-lookup"):
        super().__init__(attrs)
        self.lookup = lookup or {}
        self.url_name = url_name
        self.searching = False

    def _listed(self, value: list[str]) -> list:
        """The choices to render, one query whatever the number of units; sets ``searching``."""
        iterator = self.choices
        if not isinstance(iterator, ModelChoiceIterator):
            return list(iterator)
        units = list(iterator.queryset[: LISTED_AT_MOST + 1])
        self.searching = len(units) > LISTED_AT_MOST
        if self.searching:
            chosen = [v for v in value if v and str(v).isdigit()]
            units = list(iterator.queryset.filter(pk__in=chosen)) if chosen else []
        empty = [("", iterator.field.empty_label)] if iterator.field.empty_label is not None else []
        return empty + [iterator.choice(unit) for unit in units]

    def optgroups(self, name: str, value: list[str], attrs: dict | None = None) -> list:
        every, self.choices = self.choices, self._listed(value)
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = every

    def get_context(self, name: str, value, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        if self.searching:
            query = f"?{urlencode(self.lookup, doseq=True)}" if self.lookup else ""
            context["widget"]["attrs"]["data-unit-lookup"] = reverse(self.url_name) + query
        return context
