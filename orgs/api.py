from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.generics import get_object_or_404

from orgs import access, services
from orgs.filters import PersonFilter, UnitFilter
from orgs.models import Person, Role, Unit


class UnitSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = Unit
        fields = [
            "id", "name", "kind", "kind_display", "region", "region_name", "parent",
            "is_lead_unit", "is_co_unit", "sort_order", "is_active",
        ]  # fmt: skip


class PersonSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), required=False)

    class Meta:
        model = Person
        fields = ["id", "name", "position", "unit", "unit_name", "phone", "email", "is_invited_supervisor", "roles"]

    def to_representation(self, person: Person) -> dict:
        data = super().to_representation(person)
        data["roles"] = sorted(a.role for a in person.role_assignments.all())
        return data


class OrganisationPermission(permissions.BasePermission):
    """Everybody signed in reads what access lets them see; only commission admins write."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return access.can_manage_organisation(request.user)


class ScopedViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):  # fmt: skip
    permission_classes = [permissions.IsAuthenticated, OrganisationPermission]

    def get_object(self):
        return get_object_or_404(self.filter_queryset(self.get_queryset()), pk=self.kwargs["pk"])


class UnitViewSet(ScopedViewSet):
    serializer_class = UnitSerializer
    filterset_class = UnitFilter
    search_fields = ["name"]
    ordering_fields = ["name", "kind", "sort_order", "id"]

    def get_queryset(self):
        return access.units_visible(self.request.user).order_by("kind", "sort_order", "id")

    def perform_create(self, serializer):
        serializer.instance = services.unit_save(data=serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.unit_save(unit=serializer.instance, data=serializer.validated_data)


class PersonViewSet(ScopedViewSet):
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    search_fields = ["name", "position"]
    ordering_fields = ["name", "unit", "id"]

    def get_queryset(self):
        return access.people_visible(self.request.user).order_by("unit_id", "id")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.person_save(data=data, roles=data.pop("roles", []))

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.person_save(person=serializer.instance, data=data, roles=data.pop("roles", None))
