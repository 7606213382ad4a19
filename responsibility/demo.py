"""The demo checklist: 22 plans and 67 tasks for the current year, with a realistic mix of progress.

Reports are filed through the services as if on their dates, so lateness, milestones and status are
what the rules make of them. Runs once per year: a second run finds the plans and changes nothing, except
that the rankings of months and quarters closed since are stored.
"""

from datetime import date, datetime, time, timedelta

from auditlog.context import disable_auditlog
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from orgs.models import Person, Role, Unit
from responsibility import demo_data as data
from responsibility import rankings, services
from responsibility.models import Milestone, Plan, Ranking, ResponsibilityLetter, SupervisionNotice, Task, TaskCoUnit
from responsibility.periods import month_start, next_month, today
from responsibility.ranking_periods import last_closed

TASK_COUNT = 67


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _create_tasks(year: int) -> list[Task]:
    leaders = list(Person.objects.filter(role_assignments__role=Role.COUNTY_LEADER).order_by("id"))
    leads = list(Unit.objects.filter(is_lead_unit=True).order_by("sort_order", "id"))
    co_units = list(Unit.objects.filter(is_co_unit=True).order_by("sort_order", "id"))
    plans = [
        Plan.objects.create(year=year, number=i + 1, title=f"{area}专项治理方案")
        for i, area in enumerate(data.PLAN_AREAS)
    ]
    tasks = []
    for i in range(TASK_COUNT):
        plan = plans[i % len(plans)]
        title, content, standard = data.TASK_PATTERNS[(i // len(plans)) % len(data.TASK_PATTERNS)]
        area = data.PLAN_AREAS[plan.number - 1]
        task = Task.objects.create(
            plan=plan, number=i + 1, title=title.format(area=area), content=content.format(area=area),
            owner=leaders[i % len(leaders)], lead_unit=leads[(i + i // len(leaders)) % len(leads)], standard=standard,
            acceptance_method=data.ACCEPTANCE_METHOD, starts_on=date(year, 1, 1),
        )  # fmt: skip
        TaskCoUnit.objects.bulk_create(
            [TaskCoUnit(task=task, unit=co_units[(2 * i + k) % len(co_units)]) for k in range(2)]
        )
        Milestone.objects.bulk_create(
            [Milestone(task=task, due_on=date(year, m, d), requirement=r, target_percent=p)
             for m, d, r, p in data.MILESTONES]
        )  # fmt: skip
        tasks.append(task)
    return tasks


def _file_history(task: Task, profile: int, until: date) -> None:
    """Monthly reports from January to last month; profiles 3 and 9 fall behind, 0–2 finish early."""
    if profile == 3:
        return
    units = [task.lead_unit, *task.co_units.all()]
    month, step = date(until.year, 1, 1), 14 if profile <= 2 else 9
    months_done = 0
    while month < month_start(until):
        months_done += 1
        skip_last = profile == 9 and next_month(month) >= month_start(until)
        if not skip_last:
            percent = min(100, months_done * step if profile != 9 else months_done * 5)
            late = (task.number + months_done) % 11 == 0
            day = next_month(month).replace(day=3) if late else month.replace(day=20)
            for unit in units:
                services.progress_report_file(
                    task=task, unit=unit, user=None, period=month, percent=percent, now=_at(day),
                    text=f"本月按计划推进{task.title}，累计完成{percent}%。",
                )  # fmt: skip
        month = next_month(month)


def _finish(task: Task, profile: int, staff) -> None:
    task.refresh_from_db()
    if profile > 2 or task.progress < 100:
        return
    services.task_request_acceptance(task=task, user=None, note="各项工作已全部完成，申请验收。")
    if profile <= 1:
        services.task_decide_acceptance(task=task, user=staff, passed=True, comments="资料齐全，成效明显，同意销号。")


def _letters(year: int) -> None:
    secretary = Person.objects.filter(role_assignments__role=Role.COUNTY_LEADER).order_by("id").first()
    commission_head = Person.objects.filter(role_assignments__role=Role.COMMISSION_LEADER).order_by("id").first()
    kinds = ResponsibilityLetter.Kind
    groups = [
        (kinds.SECRETARY_TOWNSHIP, secretary, Unit.objects.filter(kind=Unit.Kind.TOWNSHIP)),
        (kinds.LEADER_LEAD_UNIT, secretary, Unit.objects.filter(is_lead_unit=True)),
        (kinds.LEADER_CO_UNIT, secretary, Unit.objects.filter(is_co_unit=True)),
        (kinds.COMMISSION_TOWNSHIP, commission_head, Unit.objects.filter(kind=Unit.Kind.TOWNSHIP_COMMISSION)),
        (kinds.COMMISSION_GROUP, commission_head, Unit.objects.filter(kind=Unit.Kind.DISCIPLINE_GROUP)),
    ]
    for kind, issuer, units in groups:
        ResponsibilityLetter.objects.bulk_create(
            [ResponsibilityLetter(year=year, kind=kind, issuer=issuer, signer_unit=unit,
                                  signed_on=date(year, 2, 20) if unit.pk % 9 else None)
             for unit in units.order_by("id")]
        )  # fmt: skip


def _accountability(day: date, staff) -> None:
    """A few records against units of tasks that fell behind (profile 3), in past months of the year."""
    for number, measure, months_ago in ((3, "talk", 2), (13, "criticism", 1), (23, "talk", 1)):
        decided_on = date(day.year, max(day.month - months_ago, 1), 10)
        task = Task.objects.filter(plan__year=day.year, number=number).select_related("lead_unit").first()
        if task is None or decided_on >= day:
            continue
        services.accountability_record(
            task=task, unit=task.lead_unit, person=None, measure=measure, dual_accountability=number == 13,
            reason=f"{task.title}未按时间节点推进，且连续未报送进度。", decided_on=decided_on, user=staff,
        )  # fmt: skip


def _notices(day: date, staff) -> None:
    """Notices on the tasks that fell behind (profile 3): open, answered, closed, and two left overdue."""
    lagging = Task.objects.filter(plan__year=day.year, number__in=[3, 13, 23, 33, 43, 53, 63]).select_related(
        "lead_unit"
    )
    for i, task in enumerate(lagging.order_by("number")):
        notice = services.notice_issue(
            task=task, unit=task.lead_unit, reply_deadline=day + timedelta(days=5), user=staff,
            content=f"{task.title}进度滞后、未按月报送进度，请于期限内书面说明原因并提出整改措施。",
        )  # fmt: skip
        if i in (2, 3, 4):
            services.notice_reply(notice=notice, reply="已召开专题推进会，明确专人负责，本月底前补报进度。", user=None)
        if i == 4:
            services.notice_close(notice=notice)
        if i >= 5:  # issued weeks ago and never answered: what the overdue view is for
            SupervisionNotice.objects.filter(pk=notice.pk).update(
                issued_at=_at(day - timedelta(days=20)), reply_deadline=day - timedelta(days=5)
            )


def seed_rankings(day: date) -> None:
    """Stored rankings for the closed months and quarters of this year; those already stored are kept."""
    for kind in (Ranking.Kind.MONTHLY, Ranking.Kind.QUARTERLY):
        period = last_closed(kind, day)
        while period.start.year == day.year:
            rankings.ranking_compute(kind=kind, period_start=period.start, day=day)
            period = period.previous()


@disable_auditlog()
def _checklist(day: date) -> None:
    """The year so far, replayed through the services; not audit-logged, since nobody did it at seeding time."""
    staff = get_user_model().objects.filter(username="staff").first()
    for task in _create_tasks(day.year):
        profile = task.number % 10
        _file_history(task, profile, day)
        _finish(task, profile, staff)
    _letters(day.year)
    _accountability(day, staff)
    _notices(day, staff)


@transaction.atomic
def seed() -> None:
    day = today()
    if not Plan.objects.filter(year=day.year).exists():
        _checklist(day)
    seed_rankings(day)
