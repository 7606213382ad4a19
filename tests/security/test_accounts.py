"""Staff accounts (issue 10 point 5): the one-time code for commission roles, password rules, session limits,
disabled accounts losing their sessions, and the security log without personal data."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import UserSession
from accounts.sessions import LOGIN_AT, SEEN_AT, session_store
from orgs.models import Person

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
ROOT = Path(__file__).resolve().parents[2]


def log_in(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def code_for(device: TOTPDevice, offset_steps: int = 0) -> str:
    """The code the person's phone shows now (or ``offset_steps`` steps away)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0 + offset_steps * device.step, digits=device.digits)
    return f"{value:0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    right = {code_for(device, shift) for shift in (-2, -1, 0, 1, 2)}
    return next(c for c in ("000000", "111111", "222222", "333333", "444444", "555555") if c not in right)


@pytest.fixture
def otp_on(settings):
    settings.OTP_REQUIRED_FOR_COMMISSION = True


@pytest.fixture
def staff_device(staff_user):
    return TOTPDevice.objects.create(user=staff_user, name="手机", confirmed=True)


def security_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "jiancha.security"]


# Two-factor sign-in ---------------------------------------------------------------------------------------------


def test_commission_user_without_device_enrols_before_anything_else(client, staff_user, otp_on):
    assert log_in(client, "staff1")["Location"] == reverse("workbench")
    response = client.get(reverse("cases:report-list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp-setup") + "?next=")

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "<svg" in page.text and "绑定动态口令" in page.text
    device = TOTPDevice.objects.get(user=staff_user, confirmed=False)
    assert page.context["manual_key"] in page.text
    # Reloading the page keeps the same secret: the phone already scanned it.
    client.get(response["Location"])
    assert TOTPDevice.objects.filter(user=staff_user).count() == 1

    done = client.post(response["Location"], {"code": code_for(device), "next": reverse("cases:report-list")})
    assert done["Location"] == reverse("cases:report-list")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("cases:report-list")).status_code == 200


def test_commission_user_with_device_gives_the_code_after_the_password(client, staff_user, staff_device, otp_on):
    log_in(client, "staff1")
    response = client.get(reverse("workbench"))
    assert response["Location"] == f"{reverse('accounts:otp-verify')}?next=%2F"

    wrong = client.post(response["Location"], {"code": wrong_code(staff_device)})
    assert wrong.status_code == 200
    assert "动态口令不正确" in wrong.text
    assert client.get(reverse("workbench")).status_code == 302

    right = client.post(response["Location"], {"code": code_for(staff_device), "next": "/"})
    assert right["Location"] == "/"
    assert client.get(reverse("workbench")).status_code == 200


def test_code_page_does_not_follow_a_foreign_next(client, staff_user, staff_device, otp_on):
    log_in(client, "staff1")
    response = client.post(
        reverse("accounts:otp-verify"), {"code": code_for(staff_device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("workbench")


def test_api_refuses_a_session_without_the_code(client, staff_user, staff_device, otp_on):
    log_in(client, "staff1")
    response = client.get("/api/v1/units/")
    assert response.status_code == 403
    assert "动态口令" in response.json()["detail"]


def test_unit_officer_is_not_asked_for_a_code(client, officer_user, otp_on):
    log_in(client, "officer_a")
    assert client.get(reverse("workbench")).status_code == 200


def test_setting_off_lets_commission_in_with_the_password(client, staff_user, staff_device, settings):
    assert settings.OTP_REQUIRED_FOR_COMMISSION is False
    log_in(client, "staff1")
    assert client.get(reverse("workbench")).status_code == 200


def test_repeated_wrong_codes_lock_the_account_out(client, staff_user, staff_device, otp_on, settings):
    log_in(client, "staff1")
    url = reverse("accounts:otp-verify")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(url, {"code": wrong_code(staff_device)}).status_code == 200
    locked = client.post(url, {"code": wrong_code(staff_device)})
    assert locked.status_code == 429
    assert "暂时锁定" in locked.text
    assert SESSION_KEY not in client.session
    # Signing in again with the password does not reopen the code page, even with the right code.
    log_in(client, "staff1")
    assert client.post(url, {"code": code_for(staff_device)}).status_code == 429
    assert client.get(reverse("workbench")).status_code == 302


def test_api_token_needs_the_code_for_commission_accounts(client, staff_user, staff_device, otp_on):
    url = reverse("api-token")
    refused = client.post(url, {"username": "staff1", "password": PASSWORD})
    assert refused.status_code == 400
    assert "动态口令" in refused.json()["non_field_errors"][0]
    issued = client.post(url, {"username": "staff1", "password": PASSWORD, "otp": code_for(staff_device)})
    assert issued.status_code == 200
    assert issued.json()["token"]


def test_api_token_answers_429_once_wrong_codes_lock_the_account(client, staff_user, staff_device, otp_on, settings):
    url = reverse("api-token")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "staff1", "password": PASSWORD, "otp": wrong_code(staff_device)})
    locked = client.post(url, {"username": "staff1", "password": PASSWORD, "otp": code_for(staff_device)})
    assert locked.status_code == 429 and "暂时锁定" in locked.json()["detail"]
    assert "token" not in locked.json()


def test_commission_admin_resets_a_device_in_the_admin(
    client, staff_user, staff_device, commission_admin_client, settings
):
    delete_url = reverse("admin:otp_totp_totpdevice_delete", args=[staff_device.pk])
    change = commission_admin_client.get(reverse("admin:otp_totp_totpdevice_change", args=[staff_device.pk]))
    assert change.status_code == 200
    assert staff_device.key not in change.text  # the admin resets, never reads the secret
    assert commission_admin_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.filter(pk=staff_device.pk).exists()

    settings.OTP_REQUIRED_FOR_COMMISSION = True
    log_in(client, "staff1")
    assert client.get(reverse("workbench"))["Location"].startswith(reverse("accounts:otp-setup"))


def test_otp_is_on_by_default_in_production_only():
    probe = "import django; from django.conf import settings as s; django.setup(); print(s.OTP_REQUIRED_FOR_COMMISSION)"
    production = {"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org"}
    production |= {"FIELD_ENCRYPTION_KEYS": "A" * 43 + "=", "IDENTITY_HASH_KEY": "k" * 32}

    def run(env: dict) -> str:
        clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "OTP_REQUIRED_FOR_COMMISSION"}}
        clean |= {"DJANGO_SETTINGS_MODULE": "jiancha.settings", **env}
        result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=clean, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert run(production) == "True"
    assert run({**production, "OTP_REQUIRED_FOR_COMMISSION": "0"}) == "False"
    assert run({"DEBUG": "1"}) == "False"


# Passwords --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        ("password123", "这个密码太常见了"),  # in Django's list of 20,000 common passwords
        ("Xq9!ab", "密码太短，至少需要 8 个字符"),
        ("officer_a2026", "密码跟 用户名 太相似了"),
    ],
)
def test_password_change_refuses_weak_passwords(officer_client, officer_user, new_password, message):
    response = officer_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 200
    assert message in response.text
    officer_user.refresh_from_db()
    assert officer_user.check_password(PASSWORD)


def test_account_creation_in_the_admin_refuses_a_common_password(commission_admin_client):
    response = commission_admin_client.post(
        reverse("admin:auth_user_add"),
        {"username": "newstaff", "password1": "qwerty123", "password2": "qwerty123", "usable_password": "true"},
    )
    assert response.status_code == 200
    assert "这个密码太常见了" in response.text
    assert not User.objects.filter(username="newstaff").exists()


def test_the_validators_are_configured(settings):
    from django.contrib.auth.password_validation import validate_password

    names = {v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS}
    # Django's list of 20,000 common passwords, a minimum length and the likeness to the account's own names.
    assert {"CommonPasswordValidator", "MinimumLengthValidator", "UserAttributeSimilarityValidator"} <= names
    with pytest.raises(ValidationError):
        validate_password("iloveyou")
    validate_password("Lan-Shan-Chun-Yu-2026")


# Session limits -------------------------------------------------------------------------------------------------


def age_session(client: Client, **seconds_back: int) -> None:
    session = client.session
    for name, seconds in seconds_back.items():
        session[{"login": LOGIN_AT, "seen": SEEN_AT}[name]] -= seconds
    session.save()


def test_idle_session_ends_with_a_message(staff_client, settings):
    assert staff_client.get(reverse("workbench")).status_code == 200
    age_session(staff_client, seen=settings.STAFF_SESSION_IDLE_MINUTES * 60 + 1)
    response = staff_client.get(reverse("cases:report-list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "30 分钟未操作" in staff_client.get(response["Location"]).text
    assert staff_client.get(reverse("workbench")).status_code == 302


def test_session_within_the_idle_limit_stays(staff_client, settings):
    age_session(staff_client, seen=settings.STAFF_SESSION_IDLE_MINUTES * 60 - 5)
    assert staff_client.get(reverse("workbench")).status_code == 200


def test_session_ends_after_eight_hours_however_busy(staff_client, settings):
    age_session(staff_client, login=settings.STAFF_SESSION_MAX_HOURS * 3600 + 1)
    response = staff_client.get(reverse("workbench"))
    assert response["Location"].startswith(reverse("login"))
    assert "8 小时" in staff_client.get(response["Location"]).text


def test_activity_is_written_at_most_once_a_minute(staff_client):
    cookie = "sessionid"
    first = staff_client.get(reverse("workbench"))
    assert cookie not in first.cookies  # nothing written: the login stamped the times
    seen = staff_client.session[SEEN_AT]
    assert cookie not in staff_client.get(reverse("workbench")).cookies

    age_session(staff_client, seen=61)
    later = staff_client.get(reverse("workbench"))
    assert cookie in later.cookies
    assert staff_client.session[SEEN_AT] >= seen
    assert cookie not in staff_client.get(reverse("workbench")).cookies


# Disabling an account ---------------------------------------------------------------------------------------------


def test_login_indexes_the_session_and_logout_forgets_it(client, officer_user):
    log_in(client, "officer_a")
    key = client.session.session_key
    assert list(UserSession.objects.values_list("user_id", "session_key")) == [(officer_user.pk, key)]
    client.post(reverse("logout"))
    assert not UserSession.objects.exists()


def test_disabling_an_account_ends_all_its_sessions(officer_user):
    office, laptop = Client(), Client()
    log_in(office, "officer_a")
    log_in(laptop, "officer_a")
    keys = [office.session.session_key, laptop.session.session_key]

    officer_user.is_active = False
    officer_user.save()

    assert not Session.objects.filter(session_key__in=keys).exists()
    assert all(SESSION_KEY not in session_store(key).load() for key in keys)  # the cached copy too
    assert office.get(reverse("workbench")).status_code == 302
    assert laptop.get(reverse("workbench")).status_code == 302
    assert not UserSession.objects.exists()


def test_an_inactive_user_is_refused_even_without_the_signal(officer_client, officer_user):
    User.objects.filter(pk=officer_user.pk).update(is_active=False)  # no save(), no signal
    assert officer_client.get(reverse("workbench")).status_code == 302


def test_removing_the_person_in_the_admin_ends_the_sessions(officer_user, commission_admin_client):
    office = Client()
    log_in(office, "officer_a")
    person = Person.objects.get(user=officer_user)
    response = commission_admin_client.post(reverse("admin:orgs_person_delete", args=[person.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert office.get(reverse("workbench")).status_code == 302


def test_password_change_keeps_the_session_index_right(client, officer_user):
    log_in(client, "officer_a")
    new = "Lan-Shan-Chun-Yu-2026"
    client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [client.session.session_key]
    officer_user.is_active = False
    officer_user.save()
    assert client.get(reverse("workbench")).status_code == 302


# The security log -----------------------------------------------------------------------------------------------

PERSONAL = ("officer_a", "甲镇联络员", PASSWORD, "wrong-password", "张三")


def assert_no_personal_data(lines: list[str]) -> None:
    for line in lines:
        for text in PERSONAL:
            assert text not in line, line


def test_login_events_are_logged_without_personal_data(client, officer_user, caplog, settings):
    caplog.set_level(logging.INFO)
    log_in(client, "officer_a")
    client.post(reverse("logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "officer_a", "wrong-password")
    lines = security_lines(caplog)
    assert any(line.startswith(f"login.success user={officer_user.pk} ") and "ip=127.0.0.1" in line for line in lines)
    assert any(line.startswith(f"logout user={officer_user.pk} ") for line in lines)
    failed = [line for line in lines if line.startswith("login.failed")]
    assert len(failed) == settings.AXES_FAILURE_LIMIT
    assert all("username_hash=" in line for line in failed)
    (account_hash,) = {line.split("username_hash=")[1].split()[0] for line in failed}  # one account, linked
    assert any(line.startswith("login.locked_out") for line in lines)
    assert_no_personal_data(lines)
    # Nor does any other logger write them; django-axes names the account by the same hash.
    assert any(r.name.startswith("axes") and account_hash in r.getMessage() for r in caplog.records)
    assert_no_personal_data([r.getMessage() for r in caplog.records])


def test_otp_failure_and_session_expiry_are_logged(client, staff_user, staff_device, otp_on, caplog, settings):
    caplog.set_level(logging.INFO, logger="jiancha.security")
    log_in(client, "staff1")
    client.post(reverse("accounts:otp-verify"), {"code": wrong_code(staff_device)})
    client.post(reverse("accounts:otp-verify"), {"code": code_for(staff_device)})
    age_session(client, seen=settings.STAFF_SESSION_IDLE_MINUTES * 60 + 1)
    client.get(reverse("workbench"))
    lines = security_lines(caplog)
    assert any(line.startswith(f"otp.failed user={staff_user.pk} ") for line in lines)
    assert any(line.startswith(f"otp.verified user={staff_user.pk} ") for line in lines)
    assert any(line.startswith(f"session.expired user={staff_user.pk} ") and "reason=idle" in line for line in lines)
    assert code_for(staff_device) not in "".join(lines)


def test_denied_access_is_logged_by_view_not_by_query(client, officer_client, caplog):
    caplog.set_level(logging.INFO, logger="jiancha.security")
    client.get(reverse("cases:report-list") + "?q=张三")
    client.get("/api/v1/units/?search=张三")
    Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "officer_a", "password": PASSWORD})
    officer_client.get("/audit/?actor=张三")
    lines = security_lines(caplog)
    assert any(line.startswith("access.login_required") and "view=cases:report-list" in line for line in lines)
    assert any(line.startswith("access.denied") and "status=401" in line for line in lines)
    assert any(line.startswith("access.denied") and "status=403" in line and "view=login" in line for line in lines)
    assert any(line.startswith("access.not_found") and "view=audit-log" in line for line in lines)
    assert_no_personal_data(lines)


def test_disabling_is_logged(officer_user, caplog):
    caplog.set_level(logging.INFO, logger="jiancha.security")
    log_in(Client(), "officer_a")
    officer_user.is_active = False
    officer_user.save()
    assert any(
        line.startswith(f"account.disabled user={officer_user.pk} ") and "sessions_ended=1" in line
        for line in security_lines(caplog)
    )
