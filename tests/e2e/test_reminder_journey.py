"""A reminder from the schedule to the officer's phone: the commission admin runs the monthly reminder and the
monthly ranking from the jobs page, the officer sees the unread count, opens the reminder and lands on the tasks
to report; the admin reads the ranking document and downloads it."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from orgs.models import Role, Unit
from tests.e2e.pages import log_in
from tests.factories import TaskFactory, UnitFactory, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def county():
    commission = UnitFactory(name="县纪委监委", kind=Unit.Kind.COMMISSION)
    township = UnitFactory(name="甲镇", kind=Unit.Kind.TOWNSHIP)
    user_with_role(Role.COMMISSION_ADMIN, commission, "guanli", name="系统管理员")
    user_with_role(Role.UNIT_OFFICER, township, "jiazhen", name="甲镇联络员")
    start = timezone.localdate().replace(month=1, day=1)
    return TaskFactory(lead_unit=township, title="整治群众身边不正之风", starts_on=start)


def run_now(admin, label: str) -> None:
    admin.get_by_role("link", name="定时任务", exact=True).click()
    admin.get_by_role("link", name=label).click()
    admin.get_by_role("button", name="运行").click()
    expect(admin.locator(".messages")).to_contain_text(f"已提交“{label}”")


def test_admin_runs_reminder_officer_reads_it_admin_reads_the_document(live_server, browser, county, screenshot):
    base = live_server.url
    admin = log_in(browser, base, "guanli", width=1280)
    run_now(admin, "月度进度报送提醒")
    expect(admin.locator("table tbody tr").first).to_contain_text("手动触发")
    expect(admin.locator("table tbody tr").first.locator("td").nth(5)).to_have_text("1")  # 送达 1: the officer
    run_now(admin, "月度评比")

    officer = log_in(browser, base, "jiazhen", width=390)
    badge = officer.locator(".nav-unread")
    officer.get_by_text("菜单").click()
    expect(badge).to_have_text("1")
    officer.get_by_role("link", name="消息").click()
    reminder = officer.get_by_role("button", name="报送")
    expect(reminder).to_contain_text("任务进度（1项）")
    expect(officer.locator(".notification")).to_contain_text(f"任务{county.number} 整治群众身边不正之风")
    screenshot(officer, "inbox")
    reminder.click()
    expect(officer.get_by_role("heading", name="我的任务")).to_be_visible()
    officer.get_by_text("菜单").click()
    expect(badge).to_be_hidden()

    admin.get_by_role("link", name="文档", exact=True).click()
    admin.get_by_role("link", name="单位月评比排名").click()
    expect(admin.get_by_role("heading", name="一、单位排名")).to_be_visible()
    expect(admin.locator(".document-table").first).to_contain_text("甲镇")
    expect(admin.get_by_role("button", name="打印")).to_be_visible()
    with admin.expect_download() as download:
        admin.get_by_role("link", name="下载 Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    screenshot(admin, "document")
