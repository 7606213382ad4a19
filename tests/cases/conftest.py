"""Cases personas: staff and a leader of the commission; the officer of a township commission that receives a
transfer, of another township commission, and of the accused person's own unit; the public (an anonymous client)."""

import pytest

from orgs.models import Role, Unit
from tests.factories import UnitFactory, client_for, user_with_role


@pytest.fixture
def leader_user(commission):
    return user_with_role(Role.COMMISSION_LEADER, commission, "leader1", name="纪委书记甲")


@pytest.fixture
def township_commission(db):
    return UnitFactory(name="甲镇纪委", kind=Unit.Kind.TOWNSHIP_COMMISSION)


@pytest.fixture
def other_township_commission(db):
    return UnitFactory(name="乙镇纪委", kind=Unit.Kind.TOWNSHIP_COMMISSION)


@pytest.fixture
def accused_unit(db):
    return UnitFactory(name="甲镇人民政府", kind=Unit.Kind.TOWNSHIP)


@pytest.fixture
def discipline_officer(township_commission):
    return user_with_role(Role.UNIT_OFFICER, township_commission, "jiwei_a", name="甲镇纪委联络员")


@pytest.fixture
def other_discipline_officer(other_township_commission):
    return user_with_role(Role.UNIT_OFFICER, other_township_commission, "jiwei_b", name="乙镇纪委联络员")


@pytest.fixture
def accused_unit_officer(accused_unit):
    return user_with_role(Role.UNIT_OFFICER, accused_unit, "zhengfu_a", name="甲镇政府联络员")


@pytest.fixture
def leader_client(leader_user):
    return client_for(leader_user)


@pytest.fixture
def discipline_client(discipline_officer):
    return client_for(discipline_officer)


@pytest.fixture
def other_discipline_client(other_discipline_officer):
    return client_for(other_discipline_officer)


@pytest.fixture
def accused_unit_client(accused_unit_officer):
    return client_for(accused_unit_officer)
