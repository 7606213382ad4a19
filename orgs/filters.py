import django_filters

from orgs.models import Person, Role, Unit


class UnitFilter(django_filters.FilterSet):
    class Meta:
        model = Unit
        fields = ["kind", "region", "parent", "is_lead_unit", "is_co_unit", "is_active"]


class PersonFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(
        field_name="role_assignments__role", choices=Role.choices, label="角色", distinct=True
    )
    kind = django_filters.ChoiceFilter(field_name="unit__kind", choices=Unit.Kind.choices, label="单位类别")

    class Meta:
        model = Person
        fields = ["unit", "role", "kind", "is_invited_supervisor"]
