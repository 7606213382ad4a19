"""The dashboard in a browser: every chart draws from the page's numbers, and the page is kept as a screenshot."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from orgs.models import Role, Unit
from responsibility.models import Task
from tests.e2e.pages import log_in
from tests.factories import TaskFactory, UnitFactory, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# For each chart: whether Chart.js drew it, and how many of its pixels are painted (a blank canvas has none).
CHARTS_DRAWN = """() => [...document.querySelectorAll("canvas.chart")].map(c => {
    const pixels = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) painted++; }
    return {figure: c.dataset.figure, drawn: !!Chart.getChart(c), painted};
})"""


@pytest.fixture
def county():
    commission = UnitFactory(name="县纪委监委", kind=Unit.Kind.COMMISSION)
    user_with_role(Role.COMMISSION_LEADER, commission, "shuji", name="纪委书记")
    today = timezone.localdate()
    for i, status in enumerate([Task.Status.NOT_STARTED, Task.Status.IN_PROGRESS, Task.Status.IN_PROGRESS]):
        township = UnitFactory(name=f"第{i + 1}镇", kind=Unit.Kind.TOWNSHIP)
        TaskFactory(lead_unit=township, status=status, starts_on=today.replace(month=1, day=1) - timedelta(days=40))


def test_the_dashboard_draws_every_chart_and_prints(live_server, browser, county, screenshot):
    page = log_in(browser, live_server.url, "shuji", width=1280)
    page.get_by_role("link", name="驾驶舱").click()
    expect(page.get_by_role("heading", name="领导驾驶舱")).to_be_visible()
    expect(page.locator("canvas.chart").first).to_be_visible()
    charts = page.evaluate(CHARTS_DRAWN)
    assert charts and all(c["drawn"] and c["painted"] > 500 for c in charts), charts
    expect(page.locator(".figure-table").first).to_contain_text("项目")
    assert screenshot(page, "dashboard").stat().st_size > 0
    page.emulate_media(media="print")
    expect(page.locator(".dashboard-head .filters")).to_be_hidden()
    assert screenshot(page, "dashboard-print").stat().st_size > 0
