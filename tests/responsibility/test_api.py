"""The checklist API as its users call it: scoping per role, every action's grant and denial, refusals, filters."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token

from files.validators import MAX_UPLOAD_BYTES
from responsibility import services
from responsibility.models import AcceptanceDecision, ProgressAttachment, ProgressReport, Task
from responsibility.periods import next_month, previous_month, today
from tests.factories import PlanFactory, TaskFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/responsibility"
S = Task.Status
PDF = b"%PDF-1.4 progress evidence"
PERSONAS = ["staff_client", "owner_client", "lead_client", "co_client", "other_client", "county_leader_client"]
SEES_TASK = {"staff_client", "owner_client", "lead_client", "co_client"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(name: str = "佐证.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def report_input(**changes) -> dict:
    return {"period": f"{today():%Y-%m}", "percent": 30, "text": "已完成排查", **changes}


def set_status(task: Task, status: str, progress: int = 100) -> None:
    Task.objects.filter(pk=task.pk).update(status=status, progress=progress)


def requested(task: Task, lead_officer) -> Task:
    set_status(task, S.IN_PROGRESS)
    services.task_request_acceptance(task=task, user=lead_officer)
    return task


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# Scoping -------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_tasks_are_scoped_by_role(request, persona, task):
    client = request.getfixturevalue(persona)
    TaskFactory()  # somebody else's task, seen by staff only
    visible = ids(client.get(f"{API}/tasks/"))
    assert (task.pk in visible) == (persona in SEES_TASK)
    assert len(visible) == (2 if persona == "staff_client" else int(persona in SEES_TASK))
    assert client.get(f"{API}/tasks/{task.pk}/").status_code == (200 if persona in SEES_TASK else 404)


def test_task_detail_has_co_units_milestones_and_derived_columns(lead_client, task, co_unit):
    data = lead_client.get(f"{API}/tasks/{task.pk}/").json()
    assert data["co_units"] == [{"id": co_unit.pk, "name": "协办局"}]
    assert [(m["due_on"], m["target_percent"], m["met_on"]) for m in data["milestones"]] == [
        ("2026-03-31", 25, None),
        ("2026-12-15", 100, None),
    ]
    assert data["is_lagging"] is True  # the March milestone passed unmet
    assert data["next_milestone"] == "2026-03-31"
    assert (data["status"], data["status_display"], data["lead_unit_name"]) == ("not_started", "未启动", "牵头局")


@pytest.mark.parametrize("persona", PERSONAS)
def test_plans_are_those_of_visible_tasks(request, persona, task):
    empty_plan = PlanFactory(year=2025)
    visible = ids(request.getfixturevalue(persona).get(f"{API}/plans/"))
    if persona == "staff_client":
        assert visible == {task.plan_id, empty_plan.pk}
    else:
        assert visible == ({task.plan_id} if persona in SEES_TASK else set())


def test_plans_filter_by_year(staff_client, task):
    PlanFactory(year=2025)
    assert ids(staff_client.get(f"{API}/plans/", {"year": 2026})) == {task.plan_id}


def test_token_authentication(client, lead_officer, task):
    token = Token.objects.create(user=lead_officer)
    assert ids(client.get(f"{API}/tasks/", HTTP_AUTHORIZATION=f"Token {token.key}")) == {task.pk}


@pytest.mark.parametrize(
    "path", ["plans", "tasks", "reports", "notices", "acceptances", "letters", "accountability"]
)  # fmt: skip
def test_anonymous_gets_401(client, path):
    assert client.get(f"{API}/{path}/").status_code == 401


def test_anonymous_cannot_file(client, task):
    assert client.post(f"{API}/tasks/{task.pk}/reports/", report_input()).status_code == 401
    assert not ProgressReport.objects.exists()


# Filing progress -----------------------------------------------------------------------------


def test_lead_officer_files_a_report_with_attachments(lead_client, task):
    response = lead_client.post(f"{API}/tasks/{task.pk}/reports/", report_input(files=[pdf(), pdf("照片.pdf")]))
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["unit_name"], data["period"], data["percent"], data["is_late"]) == (
        "牵头局",
        f"{today():%Y-%m}",
        30,
        False,
    )
    attachment = ProgressAttachment.objects.get(name="佐证.pdf")
    assert {a["name"] for a in data["attachments"]} == {"佐证.pdf", "照片.pdf"}
    assert f"http://testserver/responsibility/attachments/{attachment.pk}/" in {a["url"] for a in data["attachments"]}
    task.refresh_from_db()
    assert (task.status, task.progress) == (S.IN_PROGRESS, 30)


def test_attachment_url_downloads_for_a_co_officer(lead_client, co_client, task):
    report = lead_client.post(f"{API}/tasks/{task.pk}/reports/", report_input(files=[pdf()])).json()
    listed = co_client.get(f"{API}/reports/", {"task": task.pk}).json()["results"]
    url = listed[0]["attachments"][0]["url"]
    assert url == report["attachments"][0]["url"]
    assert co_client.get(url).getvalue() == PDF


def test_co_officer_reports_for_own_unit_without_moving_progress(co_client, task, co_unit):
    response = co_client.post(f"{API}/tasks/{task.pk}/reports/", report_input(percent=80, period=f"{today()}"))
    assert response.status_code == 201, response.json()
    assert ProgressReport.objects.get().unit == co_unit
    task.refresh_from_db()
    assert (task.status, task.progress) == (S.IN_PROGRESS, 0)


@pytest.mark.parametrize("persona", ["staff_client", "owner_client", "other_client", "county_leader_client"])
def test_only_the_tasks_unit_officers_file(request, persona, task):
    response = request.getfixturevalue(persona).post(f"{API}/tasks/{task.pk}/reports/", report_input())
    assert response.status_code == 404
    assert not ProgressReport.objects.exists()


def test_filing_on_a_missing_task_is_404(lead_client):
    assert lead_client.post(f"{API}/tasks/999999/reports/", report_input()).status_code == 404
    assert lead_client.post(f"{API}/tasks/abc/reports/", report_input()).status_code == 404


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"percent": 101}, "percent", "进度须在 0 到 100 之间。"),
        ({"percent": -1}, "percent", "进度须在 0 到 100 之间。"),
        ({"period": "下个月"}, "period", "请按“年-月”填写报送月份，如 2026-11。"),
        ({"period": f"{next_month(today()):%Y-%m}"}, "period", "不能报送未来月份的进度。"),
        ({"files": [SimpleUploadedFile("run.exe", b"MZ\x90\x00")]}, "files", "类型不允许"),
        ({"files": [SimpleUploadedFile("fake.pdf", b"MZ\x90\x00")]}, "files", "内容与扩展名不符"),
        ({"files": [SimpleUploadedFile("big.pdf", PDF + b"0" * MAX_UPLOAD_BYTES)]}, "files", "单个文件不超过 10 MB"),
        ({"files": [pdf(f"{n}.pdf") for n in range(6)]}, "files", "最多 5 个"),
        ({"text": ""}, "text", "不能为空"),
    ],
)
def test_bad_report_input_is_refused_with_field_errors(lead_client, task, changes, field, message):
    response = lead_client.post(f"{API}/tasks/{task.pk}/reports/", report_input(**changes))
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])
    assert not ProgressReport.objects.exists()
    assert not ProgressAttachment.objects.exists()


def test_report_on_a_closed_task_is_refused(lead_client, task):
    set_status(task, S.CLOSED)
    response = lead_client.post(f"{API}/tasks/{task.pk}/reports/", report_input(files=[pdf()]))
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["该任务已验收销号，不能再报送进度。"]}
    assert not ProgressReport.objects.exists()


# Acceptance ----------------------------------------------------------------------------------


def test_lead_officer_requests_acceptance_once(lead_client, task):
    set_status(task, S.IN_PROGRESS)
    response = lead_client.post(f"{API}/tasks/{task.pk}/request-acceptance/", {"note": "已全部完成"})
    assert response.status_code == 201, response.json()
    assert (response.json()["request_note"], response.json()["result"]) == ("已全部完成", "")
    again = lead_client.post(f"{API}/tasks/{task.pk}/request-acceptance/")
    assert again.status_code == 409
    assert again.json() == {"detail": "当前状态为“申请验收”，不能申请验收。"}
    assert AcceptanceDecision.objects.count() == 1


def test_acceptance_before_100_percent_is_409(lead_client, task):
    set_status(task, S.IN_PROGRESS, progress=60)
    response = lead_client.post(f"{API}/tasks/{task.pk}/request-acceptance/")
    assert response.status_code == 409
    assert "达到 100% 后才能申请验收" in response.json()["detail"]
    task.refresh_from_db()
    assert task.status == S.IN_PROGRESS


@pytest.mark.parametrize("persona", ["co_client", "staff_client", "owner_client", "other_client"])
def test_only_lead_unit_officers_request_acceptance(request, persona, task):
    set_status(task, S.IN_PROGRESS)
    assert request.getfixturevalue(persona).post(f"{API}/tasks/{task.pk}/request-acceptance/").status_code == 404
    assert not AcceptanceDecision.objects.exists()


def test_staff_pass_closes_and_a_second_decision_is_409(staff_client, task, lead_officer):
    requested(task, lead_officer)
    response = staff_client.post(
        f"{API}/tasks/{task.pk}/decide-acceptance/",
        {"passed": True, "comments": "同意销号"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["result"], response.json()["result_display"]) == ("passed", "验收通过")
    task.refresh_from_db()
    assert task.status == S.CLOSED
    again = staff_client.post(f"{API}/tasks/{task.pk}/decide-acceptance/", {"passed": True})
    assert again.status_code == 409
    assert again.json() == {"detail": "当前状态为“已验收销号”，不能验收销号。"}


def test_staff_return_needs_comments(staff_client, task, lead_officer):
    requested(task, lead_officer)
    url = f"{API}/tasks/{task.pk}/decide-acceptance/"
    refused = staff_client.post(url, {"passed": False}, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json() == {"comments": ["退回整改时必须填写验收意见。"]}
    returned = staff_client.post(url, {"passed": False, "comments": "佐证不全"}, content_type="application/json")
    assert returned.json()["result"] == "returned"
    task.refresh_from_db()
    assert task.status == S.IN_PROGRESS


def test_decision_needs_a_result(staff_client, task, lead_officer):
    requested(task, lead_officer)
    response = staff_client.post(f"{API}/tasks/{task.pk}/decide-acceptance/", {}, content_type="application/json")
    assert response.status_code == 400
    assert "passed" in response.json()


def test_decision_without_request_is_409(staff_client, task):
    set_status(task, S.IN_PROGRESS)
    response = staff_client.post(f"{API}/tasks/{task.pk}/decide-acceptance/", {"passed": True})
    assert response.status_code == 409
    assert response.json() == {"detail": "当前状态为“推进中”，不能验收销号。"}


@pytest.mark.parametrize("persona", ["lead_client", "co_client", "owner_client", "other_client"])
def test_only_staff_decide_acceptance(request, persona, task, lead_officer):
    requested(task, lead_officer)
    response = request.getfixturevalue(persona).post(f"{API}/tasks/{task.pk}/decide-acceptance/", {"passed": True})
    assert response.status_code == 404
    task.refresh_from_db()
    assert task.status == S.ACCEPTANCE_REQUESTED


@pytest.mark.parametrize("persona", PERSONAS)
def test_acceptances_are_scoped_by_visible_tasks(request, persona, task, lead_officer):
    decision = requested(task, lead_officer).acceptances.get()
    requested(TaskFactory(), None)
    visible = ids(request.getfixturevalue(persona).get(f"{API}/acceptances/", {"pending": True}))
    assert (decision.pk in visible) == (persona in SEES_TASK)
    assert len(visible) == (2 if persona == "staff_client" else int(persona in SEES_TASK))


# Reports -------------------------------------------------------------------------------------


def _report(task, unit, period=None, percent=50):
    return services.progress_report_file(
        task=task, unit=unit, user=None, period=period or today(), text="进展", percent=percent
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_reports_are_those_of_visible_tasks(request, persona, task, lead_unit, co_unit):
    mine = {_report(task, lead_unit).pk, _report(task, co_unit).pk}
    others = TaskFactory()
    _report(others, others.lead_unit)
    visible = ids(request.getfixturevalue(persona).get(f"{API}/reports/"))
    if persona == "staff_client":
        assert len(visible) == 3 and mine <= visible
    else:
        assert visible == (mine if persona in SEES_TASK else set())


def test_reports_filter_by_task_unit_and_period(staff_client, task, lead_unit, co_unit):
    now_lead = _report(task, lead_unit)
    earlier_lead = _report(task, lead_unit, period=previous_month(today()))
    now_co = _report(task, co_unit)
    url = f"{API}/reports/"
    assert ids(staff_client.get(url, {"task": task.pk})) == {now_lead.pk, earlier_lead.pk, now_co.pk}
    assert ids(staff_client.get(url, {"unit": co_unit.pk})) == {now_co.pk}
    assert ids(staff_client.get(url, {"period": f"{today():%Y-%m}", "unit": lead_unit.pk})) == {now_lead.pk}
    response = staff_client.get(url, {"period": "去年"})
    assert response.status_code == 400
    assert "period" in response.json()
