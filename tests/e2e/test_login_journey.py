import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_logs_in_and_sees_own_unit_workbench(
    live_server, phone_page, screenshot, officer_user, other_officer_user
):
    page = phone_page
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    expect(page.get_by_role("heading", name="登录")).to_be_visible()

    page.get_by_label("用户名").fill("officer_a")
    page.get_by_label("密码").fill("correct-horse-battery")
    page.get_by_role("button", name="登录").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    expect(page.locator(".unit-name")).to_have_text("甲镇")
    assert "乙镇" not in page.content()
    assert screenshot(page, "workbench").stat().st_size > 0


def test_wrong_password_shows_message(live_server, phone_page, officer_user):
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("officer_a")
    page.get_by_label("密码").fill("wrong")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_contain_text("用户名或密码不正确")
