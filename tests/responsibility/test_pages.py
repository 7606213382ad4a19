"""The checklist's pages: who may open which, the ledger's filters, letters and accountability records."""

import re
from datetime import date

import pytest
from django.urls import reverse

from orgs.models import Role, Unit
from responsibility import selectors
from responsibility.models import AccountabilityRecord, ResponsibilityLetter, Task
from responsibility.periods import today
from tests.factories import PersonFactory, PlanFactory, TaskFactory, UnitFactory, user_with_role

pytestmark = pytest.mark.django_db


def titles(html: str) -> list[str]:
    """Task titles linked from a page, in order."""
    return re.findall(r'<a href="/responsibility/tasks/\d+/">(?:任务\d+：)?([^<]+)</a>', html)


# --- who may open which page ----------------------------------------------------------------------------------


def test_task_page_shows_facts_milestones_and_timeline_to_everyone_involved(
    task, staff_client, owner_client, lead_client, co_client
):
    url = reverse("responsibility:task-detail", args=[task.pk])
    for client in (staff_client, owner_client, lead_client, co_client):
        html = client.get(url).text
        assert "公务用车专项排查" in html and "牵头局" in html and "协办局" in html
        assert "实施标准" in html and "验收办法" in html
        assert "已逾期未完成" in html and "未到期" in html  # the March milestone passed unmet, December is ahead
        assert "滞后" in html and selectors.LAGGING_RULE in html


def test_task_page_is_404_for_an_unrelated_officer(task, other_client):
    assert other_client.get(reverse("responsibility:task-detail", args=[task.pk])).status_code == 404


def test_task_page_offers_each_role_only_its_own_actions(task, staff_client, lead_client, co_client, owner_client):
    Task.objects.filter(pk=task.pk).update(status=Task.Status.IN_PROGRESS)
    actions = {
        name: reverse(f"responsibility:{name}", args=[task.pk])
        for name in ("report-file", "acceptance-request", "notice-issue", "accountability-new")
    }

    def offered(client) -> set[str]:
        html = client.get(reverse("responsibility:task-detail", args=[task.pk])).text
        return {name for name, url in actions.items() if url in html}

    assert offered(staff_client) == {"notice-issue", "accountability-new"}
    assert offered(lead_client) == {"report-file", "acceptance-request"}
    assert offered(co_client) == {"report-file"}
    assert offered(owner_client) == set()


def test_staff_see_the_decision_form_only_while_acceptance_is_requested(task, staff_client):
    url = reverse("responsibility:task-detail", args=[task.pk])
    assert "登记验收结果" not in staff_client.get(url).text
    Task.objects.filter(pk=task.pk).update(status=Task.Status.ACCEPTANCE_REQUESTED, progress=100)
    assert "登记验收结果" in staff_client.get(url).text


@pytest.mark.parametrize("name", ["notice-issue", "accountability-new"])
def test_supervising_pages_are_staff_only(name, task, staff_client, lead_client, owner_client):
    url = reverse(f"responsibility:{name}", args=[task.pk])
    assert staff_client.get(url).status_code == 200
    assert lead_client.get(url).status_code == 404
    assert owner_client.get(url).status_code == 404


def test_my_tasks_is_for_unit_officers(task, lead_client, co_client, staff_client, owner_client):
    url = reverse("responsibility:my-tasks")
    assert "公务用车专项排查" in lead_client.get(url).text
    assert "本单位协办" in co_client.get(url).text
    assert staff_client.get(url).status_code == 404
    assert owner_client.get(url).status_code == 404


def test_my_tasks_says_whether_this_month_is_reported(task, lead_client):
    html = lead_client.get(reverse("responsibility:my-tasks")).text
    assert "本月未报送" in html and reverse("responsibility:report-file", args=[task.pk]) in html


def test_leader_view_lists_own_tasks_lagging_first(task, owner_user, owner_client, staff_client, lead_client):
    on_track = TaskFactory(title="按期任务", owner=owner_user.person, starts_on=today().replace(day=1))
    TaskFactory(title="别人的任务")
    html = owner_client.get(reverse("responsibility:leader-tasks")).text
    assert titles(html) == ["公务用车专项排查", on_track.title]
    assert re.search(r"<strong>2</strong> 项任务", html) and re.search(r"<strong>1</strong> 项滞后", html)
    assert staff_client.get(reverse("responsibility:leader-tasks")).status_code == 404
    assert lead_client.get(reverse("responsibility:leader-tasks")).status_code == 404


def test_owner_sees_only_own_tasks_in_the_ledger(task, owner_client):
    TaskFactory(title="别人的任务")
    assert titles(owner_client.get(reverse("responsibility:ledger")).text) == ["公务用车专项排查"]


# --- the ledger ---------------------------------------------------------------------------------------------------


@pytest.fixture
def ledger_tasks(task, lead_unit, co_unit, owner_user):
    """Besides ``task`` (lagging, plan 1): a task of another plan, owner and units, in progress, not lagging."""
    other_lead = UnitFactory(name="另一牵头局", kind=Unit.Kind.DEPARTMENT, is_lead_unit=True)
    other_co = UnitFactory(name="另一协办局", kind=Unit.Kind.DEPARTMENT, is_co_unit=True)
    other_owner = user_with_role(Role.COUNTY_LEADER, owner_user.person.unit, "owner2", name="责任领导乙").person
    fresh = TaskFactory(
        title="村级财务公开", plan=PlanFactory(title="惠民资金专项治理方案"), owner=other_owner,
        lead_unit=other_lead, co_units=[other_co], status=Task.Status.IN_PROGRESS, progress=60,
        starts_on=today().replace(day=1),
    )  # fmt: skip
    return task, fresh


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["公务用车专项排查", "村级财务公开"]),
        ({"status": "in_progress"}, ["村级财务公开"]),
        ({"status": "not_started"}, ["公务用车专项排查"]),
        ({"lagging": "true"}, ["公务用车专项排查"]),
        ({"lagging": "false"}, ["村级财务公开"]),
        ({"q": "财务"}, ["村级财务公开"]),
        ({"q": "惠民资金"}, ["村级财务公开"]),
        ({"ordering": "-progress"}, ["村级财务公开", "公务用车专项排查"]),
        ({"ordering": "progress"}, ["公务用车专项排查", "村级财务公开"]),
    ],
)
def test_ledger_filters_search_and_ordering(staff_client, ledger_tasks, params, expected):
    assert titles(staff_client.get(reverse("responsibility:ledger"), params).text) == expected


def test_ledger_filters_by_plan_owner_and_units(staff_client, ledger_tasks, lead_unit, co_unit):
    task, fresh = ledger_tasks
    url = reverse("responsibility:ledger")
    for params, expected in [
        ({"plan": fresh.plan_id}, fresh),
        ({"owner": task.owner_id}, task),
        ({"lead_unit": lead_unit.pk}, task),
        ({"co_unit": co_unit.pk}, task),
        ({"lead_unit": fresh.lead_unit_id}, fresh),
    ]:
        assert titles(staff_client.get(url, params).text) == [expected.title], params


def test_ledger_shows_columns_rule_filters_and_export_links(staff_client, ledger_tasks):
    html = staff_client.get(reverse("responsibility:ledger")).text
    for text in ("编号", "专项治理方案", "责任领导", "牵头单位", "状态", "进度", "最近报送", "下一节点", "滞后"):
        assert text in html
    assert selectors.LAGGING_RULE in html
    assert 'class="lagging">滞后</span>' in html and "2026-03-31" in html  # lagging flag, next (overdue) milestone
    assert '<label for="id_co_unit">协办单位</label>' in html and ">全部</option>" in html
    assert 'href="/responsibility/">重置</a>' in html
    assert reverse("responsibility:ledger-export") in html


def test_ledger_sort_links_and_pagination_keep_the_filters(staff_client, lead_unit):
    for _ in range(35):
        TaskFactory(lead_unit=lead_unit)
    html = staff_client.get(reverse("responsibility:ledger"), {"lead_unit": lead_unit.pk, "ordering": "progress"}).text
    assert f"?lead_unit={lead_unit.pk}&amp;ordering=progress&amp;page=2" in html
    assert f'href="?lead_unit={lead_unit.pk}&amp;ordering=-progress"' in html


def test_ledger_with_a_bad_filter_says_so_and_lists_nothing(staff_client, ledger_tasks):
    html = staff_client.get(reverse("responsibility:ledger"), {"plan": "999999"}).text
    assert "筛选条件有误" in html and titles(html) == []


# --- letters and accountability ----------------------------------------------------------------------------------


@pytest.fixture
def letters(owner_user, lead_unit, co_unit):
    issuer = owner_user.person
    year = today().year
    signed = ResponsibilityLetter.objects.create(
        year=year, kind=ResponsibilityLetter.Kind.LEADER_LEAD_UNIT, issuer=issuer, signer_unit=lead_unit,
        signed_on=date(year, 2, 1),
    )  # fmt: skip
    unsigned = ResponsibilityLetter.objects.create(
        year=year, kind=ResponsibilityLetter.Kind.LEADER_CO_UNIT, issuer=issuer, signer_unit=co_unit
    )
    return signed, unsigned


def test_letters_show_who_signed_and_who_has_not(staff_client, letters):
    url = reverse("responsibility:letter-list")
    html = staff_client.get(url).text
    assert "牵头局" in html and "协办局" in html and "已签订" in html and "未签订" in html
    assert re.search(r"<td>县委常委—牵头部门</td><td>1</td><td>1</td>", html)
    assert re.search(r"<td>县委常委—协办单位</td><td>0</td><td>1</td>", html)
    unsigned_only = staff_client.get(url, {"signed": "no"}).text
    assert "协办局" in unsigned_only and "牵头局" not in unsigned_only and "登记签订" in unsigned_only
    signed_only = staff_client.get(url, {"signed": "yes"}).text
    assert "牵头局" in signed_only and "协办局" not in signed_only


def test_staff_record_a_signature_and_officers_cannot(staff_client, lead_client, letters):
    _, unsigned = letters
    url = reverse("responsibility:letter-sign", args=[unsigned.pk])
    assert lead_client.post(url, {"signed_on": today().isoformat()}).status_code == 404
    staff_client.post(url, {"signed_on": today().isoformat()})
    unsigned.refresh_from_db()
    assert unsigned.signed_on == today()


def test_officer_sees_only_own_unit_letters(lead_client, letters):
    html = lead_client.get(reverse("responsibility:letter-list")).text
    assert "牵头局" in html and "协办局" not in html and "登记签订" not in html


@pytest.fixture
def records(task, lead_unit, co_unit, staff_user):
    person = PersonFactory(unit=lead_unit, name="牵头局局长")
    make = AccountabilityRecord.objects.create
    return [
        make(task=task, unit=lead_unit, person=person, measure="talk", reason="节点滞后", dual_accountability=True,
             decided_on=date(2026, 4, 10), recorded_by=staff_user),
        make(task=task, unit=co_unit, measure="criticism", reason="未按月报送", decided_on=date(2026, 5, 10),
             recorded_by=staff_user),
    ]  # fmt: skip


def test_accountability_list_for_staff_and_owner(staff_client, owner_client, records):
    for client in (staff_client, owner_client):
        html = client.get(reverse("responsibility:accountability-list")).text
        assert "牵头局局长" in html and "约谈" in html and "一案双查" in html and "通报批评" in html


def test_accountability_list_scopes_officers_to_their_unit(co_client, other_client, records):
    html = co_client.get(reverse("responsibility:accountability-list")).text
    assert "通报批评" in html and "牵头局局长" not in html
    assert "暂无责任追究记录" in other_client.get(reverse("responsibility:accountability-list")).text


def test_staff_record_accountability_through_the_page(staff_client, task, lead_unit):
    url = reverse("responsibility:accountability-new", args=[task.pk])
    data = {"unit": lead_unit.pk, "measure": "talk", "reason": "节点滞后", "decided_on": "2026-11-01"}
    future = staff_client.post(url, {**data, "decided_on": "2099-01-01"}).text
    assert "决定日期不能晚于今天。" in future and not AccountabilityRecord.objects.exists()
    assert staff_client.post(url, data).status_code == 302
    assert AccountabilityRecord.objects.get().reason == "节点滞后"


# --- navigation ---------------------------------------------------------------------------------------------------


def nav_labels(client) -> set[str]:
    nav = re.search(r'<nav class="nav".*?</nav>', client.get(reverse("workbench")).text, re.S).group(0)
    return set(re.findall(r'<a href="[^"]*"[^>]*>([^<]+)</a>', nav))


def test_navigation_per_role(staff_client, lead_client, owner_client):
    staff = nav_labels(staff_client)
    assert {"责任清单台账", "督办单", "目标责任书", "责任追究"} <= staff
    assert not {"我的任务", "我的责任任务"} & staff
    officer = nav_labels(lead_client)
    assert {"我的任务", "督办单", "目标责任书"} <= officer
    assert not {"责任清单台账", "责任追究", "我的责任任务"} & officer
    leader = nav_labels(owner_client)
    assert {"责任清单台账", "我的责任任务", "目标责任书", "责任追究"} <= leader
    assert not {"我的任务", "督办单"} & leader
