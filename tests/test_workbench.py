import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def nav_labels(html: str) -> list[str]:
    nav = re.search(r'<nav class="nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="[^"]*"[^>]*>([^<]+)</a>', nav)


def test_officer_workbench_shows_own_unit_only(officer_client, township_b):
    html = officer_client.get(reverse("workbench")).text
    assert "甲镇" in html and "乙镇" not in html
    assert "单位联络员" in html
    assert "暂无待办事项" in html


def test_officer_navigation_hides_commission_tools(officer_client):
    labels = nav_labels(officer_client.get(reverse("workbench")).text)
    assert labels[:2] == ["工作台", "本单位"]
    assert not {"组织机构", "审计日志", "系统管理", "接口文档"} & set(labels)


def test_staff_navigation(staff_client):
    labels = set(nav_labels(staff_client.get(reverse("workbench")).text))
    assert {"工作台", "组织机构", "接口文档"} <= labels
    assert not {"审计日志", "系统管理", "本单位"} & labels


def test_admin_navigation(commission_admin_client):
    labels = set(nav_labels(commission_admin_client.get(reverse("workbench")).text))
    assert {"审计日志", "系统管理"} <= labels


def test_county_leader_workbench_counts_units(county_leader_client, township_a, township_b):
    html = county_leader_client.get(reverse("workbench")).text
    assert "全县单位" in html
    assert re.search(r"<td>乡镇</td><td>2</td>", html)


def test_workbench_lists_registered_todos(officer_client):
    from jiancha import workbench

    def provider(user):
        return [workbench.Todo(title="报送本月进度", url="/somewhere/", due="11月25日")]

    workbench.register_todo_provider(provider)
    try:
        html = officer_client.get(reverse("workbench")).text
    finally:
        workbench._providers.remove(provider)
    assert "报送本月进度" in html and "暂无待办事项" not in html


def test_workbench_is_usable_at_phone_width(officer_client):
    html = officer_client.get(reverse("workbench")).text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_superuser_navigation_has_no_unit_officer_entry(admin_client):
    labels = set(nav_labels(admin_client.get(reverse("workbench")).text))
    assert {"组织机构", "审计日志", "系统管理"} <= labels
    assert "本单位" not in labels
