"""Working days on the official calendar, checked on dates chinese_calendar 1.11.0 knows."""

from datetime import date, datetime

import pytest

from common.workdays import add_working_days, is_working_day, working_days_between, working_days_left


def test_national_day_2025_is_off_and_saturday_11_october_is_a_make_up_working_day():
    assert not any(is_working_day(date(2025, 10, day)) for day in range(1, 9))
    assert is_working_day(date(2025, 10, 9))
    assert is_working_day(date(2025, 10, 11))  # a Saturday
    assert not is_working_day(date(2025, 10, 12))


def test_clock_started_before_national_day_skips_the_holiday():
    received = date(2025, 9, 30)
    assert add_working_days(received, 1) == date(2025, 10, 9)
    assert add_working_days(received, 3) == date(2025, 10, 11)
    assert add_working_days(received, 4) == date(2025, 10, 13)
    # The acceptance notice to a real-name reporter: 15 working days.
    assert add_working_days(received, 15) == date(2025, 10, 28)


def test_spring_festival_2026():
    assert is_working_day(date(2026, 2, 14))  # make-up Saturday before the holiday
    assert not any(is_working_day(date(2026, 2, day)) for day in range(15, 24))
    assert is_working_day(date(2026, 2, 28))  # make-up Saturday after it
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert add_working_days(date(2026, 2, 13), 2) == date(2026, 2, 24)


def test_ordinary_week_and_crossing_a_weekend():
    monday, friday = date(2025, 3, 10), date(2025, 3, 14)
    assert add_working_days(monday, 4) == friday
    assert add_working_days(monday, 5) == date(2025, 3, 17)
    assert add_working_days(friday, 1) == date(2025, 3, 17)
    assert not is_working_day(date(2025, 3, 15))


def test_n_zero_returns_the_start_even_on_a_day_off():
    assert add_working_days(date(2025, 10, 1), 0) == date(2025, 10, 1)


def test_negative_n_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2025, 3, 10), -1)


@pytest.mark.parametrize("friday", [date(2100, 1, 1), date(1999, 1, 1)])
def test_years_the_library_does_not_know_fall_back_to_monday_to_friday(friday):
    assert is_working_day(friday)  # New Year's Day, but no official calendar is known for that year
    assert not is_working_day(friday.replace(day=2))
    assert add_working_days(friday, 1) == friday.replace(day=4)


def test_between_is_signed_and_inverts_add():
    received = date(2025, 9, 30)
    assert working_days_between(received, received) == 0
    assert working_days_between(received, date(2025, 10, 9)) == 1
    assert working_days_between(date(2025, 10, 9), received) == -1
    for n in range(30):
        assert working_days_between(received, add_working_days(received, n)) == n


def test_days_left_and_overdue():
    due = date(2025, 10, 13)
    assert working_days_left(due, today=date(2025, 9, 30)) == 4
    assert working_days_left(due, today=due) == 0
    assert working_days_left(due, today=date(2025, 10, 15)) == -2


def test_datetimes_are_refused_because_utc_may_be_the_day_before():
    with pytest.raises(TypeError):
        is_working_day(datetime(2025, 10, 9, 23, 0))
