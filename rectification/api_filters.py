"""Filters of the rectification read API: problems by unit, source, status, level, common; commitments likewise."""

import django_filters

from rectification.models import Commitment, Problem


class ProblemFilter(django_filters.FilterSet):
    unit = django_filters.NumberFilter(field_name="unit", label="责任单位")
    source = django_filters.ChoiceFilter(choices=Problem.Source.choices, label="来源")
    status = django_filters.ChoiceFilter(choices=Problem.Status.choices, label="状态")
    level = django_filters.ChoiceFilter(choices=Problem.Level.choices, label="问题层级")
    is_common = django_filters.BooleanFilter(label="共性问题")

    class Meta:
        model = Problem
        fields = ["unit", "source", "status", "level", "is_common"]


class CommitmentFilter(django_filters.FilterSet):
    unit = django_filters.NumberFilter(field_name="problem__unit", label="责任单位")
    is_published = django_filters.BooleanFilter(label="已公开")
    status = django_filters.ChoiceFilter(field_name="problem__status", choices=Problem.Status.choices, label="状态")

    class Meta:
        model = Commitment
        fields = ["unit", "is_published", "status"]
