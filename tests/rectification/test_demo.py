"""The demo county's rectification work: the seed figures, a mix on every page, idempotence."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from orgs.models import Unit
from rectification import warnings
from rectification.models import Acceptance, Commitment, Problem, Progress, Rating, Talk
from rectification.reconciliation import reconciliation

S = Problem.Status


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seeded once for the module (seeding the county takes a while), inside a transaction rolled back at the end,
    so the rest of the suite finds the database as the migrations left it; each test runs in a savepoint within."""
    from django.db import transaction
    from django.test import override_settings

    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with django_db_blocker.unblock(), media, transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def db_seeded(seeded, db):
    return None


def test_jing_county_has_100_problems_53_fixed_at_once_42_in_rectification_6_pending(db_seeded):
    _, totals = reconciliation(Problem.objects.all())
    figures = (totals["all_total"], totals["all_fixed_at_once"], totals["all_open"], totals["all_pending"])
    assert figures == (100, 53, 42, 6)
    assert totals["all_closed"] == 5
    assert totals["self_total"] > 20 and totals["supervision_total"] > 20
    # The inspections demo's rectification notices are among the 100, not on top of them.
    assert Problem.objects.filter(source=Problem.Source.INSPECTION, source_id__isnull=False).count() >= 10


def test_a_realistic_mix_of_commitments_progress_and_acceptances(db_seeded):
    published = Commitment.objects.filter(is_published=True).count()
    assert 30 < published < Commitment.objects.count()
    assert Progress.objects.exists()
    results = dict(Acceptance.objects.values_list("result").annotate(n=Count("pk")))
    assert results[Acceptance.Result.PASSED] == 5 and results[Acceptance.Result.RETURNED] >= 3 and results[""] == 5
    assert not Problem.objects.filter(status=S.FIXED_AT_ONCE, commitment__isnull=False).exists()


def test_warnings_show_yellow_orange_and_red(db_seeded):
    rows = warnings.unit_warnings(Unit.objects.all())
    levels = {w.unit.name: w.level for w in rows}
    assert levels["白龙镇"] == "red" and levels["元山镇"] == "orange" and levels["普安镇"] == "yellow"
    assert {"yellow", "orange", "red"} <= set(levels.values())


def test_ratings_for_a_quarter_and_two_talks(db_seeded):
    assert Rating.objects.values("period").distinct().count() == 1
    assert Rating.objects.values("unit").distinct().count() > 80
    assert all(len(key) == 64 for key in Rating.objects.values_list("phone_key", flat=True)[:5])
    assert Talk.objects.count() == 2


def test_pages_have_something_to_show_for_the_demo_logins(db_seeded):
    staff, officer = Client(), Client()
    users = get_user_model().objects.in_bulk(["staff", "officer"], field_name="username")
    staff.force_login(users["staff"])
    officer.force_login(users["officer"])
    assert "红色预警" in staff.get(reverse("rectification:warning-list")).content.decode()
    assert "全县共 <strong>100</strong> 个问题" in staff.get(reverse("rectification:reconciliation")).content.decode()
    page = officer.get(reverse("rectification:warning-list")).content.decode()
    assert "普安镇" in page and "黄色预警" in page and "白龙镇" not in page


def test_running_again_changes_nothing(db_seeded):
    before = [list(m.objects.order_by("pk").values_list("pk", "status" if m is Problem else "pk")) for m in (
        Problem, Commitment, Progress, Acceptance, Rating, Talk)]  # fmt: skip
    call_command("seed_demo", stdout=io.StringIO())
    after = [list(m.objects.order_by("pk").values_list("pk", "status" if m is Problem else "pk")) for m in (
        Problem, Commitment, Progress, Acceptance, Rating, Talk)]  # fmt: skip
    assert after == before
