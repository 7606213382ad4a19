"""Personas: commission staff, a unit officer, an officer of another unit, the public (anonymous)."""

import importlib

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db.models.signals import post_migrate

from jiancha.celery import app as celery_app
from orgs.models import Role, Unit
from tests.factories import UnitFactory, client_for, user_with_role

# One browser for the whole run, shared by the journeys and the fault tests.
pytest_plugins = ["tests.browsers"]
DATA_MIGRATIONS = {
    "jiancha.migrations.0001_heartbeat_schedule": "create_schedule",
    "jobs.migrations.0002_default_schedules": "create_schedules",
}


def _restore_migrated_rows(sender, **kwargs) -> None:
    """A transactional test ends by emptying every table (flush), which sends post_migrate: the stored schedules the
    data migrations made come back, as the tests run after it on the same database expect (with pytest-xdist a
    file's transactional tests no longer all run last). Both functions skip what exists."""
    if sender.label == "jobs":
        for module, function in DATA_MIGRATIONS.items():
            getattr(importlib.import_module(module), function)(apps, None)


post_migrate.connect(_restore_migrated_rows, dispatch_uid="tests.restore_migrated_rows")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 costs a third of a second a hash: every user a factory makes would pay it. Tests that are about the
    real hasher (query codes stored as PBKDF2) set it back themselves."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _lists_not_kept(settings):
    """Tests change rows behind the pages' backs (``QuerySet.update`` as a shortcut for a whole flow) and read the
    context of responses: the list cache is off but in its own tests (tests/test_list_cache.py)."""
    settings.LIST_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _eager_celery_and_clean_cache():
    celery_app.conf.task_always_eager = True
    cache.clear()
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def commission(db):
    return UnitFactory(name="测试县纪委监委", kind=Unit.Kind.COMMISSION)


@pytest.fixture
def township_a(db):
    return UnitFactory(name="甲镇", kind=Unit.Kind.TOWNSHIP)


@pytest.fixture
def township_b(db):
    return UnitFactory(name="乙镇", kind=Unit.Kind.TOWNSHIP)


@pytest.fixture
def staff_user(commission):
    return user_with_role(Role.COMMISSION_STAFF, commission, "staff1")


@pytest.fixture
def commission_admin_user(commission):
    user = user_with_role(Role.COMMISSION_ADMIN, commission, "admin1")
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def officer_user(township_a):
    return user_with_role(Role.UNIT_OFFICER, township_a, "officer_a", name="甲镇联络员")


@pytest.fixture
def other_officer_user(township_b):
    return user_with_role(Role.UNIT_OFFICER, township_b, "officer_b", name="乙镇联络员")


@pytest.fixture
def county_leader_user(db):
    leadership = UnitFactory(name="测试县委", kind=Unit.Kind.LEADERSHIP)
    return user_with_role(Role.COUNTY_LEADER, leadership, "county1")


@pytest.fixture
def staff_client(staff_user):
    return client_for(staff_user)


@pytest.fixture
def commission_admin_client(commission_admin_user):
    return client_for(commission_admin_user)


@pytest.fixture
def officer_client(officer_user):
    return client_for(officer_user)


@pytest.fixture
def county_leader_client(county_leader_user):
    return client_for(county_leader_user)
