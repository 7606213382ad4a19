"""Every write to the organisation: validated with full_clean, atomic."""

from collections.abc import Iterable

from django.db import transaction

from orgs.models import Person, RoleAssignment, Unit

UNIT_FIELDS = ("region", "name", "kind", "parent", "is_lead_unit", "is_co_unit", "sort_order", "is_active")
PERSON_FIELDS = ("name", "position", "unit", "phone", "email", "is_invited_supervisor")


def _assign(obj, data: dict, allowed: tuple[str, ...]):
    for field, value in data.items():
        if field in allowed:
            setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def unit_save(*, unit: Unit | None = None, data: dict) -> Unit:
    """Create a unit (``unit`` None) or change one."""
    return _assign(unit or Unit(), data, UNIT_FIELDS)


@transaction.atomic
def person_save(*, person: Person | None = None, data: dict, roles: Iterable[str] | None = None) -> Person:
    """Create a person (``person`` None) or change one; ``roles`` replaces the person's roles when given."""
    person = _assign(person or Person(), data, PERSON_FIELDS)
    if roles is not None:
        person_set_roles(person=person, roles=roles)
    return person


@transaction.atomic
def person_set_roles(*, person: Person, roles: Iterable[str]) -> None:
    wanted = set(roles)
    person.role_assignments.exclude(role__in=wanted).delete()
    held = set(person.role_assignments.values_list("role", flat=True))
    for role in sorted(wanted - held):
        assignment = RoleAssignment(person=person, role=role)
        assignment.full_clean()
        assignment.save()
