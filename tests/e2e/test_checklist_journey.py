"""The checklist's monthly round: a unit files progress on a phone, the commission accepts it, and it is closed."""

import re

import pytest
from playwright.sync_api import expect

from orgs.models import Role, Unit
from responsibility.models import ProgressAttachment, Task
from tests.factories import TaskFactory, UnitFactory, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n% minutes of the special meeting\n"


@pytest.fixture
def checklist(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    lead = UnitFactory(name="县财政局", kind=Unit.Kind.DEPARTMENT, is_lead_unit=True)
    commission = UnitFactory(name="县纪委监委", kind=Unit.Kind.COMMISSION)
    leadership = UnitFactory(name="县委", kind=Unit.Kind.LEADERSHIP)
    owner = user_with_role(Role.COUNTY_LEADER, leadership, "owner", name="王常委").person
    user_with_role(Role.UNIT_OFFICER, lead, "caizheng", name="财政局联络员")
    user_with_role(Role.COMMISSION_STAFF, commission, "jiwei", name="监督室干部")
    return TaskFactory(title="公务接待问题专项排查", lead_unit=lead, owner=owner)


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("correct-horse-battery")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def ledger_row(page, title: str):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=title))


def test_officer_files_progress_and_staff_accept_and_close(live_server, browser, phone_page, screenshot, checklist):
    base, task = live_server.url, checklist
    officer = phone_page
    staff = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()

    # The lead unit's officer files this month's progress from a phone, with the meeting minutes attached.
    log_in(officer, base, "caizheng")
    officer.get_by_text("菜单").click()
    officer.get_by_role("link", name="我的任务").click()
    card = officer.locator(".task-card", has_text=task.title)
    expect(card).to_contain_text("本月未报送")
    card.get_by_role("link", name="报送本月进度").click()
    officer.get_by_label("累计完成进度（%）").fill("100")
    officer.get_by_label("进展情况").fill("已完成全县公务接待问题排查，建立问题台账。")
    officer.get_by_label("附件").set_input_files(
        {"name": "专题会议纪要.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    screenshot(officer, "report-form")
    officer.get_by_role("button", name="提交报送").click()
    expect(officer.get_by_text("进度已报送。")).to_be_visible()
    expect(officer.locator(".task-card", has_text=task.title)).to_contain_text("本月已报送")
    assert ProgressAttachment.objects.get().name == "专题会议纪要.pdf"

    # The commission sees it in the ledger, and the attachment in the task's timeline.
    log_in(staff, base, "jiwei")
    staff.get_by_role("link", name="责任清单台账").click()
    row = ledger_row(staff, task.title)
    expect(row).to_contain_text("推进中")
    expect(row).to_contain_text("100%")
    row.get_by_role("link", name=task.title).click()
    expect(staff.get_by_role("link", name=re.compile("专题会议纪要.pdf"))).to_be_visible()

    # The lead unit asks for acceptance.
    officer.locator(".task-card", has_text=task.title).get_by_role("link", name=re.compile(task.title)).click()
    officer.get_by_label("申请说明").fill("各项工作已全部完成，申请验收。")
    officer.get_by_role("button", name="申请验收").click()
    expect(officer.get_by_text("已申请验收，等待纪委监委验收。").first).to_be_visible()

    # Staff accept it with comments; the task is closed.
    staff.reload()
    staff.get_by_label("验收通过，予以销号").check()
    staff.get_by_label("验收意见").fill("资料齐全，成效明显，同意销号。")
    staff.get_by_role("button", name="登记验收结果").click()
    expect(staff.get_by_text("验收结果已登记。")).to_be_visible()

    staff.get_by_role("link", name="责任清单台账").click()
    expect(ledger_row(staff, task.title)).to_contain_text("已验收销号")
    screenshot(staff, "ledger-closed")

    officer.goto(f"{base}/responsibility/my-tasks/")
    expect(officer.locator(".task-card", has_text=task.title)).to_contain_text("已验收销号")
    assert Task.objects.get(pk=task.pk).status == Task.Status.CLOSED
    staff.context.close()
