"""Reports, the clues accepted from them, and the cases opened on those clues, numbered as the app numbers them.

Encrypting a reporter's identity costs a Fernet call per field, which a million rows cannot afford: one invented
identity is encrypted once and its tokens are shared by every real-name report, so they all read as one
(made-up) reporter, and every report is marked ``is_demo``.
"""

import random
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.utils import timezone

from cases.models import Case, Category, Channel, Clue, Counter, Report
from cases.numbering import PREFIXES
from common.crypto import encrypt, keyed_hash
from common.identity import fake_resident_id
from common.workdays import add_working_days
from jiancha.scale.copy import copy_rows, next_id
from jiancha.scale.people import People
from jiancha.scale.world import World

CHANNELS, CATEGORIES = list(Channel), list(Category)
DISPOSITIONS = list(Clue.Disposition)
CASE_STAGES = list(Case.Stage)
REAL_NAME_EVERY = 10
STILL_RECEIVED = 0.02  # the newest 2% of reports wait in the intake queue; older ones were decided
DECIDED = [Report.Status.REJECTED, Report.Status.REFERRED, Report.Status.CONCLUDED, Report.Status.CONCLUDED]


@lru_cache(maxsize=1024)
def _acceptance_due(day: date) -> date:
    return add_working_days(day, 15)


class Numbers:
    """Yearly numbers (XF2026-00042) handed out in date order, and the counters that carry on after them."""

    def __init__(self, kind: str) -> None:
        self.kind, self.last = kind, {}

    def next(self, when: datetime) -> str:
        year = timezone.localtime(when).year
        self.last[year] = self.last.get(year, 0) + 1
        return f"{PREFIXES[self.kind]}{year}-{self.last[year]:05d}"

    def save(self) -> None:
        for year, value in self.last.items():
            Counter.objects.update_or_create(name=self.kind, year=year, defaults={"value": value})


class Reports:
    def __init__(self, world: World, people: People) -> None:
        self.world, self.people = world, people
        self.reports, self.clues, self.cases = world.count("reports"), world.count("clues"), world.count("cases")
        self.report0, self.clue0, self.case0 = next_id(Report), next_id(Clue), next_id(Case)
        id_number = fake_resident_id(random.Random(0), region="999999")
        self.identity = (encrypt("演示举报人"), encrypt(id_number), encrypt("13800000000"), keyed_hash(id_number))

    def _clue_report(self, j: int) -> int:
        """The report (index) clue ``j`` came from: spread evenly over the older reports, one each."""
        return j * int(self.reports * (1 - STILL_RECEIVED)) // self.clues

    def _received(self, i: int) -> datetime:
        return self.world.at(i, self.reports)

    def report_rows(self, accepted: set[int]):
        numbers, people, anonymous = Numbers("report"), self.people, ("", "", "", "")
        received_from, now = self.reports * (1 - STILL_RECEIVED), self.world.now
        for i in range(self.reports):
            received = self._received(i)
            if i in accepted:
                status = Report.Status.ACCEPTED
            elif i >= received_from:
                status = Report.Status.RECEIVED
            else:
                status = DECIDED[i % len(DECIDED)]
            decided = received + timedelta(days=2) if status != Report.Status.RECEIVED else None
            real = i % REAL_NAME_EVERY == 0
            unit = people.unit(i)
            yield (
                self.report0 + i, numbers.next(received), CHANNELS[i % len(CHANNELS)], CATEGORIES[i % len(CATEGORIES)],
                real, *(self.identity if real else anonymous), f"被反映人{i % 5000}", f"单位{unit}", unit,
                "反映有关人员违反中央八项规定精神问题。", received.date(), received, people.staff_user(i), status,
                _acceptance_due(timezone.localdate(received)), decided, people.staff_user(i) if decided else None,
                "不属于受理范围。" if status == Report.Status.REJECTED else "",
                "县人民法院" if status == Report.Status.REFERRED else "",
                min(now, decided + timedelta(days=30)) if status == Report.Status.CONCLUDED else None,
                "已查实并处理。" if status == Report.Status.CONCLUDED else "", True,
            )  # fmt: skip
        numbers.save()

    def reports_table(self) -> int:
        fields = [
            "id", "number", "channel", "category", "is_real_name", "reporter_name", "reporter_id_number",
            "reporter_phone", "reporter_key", "accused_name", "accused_unit_name", "accused_unit", "content",
            "happened_on", "received_at", "registered_by", "status", "acceptance_due_on", "decided_at", "decided_by",
            "decision_reason", "referred_to", "concluded_at", "result", "is_demo",
        ]  # fmt: skip
        accepted = {self._clue_report(j) for j in range(self.clues)}
        return copy_rows(Report, fields, self.report_rows(accepted))

    def clue_rows(self):
        numbers, people = Numbers("clue"), self.people
        for j in range(self.clues):
            i = self._clue_report(j)
            proposed = self._received(i) + timedelta(days=3)
            status = Clue.Status.APPROVED if j % 3 else Clue.Status.PROPOSED
            yield (
                self.clue0 + j, numbers.next(proposed), self.report0 + i, CATEGORIES[i % len(CATEGORIES)],
                f"被反映人{i % 5000}", people.unit(i), "反映有关人员违反中央八项规定精神问题。",
                DISPOSITIONS[j % len(DISPOSITIONS)], status, people.staff_user(j), proposed,
                people.staff_user(j + 1) if status == Clue.Status.APPROVED else None,
                proposed + timedelta(days=1) if status == Clue.Status.APPROVED else None,
            )  # fmt: skip
        numbers.save()

    def clues_table(self) -> int:
        fields = ["id", "number", "report", "category", "accused_name", "accused_unit", "summary", "disposition",
                  "status", "proposed_by", "proposed_at", "approved_by", "approved_at"]  # fmt: skip
        return copy_rows(Clue, fields, self.clue_rows())

    def case_rows(self):
        numbers, today = Numbers("case"), timezone.localdate(self.world.now)
        for k in range(self.cases):
            j = k * self.clues // self.cases
            opened = self._received(self._clue_report(j)) + timedelta(days=10)
            stage = CASE_STAGES[k % len(CASE_STAGES)]
            # Capped at today: a case opened last week cannot have been filed next month.
            filed = min(today, timezone.localdate(opened) + timedelta(days=20))
            concluded = min(today, filed + timedelta(days=60)) if stage == Case.Stage.CONCLUDED else None
            filed = None if stage == Case.Stage.VERIFICATION else filed
            yield (
                self.case0 + k, numbers.next(opened), self.clue0 + j, f"违反中央八项规定精神问题{k + 1}", stage,
                k % 2 == 0, k % 3 == 0, opened, filed, concluded, self.people.staff_user(k),
            )  # fmt: skip
        numbers.save()

    def cases_table(self) -> int:
        fields = ["id", "number", "clue", "title", "stage", "is_eight_point", "is_four_winds", "opened_at", "filed_on",
                  "concluded_on", "handled_by"]  # fmt: skip
        return copy_rows(Case, fields, self.case_rows())
