import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("workbench"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"


def test_login_leads_to_workbench(client, officer_user):
    response = login(client, "officer_a", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench")
    assert "甲镇" in client.get(reverse("workbench")).text


def test_wrong_password_gives_clear_message(client, officer_user):
    response = login(client, "officer_a", "wrong")
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.text


def test_repeated_failures_lock_the_account_out(client, officer_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "officer_a", "wrong").status_code == 200
    locked = login(client, "officer_a", "wrong")
    assert locked.status_code == 429
    assert "暂时锁定" in locked.text
    # Even the right password is refused while the lock holds.
    assert login(client, "officer_a", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_logout_needs_post_and_ends_session(officer_client):
    assert officer_client.get(reverse("logout")).status_code == 405
    response = officer_client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert officer_client.get(reverse("workbench")).status_code == 302


def test_password_change(client, officer_user):
    login(client, "officer_a", PASSWORD)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Xq9!long-enough", "new_password2": "Xq9!long-enough"},
    )
    assert response["Location"] == reverse("password_change_done")
    officer_user.refresh_from_db()
    assert officer_user.check_password("Xq9!long-enough")


def test_password_change_rejects_mismatch_in_chinese(officer_client, officer_user):
    response = officer_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Xq9!long-enough", "new_password2": "other-Xq9!"},
    )
    assert response.status_code == 200
    assert "两个密码不一致" in response.text
    officer_user.refresh_from_db()
    assert officer_user.check_password(PASSWORD)
