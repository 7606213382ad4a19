"""The holiday-checkpoint jobs: the 廉洁过节 notice before each holiday, the summary of its findings after it.

Both run daily and act within a window rather than on one day, so a day beat missed is made good the next day; the
exactly-once delivery and the one document per checkpoint keep the later days from sending anything twice.
"""

from collections.abc import Iterator
from datetime import date
from functools import partial

from common.workdays import add_working_days
from documents.models import Document
from inspections.checkpoints import (
    FIRST_YEAR,
    FOLLOW_UP_WORKING_DAYS,
    LAST_YEAR,
    NOTICE_WORKING_DAYS,
    Checkpoint,
    checkpoints_for,
    working_days_before,
)  # fmt: skip
from jobs import checkpoint_documents as texts
from jobs.publishing import publish
from jobs.recipients import STAFF_AND_LEADERS, team_leaders, users_with_roles
from jobs.registry import DAILY, Context, Job, register
from notifications.services import Message, deliver
from orgs.models import Role

NOTICE = "holiday_notice"
SUMMARY = "post_holiday_summary"
MOST_WORKING_DAYS = 20  # a bound on the options: a notice a month ahead is no longer a pre-holiday notice
LATE = 10  # days a missed summary is still made; after that it is left to be asked for by hand
PLAN_SUBJECT = "plan"


def holiday_notice(context: Context) -> None:
    """From ``working_days_before`` working days before a checkpoint's first day off until that day: the notice
    to every unit officer, and the prompt to plan the inspections to every team leader."""
    before = _working_days(context, "working_days_before", NOTICE_WORKING_DAYS)
    due = [c for c in _near(context.day) if working_days_before(c.days_off[0], before) <= context.day < c.days_off[0]]
    if not due:
        context.note(f"{context.day:%Y-%m-%d}不在任何节点的节前提醒期内（节前第{before}个工作日起），不发送。")
        return
    officers = users_with_roles(context, Role.UNIT_OFFICER)
    leaders = team_leaders(context)
    for checkpoint in due:
        publish(
            context, job=NOTICE, kind=Document.Kind.HOLIDAY_NOTICE, period=checkpoint.key,
            period_start=checkpoint.days_off[0], period_end=checkpoint.days_off[1],
            title=texts.notice_title(checkpoint), audience=Document.Audience.ALL_UNITS,
            content=partial(texts.notice_content, checkpoint), recipients=officers,
            message=f"{texts.days_off_text(checkpoint)}。请传达到每一名党员干部，严守纪律、廉洁过节。",
        )  # fmt: skip
        title, body, url = texts.plan_prompt(checkpoint)
        messages = [Message(user_id, title, body, url, PLAN_SUBJECT) for user_id in leaders]
        context.delivered += deliver(job=NOTICE, period=checkpoint.key, messages=messages)


def post_holiday_summary(context: Context) -> None:
    """From ``working_days_after`` working days after a checkpoint's last day off, for ten days: the summary of
    the findings in its window to the leaders and the commission."""
    after = _working_days(context, "working_days_after", FOLLOW_UP_WORKING_DAYS)
    due = [c for c in _near(context.day) if 0 <= (context.day - add_working_days(c.days_off[1], after)).days <= LATE]
    if not due:
        context.note(f"{context.day:%Y-%m-%d}不在任何节点的节后汇总期内（节后第{after}个工作日起{LATE}天内），不汇总。")
        return
    readers = users_with_roles(context, *STAFF_AND_LEADERS)
    for checkpoint in due:
        publish(
            context, job=SUMMARY, kind=Document.Kind.POST_HOLIDAY_SUMMARY, period=checkpoint.key,
            period_start=checkpoint.window[0], period_end=checkpoint.window[1],
            title=texts.summary_title(checkpoint), audience=Document.Audience.COMMISSION,
            content=partial(texts.summary_content, checkpoint), recipients=readers,
            message="节日期间明察暗访发现问题及检查计划落实情况已汇总，请审阅。",
        )  # fmt: skip


def _near(day: date) -> Iterator[Checkpoint]:
    """The checkpoints of the year before, of, and after ``day``: 元旦's notice falls in the December before it,
    and a summary of the last year's 元旦 or 春节 in the new year."""
    for year in range(max(day.year - 1, FIRST_YEAR), min(day.year + 1, LAST_YEAR) + 1):
        yield from checkpoints_for(year)


def _working_days(context: Context, name: str, default: int) -> int:
    """The option ``name`` as stored on the schedule; a value an admin mistyped is noted and the default used."""
    value = context.options.get(name, default)
    text = str(value).strip()
    if text.isdigit() and 1 <= int(text) <= MOST_WORKING_DAYS:
        return int(text)
    context.note(f"参数 {name}={value!r} 无效（应为1至{MOST_WORKING_DAYS}的整数），按默认值{default}执行。")
    return default


register(
    Job(
        NOTICE, "节前廉洁提醒",
        "每天 08:00 检查：节日前第3个工作日（可设）起向全体单位联络员发出廉洁过节提醒，提示督查组长制定检查计划",
        holiday_notice, DAILY, {"working_days_before": NOTICE_WORKING_DAYS},
    )
)  # fmt: skip
register(
    Job(
        SUMMARY, "节后检查情况汇总",
        "每天 08:00 检查：假期结束后第2个工作日（可设）起向领导报送节日期间明察暗访情况汇总",
        post_holiday_summary, DAILY, {"working_days_after": FOLLOW_UP_WORKING_DAYS},
    )
)  # fmt: skip
