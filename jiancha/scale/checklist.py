"""The responsibility checklist (plans, tasks, co-units, monthly progress) and a year of monthly reminders."""

from datetime import timedelta

from django.urls import reverse

from jiancha.scale.copy import copy_rows, next_id
from jiancha.scale.people import People
from jiancha.scale.world import REMINDER_MONTHS, TASKS_PER_PLAN, World
from notifications.models import Notification
from responsibility.models import Plan, ProgressReport, Task, TaskCoUnit

REMINDER_JOB = "monthly_progress_reminder"


class Checklist:
    def __init__(self, world: World, people: People) -> None:
        self.world, self.people = world, people
        self.tasks, self.reports = world.count("tasks"), world.count("progress_reports")
        self.plan0, self.task0 = next_id(Plan), next_id(Task)
        # Report r is on task r % tasks for month r // tasks: every task gets the same run of months.
        self.months = world.months_back(max(1, -(-self.reports // self.tasks)))

    def plans(self) -> int:
        year = self.world.now.year
        rows = ((self.plan0 + p, year, p + 1, f"专项治理方案{p + 1}") for p in range(self.world.responsibility_plans))
        return copy_rows(Plan, ["id", "year", "number", "title"], rows)

    def _reports_on(self, t: int) -> int:
        return self.reports // self.tasks + (1 if t < self.reports % self.tasks else 0)

    def _percent(self, month: int) -> int:
        return min(100, 15 * (month + 1))

    def _submitted_at(self, month: int, t: int):
        return self.world.on(self.months[month].replace(day=20)) + timedelta(seconds=t)

    def task_rows(self):
        people, starts = self.people, self.months[0]
        for t in range(self.tasks):
            done = self._reports_on(t)
            status = Task.Status.IN_PROGRESS if done else Task.Status.NOT_STARTED
            last = self._submitted_at(done - 1, t) if done else None
            yield (
                self.task0 + t, self.plan0 + t // TASKS_PER_PLAN, t % TASKS_PER_PLAN + 1, f"工作任务{t + 1}",
                "按方案推进专项治理。", people.staff_person(t), people.unit(t + 1), "按期完成。", "材料审核。",
                starts, status, self._percent(done - 1) if done else 0, last,
            )  # fmt: skip

    def tasks_table(self) -> int:
        fields = ["id", "plan", "number", "title", "content", "owner", "lead_unit", "standard", "acceptance_method",
                  "starts_on", "status", "progress", "last_report_at"]  # fmt: skip
        return copy_rows(Task, fields, self.task_rows())

    def co_units(self) -> int:
        first = next_id(TaskCoUnit)
        # The next unit after the lead unit; with a single unit there is nobody else to help.
        rows = ((first + t, self.task0 + t, self.people.unit(t + 2)) for t in range(self.tasks))
        return copy_rows(TaskCoUnit, ["id", "task", "unit"], rows if self.people.units > 1 else [])

    def progress_rows(self):
        first = next_id(ProgressReport)
        for r in range(self.reports):
            t, month = r % self.tasks, r // self.tasks
            yield (
                first + r, self.task0 + t, self.people.unit(t + 1), self.months[month], f"第{month + 1}期进展。",
                self._percent(month), self.people.officer_of(t + 1), self._submitted_at(month, t),
            )  # fmt: skip

    def progress(self) -> int:
        fields = ["id", "task", "unit", "period", "text", "percent", "submitted_by", "submitted_at"]
        return copy_rows(ProgressReport, fields, self.progress_rows())

    def reminder_rows(self):
        first, url, officers = next_id(Notification), reverse("responsibility:my-tasks"), self.people.officers
        months = self.world.months_back(REMINDER_MONTHS)
        for m, month in enumerate(months):
            sent = self.world.on(month.replace(day=25))
            title = f"请于{month.month}月底前报送{month.month}月任务进度"
            for k in range(officers):
                yield (
                    first + m * officers + k, self.people.officer_user(k), REMINDER_JOB, f"{month:%Y-%m}", title,
                    "工作任务1", url, sent, None if m == len(months) - 1 else sent, Notification.EmailStatus.SKIPPED,
                )  # fmt: skip

    def reminders(self) -> int:
        fields = ["id", "recipient", "job", "period", "title", "body", "url", "created_at", "read_at", "email_status"]
        return copy_rows(Notification, fields, self.reminder_rows())
