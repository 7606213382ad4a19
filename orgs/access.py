"""Who may see and change what: the one place that scopes organisation querysets to a user.

Domain apps build their own ``access.py`` on ``actor_of`` and ``scope_to_unit``; no view or API
view filters by unit on its own. A forbidden object is simply absent from the queryset, so it
answers the same 404 as a missing one.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from orgs.models import Person, Role, Unit

COMMISSION_ROLES = frozenset({Role.COMMISSION_ADMIN, Role.COMMISSION_STAFF, Role.COMMISSION_LEADER})


@dataclass(frozen=True)
class Actor:
    person_id: int | None = None
    unit_id: int | None = None
    roles: frozenset[str] = frozenset()
    is_superuser: bool = False

    def has(self, *roles: str) -> bool:
        """Holds any of ``roles``; a superuser holds every role."""
        return self.is_superuser or any(role in self.roles for role in roles)

    def holds(self, *roles: str) -> bool:
        """Was given any of ``roles``: for showing role-specific things, where a superuser is not everyone."""
        return any(role in self.roles for role in roles) or (self.is_superuser and Role.COMMISSION_ADMIN in roles)

    @property
    def is_commission(self) -> bool:
        """Staff, leaders and admins of the commission work on the whole county."""
        return self.has(*COMMISSION_ROLES)

    @property
    def sees_whole_county(self) -> bool:
        return self.is_commission or self.has(Role.COUNTY_LEADER)

    @property
    def is_admin(self) -> bool:
        return self.has(Role.COMMISSION_ADMIN)


ANONYMOUS = Actor()


def actor_of(user) -> Actor:
    """The user's person, unit and roles, read once per request (one query) and kept on the user."""
    if not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    actor = getattr(user, "_jiancha_actor", None)
    if actor is None:
        rows = list(Person.objects.filter(user=user).values_list("id", "unit_id", "role_assignments__role"))
        person_id, unit_id = rows[0][:2] if rows else (None, None)
        roles = frozenset(role for *_, role in rows if role)
        actor = Actor(person_id, unit_id, roles, user.is_superuser)
        user._jiancha_actor = actor
    return actor


def scope_to_unit(queryset: QuerySet, user, unit_field: str = "unit") -> QuerySet:
    """Objects that belong to units: all for the commission, the own unit's for its officers, none else."""
    actor = actor_of(user)
    if actor.is_commission:
        return queryset
    if actor.unit_id is not None and actor.has(Role.UNIT_OFFICER):
        return queryset.filter(**{unit_field: actor.unit_id})
    return queryset.none()


def units_visible(user) -> QuerySet[Unit]:
    actor = actor_of(user)
    units = Unit.objects.select_related("region", "parent")
    if actor.sees_whole_county:
        return units
    if actor.unit_id is None:
        return units.none()
    return units.filter(pk=actor.unit_id)


def people_visible(user) -> QuerySet[Person]:
    actor = actor_of(user)
    people = Person.objects.select_related("unit").prefetch_related("role_assignments")
    if actor.sees_whole_county:
        return people
    if actor.has(Role.UNIT_OFFICER):
        return scope_to_unit(people, user)
    # Inspectors and reviewers outside a unit's staff see only their own entry.
    return people.filter(pk=actor.person_id) if actor.person_id else people.none()


def can_manage_organisation(user) -> bool:
    return actor_of(user).is_admin
