"""The 20 inspection teams of the demo county: a commission standing member leads each, with two
staff members and (for the first 17) one invited supervisor. Safe to run again."""

from django.db import transaction

from inspections.models import Team
from orgs.models import Person, Role

TEAM_COUNT = 20


@transaction.atomic
def seed() -> None:
    leaders = list(Person.objects.filter(role_assignments__role=Role.COMMISSION_LEADER).order_by("id"))
    staff = list(Person.objects.filter(role_assignments__role=Role.COMMISSION_STAFF).order_by("id"))
    supervisors = list(Person.objects.filter(is_invited_supervisor=True).order_by("id"))
    for i in range(TEAM_COUNT):
        team, created = Team.objects.get_or_create(
            name=f"第{i + 1}督查小组", defaults={"leader": leaders[i % len(leaders)]}
        )
        if created:
            members = [staff[(2 * i) % len(staff)], staff[(2 * i + 1) % len(staff)]]
            members += supervisors[i : i + 1]
            team.members.set(members)
