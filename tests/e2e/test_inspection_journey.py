"""An inspector records a finding with a photo on a phone and issues a rectification notice; the unit sees the
notice and never the plan."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inspections.models import Finding, Plan
from orgs.models import Person, Role, Unit
from rectification.models import Problem
from tests.factories import UnitFactory, user_with_role
from tests.inspections.factories import PlanFactory, TeamFactory
from tests.inspections.media import JPEG_HEAD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

JPEG = JPEG_HEAD  # a real photo: stored photos are re-encoded, so they must open


@pytest.fixture
def inspection(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    commission = UnitFactory(name="县纪委监委", kind=Unit.Kind.COMMISSION)
    township = UnitFactory(name="甲镇", kind=Unit.Kind.TOWNSHIP)
    inspector = user_with_role(Role.INSPECTOR, commission, "duchayuan", name="特邀监察员甲")
    user_with_role(Role.UNIT_OFFICER, township, "jiazhen", name="甲镇联络员")
    staff = user_with_role(Role.COMMISSION_STAFF, commission, "jiancha", name="监督室干部")
    team = TeamFactory(name="第一督查小组")
    team.members.add(Person.objects.get(user=inspector))
    today = timezone.localdate()
    plan = PlanFactory(
        title="中秋国庆节点作风暗访", team=team, status=Plan.Status.ACTIVE, created_by=staff,
        starts_on=today - timedelta(days=2), ends_on=today + timedelta(days=5),
    )  # fmt: skip
    plan.target_units.add(township)
    return plan, township


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("correct-horse-battery")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def test_inspector_records_a_finding_and_the_unit_sees_only_the_notice(
    live_server, browser, phone_page, screenshot, inspection
):
    base, (plan, township) = live_server.url, inspection
    inspector = phone_page

    log_in(inspector, base, "duchayuan")
    inspector.goto(f"{base}/inspections/plans/{plan.pk}/")
    inspector.get_by_role("link", name="记录发现问题").click()
    inspector.get_by_label("被查单位").select_option(label=township.name)
    inspector.get_by_label("问题类别").select_option(label="无故脱岗")
    inspector.get_by_label("发现时间").fill(f"{timezone.localtime() - timedelta(hours=1):%Y-%m-%dT%H:%M}")
    inspector.get_by_label("地点").fill("甲镇便民服务中心")
    inspector.get_by_label("问题描述").fill("上午十点，便民服务中心两个窗口无人值守。")
    inspector.get_by_label("取证照片或视频").set_input_files(
        {"name": "窗口.jpg", "mimeType": "image/jpeg", "buffer": JPEG}
    )
    screenshot(inspector, "finding-form")
    inspector.get_by_role("button", name="保存").click()
    finding = Finding.objects.get(plan=plan)
    assert finding.evidence.count() == 1

    inspector.goto(f"{base}/inspections/findings/{finding.pk}/")
    inspector.get_by_label("下发整改通知").check()
    inspector.get_by_label("处理说明").fill("请立即整改窗口值守问题，十个工作日内报告整改情况。")
    inspector.get_by_role("button", name="确定").click()
    expect(inspector.get_by_text("下发整改通知").first).to_be_visible()
    problem = Problem.objects.get(unit=township)

    # The unit's officer sees the rectification notice, and nothing of the plan or the team.
    officer = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN").new_page()
    log_in(officer, base, "jiazhen")
    officer.goto(f"{base}/rectification/")
    expect(officer.get_by_role("link", name=problem.title)).to_be_visible()
    officer.get_by_role("link", name=problem.title).click()
    expect(officer.get_by_text("两个窗口无人值守").first).to_be_visible()
    content = officer.content()
    assert plan.title not in content and "第一督查小组" not in content
    screenshot(officer, "unit-notice")
    assert officer.goto(f"{base}/inspections/plans/{plan.pk}/").status == 404
    assert officer.goto(f"{base}/inspections/findings/{finding.pk}/").status == 404
    officer.context.close()
