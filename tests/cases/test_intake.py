"""Staff register reports received offline: each channel, real-name or anonymous, and every kind of bad input."""

import random
import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cases.clocks import acceptance_due
from cases.models import Channel, Report
from common.crypto import keyed_hash
from common.identity import fake_resident_id
from tests.cases.factories import ReportFactory

pytestmark = pytest.mark.django_db

REGISTER = reverse("cases:report-register")
ID_NUMBER = fake_resident_id(random.Random(8), region="510823")
SCRIPT = "<script>alert('x')</script>"


def local_minute(offset: timedelta) -> str:
    """Now plus ``offset``, as a datetime-local input sends it."""
    return (timezone.localtime() + offset).strftime("%Y-%m-%dT%H:%M")


def form_data(**changes) -> dict:
    data = {
        "channel": Channel.LETTER, "received_at": local_minute(timedelta(hours=-2)), "is_real_name": "1",
        "reporter_name": "王某某", "reporter_id_number": ID_NUMBER, "reporter_phone": "13800001234",
        "accused_name": "张某", "accused_unit_name": "甲镇人民政府", "accused_position": "副镇长",
        "category": "banquets", "content": "在农家乐公款吃喝。", "happened_on": "2026-10-01", "place": "某农家乐",
        "submission_key": str(uuid.uuid4()),
    }  # fmt: skip
    data.update(changes)
    return data


def register(client, **changes):
    return client.post(REGISTER, form_data(**changes))


def pdf(name: str = "证据.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%test\n", content_type="application/pdf")


# Denials first.


@pytest.mark.parametrize("persona", ["accused_unit_client", "discipline_client", "officer_client", "client"])
def test_nobody_outside_the_commission_reaches_the_register_form(persona, request):
    client = request.getfixturevalue(persona)
    response = client.post(REGISTER, form_data())
    assert response.status_code in (302, 404)  # the public is sent to log in, everybody else 404
    assert not Report.objects.exists()


@pytest.mark.parametrize("channel", [Channel.LETTER, Channel.VISIT, Channel.PHONE, Channel.WECHAT, Channel.SUPERIOR])
def test_staff_register_a_real_name_report_from_each_offline_channel(staff_client, staff_user, channel):
    response = register(staff_client, channel=channel)
    report = Report.objects.get()
    assert response.status_code == 302 and response.url == reverse("cases:report-detail", args=[report.pk])
    year = timezone.localdate().year
    assert report.number == f"XF{year}-00001" and report.channel == channel
    assert report.registered_by == staff_user and report.status == Report.Status.RECEIVED
    assert report.reporter_name == "王某某" and report.reporter_id_number == ID_NUMBER
    assert report.reporter_key == keyed_hash(ID_NUMBER)
    assert report.acceptance_due_on == acceptance_due(timezone.localdate(report.received_at))


def test_anonymous_report_has_no_identity_and_no_reporter_key(staff_client):
    register(staff_client, is_real_name="0", reporter_name="", reporter_id_number="", reporter_phone="")
    report = Report.objects.get()
    assert not report.is_real_name
    assert (report.reporter_name, report.reporter_id_number, report.reporter_phone, report.reporter_key) == ("",) * 4


def test_anonymous_report_with_identity_is_refused_rather_than_silently_dropped(staff_client):
    response = register(staff_client, is_real_name="0")
    assert response.status_code == 200 and "匿名举报不登记举报人身份" in response.text
    assert not Report.objects.exists()


def test_lower_case_x_is_stored_upper_case_and_hashed_as_one_person(staff_client):
    number = next(n for n in (fake_resident_id(random.Random(i)) for i in range(200)) if n.endswith("X"))
    register(staff_client, reporter_id_number=number.lower())
    report = Report.objects.get()
    assert report.reporter_id_number == number and report.reporter_key == keyed_hash(number)


def test_attachments_are_kept(staff_client):
    response = staff_client.post(REGISTER, {**form_data(), "files": [pdf(), pdf("二.pdf")]})
    assert response.status_code == 302
    assert sorted(Report.objects.get().attachments.values_list("name", flat=True)) == ["二.pdf", "证据.pdf"]


def test_double_submission_registers_one_report(staff_client):
    data = form_data()
    first, second = staff_client.post(REGISTER, data), staff_client.post(REGISTER, data)
    assert Report.objects.count() == 1 and first.url == second.url


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reporter_id_number": ID_NUMBER[:17] + ("1" if ID_NUMBER[17] != "1" else "2")}, "校验位不正确"),
        ({"reporter_id_number": "12345"}, "身份证号码应为18位"),
        ({"reporter_phone": "12345"}, "请填写正确的手机号码"),
        ({"reporter_name": ""}, "实名举报请填写举报人姓名"),
        ({"content": "   "}, "请填写主要问题"),
        ({"accused_name": ""}, "请填写被举报人"),
        ({"received_at": local_minute(timedelta(days=2))}, "收到时间不能晚于现在"),
        ({"happened_on": str(timezone.localdate() + timedelta(days=1))}, "发生时间不能晚于今天"),
        ({"channel": Channel.WEB}, "有效的选项"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(staff_client, changes, message):
    response = register(staff_client, **changes)
    assert response.status_code == 200 and message in response.text
    assert not Report.objects.exists()


def test_disguised_attachment_is_refused_and_nothing_saved(staff_client):
    fake = SimpleUploadedFile("照片.jpg", b"MZ\x90\x00 not a picture", content_type="image/jpeg")
    response = staff_client.post(REGISTER, {**form_data(), "files": [fake]})
    assert response.status_code == 200 and "内容与扩展名不符" in response.text
    assert not Report.objects.exists()
    # The counter was not used either: the next report still gets the first number.
    register(staff_client)
    assert Report.objects.get().number.endswith("-00001")


def test_html_and_script_are_shown_escaped_on_the_queue_and_the_detail(staff_client):
    register(staff_client, accused_name=SCRIPT[:50], accused_unit_name=SCRIPT, content=SCRIPT, place=SCRIPT)
    report = Report.objects.get()
    for url in (reverse("cases:report-list"), reverse("cases:report-detail", args=[report.pk])):
        page = staff_client.get(url).text
        assert SCRIPT not in page and "&lt;script&gt;" in page


def test_staff_message_and_reward_text_is_escaped_too(staff_client):
    report = ReportFactory(query_code_hash="set", status=Report.Status.ACCEPTED)
    for action, data in (("message", {"text": SCRIPT}), ("reward", {"amount": "500", "note": SCRIPT})):
        data.setdefault("decided_on", str(timezone.localdate()))
        assert staff_client.post(reverse("cases:report-act", args=[report.pk, action]), data).status_code == 302
    page = staff_client.get(reverse("cases:report-detail", args=[report.pk])).text
    assert SCRIPT not in page and page.count("&lt;script&gt;") >= 2


def test_register_page_shows_the_form(staff_client):
    page = staff_client.get(REGISTER).text
    assert "登记举报" in page and 'name="submission_key"' in page and 'value="web"' not in page


def test_upload_too_many_files_is_refused(staff_client):
    files = [SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.4\n") for i in range(6)]
    response = staff_client.post(REGISTER, {**form_data(), "files": files})
    assert response.status_code == 200 and "附件过多" in response.text
    assert not Report.objects.exists()


def test_uploaded_files_are_readable_by_staff_only(staff_client, accused_unit_client, discipline_client):
    staff_client.post(REGISTER, {**form_data(), "files": [pdf()]})
    attachment = Report.objects.get().attachments.get()
    url = reverse("cases:report-attachment", args=[attachment.pk])
    for outsider in (accused_unit_client, discipline_client):
        assert outsider.get(url).status_code == 404
    response = staff_client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
