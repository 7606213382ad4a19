"""A year of reports, clues and cases for the demo county, after the seed figures of DOMAIN.md.

541 reports over the last 365 days, 53 of them accepted as clues, 26 clues transferred down (as Kongtong sends
about half), 46 cases, 10 exposed. Every reporter is invented and marked ``is_demo``; their ID numbers use the
region code 999999, which no real place has. Runs once: a second run finds demo reports and changes nothing.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cases.models import (
    Case,
    CaseDocument,
    CasePerson,
    Category,
    Channel,
    Clue,
    Exposure,
    FourForms,
    PartySanction,
    Report,
    Transfer,
)  # fmt: skip
from cases.numbering import next_number
from cases.query_credentials import credentials_hash
from cases.services.public import normalise_query_code
from common.crypto import keyed_hash
from common.identity import fake_resident_id
from common.workdays import add_working_days
from orgs import demo_names as names
from orgs.models import Unit

REPORTS, CLUES, CASES, TRANSFERS, EXPOSED = 541, 53, 46, 26, 10
# The one demo report a visitor can follow on the public query page.
QUERY_PASSWORD = "jiancha2026"
QUERY_CODE = "JCDM-2026-DEMX-7K3M-QRY5"  # in the query code alphabet: no I, L, O or U

CHANNELS = [(Channel.WEB, 40), (Channel.LETTER, 20), (Channel.PHONE, 15), (Channel.VISIT, 10),
            (Channel.WECHAT, 10), (Channel.SUPERIOR, 5)]  # fmt: skip
CATEGORIES = [(Category.BANQUETS, 14), (Category.CARS, 12), (Category.GIFTS, 10), (Category.CEREMONIES, 6),
              (Category.ALLOWANCES, 6), (Category.TRAVEL, 4), (Category.WORK_DISCIPLINE, 16),
              (Category.EXTORTION, 10), (Category.PUBLIC_INTEREST, 14), (Category.OTHER, 8)]  # fmt: skip
EIGHT_POINT = {Category.BANQUETS, Category.CARS, Category.GIFTS, Category.CEREMONIES, Category.ALLOWANCES,
               Category.TRAVEL}  # fmt: skip
REFERRED_TO = ["县信访局", "县公安局", "县人民法院", "县市场监管局", "市纪委监委"]
WHAT = {
    Category.BANQUETS: "在{place}用公款宴请，饮用高档酒水，费用以会议费名义报销。",
    Category.CARS: "周末驾驶公务用车接送家人，车辆停放在{place}。",
    Category.GIFTS: "春节前收受管理服务对象所送购物卡，地点在{place}。",
    Category.CEREMONIES: "为子女操办婚宴，在{place}宴请管理服务对象并收受礼金。",
    Category.ALLOWANCES: "单位年底以加班费名义违规发放补贴。",
    Category.TRAVEL: "以考察学习为名组织公款旅游。",
    Category.WORK_DISCIPLINE: "工作日上班时间在{place}打牌，长期迟到早退。",
    Category.EXTORTION: "办理业务时故意刁难群众，暗示请客送礼。",
    Category.PUBLIC_INTEREST: "在发放惠民补贴时优亲厚友，群众反映强烈。",
    Category.OTHER: "工作作风粗暴，对群众诉求推诿扯皮。",
}
PLACES = ["县城某酒店", "城郊某农家乐", "镇政府食堂", "某茶楼", "村委会办公室"]
POSITIONS = ["副镇长", "村党支部书记", "站所负责人", "科长", "副局长", "驻村干部"]
DOCUMENT = b"%PDF-1.4\n% demo document\n"


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _pick(rng: random.Random, weighted: list) -> str:
    return rng.choices([value for value, _ in weighted], weights=[w for _, w in weighted])[0]


def _new_report(rng: random.Random, i: int, received: datetime, units: list[Unit], staff) -> Report:
    category, channel = _pick(rng, CATEGORIES), _pick(rng, CHANNELS)
    unit = rng.choice(units)
    real_name = channel == Channel.WEB or rng.random() < 0.7
    id_number = fake_resident_id(rng, region="999999") if real_name else ""
    return Report(
        number=next_number("report", received.year), channel=channel, category=category, is_real_name=real_name,
        reporter_name=names.person_name(5000 + i) if real_name else "", reporter_id_number=id_number,
        reporter_phone=names.demo_phone(5000 + i) if real_name else "",
        reporter_key=keyed_hash(id_number) if id_number else "",
        accused_name=names.person_name(9000 + i % 400), accused_unit_name=unit.name, accused_unit=unit,
        accused_position=rng.choice(POSITIONS), content=WHAT[category].format(place=rng.choice(PLACES)),
        happened_on=timezone.localdate(received) - timedelta(days=rng.randint(3, 60)), place=rng.choice(PLACES),
        received_at=received, registered_by=None if channel == Channel.WEB else staff,
        acceptance_due_on=add_working_days(timezone.localdate(received), 15), is_demo=True,
    )  # fmt: skip


def _decide(rng: random.Random, report: Report, today: date, staff, accept: bool) -> None:
    """Triage after a few days: accepted as a clue, referred, rejected, or concluded after a simple check."""
    decided = report.received_at + timedelta(days=rng.randint(2, 12))
    if decided.date() >= today:
        return
    report.decided_at, report.decided_by = decided, staff
    report.reporter_notified_at = decided if report.is_real_name else None
    roll = rng.random()
    if accept:
        report.status = Report.Status.ACCEPTED
    elif roll < 0.5:
        report.status, report.referred_to = Report.Status.REFERRED, rng.choice(REFERRED_TO)
        report.decision_reason = "反映问题不属于纪检监察机关受理范围，已转交有权处理机关。"
    elif roll < 0.75:
        report.status = Report.Status.REJECTED
        report.decision_reason = "反映内容与此前举报重复，且无新的证据材料。"
    else:
        report.status, report.concluded_at = Report.Status.CONCLUDED, decided + timedelta(days=10)
        report.result = "经了解核实，反映问题已责成所在单位整改到位。"
        report.feedback_due_on = add_working_days(timezone.localdate(report.concluded_at), 15)
        report.fed_back_at = report.concluded_at if report.is_real_name else None


def _reports(rng: random.Random, today: date, staff) -> list[Report]:
    units = list(Unit.objects.filter(kind__in=[Unit.Kind.TOWNSHIP, Unit.Kind.DEPARTMENT]).order_by("id"))
    days = sorted(rng.randint(0, 364) for _ in range(REPORTS))
    reports = [
        _new_report(rng, i, _at(today - timedelta(days=364 - offset), rng.randint(8, 17)), units, staff)
        for i, offset in enumerate(days)
    ]
    # The clues come from reports old enough to have been through a case, spread over the year.
    accepted = set(rng.sample(range(REPORTS - 60), CLUES))
    for i, report in enumerate(reports):
        _decide(rng, report, today, staff, accept=i in accepted)
    return Report.objects.bulk_create(reports)


def _clues(rng: random.Random, reports: list[Report], staff, leader) -> list[Clue]:
    dispositions = [Clue.Disposition.VERIFICATION] * CASES + [Clue.Disposition.INQUIRY] * 4
    dispositions += [Clue.Disposition.HOLD] * 2 + [Clue.Disposition.CLOSE] * (CLUES - CASES - 6)
    accepted = [r for r in reports if r.status == Report.Status.ACCEPTED]
    clues = []
    for report, disposition in zip(accepted, dispositions, strict=False):
        proposed = report.decided_at + timedelta(days=1)
        clues.append(Clue(
            number=next_number("clue", proposed.year), report=report, category=report.category,
            accused_name=report.accused_name, accused_unit=report.accused_unit,
            accused_position=report.accused_position,
            summary=f"反映{report.accused_unit_name}{report.accused_position}{report.accused_name}：{report.content}",
            disposition=disposition, status=Clue.Status.APPROVED, proposed_by=staff, proposed_at=proposed,
            approved_by=leader, approved_at=proposed + timedelta(days=1),
        ))  # fmt: skip
    return Clue.objects.bulk_create(clues)


def _transfers(rng: random.Random, clues: list[Clue], today: date, staff) -> None:
    commissions = list(Unit.objects.filter(kind=Unit.Kind.TOWNSHIP_COMMISSION).order_by("id"))
    transfers = []
    for clue in rng.sample(clues, TRANSFERS):
        unit = next((c for c in commissions if c.parent_id == clue.accused_unit_id), rng.choice(commissions))
        sent = clue.approved_at + timedelta(days=1)
        transfer = Transfer(
            clue=clue, to_unit=unit, instructions="请认真核实，于期限内查报结果，并按季度报告办理进展。",
            deadline=timezone.localdate(sent) + timedelta(days=30), transferred_by=staff, transferred_at=sent,
        )  # fmt: skip
        # Most are answered; a few run past their deadline unanswered, for the commission to supervise.
        if transfer.deadline < today and rng.random() < 0.85:
            transfer.status, transfer.result = Transfer.Status.ANSWERED, "经核实，反映问题部分属实，已按规定处理。"
            transfer.result_at = _at(transfer.deadline - timedelta(days=rng.randint(1, 10)), 15)
        transfers.append(transfer)
        clue.status = Clue.Status.TRANSFERRED
    Transfer.objects.bulk_create(transfers)
    Clue.objects.bulk_update([t.clue for t in transfers], ["status"])


STAGES = [Case.Stage.CONCLUDED] * 36 + [Case.Stage.REVIEW] * 3 + [Case.Stage.INVESTIGATION] * 3
STAGES += [Case.Stage.FILED] * 2 + [Case.Stage.VERIFICATION] * 2


def _cases(rng: random.Random, clues: list[Clue], today: date, staff) -> list[Case]:
    verification = [c for c in clues if c.disposition == Clue.Disposition.VERIFICATION]
    cases = []
    for clue, stage in zip(verification, STAGES, strict=True):
        opened = clue.approved_at + timedelta(days=2)
        filed = timezone.localdate(opened) + timedelta(days=20)
        concluded = filed + timedelta(days=40)
        if concluded >= today:  # too recent to have concluded: still under investigation
            stage = Case.Stage.INVESTIGATION if stage == Case.Stage.CONCLUDED else stage
        cases.append(Case(
            number=next_number("case", opened.year), clue=clue, stage=stage, handled_by=staff, opened_at=opened,
            title=f"{clue.accused_unit.name if clue.accused_unit else ''}{clue.accused_name}"
                  f"{clue.get_category_display()}问题案",
            is_eight_point=clue.category in EIGHT_POINT, is_four_winds=clue.category in EIGHT_POINT,
            filed_on=filed if stage != Case.Stage.VERIFICATION else None,
            concluded_on=concluded if stage == Case.Stage.CONCLUDED else None,
            funds_recovered=Decimal(rng.choice([0, 0, 1200, 3560, 8800, 15000, 42000])),
            recommendation="建议所在单位开展专项整改，健全公务接待和公车管理制度。",
        ))  # fmt: skip
    cases = Case.objects.bulk_create(cases)
    CasePerson.objects.bulk_create(_persons(rng, cases))
    _conclude_sources([c for c in cases if c.stage == Case.Stage.CONCLUDED])
    return cases


def _conclude_sources(cases: list[Case]) -> None:
    """A concluded case concludes its clue and its report, whose reporter has been told the result."""
    clues, reports = [case.clue for case in cases], [case.clue.report for case in cases]
    for case, clue, report in zip(cases, clues, reports, strict=True):
        concluded = _at(case.concluded_on, 16)
        clue.status, clue.concluded_at, clue.conclusion = Clue.Status.CONCLUDED, concluded, "已立案审查并结案。"
        report.status, report.concluded_at = Report.Status.CONCLUDED, concluded
        report.result = "您反映的问题经立案审查，已依规依纪依法作出处理。感谢您对正风肃纪工作的支持。"
        report.feedback_due_on = add_working_days(case.concluded_on, 15)
        report.fed_back_at = concluded + timedelta(days=3)
    Clue.objects.bulk_update(clues, ["status", "concluded_at", "conclusion"])
    Report.objects.bulk_update(reports, ["status", "concluded_at", "result", "feedback_due_on", "fed_back_at"])


def _persons(rng: random.Random, cases: list[Case]) -> list[CasePerson]:
    outcomes = [
        (FourForms.FIRST, "", ""), (FourForms.FIRST, "", ""),
        (FourForms.SECOND, PartySanction.WARNING, "warning"),
        (FourForms.SECOND, PartySanction.SERIOUS_WARNING, "demerit"),
        (FourForms.THIRD, PartySanction.PROBATION, "demotion"),
    ]  # fmt: skip
    persons = []
    for case in cases:
        form, party, administrative = rng.choice(outcomes) if case.stage == Case.Stage.CONCLUDED else ("", "", "")
        persons.append(CasePerson(
            case=case, name=case.clue.accused_name, unit=case.clue.accused_unit, position=case.clue.accused_position,
            form=form, party_sanction=party, administrative_sanction=administrative,
        ))  # fmt: skip
    return persons


def _documents(cases: list[Case], staff) -> None:
    """The three reports and the six ones of every concluded case: tiny placeholder files."""
    for case in cases:
        if case.stage != Case.Stage.CONCLUDED:
            continue
        for kind, label in CaseDocument.Kind.choices:
            document = CaseDocument(case=case, kind=kind, name=f"{label}.pdf", size=len(DOCUMENT), uploaded_by=staff)
            document.file.save(f"{case.number}-{kind}.pdf", ContentFile(DOCUMENT), save=False)
            document.save()


def _exposures(rng: random.Random, cases: list[Case], leader, staff) -> None:
    concluded = [c for c in cases if c.stage == Case.Stage.CONCLUDED]
    Exposure.objects.bulk_create(
        Exposure(
            case=case, title=f"关于{case.title.removesuffix('案')}的通报", status=Exposure.Status.PUBLISHED,
            body=f"经查，{case.clue.accused_unit.name if case.clue.accused_unit else ''}"
                 f"{case.clue.accused_position}{case.clue.accused_name}{case.clue.get_category_display()}，"
                 "违反中央八项规定精神，受到相应处理。",
            requested_by=staff, approved_by=leader, published_at=timezone.make_aware(
                datetime.combine(case.concluded_on + timedelta(days=5), time(9))),
        )
        for case in rng.sample(concluded, min(EXPOSED, len(concluded)))
    )  # fmt: skip


def _query_demo(reports: list[Report]) -> Report:
    """The newest accepted real-name web report gets a known code and password, printed by seed_demo."""
    report = next(r for r in reversed(reports) if r.channel == Channel.WEB and r.status == Report.Status.ACCEPTED)
    report.query_code_hash = credentials_hash(normalise_query_code(QUERY_CODE), QUERY_PASSWORD)
    report.save(update_fields=["query_code_hash"])
    return report


@transaction.atomic
def seed() -> Report | None:
    """Seed once; returns the report a visitor can follow with ``QUERY_CODE`` and ``QUERY_PASSWORD``."""
    if Report.objects.filter(is_demo=True).exists():
        return None
    users = get_user_model().objects.in_bulk(["staff", "leader"], field_name="username")
    rng, today = random.Random(541), timezone.localdate()
    reports = _reports(rng, today, users["staff"])
    clues = _clues(rng, reports, users["staff"], users["leader"])
    _transfers(rng, clues, today, users["staff"])
    cases = _cases(rng, clues, today, users["staff"])
    _documents(cases, users["staff"])
    _exposures(rng, cases, users["leader"], users["staff"])
    return _query_demo(reports)
