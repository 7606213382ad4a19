"""Every entry of the navigation bar opens for the person it is shown to: no role is shown a dead end."""

import re

import pytest
from django.urls import reverse

from orgs.models import Role, Unit
from tests.factories import UnitFactory, client_for, user_with_role

pytestmark = pytest.mark.django_db

HOMES = {
    Role.COMMISSION_ADMIN: Unit.Kind.COMMISSION,
    Role.COMMISSION_STAFF: Unit.Kind.COMMISSION,
    Role.COMMISSION_LEADER: Unit.Kind.COMMISSION,
    Role.COUNTY_LEADER: Unit.Kind.LEADERSHIP,
    Role.UNIT_OFFICER: Unit.Kind.TOWNSHIP,
    Role.INSPECTOR: Unit.Kind.COMMISSION_OFFICE,
    Role.REVIEWER: Unit.Kind.DEPARTMENT,
}


def nav_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"', nav)


@pytest.mark.parametrize("role", sorted(HOMES))
def test_every_navigation_entry_opens_for_its_role(role):
    user = user_with_role(role, UnitFactory(kind=HOMES[role]), f"nav-{role}")
    if role == Role.COMMISSION_ADMIN:
        user.is_staff = user.is_superuser = True
        user.save()
    client = client_for(user)
    links = nav_links(client.get(reverse("workbench")).text)
    assert len(links) > 2
    dead = {link: client.get(link, follow=True).status_code for link in links}  # "本单位" redirects to the unit
    assert {link: status for link, status in dead.items() if status != 200} == {}
