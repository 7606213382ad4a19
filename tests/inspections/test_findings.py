"""Findings recorded from a phone: the camera form, bad input refused whole, the scoped list and its query count."""

from datetime import datetime, timedelta

import factory
import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.models import Evidence, Finding, Plan
from tests.factories import UnitFactory
from tests.inspections.factories import SHANGHAI, FindingFactory, PlanFactory
from tests.inspections.media import HEIC_HEAD, MB, MOV_HEAD, PNG_HEAD, finding_post, jpeg, mp4, upload


def _errors(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_form_opens_the_phone_camera_with_clear_labels(inspector_a_client, plan_a):
    page = inspector_a_client.get(reverse("inspections:finding-create", args=[plan_a.pk])).content.decode()
    assert '<input type="file" name="files" accept="image/*,video/*" capture="environment" multiple' in page
    assert 'enctype="multipart/form-data"' in page
    for label in ("被查单位", "发现时间", "问题类别", "取证照片或视频", "10 MB", "50 MB", "保存"):
        assert label in page


def test_inspector_records_a_finding_with_photos_and_video(inspector_a_client, inspector_a, plan_a, township_a):
    files = [
        jpeg(),
        upload("IMG_0002.PNG", PNG_HEAD),
        upload("IMG_0003.HEIC", HEIC_HEAD),
        mp4(),
        upload("IMG_0004.MOV", MOV_HEAD),
    ]
    response = finding_post(inspector_a_client, plan_a, township_a, files=files)
    finding = Finding.objects.get()
    assert response["Location"] == reverse("inspections:finding-detail", args=[finding.pk])
    assert (finding.unit, finding.recorded_by, finding.persons) == (township_a, inspector_a, "张某")
    assert finding.occurred_at == datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI)
    assert sorted(finding.evidence.values_list("is_video", flat=True)) == [False, False, False, True, True]
    page = inspector_a_client.get(response["Location"]).content.decode()
    # The HEIC photo is stored as a JPEG without its metadata (files/images.py), under the name it now has.
    assert "IMG_0003.jpg" in page and "下载视频" in page and "处理方式" in page


def test_staff_may_record_too(staff_client, plan_a, township_a):
    assert finding_post(staff_client, plan_a, township_a).status_code == 302
    assert Finding.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"unit": ""}, "请选择被查单位。"),
        ({"occurred_at": ""}, "请填写发现时间。"),
        ({"occurred_at": "2099-01-01T08:00"}, "发现时间不能晚于现在。"),
    ],
)
def test_missing_unit_or_time_or_a_future_time_is_refused(inspector_a_client, plan_a, township_a, overrides, message):
    response = finding_post(inspector_a_client, plan_a, township_a, files=[jpeg()], **overrides)
    assert message in _errors(response)
    assert not Finding.objects.exists() and not Evidence.objects.exists()


def test_time_a_minute_from_now_is_future(inspector_a_client, plan_a, township_a):
    soon = (timezone.localtime() + timedelta(minutes=2)).strftime("%Y-%m-%dT%H:%M")
    assert "发现时间不能晚于现在。" in _errors(finding_post(inspector_a_client, plan_a, township_a, occurred_at=soon))


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        (upload("IMG_9.jpg", b"MZ\x90\x00 not a picture"), "不是照片或视频"),
        (upload("notes.jpg", b"%PDF-1.7\n"), "不是照片或视频"),
        (upload("voice.mp4", b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00"), "不是照片或视频"),
        (jpeg(size=10 * MB + 1), "超过大小限制"),
        (mp4(size=50 * MB + 1), "超过大小限制"),
    ],
)
def test_evidence_oversized_or_disguised_is_refused(inspector_a_client, plan_a, township_a, evidence, message):
    response = finding_post(inspector_a_client, plan_a, township_a, files=[jpeg("ok.jpg"), evidence])
    page = _errors(response)
    assert message in page and evidence.name in page
    assert not Finding.objects.exists() and not Evidence.objects.exists()


def test_photo_up_to_the_limit_is_accepted(inspector_a_client, plan_a, township_a):
    assert finding_post(inspector_a_client, plan_a, township_a, files=[jpeg(size=10 * MB)]).status_code == 302
    evidence = Evidence.objects.get()
    # Stored re-encoded: the padding after the picture is gone, and the size recorded is the stored one.
    assert evidence.size == evidence.file.size < 10 * MB


@pytest.mark.parametrize("status", [Plan.Status.PLANNED, Plan.Status.DONE])
def test_findings_are_recorded_only_while_the_plan_is_active(inspector_a_client, plan_a, township_a, status):
    Plan.objects.filter(pk=plan_a.pk).update(status=status)
    assert "实施中才能记录发现问题" in _errors(finding_post(inspector_a_client, plan_a, township_a))
    assert not Finding.objects.exists()


def _many_findings(plan, n: int) -> None:
    units = [UnitFactory() for _ in range(5)]
    FindingFactory.create_batch(n, plan=plan, unit=factory.Iterator(units), recorded_by=plan.created_by)


@pytest.mark.parametrize("n", [10, 120])
def test_finding_list_query_count_is_fixed(staff_client, plan_a, n, django_assert_max_num_queries):
    _many_findings(plan_a, n)
    other_plan = PlanFactory(team=plan_a.team)
    FindingFactory.create_batch(3, plan=other_plan)
    with django_assert_max_num_queries(8):
        response = staff_client.get(reverse("inspections:finding-list"), {"plan": plan_a.pk, "month": "2026-03"})
    assert response.status_code == 200
    assert len(response.context["page"]) == min(n, 50)


def test_inspector_finding_list_query_count(inspector_a_client, plan_a, django_assert_max_num_queries):
    _many_findings(plan_a, 60)
    with django_assert_max_num_queries(8):
        response = inspector_a_client.get(reverse("inspections:finding-list"))
    assert response.context["page"].paginator.count == 60


def test_finding_list_filters(staff_client, plan_a, township_a, township_b):
    FindingFactory(plan=plan_a, unit=township_a, category="cars", place="甲地")
    FindingFactory(plan=plan_a, unit=township_b, category="games", place="乙地", disposition="exposure")
    FindingFactory(
        plan=plan_a, unit=township_b, category="games", place="丙地",
        occurred_at=datetime(2026, 4, 1, 0, 10, tzinfo=SHANGHAI),
    )  # fmt: skip

    def places(**params):
        response = staff_client.get(reverse("inspections:finding-list"), params)
        return sorted(f.place for f in response.context["page"])

    assert places(unit=township_a.pk) == ["甲地"]
    assert places(category="games") == ["丙地", "乙地"]
    assert places(disposition="exposure") == ["乙地"]
    assert places(disposition="none") == ["丙地", "甲地"]
    assert places(month="2026-04") == ["丙地"]  # 00:10 Shanghai on 1 April is still 31 March in UTC
    assert places(month="April") == []


def test_plan_list_query_count(staff_client, team_a, django_assert_max_num_queries):
    for _ in range(30):
        FindingFactory(plan=PlanFactory(team=team_a))
    with django_assert_max_num_queries(5):
        response = staff_client.get(reverse("inspections:plan-list"))
    assert len(response.context["page"]) == 30
