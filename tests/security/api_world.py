"""A small county with a row behind every API list, for the schema-driven fuzzing of tests/security.

One of each thing the API shows, in the states its actions accept (an answered notice to close, a task awaiting
acceptance, an unsigned letter), so that a request naming a real id reaches the service rather than a 404.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import AbstractUser
from django.utils import timezone
from rest_framework.authtoken.models import Token

from cases.models import CasePerson, Clue, Report
from inspections.models import Bulletin
from orgs.models import Role, Unit
from rectification.models import Commitment, Problem
from responsibility import rankings, services
from responsibility.models import Ranking, ResponsibilityLetter, Task
from tests.cases.factories import CaseFactory, ClueFactory, ReportFactory, TransferFactory
from tests.factories import TaskFactory, UnitFactory, user_with_role
from tests.inspections.factories import FindingFactory, PlanFactory, TeamFactory


@dataclass
class World:
    """The logins the fuzzing acts as: commission staff, the commission admin, the lead unit's officer."""

    staff: AbstractUser
    admin: AbstractUser
    lead_officer: AbstractUser


def build_world() -> World:
    commission = UnitFactory(name="测试县纪委监委", kind=Unit.Kind.COMMISSION)
    staff = user_with_role(Role.COMMISSION_STAFF, commission, "fuzz_staff", name="纪委干部甲")
    admin = user_with_role(Role.COMMISSION_ADMIN, commission, "fuzz_admin", name="系统管理员甲")
    township = UnitFactory(name="甲镇", kind=Unit.Kind.TOWNSHIP)
    lead_unit = UnitFactory(name="牵头局", kind=Unit.Kind.DEPARTMENT, is_lead_unit=True)
    co_unit = UnitFactory(name="协办局", kind=Unit.Kind.DEPARTMENT, is_co_unit=True)
    lead_officer = user_with_role(Role.UNIT_OFFICER, lead_unit, "fuzz_lead", name="牵头局联络员")
    owner = user_with_role(Role.COUNTY_LEADER, UnitFactory(name="县委", kind=Unit.Kind.LEADERSHIP), "fuzz_owner")
    _checklist(staff, lead_officer, owner.person, lead_unit, co_unit)
    _cases(UnitFactory(name="甲镇纪委", kind=Unit.Kind.TOWNSHIP_COMMISSION))
    _inspections(staff, township)
    _rectification(township)
    return World(staff=staff, admin=admin, lead_officer=lead_officer)


def _checklist(staff, lead_officer, owner, lead_unit, co_unit) -> None:
    today = timezone.localdate()
    task = TaskFactory(lead_unit=lead_unit, co_units=[co_unit], owner=owner, milestones=[(today, 100)])
    TaskFactory(plan=task.plan, lead_unit=lead_unit, owner=owner)  # not started: a first report starts it
    services.progress_report_file(
        task=task, unit=lead_unit, user=lead_officer, period=today, text="已完成", percent=100
    )
    services.task_request_acceptance(task=Task.objects.get(pk=task.pk), user=lead_officer, note="申请验收")
    notice = services.notice_issue(
        task=task, unit=lead_unit, content="请说明进度", reply_deadline=today + timedelta(days=7), user=staff
    )
    services.notice_reply(notice=notice, reply="已落实", user=lead_officer)
    services.notice_issue(task=task, unit=co_unit, content="请报送", reply_deadline=today, user=staff)
    kinds = ResponsibilityLetter.Kind
    ResponsibilityLetter.objects.create(
        year=today.year, kind=kinds.LEADER_LEAD_UNIT, issuer=owner, signer_unit=lead_unit
    )
    services.accountability_record(
        task=task, unit=lead_unit, person=None, measure="admonishment", reason="进度滞后",
        dual_accountability=False, decided_on=today, user=staff,
    )  # fmt: skip
    rankings.ranking_compute(kind=Ranking.Kind.MONTHLY, period_start=date(today.year - 1, 12, 1))


def _cases(township_commission) -> None:
    report = ReportFactory(status=Report.Status.ACCEPTED)
    clue = ClueFactory(report=report, status=Clue.Status.TRANSFERRED)
    TransferFactory(clue=clue, to_unit=township_commission)
    case = CaseFactory(clue=ClueFactory(status=Clue.Status.APPROVED))
    CasePerson.objects.create(case=case, name="钱某")  # no unit, form nor sanction decided yet: nulls and blanks
    ReportFactory()


def _inspections(staff, township) -> None:
    plan = PlanFactory(team=TeamFactory(), created_by=staff)
    plan.target_units.add(township)
    FindingFactory(plan=plan, unit=township, recorded_by=staff)
    Bulletin.objects.create(
        kind=Bulletin.Kind.WEEKLY, period_start=date(2026, 3, 2), period_end=date(2026, 3, 8),
        title="作风建设周通报", content={"total": 1},
    )  # fmt: skip


def _rectification(township) -> None:
    problem = Problem.objects.create(
        unit=township, title="公车私用", description="描述", source=Problem.Source.SUPERVISION,
        deadline=timezone.localdate() - timedelta(days=30), status=Problem.Status.IN_PROGRESS,
    )  # fmt: skip
    Commitment.objects.create(
        problem=problem, committer_kind="unit_head", committer_name="李四", published_problem="公开表述",
        measures="措施", deadline=problem.deadline, expected_effect="效果", is_published=True,
    )  # fmt: skip


def token_for(user) -> str:
    return Token.objects.get_or_create(user=user)[0].key
