import re

import pytest
from django.urls import reverse

from orgs.models import Person, Role
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_officer_sees_own_unit_page(officer_client, township_a):
    response = officer_client.get(reverse("orgs:unit-detail", args=[township_a.pk]))
    assert response.status_code == 200
    assert "甲镇" in response.text


def test_officer_of_other_unit_gets_404_page(officer_client, township_b):
    response = officer_client.get(reverse("orgs:unit-detail", args=[township_b.pk]))
    assert response.status_code == 404
    assert "乙镇" not in response.text


def test_denied_object_and_unknown_url_give_same_404_page(officer_client, township_b):
    denied = officer_client.get(reverse("orgs:unit-detail", args=[township_b.pk]))
    missing = officer_client.get(reverse("orgs:unit-detail", args=[999999]))
    unknown = officer_client.get("/no-such-page/")
    assert denied.status_code == missing.status_code == unknown.status_code == 404
    pages = {re.sub(r'value="[^"]+"', "", r.text) for r in (denied, missing, unknown)}  # CSRF tokens differ
    assert len(pages) == 1
    assert "页面不存在" in denied.text


def test_officer_of_other_unit_gets_404_by_api(officer_client, township_b):
    response = officer_client.get(f"/api/v1/units/{township_b.pk}/")
    assert response.status_code == 404
    assert response.json() == officer_client.get("/api/v1/units/999999/").json()


def test_officer_lists_only_own_unit_by_api(officer_client, township_a, township_b):
    names = [u["name"] for u in officer_client.get("/api/v1/units/").json()["results"]]
    assert names == ["甲镇"]


def test_officer_sees_only_own_unit_people(officer_client, township_a, township_b, other_officer_user):
    PersonFactory(unit=township_a, name="甲镇干部")
    names = {p["name"] for p in officer_client.get("/api/v1/people/").json()["results"]}
    assert names == {"甲镇联络员", "甲镇干部"}
    other = Person.objects.get(user=other_officer_user)
    assert officer_client.get(f"/api/v1/people/{other.pk}/").status_code == 404


def test_staff_sees_every_unit(staff_client, township_a, township_b):
    assert staff_client.get(reverse("orgs:unit-detail", args=[township_b.pk])).status_code == 200
    names = {u["name"] for u in staff_client.get("/api/v1/units/").json()["results"]}
    assert {"甲镇", "乙镇"} <= names


def test_county_leader_reads_whole_county(county_leader_client, township_b):
    assert county_leader_client.get(f"/api/v1/units/{township_b.pk}/").status_code == 200


def test_person_without_role_sees_only_themselves(client, township_a):
    from tests.factories import user_with_role

    user = user_with_role(None, township_a, "norole")
    PersonFactory(unit=township_a)
    client.force_login(user)
    assert [p["name"] for p in client.get("/api/v1/people/").json()["results"]] == [user.person.name]
    assert client.get(reverse("orgs:unit-detail", args=[township_a.pk])).status_code == 200


def test_inspector_is_not_a_unit_officer(client, commission, township_a):
    from tests.factories import user_with_role

    client.force_login(user_with_role(Role.INSPECTOR, commission, "insp"))
    assert client.get(reverse("orgs:unit-detail", args=[township_a.pk])).status_code == 404
    assert client.get("/api/v1/units/").json()["count"] == 1


def test_anonymous_is_sent_to_login_for_pages(client, township_a):
    response = client.get(reverse("orgs:unit-detail", args=[township_a.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_gets_401_from_api(client, township_a):
    response = client.get("/api/v1/units/")
    assert response.status_code == 401
    assert "detail" in response.json()


def test_my_unit_redirects_officer_to_own_unit(officer_client, township_a):
    response = officer_client.get(reverse("orgs:my-unit"))
    assert response["Location"] == reverse("orgs:unit-detail", args=[township_a.pk])


def test_my_unit_is_404_without_a_unit(admin_client):
    assert admin_client.get(reverse("orgs:my-unit")).status_code == 404


def test_unit_list_filters_and_searches(staff_client, township_a, township_b):
    UnitFactory(name="甲局", kind="department")
    page = staff_client.get(reverse("orgs:unit-list"), {"kind": "township", "q": "甲"}).text
    assert "甲镇" in page and "乙镇" not in page and "甲局" not in page


def test_unit_list_reports_bad_filter_in_chinese(staff_client, township_a):
    response = staff_client.get(reverse("orgs:unit-list"), {"kind": "nonsense"})
    assert response.status_code == 200
    assert "筛选条件有误" in response.text
    assert "甲镇" not in response.text
