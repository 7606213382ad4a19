"""Unit officers report progress with attachments: only on their own unit's open items, nothing half-saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rectification.models import Problem, Progress, ProgressAttachment
from rectification.services_progress import progress_file
from tests.factories import client_for
from tests.rectification.progress_helpers import pdf, problem_in, status_of

S = Problem.Status


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _url(problem) -> str:
    return reverse("rectification:progress-file", args=[problem.pk])


def test_other_units_officer_staff_and_leaders_cannot_file_progress(
    township_a, other_officer_user, staff_client, county_leader_client, client
):
    problem = problem_in(township_a)
    for who in (client_for(other_officer_user), staff_client, county_leader_client):
        assert who.get(_url(problem)).status_code == 404
        assert who.post(_url(problem), {"text": "冒名报送"}).status_code == 404
    assert client.post(_url(problem), {"text": "匿名报送"}).status_code == 302  # to the login page
    assert not Progress.objects.exists() and status_of(problem) == S.PENDING


def test_first_progress_starts_the_rectification_and_keeps_the_attachment(township_a, officer_client):
    problem = problem_in(township_a)
    detail = reverse("rectification:problem-detail", args=[problem.pk])
    assert _url(problem) in officer_client.get(detail).text
    response = officer_client.post(_url(problem), {"text": "已更新两个村的公开栏", "files": [pdf()]})
    assert response.status_code == 302 and response.url == detail
    assert status_of(problem) == S.IN_PROGRESS
    attachment = ProgressAttachment.objects.get()
    page = officer_client.get(detail).text
    assert "整改进展已报送。" in page and "已更新两个村的公开栏" in page and "整改照片.pdf" in page
    download = reverse("rectification:progress-attachment", args=[attachment.pk])
    assert officer_client.get(download).status_code == 200


def test_other_units_officer_cannot_download_an_attachment(township_a, officer_user, other_officer_user):
    progress = progress_file(problem=problem_in(township_a), user=officer_user, text="进展", files=[pdf()])
    download = reverse("rectification:progress-attachment", args=[progress.attachments.get().pk])
    assert client_for(other_officer_user).get(download).status_code == 404


def test_later_progress_keeps_the_status(township_a, officer_client):
    for status in (S.IN_PROGRESS, S.ACCEPTANCE_REQUESTED):
        problem = problem_in(township_a, status)
        assert officer_client.post(_url(problem), {"text": "补充材料"}).status_code == 302
        assert status_of(problem) == status


@pytest.mark.parametrize(("status", "message"), [(S.CLOSED, "已验收销号"), (S.FIXED_AT_ONCE, "已认定为立行立改")])
def test_progress_on_a_finished_item_is_refused(township_a, officer_client, status, message):
    problem = problem_in(township_a, status)
    response = officer_client.post(_url(problem), {"text": "再报一次", "files": [pdf()]})
    assert response.status_code == 200
    assert f"该问题{message}，不能再报送整改进展。" in response.text
    assert not Progress.objects.exists() and not ProgressAttachment.objects.exists()
    assert status_of(problem) == status


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("run.exe", b"MZ\x90\x00", content_type="application/octet-stream"),
        SimpleUploadedFile("假文件.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf"),
    ],
)
def test_forbidden_attachment_is_refused_and_nothing_saved(township_a, officer_client, upload):
    problem = problem_in(township_a)
    response = officer_client.post(_url(problem), {"text": "附件有问题", "files": [pdf("好文件.pdf"), upload]})
    assert response.status_code == 200 and "类型不允许" in response.text
    assert not Progress.objects.exists() and not ProgressAttachment.objects.exists()
    assert status_of(problem) == S.PENDING


def test_service_refuses_a_forbidden_attachment_too(township_a, officer_user):
    from django.core.exceptions import ValidationError

    problem = problem_in(township_a)
    bad = SimpleUploadedFile("x.pdf", b"not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        progress_file(problem=problem, user=officer_user, text="进展", files=[pdf(), bad])
    assert "files" in refused.value.message_dict
    assert not Progress.objects.exists() and status_of(problem) == S.PENDING


def test_empty_text_is_refused(township_a, officer_client):
    problem = problem_in(township_a)
    response = officer_client.post(_url(problem), {"text": "  "})
    assert response.status_code == 200 and not Progress.objects.exists()


@pytest.mark.parametrize("n", [2, 20])
def test_detail_query_count_with_progress_and_attachments(
    township_a, officer_user, officer_client, staff_client, n, django_assert_max_num_queries
):
    problem = problem_in(township_a)
    for i in range(n):
        progress_file(problem=problem, user=officer_user, text=f"进展{i}", files=[pdf(f"附件{i}.pdf")])
    url = reverse("rectification:problem-detail", args=[problem.pk])
    for who in (officer_client, staff_client):
        with django_assert_max_num_queries(16):
            page = who.get(url).text
        assert f"进展{n - 1}" in page and f"附件{n - 1}.pdf" in page
