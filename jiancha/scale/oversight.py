"""Inspection teams, plans and findings; problems to rectify, one in ten with a published public commitment."""

from datetime import timedelta

from django.utils import timezone

from inspections.models import Finding, Team
from inspections.models import Plan as InspectionPlan
from jiancha.scale.copy import copy_rows, next_id
from jiancha.scale.people import People
from jiancha.scale.world import COMMITMENT_EVERY, FINDINGS_PER_PLAN, World
from rectification.models import Commitment, Problem

FINDING_CATEGORIES = list(Finding.Category)
# Most findings are corrected on the spot or sent for rectification; some await a decision.
FINDING_DISPOSITIONS = [Finding.Disposition.CORRECTED, Finding.Disposition.RECTIFICATION, ""]
SOURCES, LEVELS = list(Problem.Source), list(Problem.Level)
PROBLEM_STATUSES = list(Problem.Status)


class Oversight:
    def __init__(self, world: World, people: People) -> None:
        self.world, self.people = world, people
        self.findings, self.problems = world.count("findings"), world.count("problems")
        self.team0, self.plan0, self.problem0 = next_id(Team), next_id(InspectionPlan), next_id(Problem)

    def teams(self) -> int:
        rows = ((self.team0 + n, f"督查小组{n + 1}", self.people.staff_person(n)) for n in range(self.world.teams))
        return copy_rows(Team, ["id", "name", "leader"], rows)

    def plan_rows(self):
        plans = self.world.inspection_plans
        for p in range(plans):
            starts = timezone.localdate(self.world.at(p * FINDINGS_PER_PLAN, plans * FINDINGS_PER_PLAN))
            yield (
                self.plan0 + p, f"明察暗访{p + 1}", "公车私用、违规吃喝、上班纪律", self.team0 + p % self.world.teams,
                starts, starts + timedelta(days=6), InspectionPlan.Status.DONE, self.people.staff_user(p),
                self.world.on(starts), self.world.on(starts + timedelta(days=6)),
            )  # fmt: skip

    def plans(self) -> int:
        fields = ["id", "title", "themes", "team", "starts_on", "ends_on", "status", "created_by", "created_at",
                  "done_at"]  # fmt: skip
        return copy_rows(InspectionPlan, fields, self.plan_rows())

    def finding_rows(self):
        first, people = next_id(Finding), self.people
        for f in range(self.findings):
            occurred = self.world.at(f, self.findings)
            disposition = FINDING_DISPOSITIONS[f % len(FINDING_DISPOSITIONS)]
            yield (
                first + f, self.plan0 + f // FINDINGS_PER_PLAN, people.unit(f),
                FINDING_CATEGORIES[f % len(FINDING_CATEGORIES)], occurred, "办公楼", "工作时间发现的问题。",
                people.staff_user(f), occurred, disposition, occurred + timedelta(hours=2) if disposition else None,
            )  # fmt: skip

    def findings_table(self) -> int:
        fields = ["id", "plan", "unit", "category", "occurred_at", "place", "description", "recorded_by",
                  "recorded_at", "disposition", "disposed_at"]  # fmt: skip
        return copy_rows(Finding, fields, self.finding_rows())

    def problem_rows(self):
        for n in range(self.problems):
            created = self.world.at(n, self.problems)
            yield (
                self.problem0 + n, self.people.unit(n), f"整改问题{n + 1}", "检查发现的作风问题。",
                SOURCES[n % len(SOURCES)], LEVELS[n % len(LEVELS)], n % 7 == 0,
                timezone.localdate(created) + timedelta(days=60), PROBLEM_STATUSES[n % len(PROBLEM_STATUSES)],
                self.people.staff_user(n), created,
            )  # fmt: skip

    def problems_table(self) -> int:
        fields = ["id", "unit", "title", "description", "source", "level", "is_common", "deadline", "status",
                  "created_by", "created_at"]  # fmt: skip
        return copy_rows(Problem, fields, self.problem_rows())

    def commitment_rows(self):
        first = next_id(Commitment)
        for c, n in enumerate(range(0, self.problems, COMMITMENT_EVERY)):
            created = self.world.at(n, self.problems)
            yield (
                first + c, self.problem0 + n, Commitment.Committer.UNIT_HEAD, f"负责人{n % 5000}", "主要负责人",
                f"整改问题{n + 1}", "建立制度，限期整改。", timezone.localdate(created) + timedelta(days=60),
                "问题得到根本解决。", True, created + timedelta(days=1),
            )  # fmt: skip

    def commitments(self) -> int:
        fields = ["id", "problem", "committer_kind", "committer_name", "committer_position", "published_problem",
                  "measures", "deadline", "expected_effect", "is_published", "published_at"]  # fmt: skip
        return copy_rows(Commitment, fields, self.commitment_rows())
