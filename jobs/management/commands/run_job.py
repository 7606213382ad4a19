from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jobs.models import JobRun
from jobs.registry import all_jobs
from jobs.runner import UnknownJob, run_job


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"日期“{value}”无法识别，请写作 YYYY-MM-DD，如 2026-03-25。") from exc


class Command(BaseCommand):
    help = "按指定日期运行一个定时任务（补发、测试）；最后一行输出 delivered N。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="任务名：" + "、".join(job.name for job in all_jobs()))
        parser.add_argument("--date", dest="day", help="按这一天运行，格式 YYYY-MM-DD；默认今天")

    def handle(self, *args, name: str, day: str | None, **options) -> None:
        when = _day(day) if day else None
        try:
            run = run_job(name, day=when, trigger=JobRun.Trigger.COMMAND)
        except UnknownJob as exc:
            known = "、".join(job.name for job in all_jobs())
            raise CommandError(f"没有名为“{name}”的任务。可用的任务：{known}") from exc
        for line in run.notes.splitlines():
            self.stdout.write(line)
        if run.documents:
            self.stdout.write(f"documents {run.documents}")
        if run.status == JobRun.Status.FAILED:
            self.stderr.write(f"任务 {name}（{run.run_for}）运行失败：\n{run.error}")
        self.stdout.write(f"delivered {run.delivered}")
        if run.status == JobRun.Status.FAILED:
            raise SystemExit(1)
