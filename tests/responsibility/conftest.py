"""Checklist personas: the lead unit's officer, a co-unit's officer, an unrelated unit's officer, the owner."""

from datetime import date

import pytest

from orgs.models import Role, Unit
from tests.factories import TaskFactory, UnitFactory, client_for, user_with_role


@pytest.fixture
def lead_unit(db):
    return UnitFactory(name="牵头局", kind=Unit.Kind.DEPARTMENT, is_lead_unit=True)


@pytest.fixture
def co_unit(db):
    return UnitFactory(name="协办局", kind=Unit.Kind.DEPARTMENT, is_co_unit=True)


@pytest.fixture
def other_unit(db):
    return UnitFactory(name="无关局", kind=Unit.Kind.DEPARTMENT, is_co_unit=True)


@pytest.fixture
def owner_user(db):
    leadership = UnitFactory(name="县委", kind=Unit.Kind.LEADERSHIP)
    return user_with_role(Role.COUNTY_LEADER, leadership, "owner", name="责任领导甲")


@pytest.fixture
def task(lead_unit, co_unit, owner_user):
    return TaskFactory(
        title="公务用车专项排查",
        lead_unit=lead_unit,
        co_units=[co_unit],
        owner=owner_user.person,
        milestones=[(date(2026, 3, 31), 25), (date(2026, 12, 15), 100)],
    )


@pytest.fixture
def lead_officer(lead_unit):
    return user_with_role(Role.UNIT_OFFICER, lead_unit, "lead_officer", name="牵头局联络员")


@pytest.fixture
def co_officer(co_unit):
    return user_with_role(Role.UNIT_OFFICER, co_unit, "co_officer", name="协办局联络员")


@pytest.fixture
def other_officer(other_unit):
    return user_with_role(Role.UNIT_OFFICER, other_unit, "other_officer", name="无关局联络员")


@pytest.fixture
def lead_client(lead_officer):
    return client_for(lead_officer)


@pytest.fixture
def co_client(co_officer):
    return client_for(co_officer)


@pytest.fixture
def other_client(other_officer):
    return client_for(other_officer)


@pytest.fixture
def owner_client(owner_user):
    return client_for(owner_user)
