"""The 20 inspection teams of the demo county and a year of their work, after the seed figures of DOMAIN.md.

A commission standing member leads each team, with two staff members and (for the first 17) one invited supervisor.
The year: 34 plans over the last 365 days, most of them tied to the holiday checkpoints (during the holiday, and the
checks after it), the others routine visits; 132 inspection person-times (each plan's leader and members) and 77
findings, most corrected on the spot, some sent as rectification notices, a few as clues, two exposed. Safe to run
again: the teams are kept, and the year is seeded only while there is no plan at all.
"""

import io
import random
from datetime import date, datetime, time, timedelta

from auditlog.context import disable_auditlog
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image

from inspections import checkpoints
from inspections import demo_data as data
from inspections.models import Evidence, Finding, Plan, Team
from inspections.services import finding_dispose
from orgs import demo_names as names
from orgs.models import Person, Role, Unit

TEAM_COUNT = 20
PLANS, FINDINGS = 34, 77
CLUES, EXPOSED, RECTIFIED, OPEN, PHOTOS = 3, 2, 10, 2, 6
D = Finding.Disposition


@transaction.atomic
def seed() -> None:
    _teams()
    if not Plan.objects.exists():
        _year(timezone.localdate())


def _teams() -> None:
    leaders = list(Person.objects.filter(role_assignments__role=Role.COMMISSION_LEADER).order_by("id"))
    staff = list(Person.objects.filter(role_assignments__role=Role.COMMISSION_STAFF).order_by("id"))
    supervisors = list(Person.objects.filter(is_invited_supervisor=True).order_by("id"))
    for i in range(TEAM_COUNT):
        team, created = Team.objects.get_or_create(
            name=f"第{i + 1}督查小组", defaults={"leader": leaders[i % len(leaders)]}
        )
        if created:
            members = [staff[(2 * i) % len(staff)], staff[(2 * i + 1) % len(staff)]]
            members += supervisors[i : i + 1]
            team.members.set(members)


@disable_auditlog()
def _year(today: date) -> None:
    """The year so far, replayed; not audit-logged, since nobody did it at seeding time."""
    rng = random.Random(132)
    users = get_user_model().objects.in_bulk(["staff", "inspector"], field_name="username")
    plans = _plans(rng, today, users["staff"])
    findings = _findings(rng, plans, today, users)
    _dispose(rng, findings, users["staff"])
    _photos(findings[-PHOTOS:])


# Plans -------------------------------------------------------------------------------------------------------


def _slots(today: date) -> list[tuple[date, date, str, str]]:
    """(starts, ends, kind, checkpoint key) of every plan, by date: three per checkpoint of the last 365 days
    (two teams during the holiday, one on the checks after it), routine visits between, the last one running now."""
    slots = []
    for c in checkpoints.between(today - timedelta(days=364), today):
        if c.window[0] <= today:
            slots += [(*c.window, data.HOLIDAY, c.key)] * 2
            slots.append((c.follow_up_on, c.follow_up_on + timedelta(days=2), data.FOLLOW_UP, c.key))
    routine = PLANS - len(slots) - 1
    for k in range(routine):
        starts = today - timedelta(days=358 - k * 350 // routine)
        slots.append((starts, starts + timedelta(days=2 + k % 3), data.ROUTINE, ""))
    slots.append((today - timedelta(days=3), today + timedelta(days=2), data.ROUTINE, ""))
    return sorted(slots, key=lambda slot: slot[0])


def _team_turns(rng: random.Random, count: int) -> list[Team]:
    """Which team goes out on each plan. With the seeded teams (4 people in the first 17, 3 in the last 3),
    30 plans of four and 4 of three make the county's 132 person-times."""
    teams = list(Team.objects.order_by("id"))
    turns = teams[:13] * 2 + teams[13:17] + teams[17:20] + teams[17:18]
    rng.shuffle(turns)
    return turns[:count]


def _plan(slot: tuple, team: Team, today: date, staff) -> Plan:
    starts, ends, kind, key = slot
    holiday = checkpoints.checkpoint_by_key(key).name if key else ""
    title = {
        data.HOLIDAY: f"{holiday}期间作风纪律明察暗访",
        data.FOLLOW_UP: f"{holiday}假期后公务接待和公车使用检查",
        data.ROUTINE: f"{starts.month}月工作纪律和窗口服务暗访",
    }[kind]
    status = Plan.Status.DONE if ends < today else Plan.Status.ACTIVE
    created = timezone.make_aware(datetime.combine(starts - timedelta(days=5), time(9)))
    return Plan(
        title=f"{starts.year}年{title}", themes=data.THEMES[kind], team=team, starts_on=starts, ends_on=ends,
        target_places=data.PLACES[kind], checkpoint=key, status=status, created_by=staff, created_at=created,
        done_at=timezone.make_aware(datetime.combine(ends, time(18))) if status == Plan.Status.DONE else None,
    )  # fmt: skip


def _plans(rng: random.Random, today: date, staff) -> list[tuple[Plan, str, list[Unit]]]:
    slots = _slots(today)
    turns = _team_turns(rng, len(slots))
    # The demo inspector (team 1) has the routine visit running now, to record a finding in.
    running = next(i for i, (_, ends, kind, _) in enumerate(slots) if kind == data.ROUTINE and ends > today)
    first = turns.index(Team.objects.order_by("id").first())
    turns[first], turns[running] = turns[running], turns[first]
    plans = Plan.objects.bulk_create(_plan(slot, team, today, staff) for slot, team in zip(slots, turns, strict=True))
    units = list(Unit.objects.filter(kind__in=[Unit.Kind.TOWNSHIP, Unit.Kind.DEPARTMENT]).order_by("id"))
    targets = [rng.sample(units, rng.randint(2, 4)) for _ in plans]
    Plan.target_units.through.objects.bulk_create(
        Plan.target_units.through(plan_id=plan.pk, unit_id=unit.pk)
        for plan, chosen in zip(plans, targets, strict=True)
        for unit in chosen
    )
    return [(plan, slot[2], chosen) for plan, slot, chosen in zip(plans, slots, targets, strict=True)]


# Findings ----------------------------------------------------------------------------------------------------


def _counts(rng: random.Random, plans: list[tuple[Plan, str, list[Unit]]], today: date) -> list[int]:
    """Findings per plan: one at least for every plan already under way, the rest mostly at the holidays."""
    started = [i for i, (plan, *_) in enumerate(plans) if plan.starts_on < today]
    weights = [{data.HOLIDAY: 3, data.ROUTINE: 2, data.FOLLOW_UP: 1}[plans[i][1]] for i in started]
    counts = [0] * len(plans)
    for i in started + rng.choices(started, weights=weights, k=FINDINGS - len(started)):
        counts[i] += 1
    return counts


def _finding(rng: random.Random, i: int, planned: tuple[Plan, str, list[Unit]], today: date, users) -> Finding:
    plan, kind, targets = planned
    categories = data.CATEGORIES[kind]
    category = rng.choices(list(categories), weights=list(categories.values()))[0]
    unit = rng.choice(targets)
    place, description, (first_hour, last_hour) = data.FINDINGS[category]
    last_day = min(plan.ends_on, today - timedelta(days=1))
    day = plan.starts_on + timedelta(days=rng.randint(0, (last_day - plan.starts_on).days))
    at = timezone.make_aware(datetime.combine(day, time(rng.randint(first_hour, last_hour), rng.randint(0, 59))))
    named = category in data.NAMED or rng.random() < 0.4
    recorder = users["inspector"] if plan.team.name == "第1督查小组" else users["staff"]
    return Finding(
        plan=plan, unit=unit, category=category, occurred_at=at, place=place.format(unit=unit.name),
        description=description.format(unit=unit.name), recorded_by=recorder, recorded_at=at + timedelta(hours=1),
        persons=f"{names.person_name(7000 + i)}（{rng.choice(data.POSITIONS)}）" if named else "",
    )  # fmt: skip


def _findings(rng: random.Random, plans: list[tuple[Plan, str, list[Unit]]], today: date, users) -> list[Finding]:
    counts = _counts(rng, plans, today)
    findings = [
        _finding(rng, len(plans) * n + i, planned, today, users)
        for i, (planned, count) in enumerate(zip(plans, counts, strict=True))
        for n in range(count)
    ]
    return Finding.objects.bulk_create(sorted(findings, key=lambda f: f.occurred_at))


def _dispositions(rng: random.Random, findings: list[Finding]) -> dict[int, str]:
    """By finding id: the newest findings of the plan running now are still open; clues and exposures where
    someone is named for a meal, a car or a gift; rectification notices among the rest; all else corrected."""
    running = [f for f in findings if f.plan.status == Plan.Status.ACTIVE]
    chosen = dict.fromkeys((f.pk for f in running[-OPEN:]), "")
    serious = rng.sample([f for f in findings if f.pk not in chosen and f.category in data.NAMED], CLUES + EXPOSED)
    chosen |= {f.pk: D.CLUE if n < CLUES else D.EXPOSURE for n, f in enumerate(serious)}
    rest = [f for f in findings if f.pk not in chosen]
    chosen |= dict.fromkeys((f.pk for f in rng.sample(rest, RECTIFIED)), D.RECTIFICATION)
    return {f.pk: chosen.get(f.pk, D.CORRECTED) for f in findings}


def _dispose(rng: random.Random, findings: list[Finding], staff) -> None:
    """Through the service, as the teams did: rectification items and clues are opened where they belong."""
    dispositions, now = _dispositions(rng, findings), timezone.now()
    for finding in findings:
        disposition = dispositions[finding.pk]
        if not disposition:
            continue
        later = timedelta(minutes=10) if disposition == D.CORRECTED else timedelta(days=rng.randint(1, 3))
        at = min(finding.occurred_at + later, now)
        deadline = timezone.localdate(at) + timedelta(days=30) if disposition == D.RECTIFICATION else None
        finding_dispose(
            finding=finding, user=staff, disposition=disposition, note=data.NOTES[disposition], deadline=deadline,
            now=at,
        )  # fmt: skip


def _photos(findings: list[Finding]) -> None:
    """One small placeholder photo on a few recent findings, so the pages show what evidence looks like."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (128, 128, 128)).save(buffer, "JPEG")
    photo = buffer.getvalue()
    for finding in findings:
        evidence = Evidence(finding=finding, name="现场照片.jpg", size=len(photo))
        evidence.file.save(f"demo-{finding.pk}.jpg", ContentFile(photo), save=False)
        evidence.save()
