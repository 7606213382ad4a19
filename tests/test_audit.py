import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.urls import reverse

from orgs.models import Unit
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

DOMAIN_APPS = ["orgs", "inspections", "responsibility", "cases", "rectification"]


# A sequence counter changes with every number handed out; the numbered objects themselves are audited.
NOT_AUDITED = {"Counter"}


def test_every_domain_model_is_audited():
    models = [m for app in DOMAIN_APPS for m in apps.get_app_config(app).get_models()]
    assert models
    assert [m.__name__ for m in models if not auditlog.contains(m) and m.__name__ not in NOT_AUDITED] == []


def test_api_change_is_recorded_with_actor(commission_admin_client, commission_admin_user, township_a):
    commission_admin_client.patch(
        f"/api/v1/units/{township_a.pk}/", {"name": "甲镇（新）"}, content_type="application/json"
    )
    entry = LogEntry.objects.get_for_object(township_a).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == commission_admin_user
    assert entry.changes_dict["name"] == ["甲镇", "甲镇（新）"]


def test_create_and_delete_are_recorded():
    unit = UnitFactory(name="临时单位")
    pk = unit.pk
    unit.delete()
    actions = set(
        LogEntry.objects.filter(object_pk=str(pk), content_type__model="unit").values_list("action", flat=True)
    )
    assert actions == {LogEntry.Action.CREATE, LogEntry.Action.DELETE}


def test_admin_sees_audit_page(commission_admin_client, township_a):
    Unit.objects.filter(pk=township_a.pk).update(name="x")  # bulk updates bypass the log; the create is there
    html = commission_admin_client.get(reverse("audit-log")).text
    assert "审计日志" in html and "甲镇" in html
    assert "新增" in html and "<b>类别</b>：（空） → 乡镇" in html


def test_audit_page_shows_team_membership_changes(commission_admin_client, staff_user):
    from inspections.models import Team

    team = Team.objects.create(name="第1督查小组", leader=staff_user.person)
    team.members.add(staff_user.person)
    html = commission_admin_client.get(reverse("audit-log")).text
    assert "<b>成员</b>：加入：" in html


@pytest.mark.parametrize("persona", ["staff_client", "officer_client", "county_leader_client"])
def test_others_get_404_for_audit_page(request, persona):
    assert request.getfixturevalue(persona).get(reverse("audit-log")).status_code == 404


def test_audit_page_queries(commission_admin_client, django_assert_max_num_queries):
    for i in range(60):
        UnitFactory(name=f"单位{i}")
    with django_assert_max_num_queries(8):
        response = commission_admin_client.get(reverse("audit-log"))
    assert response.text.count("<tr>") > 50
