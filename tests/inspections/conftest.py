"""Inspection personas: commission staff and a leader; an inspector of team A and one of team B; the officer of
the inspected unit (甲镇, ``township_a``) and of another unit (乙镇); anonymous is the plain ``client``."""

import pytest

from orgs.models import Person, Role
from tests.factories import client_for, user_with_role
from tests.inspections.factories import PlanFactory, TeamFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Evidence files land in a fresh folder per test, never in var/media."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def leader_user(commission):
    return user_with_role(Role.COMMISSION_LEADER, commission, "leader1", name="纪委书记甲")


@pytest.fixture
def inspector_a(commission):
    return user_with_role(Role.INSPECTOR, commission, "inspector_a", name="督查员甲")


@pytest.fixture
def inspector_b(commission):
    return user_with_role(Role.INSPECTOR, commission, "inspector_b", name="督查员乙")


@pytest.fixture
def team_a(inspector_a):
    team = TeamFactory(name="第一督查小组")
    team.members.add(Person.objects.get(user=inspector_a))
    return team


@pytest.fixture
def team_b(inspector_b):
    return TeamFactory(name="第二督查小组", leader=Person.objects.get(user=inspector_b))


@pytest.fixture
def plan_a(team_a, staff_user, township_a):
    plan = PlanFactory(team=team_a, created_by=staff_user, title="春节期间公车私用暗访")
    plan.target_units.add(township_a)
    return plan


@pytest.fixture
def leader_client(leader_user):
    return client_for(leader_user)


@pytest.fixture
def inspector_a_client(inspector_a):
    return client_for(inspector_a)


@pytest.fixture
def inspector_b_client(inspector_b):
    return client_for(inspector_b)


@pytest.fixture
def other_officer_client(other_officer_user):
    return client_for(other_officer_user)
