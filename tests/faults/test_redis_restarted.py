"""Redis stopped for real under the web process, a worker and beat: pages keep being served (a signed-in staff list,
the public form, a report filed), nothing cached from before is served stale once Redis is back (a list changed
meanwhile, a session signed out meanwhile), and the same worker and beat carry on: a job sent afterwards runs, and
beat's schedule arrives again."""

import json
import re
from datetime import datetime

import pytest
from celery import Celery
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from cases.models import Report
from exports.services import QUEUE_DOWN_TEXT
from jobs.models import JobRun
from orgs.models import Role, Unit
from tests.cases.public_support import report_fields
from tests.factories import TaskFactory, UnitFactory, user_with_role
from tests.fault_servers import app_env, celery_command, private_redis, running, wait_until, web
from tests.faults.visitor import Visitor
from tests.processes import BEAT, WORKER, _test_database_url

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery"  # the factories' password
REMINDER = "monthly_progress_reminder"


@pytest.fixture
def _fast_password_hashing():
    """The web process checks passwords with the real hashers: the users' passwords are stored with one of them."""


@pytest.fixture
def county():
    commission = UnitFactory(name="测试县纪委监委", kind=Unit.Kind.COMMISSION)
    for name in ("xinfang", "xinfang2"):
        user_with_role(Role.COMMISSION_STAFF, commission, name)
    user_with_role(Role.COMMISSION_ADMIN, commission, "guanli")
    TaskFactory()  # a ledger row to export
    # Beat's only schedule: the heartbeat every second, which /healthz reports.
    PeriodicTask.objects.update(enabled=False)
    every_second, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.update_or_create(
        name="故障测试心跳", defaults={"task": "jiancha.heartbeat", "interval": every_second, "enabled": True}
    )


def _signed_in(base: str, username: str) -> Visitor:
    visitor = Visitor(base)
    visitor.get("/accounts/login/")
    assert visitor.post("/accounts/login/", {"username": username, "password": PASSWORD}).status == 302
    return visitor


def _heartbeat(base: str) -> datetime | None:
    stamp = json.loads(Visitor(base).get("/healthz").text)["worker_heartbeat"]
    return datetime.fromisoformat(stamp) if stamp else None


def _file_report(base: str) -> str:
    """A member of the public files a report through the form; returns its number."""
    public = Visitor(base)
    form = public.get("/report/")
    assert form.status == 200
    key = form.field("captcha_0")
    captcha = {"captcha_0": key, "captcha_1": _captcha_answer(key)}
    done = public.post("/report/", {"submission_key": form.field("submission_key"), **captcha, **report_fields()})
    assert done.status == 200 and "举报已提交" in done.text, done.text[:500]
    return re.search(r'class="report-number">([^<]+)<', done.text).group(1)


def _captcha_answer(key: str) -> str:
    from captcha.models import CaptchaStore

    return CaptchaStore.objects.get(hashkey=key).response


def test_web_serves_through_a_redis_restart_and_worker_and_beat_carry_on(county, logs, tmp_path):
    with private_redis() as redis:
        env = app_env(DATABASE_URL=_test_database_url(), REDIS_URL=redis.url(0), CACHE_URL=redis.url(1),
                      MEDIA_ROOT=str(tmp_path), EXPORT_SYNC_MAX_ROWS="0")  # fmt: skip
        with (
            web(env, logs / "web.log") as base,
            running(celery_command(*WORKER), env, logs / "worker.log") as worker,
            running(celery_command(*BEAT, f"--schedule={tmp_path / 'beat-schedule'}"), env, logs / "beat.log") as beat,
        ):
            staff, leaving, admin = (_signed_in(base, name) for name in ("xinfang", "xinfang2", "guanli"))
            assert staff.get("/cases/reports/").status == 200  # kept in the list cache for this visitor
            wait_until(lambda: _heartbeat(base), timeout=60, what="beat 发出的心跳由 worker 执行")

            redis.stop()

            health = Visitor(base).get("/healthz")
            assert health.status == 503 and json.loads(health.text)["broker"] == "error"
            assert json.loads(health.text)["database"] == "ok"
            assert staff.get("/").status == 200
            assert Visitor(base).get("/public/").status == 200
            number = _file_report(base)  # the hourly limits cannot be counted: the public is let through
            # What would be sent to the worker now is refused with a reason, not a 500 or a job waiting forever.
            ran = admin.post(f"/jobs/{REMINDER}/run/", {"day": "2026-10-25"})
            assert ran.status == 302 and "后台服务暂时不可用，任务没有提交" in admin.get(ran.headers["Location"]).text
            export = staff.get("/responsibility/export.xlsx")  # a background export
            assert export.status == 302 and QUEUE_DOWN_TEXT in staff.get(export.headers["Location"]).text
            stolen = leaving.cookie("sessionid")
            assert leaving.post("/accounts/logout/", {}).status == 302
            assert number in staff.get("/cases/reports/").text

            restarted = timezone.now()
            redis.start()

            # Beat's schedule arrives again, through the same worker, and the web reads it from the cache.
            wait_until(lambda: Visitor(base).get("/healthz").status == 200, timeout=30, what="/healthz 回到 200")
            wait_until(lambda: (_heartbeat(base) or restarted) > restarted, timeout=60, what="重连后 beat 的心跳")
            # Nothing cached before the outage comes back: the list changed meanwhile, the session ended meanwhile.
            assert number in staff.get("/cases/reports/").text
            assert Visitor(base).get("/", headers={"Cookie": f"sessionid={stolen}"}).status == 302
            # A job sent now runs on the worker that lived through the outage.
            sender = Celery("fault-test", broker=redis.url(0), set_as_current=False)
            try:
                sender.send_task(REMINDER, kwargs={"trigger": JobRun.Trigger.COMMAND})
            finally:
                sender.close()
            wait_until(JobRun.objects.filter(status=JobRun.Status.SUCCEEDED).exists, timeout=60, what="重连后任务执行")
            assert JobRun.objects.count() == 1  # the run refused during the outage never reached the queue
            assert worker.popen.poll() is None and beat.popen.poll() is None
    assert Report.objects.filter(number=number).exists()
