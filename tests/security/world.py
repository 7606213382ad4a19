"""Two townships, 甲镇 (A) and 乙镇 (B), each with one object of every kind a URL takes, and one login per role.

Built for the access matrix (tests/security/test_access_matrix.py). Everything is made through the services where
they exist, so each object is in a state a real county reaches (a report filed through the public form with its
query code, a transfer sent down to the township's commission, a task awaiting acceptance, a rectification item
with a published commitment and an attachment), and the same way for both units, so that what one unit's officer
gets on the other unit's objects can be compared with the reverse.

The roles, as the matrix's columns:

- ``anonymous``: nobody signed in;
- ``reporter``: the public reporter of report A, whose session has opened it on the query page with its number,
  query code and password;
- ``officer_a``, ``officer_b``: the unit officers of 甲镇 and 乙镇;
- ``discipline_a``: the officer of 甲镇纪委 (the township commission A's clues are transferred to);
- ``inspector``: an inspector of team B, so of another team than the one inspecting A;
- ``reviewer``: a people's congress deputy who scores finished rectifications;
- ``county_leader``: the county standing member who owns task A (task B has another owner);
- ``staff``, ``leader``, ``admin``: commission staff (holding an approved request to see report A's and B's
  reporter identity), a commission leader, and the commission admin (a Django superuser, as seed_demo makes it).
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from captcha.models import CaptchaStore
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.models import Case, Channel, Report
from cases.services import clues, exposure, identity, intake, investigations, public, transfers, triage
from documents.models import Document
from exports.models import ExportJob
from inspections import bulletins
from inspections import services as inspection_services
from inspections.models import Plan as InspectionPlan
from jiancha.celery import app as celery_app
from notifications.services import notify
from orgs.models import Person, Role, Unit
from rectification import services_problems, services_progress
from rectification.services import problem_create
from responsibility import rankings
from responsibility import services as checklist
from responsibility.models import Ranking, ResponsibilityLetter
from tests.cases.public_support import PASSWORD, pdf, report_fields
from tests.documents.factories import ranking as ranking_document
from tests.factories import PersonFactory, TaskFactory, UnitFactory, client_for, user_with_role
from tests.inspections.factories import PlanFactory as InspectionPlanFactory
from tests.inspections.factories import TeamFactory
from tests.inspections.media import jpeg

SHANGHAI = ZoneInfo("Asia/Shanghai")
ROLES = (
    "anonymous", "reporter", "officer_a", "officer_b", "discipline_a", "inspector", "reviewer", "county_leader",
    "staff", "leader", "admin",
)  # fmt: skip


@dataclass
class Side:
    """One township and its objects: what the matrix's paths point at (the objects of A, or those of B)."""

    unit: Unit
    township_commission: Unit
    officer: object
    person: Person
    report: Report
    query_code: str
    report_attachment: object
    clue: object
    transfer: object
    case: Case
    case_document: object
    exposure: object
    identity_request: object  # pending, for a leader to decide
    task: object
    progress_report: object
    progress_attachment: object
    notice: object
    acceptance: object
    letter: ResponsibilityLetter
    accountability: object
    team: object
    inspection_plan: InspectionPlan
    finding: object
    evidence: object
    problem: object
    commitment: object
    rectification_attachment: object
    notification: object
    export_job: ExportJob


@dataclass
class World:
    a: Side
    b: Side
    users: dict[str, object]  # role → user (None for anonymous and the reporter)
    ranking: Ranking
    document: Document  # a monthly ranking, read by the commission and county leaders only
    bulletin: object
    captcha_key: str
    job_name: str = "monthly_progress_reminder"
    clients: dict[str, Client] = field(default_factory=dict)


@contextmanager
def world_kept_for_the_module(django_db_blocker, media_root: Path) -> Iterator[World]:
    """The world built once, in a transaction rolled back when the module is done, with the test settings of
    tests/conftest.py (whose per-test fixtures do not reach a module-scoped one)."""
    test_settings = override_settings(
        MEDIA_ROOT=media_root,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        LIST_CACHE_SECONDS=0,
    )
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        with django_db_blocker.unblock(), test_settings, transaction.atomic():
            cache.clear()
            yield build_world()
            transaction.set_rollback(True)
    finally:
        celery_app.conf.task_always_eager = eager


def build_world() -> World:
    commission = UnitFactory(name="测试县纪委监委", kind=Unit.Kind.COMMISSION)
    leadership = UnitFactory(name="测试县委", kind=Unit.Kind.LEADERSHIP)
    users = _commission_users(commission, leadership)
    other_owner = PersonFactory(unit=leadership, name="县委常委乙")
    sides = {}
    for key, name, owner in (("a", "甲镇", users["county_leader"].person), ("b", "乙镇", other_owner)):
        township = UnitFactory(name=name, kind=Unit.Kind.TOWNSHIP)
        township_commission = UnitFactory(name=f"{name}纪委", kind=Unit.Kind.TOWNSHIP_COMMISSION, parent=township)
        officer = user_with_role(Role.UNIT_OFFICER, township, f"officer_{key}", name=f"{name}联络员")
        sides[key] = _side(township, township_commission, officer, owner, users)
    users["officer_a"], users["officer_b"] = sides["a"].officer, sides["b"].officer
    users["discipline_a"] = user_with_role(
        Role.UNIT_OFFICER, sides["a"].township_commission, "discipline_a", name="甲镇纪委联络员"
    )
    # The inspector sits on team B: A's plan is another team's, and still running.
    sides["b"].team.members.add(users["inspector"].person)
    world = World(
        a=sides["a"],
        b=sides["b"],
        users={"anonymous": None, "reporter": None, **users},
        ranking=rankings.ranking_compute_latest(kind=Ranking.Kind.MONTHLY),
        document=ranking_document(10),
        bulletin=bulletins.bulletin_generate(kind="weekly", period_start=_last_week_monday(), user=users["staff"])[0],
        captcha_key=CaptchaStore.generate_key(),
    )
    world.clients = {role: _client(world, role) for role in ROLES}
    return world


def _commission_users(commission: Unit, leadership: Unit) -> dict[str, object]:
    admin = user_with_role(Role.COMMISSION_ADMIN, commission, "m_admin", name="系统管理员")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    staff = user_with_role(Role.COMMISSION_STAFF, commission, "m_staff", name="信访室干部")
    TOTPDevice.objects.create(user=staff, name="手机动态口令", confirmed=True)  # enrolled (the admin lists devices)
    return {
        "staff": staff,
        "leader": user_with_role(Role.COMMISSION_LEADER, commission, "m_leader", name="纪委书记"),
        "admin": admin,
        "county_leader": user_with_role(Role.COUNTY_LEADER, leadership, "m_county", name="县委常委甲"),
        "reviewer": user_with_role(
            Role.REVIEWER, UnitFactory(name="县人大常委会", kind=Unit.Kind.DEPARTMENT), "m_reviewer", name="人大代表"
        ),
        "inspector": user_with_role(Role.INSPECTOR, commission, "m_inspector", name="督查员"),
    }


def _side(unit: Unit, township_commission: Unit, officer, owner: Person, users: dict) -> Side:
    staff, leader = users["staff"], users["leader"]
    cases_part = _cases(unit, township_commission, staff, leader, users["admin"])
    checklist_part = _checklist(unit, officer, owner, staff)
    inspection_part = _inspections(unit, staff)
    rectification_part = _rectification(unit, officer, staff)
    delivered = notify(
        recipients=[officer], job="matrix", period="2026-11", title="请报送本月进度", url="/responsibility/my-tasks/"
    )
    assert delivered == 1
    return Side(
        unit=unit,
        township_commission=township_commission,
        officer=officer,
        person=officer.person,
        **cases_part,
        **checklist_part,
        **inspection_part,
        **rectification_part,
        notification=officer.notifications.get(),
        export_job=_export_job(officer),
    )


def _cases(unit: Unit, township_commission: Unit, staff, leader, admin) -> dict:
    """A web report with an attachment (its clue transferred to the township's commission), a question to the
    reporter, identity requests (staff's approved, the admin's pending), and a concluded case with a document and
    a published exposure."""
    submitted = public.report_submit(
        data={**report_fields(accused_unit_name=f"{unit.name}人民政府"), "happened_on": date(2026, 5, 1)},
        files=[pdf()],
        submission_key=uuid.uuid4(),
    )
    report = submitted.report
    Report.objects.filter(pk=report.pk).update(accused_unit=unit)
    triage.report_accept(report=report, user=staff)
    intake.report_message_send(report=report, user=staff, text=f"请补充在{unit.name}宴请的具体日期。")
    granted = identity.identity_request_create(report=report, user=staff, reason="核实举报人身份以便约谈")
    identity.identity_request_decide(request=granted, user=leader, approve=True)
    assert identity.identity_show(report=report, user=staff)  # one showing on record, for the admins' log
    pending = identity.identity_request_create(report=report, user=admin, reason="核对重复举报")
    clue = clues.clue_propose(report=report, disposition="verification", summary="反映其公款吃喝问题。", user=staff)
    clues.clue_approve(clue=clue, user=leader)
    transfer = transfers.transfer_create(
        clue=clue, to_unit=township_commission, instructions="请核实并查报结果。",
        deadline=timezone.localdate() + timedelta(days=30), user=staff,
    )  # fmt: skip
    case, document, published = _concluded_case(unit, staff, leader)
    return {
        "report": report,
        "query_code": public.format_query_code(submitted.query_code),
        "report_attachment": report.attachments.get(),
        "clue": clue,
        "transfer": transfer,
        "case": case,
        "case_document": document,
        "exposure": published,
        "identity_request": pending,
    }


def _concluded_case(unit: Unit, staff, leader) -> tuple:
    intake_report = intake.report_register(
        user=staff, channel=Channel.LETTER, category="banquets", is_real_name=False, accused_name="被调查人",
        accused_unit_name=f"{unit.name}人民政府", accused_position="站长", content="反映其违规接受宴请。",
        received_at=timezone.now(), files=[],
    )  # fmt: skip
    Report.objects.filter(pk=intake_report.pk).update(accused_unit=unit)
    triage.report_accept(report=intake_report, user=staff)
    clue = clues.clue_propose(report=intake_report, disposition="verification", summary="违规接受宴请。", user=staff)
    clues.clue_approve(clue=clue, user=leader)
    case = investigations.case_open(clue=clue, title=f"{unit.name}某站长违规接受宴请案", user=staff)
    investigations.case_person_add(case=case, user=staff, name="被调查人", unit=unit, position="站长")
    document = investigations.case_document_add(case=case, kind="investigation_report", upload=pdf(), user=staff)
    # The nine documents are the cases tests' business: here the case is simply marked concluded.
    Case.objects.filter(pk=case.pk).update(stage=Case.Stage.CONCLUDED, concluded_on=timezone.localdate())
    drafted = exposure.exposure_propose(
        case=case, title=f"{unit.name}违规接受宴请问题通报", body="通报内容", user=staff
    )
    return case, document, exposure.exposure_approve(exposure=drafted, user=leader)


def _checklist(unit: Unit, officer, owner: Person, staff) -> dict:
    """A task led by the unit, reported at 100 % with an attachment and awaiting acceptance; a notice to the unit,
    its responsibility letter and an accountability record."""
    today = timezone.localdate()
    task = TaskFactory(lead_unit=unit, owner=owner, milestones=[(date(2026, 12, 15), 100)])
    report = checklist.progress_report_file(
        task=task, unit=unit, user=officer, period=today, text="已全部完成", percent=100, files=[pdf("进度.pdf")]
    )
    task.refresh_from_db()
    acceptance = checklist.task_request_acceptance(task=task, user=officer, note="申请验收")
    notice = checklist.notice_issue(
        task=task, unit=unit, content="请说明验收材料", reply_deadline=today + timedelta(days=7), user=staff
    )
    letter = ResponsibilityLetter.objects.create(
        year=2026, kind=ResponsibilityLetter.Kind.SECRETARY_TOWNSHIP, issuer=owner, signer_unit=unit
    )
    record = checklist.accountability_record(
        task=task, unit=unit, person=None, measure="talk", reason="报送滞后", dual_accountability=False,
        decided_on=today, user=staff,
    )  # fmt: skip
    return {
        "task": task,
        "progress_report": report,
        "progress_attachment": report.attachments.get(),
        "notice": notice,
        "acceptance": acceptance,
        "letter": letter,
        "accountability": record,
    }


def _inspections(unit: Unit, staff) -> dict:
    """The unit's own team, running a plan on the unit, with a finding and its photo not yet disposed of."""
    team = TeamFactory(name=f"{unit.name}督查小组", leader=PersonFactory(unit=staff.person.unit))
    plan = InspectionPlanFactory(team=team, created_by=staff, title=f"{unit.name}节日期间暗访")
    plan.target_units.add(unit)
    finding = inspection_services.finding_create(
        plan=plan, user=staff, unit=unit, category="games", occurred_at=datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI),
        place=f"{unit.name}便民服务中心", description="工作人员上班时间玩手机游戏", files=[jpeg()],
    )  # fmt: skip
    return {"team": team, "inspection_plan": plan, "finding": finding, "evidence": finding.evidence.get()}


def _rectification(unit: Unit, officer, staff) -> dict:
    """An item of the unit with a published commitment, progress with an attachment, and acceptance requested."""
    problem = problem_create(
        unit=unit, title="村务公开不及时", description="三个村的财务公开栏半年未更新", source="supervision"
    )
    commitment = services_problems.commitment_save(
        problem=problem, committer_kind="unit_head", committer_name="镇长", published_problem="村务公开不及时",
        measures="每月更新公开栏", deadline=timezone.localdate() + timedelta(days=60), expected_effect="按月公开",
        signed_on=timezone.localdate(), user=officer,
    )  # fmt: skip
    services_problems.commitment_publish(commitment=commitment, user=staff)
    progress = services_progress.progress_file(problem=problem, user=officer, text="已更新两个村", files=[pdf()])
    services_progress.acceptance_request(problem=problem, user=officer, note="已全部整改")
    return {"problem": problem, "commitment": commitment, "rectification_attachment": progress.attachments.get()}


def _export_job(officer) -> ExportJob:
    job = ExportJob(user=officer, kind="responsibility.ledger", status=ExportJob.Status.DONE, filename="台账.xlsx")
    job.file.save("ledger.xlsx", ContentFile(b"PK\x03\x04 not really a workbook"), save=False)
    job.finished_at = timezone.now()
    job.save()
    return job


def _last_week_monday() -> date:
    today = timezone.localdate()
    return today - timedelta(days=today.weekday() + 7)


def _client(world: World, role: str) -> Client:
    """A client for ``role`` that answers a failing view with its 500 rather than raising it."""
    user = world.users[role]
    if user is not None:
        client = client_for(user)
        client.raise_request_exception = False
        return client
    client = Client(raise_request_exception=False)
    if role == "reporter":
        credentials = {"number": world.a.report.number, "query_code": world.a.query_code, "password": PASSWORD}
        assert client.post("/report/query/", credentials).status_code == 302
    return client
