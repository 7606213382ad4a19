"""The statutory clocks of a report (《纪检监察机关处理检举控告工作规则》, 2020), counted in working days.

Pure functions over ``common.workdays``: the caller passes ``today``, so a clock reads the same in a page, a
reminder job and a test pinned to a known date. A clock stops ("done") when the step it times is taken; a clock
stopped after its due date stays marked overdue, so late handling remains visible.

- acceptance (受理告知): a real-name reporter is told within 15 working days of receipt whether the report is
  accepted; it stops when staff mark the reporter notified. An anonymous report has nobody to tell, so its clock
  times the decision itself and stops at the decision.
- referral (转交): a report belonging to another level or body is passed on within 5 working days of receipt;
  shown once the report is referred, stopped at the referral.
- feedback (结果反馈): the result goes back to a real-name reporter within 15 working days of conclusion; it
  stops when staff mark the result fed back.

``selectors.ACCEPTANCE_OPEN`` and ``selectors.FEEDBACK_OPEN`` are the same rules in the database's terms.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from cases.models.reports import Report
from common.workdays import add_working_days, working_days_left

ACCEPTANCE_DAYS = 15
REFERRAL_DAYS = 5
FEEDBACK_DAYS = 15
DUE_SOON_DAYS = 3


@dataclass(frozen=True)
class Clock:
    label: str
    due: date
    days_left: int | None  # working days until ``due``, negative when overdue; None once done
    overdue: bool  # running past its due date, or done after it
    done: bool
    done_on: date | None = None

    @property
    def days_overdue(self) -> int:
        """Working days past due while running (0 on a day off right after the due date, yet overdue)."""
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0

    @property
    def due_soon(self) -> bool:
        """Still running and due within DUE_SOON_DAYS working days (today included)."""
        return not self.done and not self.overdue and self.days_left <= DUE_SOON_DAYS


def acceptance_due(received_on: date) -> date:
    return add_working_days(received_on, ACCEPTANCE_DAYS)


def referral_due(received_on: date) -> date:
    return add_working_days(received_on, REFERRAL_DAYS)


def feedback_due(concluded_on: date) -> date:
    return add_working_days(concluded_on, FEEDBACK_DAYS)


def due_soon_cutoff(today: date) -> date:
    """The last due date that counts as "due soon" on ``today``: clocks due on or before it need attention."""
    return add_working_days(today, DUE_SOON_DAYS)


def clock(label: str, due: date, stopped_at: datetime | None, today: date) -> Clock:
    if stopped_at is not None:
        done_on = timezone.localdate(stopped_at)
        return Clock(label, due, None, done_on > due, True, done_on)
    return Clock(label, due, working_days_left(due, today), today > due, False)


def acceptance_clock(report: Report, today: date) -> Clock:
    if report.is_real_name:
        return clock("受理告知", report.acceptance_due_on, report.reporter_notified_at, today)
    return clock("受理决定", report.acceptance_due_on, report.decided_at, today)


def referral_clock(report: Report, today: date) -> Clock | None:
    if report.status != Report.Status.REFERRED:
        return None
    return clock("转交有权处理机关", referral_due(timezone.localdate(report.received_at)), report.decided_at, today)


def feedback_clock(report: Report, today: date) -> Clock | None:
    if not report.is_real_name or report.feedback_due_on is None:
        return None
    return clock("结果反馈", report.feedback_due_on, report.fed_back_at, today)


def report_clocks(report: Report, today: date) -> list[Clock]:
    """Every clock that applies to the report, in the order the steps come."""
    found = (acceptance_clock(report, today), referral_clock(report, today), feedback_clock(report, today))
    return [c for c in found if c is not None]


def running_clocks(report: Report, today: date) -> list[Clock]:
    """The clocks still running: what the due list and reminders care about."""
    return [c for c in report_clocks(report, today) if not c.done]
