"""Issue 10 point 4: brute force and flooding.

Covered elsewhere and not repeated here: the report form's and the API's submission limit before hashing
(tests/cases/test_public_form.py, test_public_api.py), the query limit before hashing and the query-code lock-out
for the page and the API (tests/cases/test_public_query.py, test_public_api.py), the public rating's limit
(tests/rectification/test_rating.py) and the login lock-out's 429 (tests/test_auth.py). Here: that a locked
login does no password hashing (page and API token), the answer endpoints' limit, and the captcha budget that
every place drawing a challenge counts against.
"""

from unittest import mock

import pytest
from captcha.models import CaptchaStore
from django.contrib.auth import base_user
from django.urls import reverse

from cases.public_limits import TOO_MANY_CAPTCHAS
from cases.services import public
from tests.cases.public_support import PASSWORD, file_report
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

STAFF_PASSWORD = "correct-horse-battery"  # the personas' password (tests/conftest.py)
TOKEN = "/api/v1/auth/token/"


def hashing_of_passwords():
    """Counts every staff password check (``User.check_password`` goes through this name)."""
    return mock.patch.object(base_user, "check_password", wraps=base_user.check_password)


def assert_too_many(response, text: str) -> None:
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert text in (response.json()["detail"] if "json" in response["Content-Type"] else response.text)


# Login lock-out: once locked, the right password is refused without being hashed ---------------


def test_locked_login_does_no_password_hashing(client, officer_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "officer_a", "password": "wrong"})
    with hashing_of_passwords() as hashing:
        locked = client.post(reverse("login"), {"username": "officer_a", "password": STAFF_PASSWORD})
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    assert hashing.call_count == 0


def test_api_token_failures_lock_out_too_and_then_do_no_hashing(client, officer_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert client.post(TOKEN, {"username": "officer_a", "password": "wrong"}).status_code in (400, 429)
    with hashing_of_passwords() as hashing:
        locked = client.post(TOKEN, {"username": "officer_a", "password": STAFF_PASSWORD})
    assert locked.status_code == 429 and "token" not in locked.text
    assert locked["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    assert hashing.call_count == 0


def test_token_and_page_share_one_lock_out(client, officer_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(TOKEN, {"username": "officer_a", "password": "wrong"})
    assert client.post(reverse("login"), {"username": "officer_a", "password": STAFF_PASSWORD}).status_code == 429


# The reporter's answer counts in the query budget, before any hashing --------------------------


def test_answer_endpoints_are_limited_before_hashing(client, settings):
    settings.PUBLIC_QUERY_RATE = "1/h"
    report, code = file_report()
    body = {"number": report.number, "query_code": code, "query_password": PASSWORD, "text": "补充"}
    signed_in = client.post(
        reverse("public:report-query"), {"number": report.number, "query_code": code, "password": PASSWORD}
    )
    assert signed_in.status_code == 302  # the one query of the budget, on the page: the session may now answer
    with mock.patch.object(public, "credentials_match", wraps=public.credentials_match) as hashing:
        api = client.post("/api/v1/public/reports/answer/", body, content_type="application/json")
        page = client.post(reverse("public:report-answer"), {"text": "补充"})
    assert_too_many(api, "操作过于频繁")
    assert_too_many(page, "操作过于频繁")
    assert hashing.call_count == 0
    assert not report.messages.exists()


# The captcha budget: challenges and pictures are drawn only within it --------------------------


@pytest.fixture
def two_captchas(settings):
    settings.PUBLIC_CAPTCHA_RATE = "2/h"


def test_captcha_api_is_limited(client, two_captchas):
    assert client.get("/api/v1/public/captcha/").status_code == 200
    assert client.get("/api/v1/public/captcha/").status_code == 200
    stored = CaptchaStore.objects.count()
    assert_too_many(client.get("/api/v1/public/captcha/"), TOO_MANY_CAPTCHAS)
    assert CaptchaStore.objects.count() == stored


def test_captcha_refresh_is_limited(client, two_captchas):
    ajax = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    for _ in range(2):
        assert client.get(reverse("captcha-refresh"), **ajax).status_code == 200
    stored = CaptchaStore.objects.count()
    assert_too_many(client.get(reverse("captcha-refresh"), **ajax), TOO_MANY_CAPTCHAS)
    assert CaptchaStore.objects.count() == stored


def test_captcha_image_is_limited(client, two_captchas):
    key = CaptchaStore.generate_key()
    for _ in range(2):
        assert client.get(reverse("captcha-image", args=[key])).status_code == 200
    limited = client.get(reverse("captcha-image", args=[key]))
    assert_too_many(limited, TOO_MANY_CAPTCHAS)
    assert limited["Content-Type"] == "application/json"  # no picture drawn


@pytest.mark.parametrize("url", ["/report/", "/public/rating/"])
def test_blank_forms_with_a_captcha_are_limited(client, two_captchas, url):
    UnitFactory()
    for _ in range(2):
        assert client.get(url).status_code == 200
    stored = CaptchaStore.objects.count()
    assert_too_many(client.get(url), TOO_MANY_CAPTCHAS)
    assert CaptchaStore.objects.count() == stored


def test_form_page_and_its_picture_share_the_budget(client, two_captchas):
    page = client.get("/report/")
    assert page.status_code == 200
    key = CaptchaStore.objects.latest("pk").hashkey
    assert client.get(reverse("captcha-image", args=[key])).status_code == 200
    assert client.get(reverse("captcha-image", args=[key])).status_code == 429


def test_limit_counts_per_client_address(client, two_captchas):
    for _ in range(2):
        client.get("/api/v1/public/captcha/")
    assert client.get("/api/v1/public/captcha/", REMOTE_ADDR="198.51.100.7").status_code == 200


def test_requests_without_the_proxys_address_header_share_one_budget(client, two_captchas, settings):
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    # Came round the proxy: no header. Counted together, not a 500.
    for _ in range(2):
        assert client.get("/api/v1/public/captcha/").status_code == 200
    assert_too_many(client.get("/api/v1/public/captcha/", REMOTE_ADDR="198.51.100.7"), TOO_MANY_CAPTCHAS)
    assert client.get("/api/v1/public/captcha/", HTTP_X_REAL_IP="198.51.100.7").status_code == 200
