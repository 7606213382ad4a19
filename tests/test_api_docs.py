import pytest

pytestmark = pytest.mark.django_db


def test_schema_lists_units_and_people(staff_client):
    response = staff_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/units/", "/api/v1/units/{id}/", "/api/v1/people/", "/api/v1/people/{id}/"} <= set(paths)


def test_docs_page_uses_local_assets(staff_client):
    html = staff_client.get("/api/docs/").text
    assert "swagger-ui" in html
    assert "cdn" not in html.lower() and "https://" not in html


def test_schema_needs_login(client):
    assert client.get("/api/schema/").status_code == 401


def test_token_is_issued_for_valid_credentials(client, officer_user):
    response = client.post("/api/v1/auth/token/", {"username": "officer_a", "password": "correct-horse-battery"})
    assert response.status_code == 200
    assert len(response.json()["token"]) == 40


def test_token_refused_for_wrong_password(client, officer_user):
    response = client.post("/api/v1/auth/token/", {"username": "officer_a", "password": "nope"})
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
