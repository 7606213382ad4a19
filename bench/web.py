"""The web benchmark: the application under gunicorn (2 workers) on PostgreSQL and Redis, loaded by wrk.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiancha REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/web.py [--seed-scale 0.01] [--seconds 30]

Without ``--seed-scale`` it serves the database DATABASE_URL names as it is (adding a bench user, its token and
the reports it submits); with it, ``manage.py seed_scale --scale X`` fills a scratch database that is dropped at
the end. Each target gets ``--seconds`` of load from ``--connections`` clients; the floor is a view doing one
``SELECT 1`` under the same server, and every row's requests/s is also given as a fraction of the floor's.
"""

import argparse
import json
import math
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

from bench import report, wrk
from bench.scratch import refuse_sqlite, scratch_database, url_for_database
from bench.wrk import Target

ROOT = Path(__file__).resolve().parent.parent
FLOOR = "floor (SELECT 1)"
SUBMIT = "public report submission (API)"
FIRST = "ledger, first page"
DEEP = "ledger, deep page"
BENCH_USERNAME = "bench-web-staff"
QUERY_PASSWORD = "bench-query-2026"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30, help="load per target (default 30)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--seed-scale", type=float, help="serve a scratch database filled by seed_scale --scale X")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results", help="folder for the JSON")
    parser.add_argument("--only", action="append", default=[], help="measure only targets naming this (and the floor)")
    return parser.parse_args()


def bench_login() -> tuple[str, str]:
    """A commission staff member's session cookie value and API token, the user created on first use."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from rest_framework.authtoken.models import Token

    from orgs.models import Person, Region, Role, RoleAssignment, Unit

    user, created = get_user_model().objects.get_or_create(username=BENCH_USERNAME)
    if created:
        unit = Unit.objects.filter(kind=Unit.Kind.COMMISSION).first() or Unit.objects.create(
            region=Region.objects.first() or Region.objects.create(name="基准县", code="990001", level="county"),
            name="基准纪委监委", kind=Unit.Kind.COMMISSION,
        )  # fmt: skip
        person = Person.objects.create(user=user, name="基准工作人员", unit=unit)
        RoleAssignment.objects.create(person=person, role=Role.COMMISSION_STAFF)
    client = Client()
    client.force_login(user)
    # Signed in with the one-time code too, as commission staff must be in production (bench.settings).
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="基准", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return session.session_key, Token.objects.get_or_create(user=user)[0].key


def _deep_ledger_page() -> int:
    """Page 10,000 of the ledger, or its last page when it has fewer."""
    from responsibility.models import Task
    from responsibility.views import PAGE_SIZE

    return max(1, min(10_000, math.ceil(Task.objects.count() / PAGE_SIZE)))


def _report_fields() -> dict:
    from common.identity import fake_resident_id

    id_number = fake_resident_id(random.Random(7), region="999999")
    return {
        "reporter_name": "基准举报人", "reporter_id_number": id_number, "reporter_phone": "13900007777",
        "accused_name": "被举报人某某", "accused_unit_name": "某某镇人民政府", "category": "banquets",
        "content": "基准测试提交的举报内容。", "captcha_key": "bench", "captcha_answer": "PASSED",
        "query_password": QUERY_PASSWORD, "query_password_confirm": QUERY_PASSWORD,
    }  # fmt: skip


def _post_json(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def targets(base: str, folder: Path, session: str, token: str) -> list[Target]:
    """Every target in the order measured, the floor first; writes the POST bodies into ``folder``."""
    submit_body = folder / "submit.json"
    submit_body.write_text(json.dumps({**_report_fields(), "submission_key": "{{uuid}}"}, ensure_ascii=False))
    # The report the query target asks about, submitted through the live server like any other.
    submitted = _post_json(f"{base}/api/v1/public/reports/", _report_fields())
    query_body = folder / "query.json"
    credentials = {"number": submitted["number"], "query_code": submitted["query_code"]}
    query_body.write_text(json.dumps({**credentials, "query_password": QUERY_PASSWORD}))
    from django.conf import settings
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
    from django.utils.crypto import get_random_string

    # A browser holds the CSRF cookie its first page set; without one every page would set it again (and a page
    # that sets a cookie is never kept by common.list_cache).
    csrf = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
    staff = (f"Cookie: {settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={csrf}",)
    api = (f"Authorization: Token {token}",)
    json_post = ("Content-Type: application/json",)
    deep = _deep_ledger_page()
    return [
        Target(FLOOR, "/bench/floor/", kind="floor"),
        Target(FIRST, "/responsibility/", headers=staff),
        Target("ledger, filtered (in progress)", "/responsibility/?status=in_progress", headers=staff),
        Target(DEEP, f"/responsibility/?page={deep}", headers=staff, kind="deep"),
        Target("intake queue", "/cases/reports/", headers=staff),
        Target("clue list", "/cases/clues/", headers=staff),
        Target("case list", "/cases/cases/", headers=staff),
        Target("finding list", "/inspections/findings/", headers=staff),
        Target("rectification list", "/rectification/", headers=staff),
        Target("dashboard", "/dashboard/", headers=staff),
        Target("public commitments", "/public/commitments/", kind="public"),
        Target(SUBMIT, "/api/v1/public/reports/", "POST", json_post, submit_body, kind="submit"),
        Target("public report query (API)", "/api/v1/public/reports/query/", "POST", json_post, query_body, "query"),
        *(
            Target(f"API {path}", f"/api/v1/{path}/", headers=api, kind="api")
            for path in (
                "responsibility/tasks",
                "cases/reports",
                "cases/clues",
                "cases/cases",
                "inspections/findings",
                "rectification/problems",
            )
        ),
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(database_url: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    argv = [str(Path(sys.executable).with_name("gunicorn")), "jiancha.wsgi", "--workers", "2",
            "--bind", f"127.0.0.1:{port}", "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(argv, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while server.poll() is None and time.monotonic() < deadline:
        try:
            # A worker's first request loads the whole application: give it time.
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/floor/", timeout=30).close()
            return server
        except OSError:  # refused while gunicorn binds, or timed out
            time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn did not answer /bench/floor/ within 60 s")


def warm_up(base: str, target: Target, times: int = 5) -> None:
    """A few requests to fill caches and connections; refuses a target that does not answer 2xx (a login page)."""
    body = target.body_file.read_text().replace("{{uuid}}", str(uuid.uuid4())) if target.body_file else None
    headers = dict(header.split(": ", 1) for header in target.headers)
    for _ in range(1 if body else times):
        request = urllib.request.Request(base + target.path, body and body.encode(), headers, method=target.method)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                landed = response.url
        except urllib.error.HTTPError as error:
            sys.exit(f"{target.name}: {target.path} answered {error.code}")
        if landed != base + target.path:
            sys.exit(f"{target.name}: {target.path} redirected to {landed}")


def _stored_reports() -> int:
    from cases.models import Report

    return Report.objects.count()


def _settled_reports(quiet_seconds: float = 3, limit_seconds: float = 60) -> int:
    """The report count once it stops moving: wrk abandons its in-flight requests, which the workers still finish."""
    count, deadline = _stored_reports(), time.monotonic() + limit_seconds
    while time.monotonic() < deadline:
        time.sleep(quiet_seconds)
        previous, count = count, _stored_reports()
        if count == previous:
            break
    return count


def measure(
    database_url: str, *, seconds: int, connections: int, only: list[str]
) -> tuple[dict[str, wrk.Measured], dict, dict]:
    """Each target's figures, the public submissions accepted (2xx) against the reports they stored, and each
    target's kind."""
    session, token = bench_login()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(database_url, port)
    measured, submissions, kinds = {}, {}, {}
    try:
        with tempfile.TemporaryDirectory() as folder:
            for target in targets(base, Path(folder), session, token):
                if only and target.kind != "floor" and not any(part in target.name for part in only):
                    continue
                kinds[target.name] = target.kind
                warm_up(base, target)
                before = _stored_reports()
                measured[target.name] = wrk.run(base, target, seconds=seconds, connections=connections)
                print(f"  {target.name}: {measured[target.name].rps:.1f} req/s", flush=True)
                if target.name == SUBMIT:
                    submissions = {"accepted": measured[SUBMIT].answered_ok, "stored": _settled_reports() - before}
    finally:
        server.terminate()
        server.wait(timeout=30)
    return measured, submissions, kinds


def _commit() -> str:
    finished = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return finished.stdout.strip() or "unknown"


def main() -> None:
    args = _arguments()
    refuse_sqlite("bench/web.py")
    django.setup()
    from django.conf import settings as django_settings

    load = {"seconds": args.seconds, "connections": args.connections, "only": args.only}
    if args.seed_scale is None:
        measured, submissions, kinds = measure(os.environ["DATABASE_URL"], **load)
    else:
        from django.core.management import call_command

        with scratch_database() as name:
            call_command("seed_scale", scale=args.seed_scale)
            measured, submissions, kinds = measure(url_for_database(os.environ["DATABASE_URL"], name), **load)
    result_rows = report.rows(measured, FLOOR)
    print(report.table(result_rows))
    # Up to one request per connection was still in flight when wrk stopped: stored but never counted as accepted.
    in_flight = submissions["stored"] - submissions["accepted"] if submissions else 0
    stored_once = not submissions or 0 <= in_flight <= args.connections
    if submissions:
        verdict = "each stored once" if stored_once else "MISMATCH"
        print(f"public submissions: {submissions['accepted']} accepted, {submissions['stored']} stored ({verdict})")
    missed = report.misses(result_rows, kinds, first=FIRST, deep=DEEP) + ([] if stored_once else ["submissions"])
    settings = {**load, "seed_scale": args.seed_scale, "gunicorn_workers": 2, "submissions": submissions,
                "deep_ledger_page": _deep_ledger_page(), "list_cache_seconds": django_settings.LIST_CACHE_SECONDS,
                "missed": missed}  # fmt: skip
    path = report.write_json(
        args.results, day=date.today(), commit=_commit(), settings=settings, result_rows=result_rows
    )
    print(f"written to {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    if missed:
        sys.exit("figures missed:\n  " + "\n  ".join(missed))
    print("every figure reached")


if __name__ == "__main__":
    main()
