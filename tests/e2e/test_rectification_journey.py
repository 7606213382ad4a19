"""A problem from registration to the public page: staff register it, the township commits and reports progress,
staff accept, and the public commitments page shows it closed."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from orgs.models import Role, Unit
from rectification.models import Problem
from tests.e2e.pages import log_in
from tests.factories import UnitFactory, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PUBLISHED = "便民服务中心窗口工作时间无人值守"
INTERNAL = "内部备注：暗访第三组发现，涉及两名工作人员"


@pytest.fixture
def township(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    commission = UnitFactory(name="县纪委监委", kind=Unit.Kind.COMMISSION)
    township = UnitFactory(name="甲镇", kind=Unit.Kind.TOWNSHIP)
    user_with_role(Role.COMMISSION_STAFF, commission, "jiandu", name="监督室干部")
    user_with_role(Role.UNIT_OFFICER, township, "jiazhen", name="甲镇联络员")
    return township


def test_problem_committed_rectified_accepted_and_public(live_server, browser, township):
    base, today = live_server.url, timezone.localdate()

    # Staff register a problem for the township.
    staff = log_in(browser, base, "jiandu")
    staff.goto(f"{base}/rectification/problems/new/")
    staff.get_by_label("责任单位").select_option(label=township.name)
    staff.get_by_label("问题", exact=True).fill("窗口无人值守")
    staff.get_by_label("问题描述").fill("上午十点，便民服务中心两个窗口无人值守，群众等候。")
    staff.get_by_label("来源").select_option(label="明察暗访")
    staff.get_by_label("整改时限").fill(f"{today + timedelta(days=20):%Y-%m-%d}")
    staff.get_by_label("内部备注").fill(INTERNAL)
    staff.get_by_role("button", name="登记").click()
    problem = Problem.objects.get(unit=township)

    # The township's officer, on a phone, enters the commitment.
    officer = log_in(browser, base, "jiazhen", width=390)
    officer.goto(f"{base}/rectification/{problem.pk}/")
    officer.get_by_role("link", name="填报整改承诺").click()
    officer.get_by_label("承诺人类别").select_option(label="单位主要负责人")
    officer.get_by_label("承诺人", exact=True).fill("甲镇镇长")
    officer.get_by_label("公开的问题表述").fill(PUBLISHED)
    officer.get_by_label("整改措施").fill("建立窗口值守轮班制度，镇纪委每周抽查。")
    officer.get_by_label("承诺时限").fill(f"{today + timedelta(days=15):%Y-%m-%d}")
    officer.get_by_label("预期效果").fill("窗口工作时间有人值守，群众办事不再等候。")
    officer.get_by_label("签字日期").fill(f"{today:%Y-%m-%d}")
    officer.get_by_role("button", name="保存承诺").click()

    # Staff publish it; then the officer reports progress and asks for acceptance.
    staff.goto(f"{base}/rectification/{problem.pk}/")
    staff.get_by_role("button", name="公开承诺").click()
    officer.goto(f"{base}/rectification/{problem.pk}/")
    officer.get_by_role("textbox", name="整改进展").fill("已建立轮班制度并公示，两名工作人员作出书面检查。")
    officer.get_by_role("button", name="提交进展").click()
    officer.goto(f"{base}/rectification/{problem.pk}/")
    officer.get_by_role("button", name="申请验收").click()
    assert Problem.objects.get(pk=problem.pk).status == Problem.Status.ACCEPTANCE_REQUESTED

    # Staff accept: the problem is closed.
    staff.goto(f"{base}/rectification/{problem.pk}/")
    staff.get_by_label("验收通过，予以销号").check()
    staff.get_by_label("验收意见").fill("整改到位，同意销号。")
    staff.get_by_role("button", name="登记验收结果").click()
    assert Problem.objects.get(pk=problem.pk).status == Problem.Status.CLOSED

    # The public page shows the commitment as closed, and nothing internal.
    public = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN").new_page()
    public.goto(f"{base}/public/commitments/")
    row = public.get_by_role("row").filter(has_text=township.name)
    expect(row).to_contain_text(PUBLISHED[:10])
    expect(row).to_contain_text("销号")
    content = public.content()
    assert INTERNAL not in content and "两个窗口无人值守" not in content
    for page in (staff, officer, public):
        page.context.close()
