"""Under the Content Security Policy the pages' scripts still run and the browser blocks nothing of ours."""

import pytest
from playwright.sync_api import expect

from orgs.models import Role, Unit
from tests.e2e.pages import log_in
from tests.factories import TaskFactory, UnitFactory, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def county():
    commission = UnitFactory(name="县纪委监委", kind=Unit.Kind.COMMISSION)
    user_with_role(Role.COMMISSION_LEADER, commission, "shuji", name="纪委书记")
    TaskFactory(lead_unit=UnitFactory(name="甲镇", kind=Unit.Kind.TOWNSHIP))


def violations_of(page) -> list[str]:
    """Chromium reports every blocked script, style or image on the console; collect them as they come."""
    found: list[str] = []
    page.on(
        "console", lambda message: found.append(message.text) if "Content Security Policy" in message.text else None
    )
    return found


def test_staff_pages_api_docs_and_public_form_run_with_nothing_blocked(live_server, browser, county):
    page = log_in(browser, live_server.url, "shuji")
    blocked = violations_of(page)
    page.goto(f"{live_server.url}/dashboard/")
    expect(page.locator("canvas.chart").first).to_be_visible()
    assert page.evaluate("() => [...document.querySelectorAll('canvas.chart')].every(c => !!Chart.getChart(c))")
    page.goto(f"{live_server.url}/cases/statistics/")
    page.goto(f"{live_server.url}/responsibility/print/")
    expect(page.get_by_role("button", name="打印")).to_be_visible()
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.get_by_text("监察 Jiancha API").first).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()  # the operations, drawn by the start-up script
    public = browser.new_context(locale="zh-CN").new_page()
    blocked_publicly = violations_of(public)
    public.goto(f"{live_server.url}/report/")
    first = public.locator("img.captcha").get_attribute("src")
    public.get_by_role("button", name="看不清，换一张").click()
    expect(public.locator("img.captcha")).not_to_have_attribute("src", first)
    assert blocked == [] and blocked_publicly == []
