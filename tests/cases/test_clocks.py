"""Statutory clocks on known dates of the official calendar (nothing mocked: ``today`` is passed in), and the
"due soon / overdue" page built on them."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import due
from cases.clocks import (
    acceptance_clock,
    acceptance_due,
    due_soon_cutoff,
    feedback_clock,
    feedback_due,
    referral_clock,
    report_clocks,
)  # fmt: skip
from cases.models import Report
from tests.cases.factories import ReportFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
S = Report.Status


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def report(received: date, **fields) -> Report:
    """An unsaved report received on ``received`` (Shanghai time), its acceptance due date set as intake sets it."""
    fields.setdefault("is_real_name", True)
    return Report(received_at=at(received), acceptance_due_on=acceptance_due(received), **fields)


# The due dates, on the calendar around National Day 2025 and the Spring Festival 2026.


def test_acceptance_due_skips_national_day():
    assert acceptance_due(date(2025, 9, 30)) == date(2025, 10, 28)


def test_referral_due_counts_the_make_up_saturday():
    # 9 Oct (1), 10 Oct (2), Saturday 11 Oct is a make-up working day (3), 13 Oct (4), 14 Oct (5).
    assert referral_clock(
        report(date(2025, 9, 30), status=S.REFERRED, decided_at=at(date(2025, 10, 10))), date(2025, 10, 10)
    ).due == date(2025, 10, 14)


def test_feedback_due_skips_the_spring_festival():
    # From Friday 13 Feb 2026: 14 Feb (make-up), 24–27 Feb, 28 Feb (make-up), 2–6 Mar, 9–12 Mar.
    assert feedback_due(date(2026, 2, 13)) == date(2026, 3, 12)


def test_due_soon_cutoff_is_three_working_days_ahead():
    assert due_soon_cutoff(date(2025, 3, 13)) == date(2025, 3, 18)  # Thursday → Fri, Mon, Tue


def test_received_just_after_midnight_in_shanghai_counts_from_that_local_day():
    just_after_midnight = datetime(2025, 9, 29, 16, 30, tzinfo=ZoneInfo("UTC"))  # 00:30 on 30 Sep in Shanghai
    referred = Report(received_at=just_after_midnight, status=S.REFERRED, decided_at=just_after_midnight)
    assert referral_clock(referred, date(2025, 9, 30)).due == date(2025, 10, 14)


# The acceptance clock, day by day.


@pytest.mark.parametrize(
    ("today", "days_left", "overdue", "due_soon"),
    [
        (date(2025, 10, 9), 14, False, False),
        (date(2025, 10, 23), 3, False, True),
        (date(2025, 10, 28), 0, False, True),  # the due day itself
        (date(2025, 10, 29), -1, True, False),
        (date(2025, 11, 3), -4, True, False),
    ],
)
def test_running_acceptance_clock(today, days_left, overdue, due_soon):
    clock = acceptance_clock(report(date(2025, 9, 30)), today)
    assert (clock.label, clock.due, clock.done) == ("受理告知", date(2025, 10, 28), False)
    assert (clock.days_left, clock.overdue, clock.due_soon) == (days_left, overdue, due_soon)
    assert clock.days_overdue == max(-days_left, 0)


def test_a_clock_due_on_friday_is_overdue_on_saturday_with_no_working_day_lost_yet():
    received = date(2025, 2, 21)  # due 15 working days later: Friday 14 March 2025
    clock = acceptance_clock(report(received), date(2025, 3, 15))
    assert clock.due == date(2025, 3, 14) and clock.overdue and clock.days_left == 0 and clock.days_overdue == 0


def test_acceptance_clock_stops_when_the_reporter_is_told():
    on_time = acceptance_clock(
        report(date(2025, 9, 30), reporter_notified_at=at(date(2025, 10, 20))), date(2025, 12, 1)
    )
    assert on_time.done and not on_time.overdue and on_time.days_left is None and on_time.done_on == date(2025, 10, 20)
    late = acceptance_clock(report(date(2025, 9, 30), reporter_notified_at=at(date(2025, 10, 29))), date(2025, 12, 1))
    assert late.done and late.overdue and not late.due_soon


def test_deciding_does_not_stop_a_real_name_clock_but_stops_an_anonymous_one():
    decided = at(date(2025, 10, 10))
    real_name = report(date(2025, 9, 30), status=S.ACCEPTED, decided_at=decided)
    assert not acceptance_clock(real_name, date(2025, 10, 10)).done
    anonymous = report(date(2025, 9, 30), is_real_name=False, status=S.ACCEPTED, decided_at=decided)
    clock = acceptance_clock(anonymous, date(2025, 10, 10))
    assert clock.label == "受理决定" and clock.done and not clock.overdue


def test_referral_clock_only_for_referred_reports_and_late_referral_shows():
    assert referral_clock(report(date(2025, 9, 30)), date(2025, 10, 10)) is None
    late = report(date(2025, 9, 30), status=S.REFERRED, decided_at=at(date(2025, 10, 15)))
    clock = referral_clock(late, date(2025, 10, 15))
    assert clock.done and clock.overdue and clock.label == "转交有权处理机关"


def test_feedback_clock_runs_from_conclusion_until_fed_back_for_real_name_reports_only():
    concluded = dict(
        status=S.CONCLUDED, concluded_at=at(date(2026, 2, 13)), feedback_due_on=feedback_due(date(2026, 2, 13))
    )
    running = feedback_clock(report(date(2026, 1, 5), **concluded), date(2026, 3, 9))
    assert (running.label, running.due, running.days_left, running.due_soon) == ("结果反馈", date(2026, 3, 12), 3, True)
    fed_back = report(date(2026, 1, 5), fed_back_at=at(date(2026, 3, 2)), **concluded)
    assert feedback_clock(fed_back, date(2026, 3, 20)).done
    assert feedback_clock(report(date(2026, 1, 5), is_real_name=False, **concluded), date(2026, 3, 9)) is None
    assert feedback_clock(report(date(2026, 1, 5)), date(2026, 3, 9)) is None  # not concluded


def test_report_clocks_in_the_order_of_the_steps():
    concluded = report(
        date(2026, 1, 5), status=S.CONCLUDED, reporter_notified_at=at(date(2026, 1, 9)),
        concluded_at=at(date(2026, 2, 13)), feedback_due_on=date(2026, 3, 12),
    )  # fmt: skip
    assert [c.label for c in report_clocks(concluded, date(2026, 3, 1))] == ["受理告知", "结果反馈"]


# The "due soon / overdue" page.

DUE = reverse("cases:due-list")


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["accused_unit_client", "discipline_client", "officer_client"])
def test_due_list_is_the_commission_s_only(persona, request):
    ReportFactory(acceptance_due_on=timezone.localdate() - timedelta(days=5))
    assert request.getfixturevalue(persona).get(DUE).status_code == 404


@pytest.mark.django_db
def test_due_list_shows_overdue_and_due_soon_clocks_most_urgent_first(staff_client):
    today = timezone.localdate()
    overdue = ReportFactory(acceptance_due_on=today - timedelta(days=10))
    soon = ReportFactory(acceptance_due_on=due_soon_cutoff(today))
    feedback = ReportFactory(
        status=S.CONCLUDED, reporter_notified_at=timezone.now(), concluded_at=timezone.now(),
        feedback_due_on=today - timedelta(days=1),
    )  # fmt: skip
    later = ReportFactory(acceptance_due_on=today + timedelta(days=30))
    told = ReportFactory(acceptance_due_on=today - timedelta(days=10), reporter_notified_at=timezone.now())
    fed_back = ReportFactory(
        status=S.CONCLUDED, reporter_notified_at=timezone.now(), feedback_due_on=today, fed_back_at=timezone.now()
    )
    page = staff_client.get(DUE).text
    positions = [page.find(r.number) for r in (overdue, feedback, soon)]
    assert all(p > 0 for p in positions) and positions == sorted(positions)
    for report_ in (later, told, fed_back):
        assert report_.number not in page
    assert "clock-overdue" in page and "结果反馈" in page and "（3 件）" in page


@pytest.mark.django_db
def test_another_section_is_appended_to_the_page(staff_client, monkeypatch):
    """How the transfers' clocks join the page: a registered section, shown after the reports in its order."""
    seen = []

    def rows(user, today):
        seen.append((user, today))
        return [], 0

    template = "cases/intake/due_reports.html"  # any template that renders ``rows``
    monkeypatch.setitem(
        due._sections, "transfers", due.DueSection("transfers", "转办件（查报结果）", template, rows, 20)
    )
    page = staff_client.get(DUE).text
    assert page.find("信访举报（受理告知、结果反馈）") < page.find("转办件（查报结果）")
    assert seen and seen[0][1] == timezone.localdate()


@pytest.mark.django_db
def test_due_list_query_count_is_fixed(staff_client, django_assert_max_num_queries):
    today = timezone.localdate()
    Report.objects.bulk_create(
        ReportFactory.build(acceptance_due_on=today - timedelta(days=i % 20)) for i in range(300)
    )
    with django_assert_max_num_queries(8):  # two per section (reports, transfers), whatever the row count
        page = staff_client.get(DUE).text
    assert "（300 件）" in page and "另有 100 件未列出" in page


@pytest.mark.django_db
def test_workbench_points_staff_to_the_due_list(staff_client, accused_unit_client):
    ReportFactory(acceptance_due_on=timezone.localdate() - timedelta(days=1))
    ReportFactory(acceptance_due_on=timezone.localdate() + timedelta(days=60))
    assert "1 件举报的办理时限已逾期或即将到期" in staff_client.get(reverse("workbench")).text
    assert "办理时限" not in accused_unit_client.get(reverse("workbench")).text
