import pytest

from orgs.models import Person, Unit

pytestmark = pytest.mark.django_db


def test_admin_creates_unit_and_person(commission_admin_client, township_a):
    response = commission_admin_client.post(
        "/api/v1/units/",
        {"name": "丙镇", "kind": "township", "region": township_a.region_id},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    unit = Unit.objects.get(name="丙镇")
    response = commission_admin_client.post(
        "/api/v1/people/",
        {"name": "丙镇联络员", "unit": unit.pk, "phone": "13800001234", "roles": ["unit_officer"]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["roles"] == ["unit_officer"]
    assert Person.objects.get(name="丙镇联络员").role_assignments.get().role == "unit_officer"


def test_admin_changes_person_roles(commission_admin_client, officer_user):
    person = officer_user.person
    response = commission_admin_client.patch(
        f"/api/v1/people/{person.pk}/", {"roles": ["reviewer"]}, content_type="application/json"
    )
    assert response.status_code == 200
    assert list(person.role_assignments.values_list("role", flat=True)) == ["reviewer"]


def test_bad_input_gives_400_with_field_errors(commission_admin_client, township_a):
    response = commission_admin_client.post(
        "/api/v1/people/",
        {"name": "", "unit": 999999, "phone": "abc", "email": "not-mail", "roles": ["king"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"name", "unit", "phone", "email", "roles"}


def test_duplicate_unit_name_gives_400(commission_admin_client, township_a):
    response = commission_admin_client.post(
        "/api/v1/units/",
        {"name": "甲镇", "kind": "township", "region": township_a.region_id},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert Unit.objects.filter(name="甲镇").count() == 1


def test_malformed_json_gives_400(commission_admin_client):
    response = commission_admin_client.post("/api/v1/units/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_bad_filter_gives_400(staff_client):
    response = staff_client.get("/api/v1/units/", {"kind": "nonsense"})
    assert response.status_code == 400
    assert "kind" in response.json()


@pytest.mark.parametrize("persona", ["staff_client", "officer_client", "county_leader_client"])
def test_only_commission_admin_writes(request, persona, township_a):
    client = request.getfixturevalue(persona)
    response = client.post("/api/v1/units/", {"name": "丁镇", "kind": "township", "region": township_a.region_id})
    assert response.status_code == 403
    response = client.patch(f"/api/v1/units/{township_a.pk}/", {"name": "改名"}, content_type="application/json")
    assert response.status_code in (403, 404)
    assert not Unit.objects.filter(name__in=["丁镇", "改名"]).exists()


def test_officer_cannot_change_other_units_person(officer_client, other_officer_user):
    person = other_officer_user.person
    response = officer_client.patch(f"/api/v1/people/{person.pk}/", {"name": "x"}, content_type="application/json")
    assert response.status_code in (403, 404)
    person.refresh_from_db()
    assert person.name == "乙镇联络员"


def test_token_authentication(client, officer_user):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=officer_user)
    response = client.get("/api/v1/units/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response.json()["count"] == 1
