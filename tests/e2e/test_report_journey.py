"""A real-name report from the public form to the reporter reading the result with the query code."""

import random
from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Clue, Report, Transfer
from common.identity import fake_resident_id
from orgs.models import Role, Unit
from tests.e2e.pages import log_in
from tests.factories import UnitFactory, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REPORTER, ID_NUMBER, PHONE = "测试实名群众", fake_resident_id(random.Random(11), region="999999"), "13900005555"
PASSWORD = "chaxun-2026-ok"


@pytest.fixture
def county(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    commission = UnitFactory(name="县纪委监委", kind=Unit.Kind.COMMISSION)
    township = UnitFactory(name="甲镇", kind=Unit.Kind.TOWNSHIP)
    township_commission = UnitFactory(name="甲镇纪委", kind=Unit.Kind.TOWNSHIP_COMMISSION, parent=township)
    user_with_role(Role.COMMISSION_STAFF, commission, "xinfang", name="信访室干部")
    user_with_role(Role.COMMISSION_LEADER, commission, "shuji", name="纪委书记")
    user_with_role(Role.UNIT_OFFICER, township_commission, "zhenjiwei", name="甲镇纪委书记")
    return township_commission


def file_the_report(page, base: str) -> tuple[str, str]:
    page.goto(f"{base}/report/")
    page.get_by_label("真实姓名").fill(REPORTER)
    page.get_by_label("身份证号码").fill(ID_NUMBER)
    page.get_by_label("联系电话").fill(PHONE)
    page.get_by_label("被举报人姓名").fill("某副镇长")
    page.get_by_label("被举报人单位").fill("甲镇人民政府")
    page.get_by_label("问题类别").select_option(label="公款吃喝")
    page.get_by_label("主要问题").fill("今年五月在镇上农家乐用公款宴请，以会议费报销。")
    page.get_by_label("设置查询密码").fill(PASSWORD)
    page.get_by_label("再次输入查询密码").fill(PASSWORD)
    key = page.locator("input[name=captcha_0]").input_value()
    page.locator("input[name=captcha_1]").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="提交").click()
    number = page.locator(".report-number").inner_text()
    code = page.locator(".query-code").inner_text()
    return number, code


def query(page, base: str, number: str, code: str):
    page.goto(f"{base}/report/query/")
    page.get_by_label("举报编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_label("查询密码").fill(PASSWORD)
    page.get_by_role("button", name="查询").click()


def test_public_report_to_result_through_a_township_transfer(live_server, browser, phone_page, screenshot, county):
    base, public = live_server.url, phone_page

    # A member of the public files a real-name report from a phone and keeps the code.
    number, code = file_the_report(public, base)
    screenshot(public, "code")
    report = Report.objects.get(number=number)
    assert report.status == Report.Status.RECEIVED and report.reporter_name == REPORTER

    # Intake accepts it and proposes a clue; the commission's leader approves the disposition.
    staff = log_in(public.context.browser, base, "xinfang")
    staff.goto(f"{base}/cases/reports/{report.pk}/")
    expect(staff.get_by_text(REPORTER)).to_have_count(0)  # the identity stays sealed
    staff.get_by_role("button", name="受理", exact=True).click()
    staff.get_by_role("link", name="拟定处置方式（转为问题线索）").click()
    staff.get_by_label("初步核实").check()
    staff.get_by_role("button", name="提交").click()
    clue = Clue.objects.get(report=report)

    leader = log_in(public.context.browser, base, "shuji")
    leader.goto(f"{base}/cases/clues/{clue.pk}/")
    leader.get_by_role("button", name="批准").click()
    expect(leader.get_by_text("处置方式已批准。")).to_be_visible()

    # Staff transfer the clue to the township commission, which must report the result.
    staff.goto(f"{base}/cases/clues/{clue.pk}/")
    staff.get_by_role("link", name="转办", exact=True).click()
    staff.get_by_label("承办单位").select_option(label=county.name)
    staff.get_by_label("办理期限").fill(f"{timezone.localdate() + timedelta(days=30):%Y-%m-%d}")
    staff.get_by_role("button", name="提交").click()
    transfer = Transfer.objects.get(clue=clue)

    # The township's discipline officer sees the transfer, never the report or who filed it, and reports back.
    officer = log_in(public.context.browser, base, "zhenjiwei")
    officer.goto(f"{base}/cases/transfers/{transfer.pk}/")
    assert REPORTER not in officer.content() and number not in officer.content()
    officer.get_by_label("办理结果").fill("经核实，反映问题属实，已责令退赔并给予诫勉谈话。")
    officer.get_by_role("button", name="报送办理结果").click()
    assert Transfer.objects.get(pk=transfer.pk).status == Transfer.Status.ANSWERED

    # Staff close the transfer and conclude the report with the result for the reporter.
    staff.goto(f"{base}/cases/transfers/{transfer.pk}/")
    staff.get_by_role("button", name="办结").click()
    staff.goto(f"{base}/cases/reports/{report.pk}/")
    staff.get_by_label("办理结果（告知举报人）").fill("您反映的问题经核实属实，相关人员已受到处理。感谢您的监督。")
    staff.get_by_role("button", name="办结", exact=True).click()
    assert Report.objects.get(pk=report.pk).status == Report.Status.CONCLUDED

    # The reporter reads the result with the number, the code and the password.
    query(public, base, number, code)
    expect(public.get_by_text("您反映的问题经核实属实")).to_be_visible()
    assert REPORTER not in public.content() and ID_NUMBER not in public.content()
    screenshot(public, "result")
