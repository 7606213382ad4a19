"""Holiday checkpoints: dates from the official calendars, days off, notice and follow-up, the command, the page."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from inspections.checkpoints import Basis, checkpoint_by_key, checkpoints_for, upcoming

PAGE = "/inspections/checkpoints/"

# The holiday itself, as published in the State Council's arrangements (国务院办公厅放假安排) and printed calendars.
KNOWN = {
    "2000-spring_festival": date(2000, 2, 5),
    "2008-qingming": date(2008, 4, 4),
    "2008-dragon_boat": date(2008, 6, 8),
    "2008-mid_autumn": date(2008, 9, 14),
    "2024-spring_festival": date(2024, 2, 10),
    "2025-spring_festival": date(2025, 1, 29),
    "2026-spring_festival": date(2026, 2, 17),
    "2024-mid_autumn": date(2024, 9, 17),
    "2025-mid_autumn": date(2025, 10, 6),
    "2026-mid_autumn": date(2026, 9, 25),
    "2024-dragon_boat": date(2024, 6, 10),
    "2025-dragon_boat": date(2025, 5, 31),
    "2026-dragon_boat": date(2026, 6, 19),
    "2024-qingming": date(2024, 4, 4),
    "2025-qingming": date(2025, 4, 4),
    "2026-qingming": date(2026, 4, 5),
}


@pytest.mark.parametrize(("key", "day"), KNOWN.items())
def test_holiday_falls_on_the_official_date(key, day):
    assert checkpoint_by_key(key).day == day


def test_a_year_has_seven_checkpoints_by_date():
    year = checkpoints_for(2025)
    assert [c.name for c in year] == ["元旦", "春节", "清明", "五一", "端午", "国庆", "中秋"]
    assert [c.key for c in year][-2:] == ["2025-national_day", "2025-mid_autumn"]


def test_both_ends_of_the_range_work_and_beyond_is_refused():
    assert checkpoint_by_key("2099-spring_festival").day == date(2099, 1, 21)
    assert len(checkpoints_for(2099)) == len(checkpoints_for(2000)) == 7
    for year in (1999, 2100):
        with pytest.raises(ValueError):
            checkpoints_for(year)
    assert checkpoint_by_key("2100-new_year") is None
    assert checkpoint_by_key("2026-christmas") is None
    assert checkpoint_by_key("mid_autumn") is None


def test_official_days_off_with_notice_window_and_follow_up():
    national_day = checkpoint_by_key("2025-national_day")
    assert national_day.days_off == (date(2025, 10, 1), date(2025, 10, 8))
    assert national_day.basis == Basis.OFFICIAL
    # 中秋 fell inside the National Day break that year: the same days off.
    assert checkpoint_by_key("2025-mid_autumn").days_off == national_day.days_off
    # Sunday 28 September was a make-up working day, so it counts among the 3 working days before.
    assert national_day.notice_on == date(2025, 9, 28)
    assert national_day.window == (date(2025, 9, 30), date(2025, 10, 8))
    assert national_day.follow_up_on == date(2025, 10, 10)


def test_spring_festival_2026_with_its_make_up_saturday():
    spring = checkpoint_by_key("2026-spring_festival")
    assert spring.days_off == (date(2026, 2, 15), date(2026, 2, 23))
    # Saturday 14 February was a working day: the eve of the break, and the first of the 3 before it.
    assert spring.window[0] == date(2026, 2, 14)
    assert spring.notice_on == date(2026, 2, 12)
    assert spring.follow_up_on == date(2026, 2, 25)


def test_years_the_calendar_library_does_not_know_use_the_statutory_days():
    national_day = checkpoint_by_key("2027-national_day")  # Friday 1 October 2027
    assert national_day.basis == Basis.STATUTORY
    assert national_day.days_off == (date(2027, 10, 1), date(2027, 10, 3))
    assert national_day.follow_up_on == date(2027, 10, 5)
    assert checkpoint_by_key("2027-spring_festival").days_off == (date(2027, 2, 5), date(2027, 2, 8))


def test_before_2008_qingming_was_a_working_day():
    qingming = checkpoint_by_key("2005-qingming")
    assert qingming.basis == Basis.NOT_A_HOLIDAY
    assert qingming.days_off == (qingming.day, qingming.day)


def test_upcoming_keeps_a_checkpoint_until_its_follow_up_and_crosses_the_year():
    coming = upcoming(date(2026, 9, 28), 3)
    assert [c.key for c in coming] == ["2026-mid_autumn", "2026-national_day", "2027-new_year"]
    assert upcoming(date(2026, 9, 30), 1)[0].key == "2026-national_day"


def test_command_prints_the_year(capsys):
    call_command("checkpoints", "2026")
    assert capsys.readouterr().out.splitlines() == [
        "元旦 2026-01-01",
        "春节 2026-02-17",
        "清明 2026-04-05",
        "五一 2026-05-01",
        "端午 2026-06-19",
        "中秋 2026-09-25",
        "国庆 2026-10-01",
    ]


@pytest.mark.parametrize("year", ["1999", "2100", "abc", "２０２６", "-2026", "20260"])
def test_command_refuses_a_bad_year_in_chinese(year):
    with pytest.raises(CommandError, match="年份无效"):
        call_command("checkpoints", year)


# The page ------------------------------------------------------------------------------------------------------


def test_page_is_for_the_commission_and_inspectors(client, officer_client, other_officer_client, county_leader_client):
    assert client.get(PAGE).status_code == 302  # to the login page
    for outsider in (officer_client, other_officer_client, county_leader_client):
        assert outsider.get(PAGE).status_code == 404
        assert PAGE not in outsider.get(reverse("workbench")).content.decode()


@pytest.mark.django_db
def test_inspector_sees_the_coming_year(inspector_a_client, monkeypatch):
    monkeypatch.setattr("inspections.views_checkpoints.timezone", SimpleNamespace(localdate=lambda: date(2026, 9, 28)))
    page = inspector_a_client.get(PAGE).content.decode()
    assert "节点检查" in page  # the menu entry
    for text in ("中秋 2026年9月25日", "国庆 2026年10月1日", "元旦 2027年1月1日", "中秋 2027年9月15日"):
        assert text in page
    assert "2026年4月" not in page  # 清明 2026 is over
    assert "国庆 2027年" not in page  # more than a year ahead
    assert page.count("进行中") == 2  # the 中秋 follow-up is still to come, the National Day notice goes out today
    assert "节前提醒</dt><dd>2026年9月28日" in page


def test_staff_choose_a_year(staff_client):
    page = staff_client.get(PAGE, {"year": "2025"}).content.decode()
    assert "2025年节日节点" in page
    assert "国庆 2025年10月1日" in page and "10月1日至10月8日" in page
    assert Basis.OFFICIAL in page
    assert Basis.STATUTORY in staff_client.get(PAGE, {"year": "2099"}).content.decode()


@pytest.mark.parametrize("year", ["1999", "2100", "abc", "<b>"])
def test_a_bad_year_is_explained_and_the_coming_year_shown(staff_client, year):
    response = staff_client.get(PAGE, {"year": year})
    page = response.content.decode()
    assert response.status_code == 200
    assert "年份无效" in page and "近一年节日节点" in page
