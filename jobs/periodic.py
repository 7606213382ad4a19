"""The quarterly bulletin (季度通报) and the weekly inspection bulletin (明察暗访周通报)."""

from datetime import timedelta
from functools import partial

from django.urls import reverse

from common.workdays import add_working_days
from documents.content import build
from documents.models import Document
from inspections.bulletins import bulletin_generate_latest, bulletin_summary
from inspections.models import Bulletin
from jobs.findings_tables import findings_sections
from jobs.publishing import publish
from jobs.quarterly_document import quarterly_content, quarterly_title
from jobs.recipients import LEADERS, STAFF_AND_LEADERS, users_with_roles
from jobs.registry import DAILY, Context, Job, register
from orgs.models import Role
from responsibility.models import Ranking
from responsibility.periods import month_end
from responsibility.ranking_periods import period_of

QUARTERLY = "quarterly_bulletin"
WEEKLY = "weekly_inspection_bulletin"


def quarterly_bulletin(context: Context) -> None:
    """From the first working day of a quarter to the end of its first month, publish the previous quarter's
    bulletin: the first of those days does it, the others catch up a day beat missed (and deliver nothing twice)."""
    quarter = period_of(Ranking.Kind.QUARTERLY, context.day)
    first = add_working_days(quarter.start - timedelta(days=1), 1)
    last = month_end(quarter.start)
    if not first <= context.day <= last:
        context.note(
            f"不是季度第一个工作日（{quarter.label}为{first:%Y-%m-%d}，未发布的可补发至{last:%Y-%m-%d}），"
            "不发布季度通报。"
        )
        return
    previous = quarter.previous()
    publish(
        context, job=QUARTERLY, kind=Document.Kind.QUARTERLY_BULLETIN, period=previous.key,
        period_start=previous.start, period_end=previous.end, title=quarterly_title(previous),
        audience=Document.Audience.ALL_UNITS, content=partial(quarterly_content, previous, context.day),
        recipients=users_with_roles(context, Role.UNIT_OFFICER, Role.COMMISSION_STAFF, *LEADERS),
        message=f"{previous.label}正风肃纪工作通报已印发，请认真阅读并对照整改。",
    )  # fmt: skip


def weekly_inspection_bulletin(context: Context) -> None:
    """Last week's bulletin (stored once by the inspections app), as a document for the commission and leaders."""
    bulletin, _ = bulletin_generate_latest(Bulletin.Kind.WEEKLY, context.day)
    year, week, _ = bulletin.period_start.isocalendar()
    publish(
        context, job=WEEKLY, kind=Document.Kind.WEEKLY_BULLETIN, period=f"{year}-W{week:02d}",
        period_start=bulletin.period_start, period_end=bulletin.period_end, title=bulletin.title,
        audience=Document.Audience.COMMISSION, content=partial(weekly_content, bulletin),
        recipients=users_with_roles(context, *STAFF_AND_LEADERS), message=bulletin_summary(bulletin.content),
    )  # fmt: skip


def weekly_content(bulletin: Bulletin) -> dict:
    """The bulletin's stored snapshot as a document: it says what the bulletin said, even if findings changed."""
    return build(
        summary=[bulletin_summary(bulletin.content)],
        sections=findings_sections(bulletin.content),
        links=[("查看周通报", reverse("inspections:bulletin-detail", args=[bulletin.pk]))],
    )


register(
    Job(
        QUARTERLY,
        "季度通报",
        "每天 08:00 检查：季度第一个工作日发布上季度通报，当季首月内可补发",
        quarterly_bulletin,
        DAILY,
    )
)
register(
    Job(
        WEEKLY, "明察暗访周通报", "每周一 08:00 生成上周通报", weekly_inspection_bulletin,
        {**DAILY, "day_of_week": "1"},
    )
)  # fmt: skip
