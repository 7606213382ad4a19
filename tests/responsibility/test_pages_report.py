"""Filing progress through the phone-friendly page: attachments, and every bad input refused with nothing saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from files.validators import LIMIT_TEXT, MAX_UPLOAD_BYTES
from responsibility.models import Milestone, ProgressAttachment, ProgressReport, Task
from responsibility.periods import next_month, today
from tests.inspections.media import PNG_HEAD  # a real photo: stored photos are re-encoded

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def pdf(name="进展材料.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def file_report(client, task, **overrides):
    data = {"period": f"{today():%Y-%m}", "percent": 40, "text": "已完成排查登记", **overrides}
    return client.post(reverse("responsibility:report-file", args=[task.pk]), data)


def assert_nothing_saved(media) -> None:
    assert not ProgressReport.objects.exists() and not ProgressAttachment.objects.exists()
    assert not any(path.is_file() for path in media.rglob("*"))


def test_report_form_fits_a_phone(task, lead_client):
    html = lead_client.get(reverse("responsibility:report-file", args=[task.pk])).text
    assert 'enctype="multipart/form-data"' in html and 'type="month"' in html and 'inputmode="numeric"' in html
    assert 'class="card form-card"' in html and 'class="primary"' in html
    assert f'value="{today():%Y-%m}"' in html and LIMIT_TEXT in html


def test_lead_unit_files_progress_with_attachments(task, lead_client, lead_unit, media):
    response = file_report(lead_client, task, files=[pdf(), pdf("现场照片.png", PNG_HEAD)])
    assert response.status_code == 302 and response.url == reverse("responsibility:my-tasks")
    report = ProgressReport.objects.get()
    assert (report.unit, report.percent, report.period) == (lead_unit, 40, today().replace(day=1))
    assert sorted(a.name for a in report.attachments.all()) == ["现场照片.png", "进展材料.pdf"]
    assert len([p for p in media.rglob("*") if p.is_file()]) == 2
    task.refresh_from_db()
    assert (task.status, task.progress) == (Task.Status.IN_PROGRESS, 40)
    assert Milestone.objects.get(task=task, target_percent=25).met_on == today()
    assert "进度已报送。" in lead_client.get(response.url).text


def test_attachment_is_downloaded_by_those_who_see_the_task(task, lead_client, co_client, other_client):
    file_report(lead_client, task, files=[pdf()])
    attachment = ProgressAttachment.objects.get()
    url = reverse("responsibility:attachment-download", args=[attachment.pk])
    assert url in co_client.get(reverse("responsibility:task-detail", args=[task.pk])).text
    assert b"".join(co_client.get(url).streaming_content) == PDF
    assert other_client.get(url).status_code == 404


def test_co_unit_report_does_not_move_the_task_progress(task, co_client):
    assert file_report(co_client, task, percent=90).status_code == 302
    task.refresh_from_db()
    assert task.progress == 0 and ProgressReport.objects.get().unit.name == "协办局"


def test_officer_of_another_unit_gets_404(task, other_client, media):
    url = reverse("responsibility:report-file", args=[task.pk])
    assert other_client.get(url).status_code == 404
    assert file_report(other_client, task).status_code == 404
    assert_nothing_saved(media)


def test_staff_and_owner_cannot_file(task, staff_client, owner_client):
    assert file_report(staff_client, task).status_code == 404
    assert file_report(owner_client, task).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"percent": 101}, "进度须在 0 到 100 之间。"),
        ({"percent": -1}, "进度须在 0 到 100 之间。"),
        ({"period": "2099-01"}, "不能报送未来月份的进度。"),
        ({"period": "下个月"}, "请按“年-月”填写报送月份"),
        ({"text": ""}, "该字段是必填项。"),
    ],
)
def test_bad_values_are_refused_in_chinese(task, lead_client, media, overrides, message):
    response = file_report(lead_client, task, files=[pdf()], **overrides)
    assert response.status_code == 200 and message in response.text
    assert_nothing_saved(media)


def test_next_month_is_a_future_period(task, lead_client, media):
    following = next_month(today())
    assert "不能报送未来月份的进度。" in file_report(lead_client, task, period=f"{following:%Y-%m}").text
    assert_nothing_saved(media)


def test_closed_task_refuses_progress(task, lead_client, media):
    Task.objects.filter(pk=task.pk).update(status=Task.Status.CLOSED, progress=100)
    url = reverse("responsibility:report-file", args=[task.pk])
    assert "该任务已验收销号，不能再报送进度。" in lead_client.get(url).text
    response = file_report(lead_client, task, files=[pdf()])
    assert response.status_code == 200 and "该任务已验收销号，不能再报送进度。" in response.text
    assert_nothing_saved(media)


def test_executable_renamed_pdf_is_refused(task, lead_client, media):
    fake = pdf("报告.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff")
    response = file_report(lead_client, task, files=[fake])
    assert "文件“报告.pdf”的类型不允许或内容与扩展名不符" in response.text
    assert_nothing_saved(media)


def test_file_over_the_size_limit_is_refused_with_the_limit(task, lead_client, media):
    big = pdf("扫描件.pdf", PDF + b"0" * MAX_UPLOAD_BYTES)
    response = file_report(lead_client, task, files=[pdf(), big])
    assert f"文件“扫描件.pdf”超过大小限制（{LIMIT_TEXT}）。" in response.text
    assert "10 MB" in response.text
    assert_nothing_saved(media)


def test_more_than_five_files_are_refused(task, lead_client, media):
    response = file_report(lead_client, task, files=[pdf(f"材料{i}.pdf") for i in range(6)])
    assert f"附件过多（{LIMIT_TEXT}）。" in response.text
    assert_nothing_saved(media)
