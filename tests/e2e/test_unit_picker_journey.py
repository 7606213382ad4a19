"""A unit filter too long to list: the officer types part of a name, picks the unit and filters the ledger."""

import pytest
from playwright.sync_api import expect

from orgs import widgets
from orgs.models import Role, Unit
from tests.e2e.pages import log_in
from tests.factories import TaskFactory, UnitFactory, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_searching_a_unit_by_name_and_filtering_the_ledger(live_server, browser, monkeypatch):
    monkeypatch.setattr(widgets, "LISTED_AT_MOST", 2)  # four townships: past the limit, as a province is
    commission = UnitFactory(name="县纪委监委", kind=Unit.Kind.COMMISSION)
    user_with_role(Role.COMMISSION_STAFF, commission, "ganbu", name="纪委干部")
    for name in ("东山镇", "西山镇", "南湖镇", "北湖镇"):
        TaskFactory(title=f"{name}的任务", lead_unit=UnitFactory(name=name, kind=Unit.Kind.TOWNSHIP))

    page = log_in(browser, live_server.url, "ganbu")
    page.goto(f"{live_server.url}/responsibility/")
    units = page.locator("select[name=unit]")
    expect(units.locator("option")).to_have_count(1)  # only "全部": nothing listed up front
    page.locator(".filter-field", has=units).get_by_placeholder("输入单位名称搜索").fill("南湖")
    expect(units.locator("option", has_text="南湖镇")).to_have_count(1)
    units.select_option(label="南湖镇")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator("table.ledger tbody tr")).to_have_count(1)
    expect(page.locator("table.ledger")).to_contain_text("南湖镇的任务")
    expect(units.locator("option:checked")).to_have_text("南湖镇")  # the chosen unit stays shown
