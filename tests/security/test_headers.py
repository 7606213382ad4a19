"""Security headers and cookies: the Content Security Policy, HSTS and friends, no-store on private pages."""

import json
import os

import pytest
from django.db import connection
from django.test import Client
from rest_framework.authtoken.models import Token

from tests.cases.factories import ReportFactory
from tests.factories import TaskFactory, client_for
from tests.security.inline_html import inline_code
from tests.test_settings_env import PRODUCTION, ROOT, run

pytestmark = pytest.mark.django_db

# In a production process (DEBUG=0 and the production variables): the login page over HTTPS and over plain HTTP.
# Static URLs are drawn without the collected manifest, which this check has no need to build.
PRODUCTION_PROBE = """
import json, django
django.setup()
from django.conf import settings as s
from django.test import Client
from django.test.utils import override_settings
storages = {**s.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=storages):
    client = Client(HTTP_HOST=s.ALLOWED_HOSTS[0])
    page = client.get("/accounts/login/", secure=True)
    plain = client.get("/accounts/login/")
csrf = page.cookies[s.CSRF_COOKIE_NAME]
print(json.dumps({
    "status": page.status_code, "headers": dict(page.headers), "plain": [plain.status_code, plain.get("Location")],
    "csrf_cookie": [bool(csrf["secure"]), bool(csrf["httponly"]), csrf["samesite"]],
    "session_cookie": [s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE],
}))
"""


def policy(response) -> dict[str, list[str]]:
    directives = (part.split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: values for name, *values in directives}


@pytest.fixture
def production(tmp_path) -> dict:
    env = {
        "JIANCHA_VAR_DIR": str(tmp_path),
        **PRODUCTION,
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jiancha"),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "CACHE_URL": os.environ.get("CACHE_URL", os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")),
    }
    # The subprocess reads the test database (nothing of this test's transaction, which it needs not).
    env["DATABASE_URL"] = env["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]
    result = run(env, "-c", PRODUCTION_PROBE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_answers_with_hsts_frame_denial_referrer_policy_and_csp(production):
    headers = production["headers"]
    assert production["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "no-store" in headers["Cache-Control"]
    assert production["plain"] == [301, "https://jiancha.example.gov.cn/accounts/login/"]


def test_production_cookies_are_secure_http_only_and_same_site(production):
    assert production["csrf_cookie"] == [True, True, "Lax"]
    assert production["session_cookie"] == [True, True, "Lax"]


def test_signing_in_with_production_cookie_settings_sets_a_secure_http_only_lax_session(settings, officer_user):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    client = Client()
    login = client.get("/accounts/login/", secure=True)
    answer = client.post(
        "/accounts/login/", {"username": "officer_a", "password": "correct-horse-battery"}, secure=True
    )
    assert answer.status_code == 302
    for cookie in (answer.cookies[settings.SESSION_COOKIE_NAME], login.cookies[settings.CSRF_COOKIE_NAME]):
        assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


@pytest.mark.parametrize("path", ["/", "/responsibility/", "/cases/reports/"])
def test_staff_pages_carry_a_policy_with_no_inline_or_eval(staff_client, path):
    found = policy(staff_client.get(path))
    assert found["script-src"] == ["'self'"] and found["style-src"] == ["'self'"]
    assert found["default-src"] == ["'self'"] and found["img-src"] == ["'self'"]
    assert (found["frame-ancestors"], found["object-src"], found["base-uri"]) == (["'none'"],) * 3
    assert found["form-action"] == ["'self'"]
    assert not any("unsafe" in value for values in found.values() for value in values)


@pytest.mark.parametrize("path", ["/report/", "/report/query/", "/public/", "/accounts/login/"])
def test_public_pages_carry_the_same_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'"]
    assert not inline_code(response.text)


def test_api_docs_load_their_script_from_our_origin(staff_client):
    page = staff_client.get("/api/docs/")
    assert not inline_code(page.text)
    found = policy(page)
    # Swagger UI's style sheet draws its icons as data: images; scripts stay our own.
    assert found["img-src"] == ["'self'", "data:"] and found["script-src"] == ["'self'"]
    script = staff_client.get("/api/docs/?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.text and "/api/schema/" in script.text


TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]


def test_no_template_of_ours_holds_inline_script_style_or_handler():
    templates = [path for folder in TEMPLATE_DIRS for path in folder.rglob("*.html") if ".venv" not in path.parts]
    assert len(templates) > 100
    offending = {str(path.relative_to(ROOT)): inline_code(path.read_text()) for path in templates}
    assert {name: found for name, found in offending.items() if found} == {}


def test_report_and_query_pages_and_their_api_are_not_stored(client):
    for path in ("/report/", "/report/query/", "/api/v1/public/captcha/"):
        assert "no-store" in client.get(path)["Cache-Control"], path
    submitted = client.post("/api/v1/public/reports/", {}, content_type="application/json")
    assert "no-store" in submitted["Cache-Control"]


def test_every_answer_to_a_signed_in_user_is_not_stored(staff_client, staff_user, commission_admin_client):
    report = ReportFactory()
    for path in ("/", "/cases/reports/", f"/cases/reports/{report.pk}/", "/responsibility/"):
        response = staff_client.get(path)
        assert response.status_code == 200 and "no-store" in response["Cache-Control"], path
    identity_log = commission_admin_client.get("/cases/identity/views/")
    assert identity_log.status_code == 200 and "no-store" in identity_log["Cache-Control"]
    token = Token.objects.create(user=staff_user)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}").get("/api/v1/cases/reports/")
    assert api.status_code == 200 and "no-store" in api["Cache-Control"]


def test_public_pages_without_anything_private_stay_cacheable(client):
    for path in ("/public/", "/public/exposures/", "/public/commitments/"):
        assert "no-store" not in client.get(path).get("Cache-Control", ""), path


def test_a_header_already_set_by_a_view_is_kept(officer_client):
    assert officer_client.get("/notifications/unread/")["Cache-Control"] == "no-store"


def test_the_list_cache_still_keeps_pages_marked_no_store_on_the_way_out(settings, staff_user):
    settings.LIST_CACHE_SECONDS = 30
    TaskFactory(title="原标题")
    client = client_for(staff_user)
    client.get("/responsibility/")  # the CSRF cookie set: from now on the page may be kept
    first = client.get("/responsibility/")
    TaskFactory._meta.model.objects.update(title="悄悄改过")  # no signal: only the clock or a request moves on
    again = client.get("/responsibility/")
    assert "no-store" in first["Cache-Control"] and "no-store" in again["Cache-Control"]
    assert "原标题" in again.text
