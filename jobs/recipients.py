"""Who receives what: people found by role and unit, each query one for the whole county however many there are.

Only people with an active login can be reminded; anybody else holding the role is skipped with the reason noted
on the run, so the admins can see who is missing an account."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet

from jobs.registry import Context
from orgs.models import Person, Role

LEADERS = (Role.COMMISSION_LEADER, Role.COUNTY_LEADER)
STAFF_AND_LEADERS = (Role.COMMISSION_STAFF, Role.COMMISSION_ADMIN, *LEADERS)


def reachable(context: Context, people: QuerySet[Person], why: str = "") -> list[tuple[int, int]]:
    """(user id, unit id) of those of ``people`` with an active login; the others are noted as skipped, with
    ``why`` saying what they would have been sent."""
    rows = people.values_list("pk", "name", "user_id", "user__is_active", "unit_id").distinct().order_by("pk")
    found, seen = [], set()
    for pk, name, user_id, active, unit_id in rows:
        if pk in seen:  # a person holding two of the roles asked for
            continue
        seen.add(pk)
        if user_id is None:
            context.skip(f"{name}（人员{pk}）无登录账号，未发送{why}")
        elif not active:
            context.skip(f"{name}（人员{pk}）账号已停用，未发送{why}")
        else:
            found.append((user_id, unit_id))
    return found


def _holders(context: Context, roles: Iterable[str], **filters) -> list[tuple[int, int]]:
    holders = Person.objects.filter(role_assignments__role__in=list(roles), unit__is_active=True, **filters)
    return reachable(context, holders)


def team_leaders(context: Context) -> list[int]:
    """The leaders of active inspection teams (a team's leader is not a role, so not found by role)."""
    leaders = Person.objects.filter(led_teams__is_active=True)
    return [user_id for user_id, _ in reachable(context, leaders, "检查计划提醒")]


def users_with_roles(context: Context, *roles: str) -> list[int]:
    return [user_id for user_id, _ in _holders(context, roles)]


def officers_by_unit(context: Context, unit_ids: Iterable[int] | None = None) -> dict[int, list[int]]:
    """Unit id → the user ids of its officers (联络员), for the given units or every active unit."""
    filters = {} if unit_ids is None else {"unit_id__in": list(unit_ids)}
    by_unit: dict[int, list[int]] = defaultdict(list)
    for user_id, unit_id in _holders(context, [Role.UNIT_OFFICER], **filters):
        by_unit[unit_id].append(user_id)
    return dict(by_unit)
