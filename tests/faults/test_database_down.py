"""PostgreSQL stopped for real under the web process: /healthz says 503 at once, every page a 503 "try again" rather
than a 500, the public report form gives back what the person typed, nothing is half-saved, and once PostgreSQL is
back the kept report goes through (with a new captcha and the query password given again)."""

import html
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.cases.public_support import PASSWORD, report_fields
from tests.fault_servers import PrivatePostgres, app_env, manage, private_postgres, private_redis, wait_until, web
from tests.faults.visitor import Answer, Visitor

ADMIN, ADMIN_PASSWORD = "admin", "fault-test-admin-2026"
TYPED = report_fields(content='<script>alert("x")</script>今年五月在某农家乐用公款宴请，以“会议费”报销。')
KEPT = [name for name in TYPED if not name.startswith("query_password")]
LABELS = {"reporter_name": "真实姓名", "reporter_id_number": "身份证号码", "reporter_phone": "联系电话",
          "accused_name": "被举报人姓名", "accused_unit_name": "被举报人单位", "content": "主要问题"}  # fmt: skip
SCRIPT_ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;今年五月"
API_UNAVAILABLE = {"detail": "系统暂时无法连接数据库，请求没有完成，请稍后再试。"}


@dataclass
class Site:
    base: str
    postgres: PrivatePostgres
    media: Path

    def rows(self) -> dict[str, int]:
        """The row count of every table: what a half-saved submission would change."""
        with self.postgres.cursor("jiancha") as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
            tables = [name for (name,) in cursor.fetchall()]
            counts = {}
            for table in tables:
                cursor.execute(f'SELECT count(*) FROM "{table}"')
                counts[table] = cursor.fetchone()[0]
            return counts

    def captcha_answer(self, key: str) -> str:
        with self.postgres.cursor("jiancha") as cursor:
            cursor.execute("SELECT response FROM captcha_captchastore WHERE hashkey = %s", [key])
            return cursor.fetchone()[0]

    def stored_files(self) -> list[Path]:
        return [path for path in self.media.rglob("*") if path.is_file()]

    def health(self) -> int:
        return Visitor(self.base).get("/healthz").status

    def stop_database(self) -> None:
        self.postgres.stop()
        assert self.health() == 503

    def start_database(self) -> None:
        self.postgres.start()
        wait_until(lambda: self.health() == 200, timeout=30, what="PostgreSQL 恢复后 /healthz 回到 200")


@pytest.fixture(scope="module")
def site(logs, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with private_postgres() as postgres, private_redis() as redis:
        postgres.create_database("jiancha")
        env = app_env(DATABASE_URL=postgres.url("jiancha"), REDIS_URL=redis.url(0), CACHE_URL=redis.url(1),
                      MEDIA_ROOT=str(media))  # fmt: skip
        manage(env, "migrate", "--noinput")
        manage({**env, "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD}, "createsuperuser", "--noinput",
               f"--username={ADMIN}", "--email=admin@jiancha.example")  # fmt: skip
        with web(env, logs / "web.log") as base:
            yield Site(base, postgres, media)


@pytest.fixture(autouse=True)
def _database_running(site):
    """Each test starts with PostgreSQL up, whatever the test before left."""
    if not site.postgres.running():
        site.start_database()


def _signed_in(site: Site) -> Visitor:
    visitor = Visitor(site.base)
    visitor.get("/accounts/login/")
    answer = visitor.post("/accounts/login/", {"username": ADMIN, "password": ADMIN_PASSWORD})
    assert answer.status == 302, answer.text[:500]
    assert visitor.get("/").status == 200
    return visitor


def _fill_in(site: Site, page: Answer) -> dict[str, str]:
    key = page.field("captcha_0")
    captcha = {"captcha_0": key, "captcha_1": site.captcha_answer(key)}
    return {"submission_key": page.field("submission_key"), **captcha, **TYPED}


def test_healthz_answers_503_at_once_while_the_database_is_stopped(site):
    site.postgres.stop()
    started = time.monotonic()
    answer = Visitor(site.base).get("/healthz")
    assert answer.status == 503 and '"database": "error"' in answer.text
    assert time.monotonic() - started < 5
    site.start_database()


def test_every_page_answers_503_try_again_while_the_database_is_stopped(site):
    staff = _signed_in(site)
    public = Visitor(site.base)
    site.stop_database()

    for visitor, path in ((staff, "/"), (staff, "/cases/reports/"), (public, "/report/"), (public, "/public/")):
        answer = visitor.get(path)
        assert answer.status == 503, (path, answer.text[:300])
        assert "系统暂时无法访问，请稍后再试" in answer.text and answer.headers["Retry-After"] == "60"
    api = public.get("/api/v1/public/captcha/")
    assert api.status == 503 and json.loads(api.text) == API_UNAVAILABLE

    site.start_database()
    assert staff.get("/").status == 200  # the session outlived the outage


def test_public_form_keeps_the_typing_saves_nothing_and_goes_through_afterwards(site):
    public = Visitor(site.base)
    form = public.get("/report/")
    typed = _fill_in(site, form)
    before = site.rows()
    site.stop_database()

    answer = public.post("/report/", typed)

    assert answer.status == 503 and answer.headers["Retry-After"] == "60"
    assert "暂时无法提交，请稍后再试" in answer.text and "上传的证据材料无法保留" in answer.text
    for name in KEPT:
        if name not in ("content", "category"):
            assert html.unescape(answer.field(name)) == TYPED[name]
    assert 'value="banquets" selected' in answer.text
    assert SCRIPT_ESCAPED in answer.text and "<script>alert" not in answer.text
    assert PASSWORD not in answer.text and "captcha_1" not in answer.text
    assert answer.field("submission_key") == typed["submission_key"]

    site.start_database()
    assert site.rows() == before and site.stored_files() == []

    # Sent again from the kept page: the ordinary form, filled in, with a fresh captcha and no error yet.
    kept = {name: TYPED[name] for name in KEPT}  # what the kept page's form carries, as checked above
    resumed = public.post("/report/", {**kept, "submission_key": typed["submission_key"], "resume": "1"})
    assert resumed.status == 200 and "您上次填写的内容已恢复" in resumed.text and "提交未成功" not in resumed.text
    assert resumed.field("reporter_name") == TYPED["reporter_name"]
    done = public.post("/report/", _fill_in(site, resumed))
    assert done.status == 200 and "举报已提交" in done.text
    assert re.search(r'class="query-code"[^>]*>[0-9A-Z-]{24}<', done.text)
    after = site.rows()
    assert after["cases_report"] == before["cases_report"] + 1 and after["cases_reportattachment"] == 0


@pytest.mark.e2e
def test_browser_gets_its_typing_back_and_the_query_code_after_the_outage(site, phone_page, tmp_path):
    page = phone_page
    page.goto(f"{site.base}/report/")
    for name, label in LABELS.items():
        page.get_by_label(label).fill(TYPED[name])
    page.get_by_label("问题类别").select_option(label="公款吃喝")
    page.get_by_label("设置查询密码").fill(PASSWORD)
    page.get_by_label("再次输入查询密码").fill(PASSWORD)
    evidence = tmp_path / "证据.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    page.get_by_label("证据材料（选填）").set_input_files(evidence)
    _solve_captcha(site, page)
    before = site.rows()
    site.stop_database()

    page.get_by_role("button", name="提交举报").click()

    expect(page.get_by_role("heading", name="暂时无法提交，请稍后再试")).to_be_visible()
    expect(page.get_by_label("主要问题")).to_have_value(TYPED["content"])
    expect(page.get_by_label("真实姓名")).to_have_value(TYPED["reporter_name"])
    expect(page.get_by_text("上传的证据材料无法保留")).to_be_visible()
    site.start_database()
    assert site.rows() == before and site.stored_files() == []

    page.get_by_role("button", name="重新提交").click()
    expect(page.get_by_text("您上次填写的内容已恢复")).to_be_visible()
    expect(page.get_by_label("主要问题")).to_have_value(TYPED["content"])
    page.get_by_label("设置查询密码").fill(PASSWORD)
    page.get_by_label("再次输入查询密码").fill(PASSWORD)
    page.get_by_label("证据材料（选填）").set_input_files(evidence)
    _solve_captcha(site, page)
    page.get_by_role("button", name="提交举报").click()

    expect(page.locator(".query-code")).to_have_text(re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$"))
    after = site.rows()
    assert after["cases_report"] == before["cases_report"] + 1 and after["cases_reportattachment"] == 1
    assert len(site.stored_files()) == 1


def _solve_captcha(site: Site, page) -> None:
    key = page.locator("input[name=captcha_0]").input_value()
    page.locator("input[name=captcha_1]").fill(site.captcha_answer(key))
