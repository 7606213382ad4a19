"""The ledger's Excel export and print view: content, filters, scoping, the background path, fixed queries."""

import io
from datetime import date, datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from exports.models import ExportJob
from orgs.models import Unit
from responsibility.ledger_export import HEADERS
from responsibility.models import Task
from tests.factories import PersonFactory, PlanFactory, TaskFactory, UnitFactory

pytestmark = pytest.mark.django_db

EXPORT_URL = reverse("responsibility:ledger-export")
PRINT_URL = reverse("responsibility:ledger-print")
MANY = 300


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def other_task(owner_user):
    """A task of a unit unrelated to the officers' units."""
    return TaskFactory(title="农村集体三资清理", status=Task.Status.IN_PROGRESS, owner=owner_user.person)


def workbook_rows(response) -> list[tuple]:
    content = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True))


def titles(rows: list[tuple]) -> set[str]:
    return {row[2] for row in rows[2:]}


def test_export_has_title_headers_and_the_task_row(staff_client, task):
    Task.objects.filter(pk=task.pk).update(
        progress=40, status=Task.Status.IN_PROGRESS,
        last_report_at=timezone.make_aware(datetime(2026, 2, 5, 9, 30)),
    )  # fmt: skip
    response = staff_client.get(EXPORT_URL)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    rows = workbook_rows(response)
    assert rows[0][0].startswith("责任清单台账　筛选条件：全部任务　导出时间：")
    assert rows[1] == HEADERS
    assert HEADERS == (
        "任务编号", "专项治理方案", "任务名称", "责任领导", "牵头单位", "协办单位",
        "状态", "进度(%)", "最近报送", "下一节点", "是否滞后",
    )  # fmt: skip
    assert rows[2] == (
        task.number, str(task.plan), "公务用车专项排查", "责任领导甲", "牵头局", "协办局",
        "推进中", 40, datetime(2026, 2, 5, 9, 30), datetime(2026, 3, 31), "是",
    )  # fmt: skip
    assert len(rows) == 3


def test_status_filter_exports_only_those_tasks_and_says_so(staff_client, task, other_task):
    rows = workbook_rows(staff_client.get(EXPORT_URL, {"status": "in_progress", "page": "3"}))
    assert "筛选条件：状态：推进中" in rows[0][0]
    assert titles(rows) == {"农村集体三资清理"}


def test_search_and_ordering_are_described_in_the_title(staff_client, task, other_task):
    rows = workbook_rows(staff_client.get(EXPORT_URL, {"q": "公务用车", "ordering": "-progress"}))
    assert "搜索：公务用车" in rows[0][0] and "排序：进度（降序）" in rows[0][0]
    assert titles(rows) == {"公务用车专项排查"}


def test_invalid_filter_exports_no_rows(staff_client, task):
    rows = workbook_rows(staff_client.get(EXPORT_URL, {"status": "bogus"}))
    assert "筛选条件有误" in rows[0][0] and len(rows) == 2


@pytest.mark.parametrize("who", ["lead_client", "co_client"])
def test_officer_export_holds_only_their_units_tasks(request, who, task, other_task):
    rows = workbook_rows(request.getfixturevalue(who).get(EXPORT_URL))
    assert titles(rows) == {"公务用车专项排查"}


def test_officer_of_an_unrelated_unit_exports_nothing(other_client, task, other_task):
    assert titles(workbook_rows(other_client.get(EXPORT_URL))) == set()


def test_officer_cannot_widen_the_export_with_filters(lead_client, task, other_task):
    rows = workbook_rows(lead_client.get(EXPORT_URL, {"lead_unit": other_task.lead_unit_id}))
    assert titles(rows) == set()


def test_leader_exports_the_tasks_they_own(owner_client, owner_user, task, other_task):
    TaskFactory(title="别人的任务")
    assert titles(workbook_rows(owner_client.get(EXPORT_URL))) == {"公务用车专项排查", "农村集体三资清理"}


@pytest.fixture
def many_tasks(db):
    """MANY tasks, each with two co-units and two milestones, sharing a plan, a leader and lead units."""
    plan = PlanFactory()
    co_units = [UnitFactory(kind=Unit.Kind.DEPARTMENT, is_co_unit=True) for _ in range(4)]
    lead_units = [UnitFactory(kind=Unit.Kind.DEPARTMENT, is_lead_unit=True) for _ in range(3)]
    owner = PersonFactory()
    for n in range(MANY):
        TaskFactory(
            plan=plan, owner=owner, lead_unit=lead_units[n % 3], co_units=co_units[n % 3 : n % 3 + 2],
            milestones=[(date(2026, 3, 31), 30), (date(2026, 12, 31), 100)],
        )  # fmt: skip
    return MANY


def test_export_queries_stay_fixed_with_many_rows(staff_client, many_tasks, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = staff_client.get(EXPORT_URL)
    rows = workbook_rows(response)
    assert len(rows) == many_tasks + 2
    assert all(row[5].count("、") == 1 for row in rows[2:])


def test_large_export_is_prepared_in_the_background(
    staff_client, staff_user, other_client, many_tasks, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_SYNC_MAX_ROWS = 50
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.get(EXPORT_URL, {"year": "2026", "page": "2"})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.user, job.kind, job.params) == (staff_user, "responsibility.ledger", {"year": "2026"})
    assert (job.status, job.rows_done, job.rows_total) == ("done", many_tasks, many_tasks)
    page = staff_client.get(job.get_absolute_url())
    assert "Refresh" not in page and "下载" in page.text
    download = staff_client.get(reverse("exports:job-download", args=[job.pk]))
    rows = workbook_rows(download)
    assert "年度：2026" in rows[0][0] and len(rows) == many_tasks + 2
    assert other_client.get(reverse("exports:job-download", args=[job.pk])).status_code == 404


def test_background_export_queries_stay_fixed(staff_user, many_tasks, django_assert_max_num_queries):
    from exports.tasks import export_run

    job = ExportJob.objects.create(user=staff_user, kind="responsibility.ledger", params={})
    with django_assert_max_num_queries(12):
        export_run(str(job.pk))
    job.refresh_from_db()
    assert job.status == "done" and job.rows_done == many_tasks


def test_background_export_is_scoped_to_the_officer(lead_client, lead_officer, task, other_task, settings):
    settings.EXPORT_SYNC_MAX_ROWS = 0
    from exports.tasks import export_run

    lead_client.get(EXPORT_URL)
    job = ExportJob.objects.get(user=lead_officer)
    export_run(str(job.pk))
    rows = workbook_rows(lead_client.get(reverse("exports:job-download", args=[job.pk])))
    assert titles(rows) == {"公务用车专项排查"}


def test_print_view_shows_every_row_with_fixed_queries(staff_client, many_tasks, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = staff_client.get(PRINT_URL)
    html = response.text
    assert html.count("<tr><td>") == many_tasks
    assert "css/ledger_print.css" in html and '<button type="button" data-print>打印</button>' in html
    assert 'class="nav"' not in html
    assert "筛选条件：全部任务" in html and "打印时间：" in html


def test_print_view_applies_filters_and_scope(lead_client, task, other_task):
    html = lead_client.get(PRINT_URL, {"status": "not_started"}).text
    assert "筛选条件：状态：未启动" in html
    assert "公务用车专项排查" in html and "农村集体三资清理" not in html
    assert "共 1 项" in html


def test_export_and_print_require_login(client, task):
    for url in (EXPORT_URL, PRINT_URL):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_export_links_carry_the_current_filters(staff_user):
    request = RequestFactory().get("/responsibility/", {"status": "closed", "lagging": "true"})
    request.user = staff_user
    html = render_to_string("responsibility/ledger_export_links.html", request=request)
    assert f'href="{EXPORT_URL}?status=closed&amp;lagging=true">导出 Excel</a>' in html
    assert f'href="{PRINT_URL}?status=closed&amp;lagging=true"' in html and ">打印</a>" in html
