"""The demo county's rectification work, after the seed figures of DOMAIN.md: 100 problems, of which 53 were fixed
at once (立行立改), 42 are still being rectified (6 of them not started) and 5 accepted and closed.

The 100 include the problems the inspections demo already opened (its rectification notices, and whatever the cases
demo sent): they are given their place in the mix (closed, in progress, awaiting acceptance, pending), and the rest
are added across the townships and departments, found by the units themselves (自查) or by supervision. Most have
a published commitment, some progress, a few acceptances passed and returned; some units are overdue enough for a
yellow, an orange and a red warning. The last finished quarter has public ratings for most units and two talks with
heads of the lowest-ranked ones. Safe to run again: it seeds only while no unit has reported a self-found problem.
"""

import random
from datetime import date, datetime, time, timedelta

from auditlog.context import disable_auditlog
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from common.crypto import keyed_hash
from orgs import demo_names as names
from orgs.models import Role, Unit
from rectification import demo_data as data
from rectification.models import Acceptance, Commitment, Evaluation, Problem, Progress, Rating, Talk
from rectification.services_ratings import POINTS_PER_STAR, period_of

S, SRC = Problem.Status, Problem.Source
TOTAL = 100
FIGURES = {S.FIXED_AT_ONCE: 53, S.CLOSED: 5, S.ACCEPTANCE_REQUESTED: 5, S.PENDING: 6, S.IN_PROGRESS: 31}
# The places the inspections demo's problems take, oldest first (they were all opened as pending).
EXISTING_ORDER = [S.CLOSED, S.CLOSED, S.IN_PROGRESS, S.CLOSED, S.ACCEPTANCE_REQUESTED, S.IN_PROGRESS, S.IN_PROGRESS]
# Overdue problems (unit, days past the committed deadline, returned once): 白龙镇 red, 元山镇 and a department
# orange, 普安镇 (the demo officer's) and another department yellow, one department below the thresholds.
OVERDUE = [
    ("白龙镇", 60, False), ("白龙镇", 45, False), ("白龙镇", 38, False), ("白龙镇", 35, False),
    ("元山镇", 50, True), ("元山镇", 42, False),
    (names.DEPARTMENTS[10], 15, False), (names.DEPARTMENTS[10], 16, False), (names.DEPARTMENTS[10], 18, False),
    ("普安镇", 25, True),
    (names.DEPARTMENTS[20], 3, False), (names.DEPARTMENTS[20], 5, False),
    (names.DEPARTMENTS[30], 12, False),
]  # fmt: skip
SUPERVISION_SOURCES = [SRC.INSPECTION, SRC.SUPERVISION, SRC.SURVEY, SRC.TOUR, SRC.CASE]


def seed() -> None:
    if not Problem.objects.filter(source=SRC.SELF_INSPECTION).exists():
        _seed(timezone.localdate())


@transaction.atomic
@disable_auditlog()
def _seed(today: date) -> None:
    """Replayed history: not audit-logged, since nobody did it at seeding time."""
    rng = random.Random(100)
    users = get_user_model().objects.in_bulk(["staff", "reviewer"], field_name="username")
    units = list(Unit.objects.filter(kind__in=[Unit.Kind.TOWNSHIP, Unit.Kind.DEPARTMENT]).order_by("id"))
    history = _History(rng, today, users["staff"], _officers())
    _place_existing(history)
    _add_new(history, units)
    history.save()
    Evaluation.objects.bulk_create(
        Evaluation(problem=p, reviewer=users["reviewer"], score=rng.randint(80, 95), comment=data.EVALUATION)
        for p in history.closed
    )
    _ratings(rng, today, units, users["staff"])


def _officers() -> dict[int, object]:
    """A unit officer's user by unit, to sign the units' progress reports."""
    officers = get_user_model().objects.filter(person__role_assignments__role=Role.UNIT_OFFICER)
    return {user.person.unit_id: user for user in officers.select_related("person").order_by("-id")}


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


class _History:
    """Collects the rows of the replayed year and writes them with a few bulk inserts."""

    def __init__(self, rng: random.Random, today: date, staff, officers: dict) -> None:
        self.rng, self.today, self.staff, self.officers = rng, today, staff, officers
        self.commitments, self.progress, self.acceptances, self.closed = [], [], [], []
        self.new_problems, self.moves, self.serial, self.remaining = [], {}, 0, dict(FIGURES)

    def text(self, problem: Problem):
        return data.PROBLEMS[(problem.pk or self.serial) % len(data.PROBLEMS)]

    def problem(self, unit: Unit, status: str, source: str, created: date, deadline: date | None) -> Problem:
        self.serial += 1
        title, description, *_ = data.PROBLEMS[self.serial % len(data.PROBLEMS)]
        problem = Problem(
            unit=unit, title=title, description=description, source=source, status=status, deadline=deadline,
            level=self.rng.choice(Problem.Level.values), is_common=self.serial % 4 == 0, created_by=self.staff,
            created_at=_at(created, 9),
        )  # fmt: skip
        self.new_problems.append(problem)
        return problem

    def follow(self, problem: Problem, status: str, due: date, returned_on: date | None = None) -> None:
        """The commitment, progress and acceptances of ``problem``, ending in ``status``, committed by ``due``."""
        created = timezone.localdate(problem.created_at)
        signed = min(created + timedelta(days=7), self.today)
        self.commitments.append((problem, self._commitment(problem, signed, due)))
        reports = {S.IN_PROGRESS: self.rng.randint(0, 2), S.ACCEPTANCE_REQUESTED: 3, S.CLOSED: 3}[status]
        for n in range(reports):
            day = min(signed + timedelta(days=10 + 15 * n), self.today)
            self.progress.append((problem, Progress(text=data.PROGRESS[n], submitted_at=_at(day, 15))))
        if returned_on:
            self.acceptance(problem, returned_on - timedelta(days=3), returned_on, Acceptance.Result.RETURNED)
        if status == S.ACCEPTANCE_REQUESTED:
            self.acceptance(problem, self.today - timedelta(days=self.rng.randint(1, 5)))
        if status == S.CLOSED:
            self.acceptance(problem, due - timedelta(days=8), due - timedelta(days=3), Acceptance.Result.PASSED)
            self.closed.append(problem)

    def _commitment(self, problem: Problem, signed: date, due: date) -> Commitment:
        _, _, published, measures, effect = self.text(problem)
        by_leader = problem.is_common and self.serial % 3 == 0
        return Commitment(
            committer_kind=Commitment.Committer.COUNTY_LEADER if by_leader else Commitment.Committer.UNIT_HEAD,
            committer_name=names.person_name(8000 + len(self.commitments)),
            committer_position="县委常委" if by_leader else f"{problem.unit.name}主要负责人",
            published_problem=published, measures=measures, deadline=due, expected_effect=effect, signed_on=signed,
            is_published=self.rng.random() < 0.85, published_at=_at(signed, 16),
        )  # fmt: skip

    def acceptance(self, problem: Problem, asked: date, decided: date | None = None, result: str = "") -> None:
        comments = {Acceptance.Result.PASSED: data.PASSED, Acceptance.Result.RETURNED: data.RETURNED}.get(result, "")
        self.acceptances.append(
            (problem, Acceptance(
                requested_at=_at(asked, 11), request_note=data.ACCEPTANCE_NOTE, result=result,
                reviewer=self.staff if result else None, decided_at=_at(decided, 16) if decided else None,
                comments=comments,
            ))
        )  # fmt: skip

    def save(self) -> None:
        Problem.objects.bulk_create(self.new_problems)
        for status, pks in self.moves.items():
            Problem.objects.filter(pk__in=pks).update(status=status)
        Commitment.objects.bulk_create(_attached(self.commitments))
        for problem, report in self.progress:
            report.submitted_by = self.officers.get(problem.unit_id)
        Progress.objects.bulk_create(_attached(self.progress))
        for problem, acceptance in self.acceptances:
            acceptance.requested_by = self.officers.get(problem.unit_id)
        Acceptance.objects.bulk_create(_attached(self.acceptances))


def _attached(pairs: list) -> list:
    """The rows of (problem, row) pairs, pointed at their problem now that it has its id."""
    for problem, row in pairs:
        row.problem = problem
    return [row for _, row in pairs]


def _place_existing(history: _History) -> None:
    """The problems other demos opened take places among the closed, in-progress and pending ones."""
    existing = list(Problem.objects.select_related("unit").order_by("created_at", "pk"))
    order = EXISTING_ORDER + [S.IN_PROGRESS] * (len(existing) - len(EXISTING_ORDER) - 2) + [S.PENDING] * 2
    for problem, status in zip(existing, order, strict=False):
        history.moves.setdefault(status, []).append(problem.pk)
        if status != S.PENDING:
            created = timezone.localdate(problem.created_at)
            due = max(problem.deadline or created, created + timedelta(days=30))
            if status == S.IN_PROGRESS:  # an extension was committed to
                due = history.today + timedelta(days=history.rng.randint(15, 60))
            if status == S.CLOSED:  # accepted a few days before its deadline, and not in the future
                due = min(due, history.today - timedelta(days=1))
            history.follow(problem, status, due)
    history.remaining = {s: n - sum(1 for st in order[: len(existing)] if st == s) for s, n in FIGURES.items()}


def _add_new(history: _History, units: list[Unit]) -> None:
    rng, today, left = history.rng, history.today, history.remaining
    by_name = {unit.name: unit for unit in units}
    spread = rng.sample(units, len(units))
    turn = iter(spread * 3)

    def source(self_share: float) -> str:
        return SRC.SELF_INSPECTION if rng.random() < self_share else rng.choice(SUPERVISION_SOURCES)

    for _ in range(left[S.FIXED_AT_ONCE]):
        created = today - timedelta(days=rng.randint(20, 330))
        history.problem(next(turn), S.FIXED_AT_ONCE, source(0.6), created, None)
    for name, late, was_returned in OVERDUE:
        due = today - timedelta(days=late)
        problem = history.problem(by_name[name], S.IN_PROGRESS, source(0.4), due - timedelta(days=60), due)
        history.follow(problem, S.IN_PROGRESS, due, returned_on=today - timedelta(days=20) if was_returned else None)
    for _ in range(left[S.IN_PROGRESS] - len(OVERDUE)):
        due = today + timedelta(days=rng.randint(10, 90))
        problem = history.problem(next(turn), S.IN_PROGRESS, source(0.4), due - timedelta(days=90), due)
        history.follow(problem, S.IN_PROGRESS, due)
    for n in range(left[S.ACCEPTANCE_REQUESTED]):
        due = today + timedelta(days=rng.randint(5, 30))
        problem = history.problem(next(turn), S.ACCEPTANCE_REQUESTED, source(0.4), due - timedelta(days=100), due)
        history.follow(problem, S.ACCEPTANCE_REQUESTED, due, returned_on=today - timedelta(days=30) if n == 0 else None)
    for n in range(left[S.CLOSED]):
        due = today - timedelta(days=rng.randint(20, 120))
        problem = history.problem(next(turn), S.CLOSED, source(0.4), due - timedelta(days=60), due)
        history.follow(problem, S.CLOSED, due, returned_on=due - timedelta(days=20) if n == 0 else None)
    for _ in range(left[S.PENDING]):
        created = today - timedelta(days=rng.randint(1, 10))
        history.problem(next(turn), S.PENDING, source(0.3), created, today + timedelta(days=rng.randint(30, 60)))


# Public ratings and talks -----------------------------------------------------------------------------------


def _ratings(rng: random.Random, today: date, units: list[Unit], staff) -> None:
    """The last finished quarter: ratings for most units (a few of them poor) and talks with the lowest two."""
    period = period_of(period_of(today) - timedelta(days=1))
    rated = rng.sample(units, len(units) * 4 // 5)
    poor = set(unit.pk for unit in rated[:6])
    ratings, phone = [], 0
    for unit in rated:
        weights = [4, 4, 3, 1, 1] if unit.pk in poor else [1, 1, 3, 6, 8]
        for _ in range(rng.randint(5, 15)):
            phone += 1
            stars = rng.choices([1, 2, 3, 4, 5], weights=weights)[0]
            at = _at(period + timedelta(days=rng.randint(0, 85)))
            ratings.append(
                Rating(
                    unit=unit, period=period, phone_key=keyed_hash(f"1390000{phone:04d}"),  # an invented number
                    score=stars * POINTS_PER_STAR, comment=rng.choice(data.RATING_COMMENTS), created_at=at,
                )
            )  # fmt: skip
    Rating.objects.bulk_create(ratings)
    lowest = _lowest(ratings, 2)
    held_on = min(period_of(today) + timedelta(days=10), today)
    Talk.objects.bulk_create(
        Talk(
            unit=unit, period=period, held_on=held_on,
            with_person=f"{unit.name}主要负责人 {names.person_name(8500 + n)}",
            held_by=f"县纪委副书记 {names.person_name(8600 + n)}", notes=data.TALK_NOTES, recorded_by=staff,
        )
        for n, unit in enumerate(lowest)
    )  # fmt: skip


def _lowest(ratings: list[Rating], count: int) -> list[Unit]:
    scores: dict[int, list[int]] = {}
    units = {}
    for rating in ratings:
        scores.setdefault(rating.unit.pk, []).append(rating.score)
        units[rating.unit.pk] = rating.unit
    ranked = sorted(scores, key=lambda pk: sum(scores[pk]) / len(scores[pk]))
    return [units[pk] for pk in ranked[:count]]
