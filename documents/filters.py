"""Filters of the documents page: kind and year."""

import django_filters

from documents.models import Document


class DocumentFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Document.Kind.choices, label="类别", empty_label="全部")
    year = django_filters.ChoiceFilter(field_name="period_start", lookup_expr="year", label="年度", empty_label="全部")

    class Meta:
        model = Document
        fields = ["kind", "year"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Offer only the years this reader has documents for (one query), newest first.
        years = self.queryset.dates("period_start", "year", order="DESC")
        self.filters["year"].extra["choices"] = [(day.year, f"{day.year}年") for day in years]
