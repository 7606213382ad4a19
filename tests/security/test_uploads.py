"""Uploads (issue 10 point 3): the type read from the content, sizes refused before the body is read, photos stored
without their metadata, files kept out of every public URL and given out only as attachments to those who may see
them."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test.client import ClientHandler
from django.urls import reverse
from PIL import Image, PngImagePlugin

from cases.models import Report, ReportAttachment
from files.validators import MAX_REQUEST_BYTES, MAX_STREAMED_FILE_BYTES
from inspections.models import Evidence
from jiancha import settings as configured
from tests.cases.public_support import form_post
from tests.inspections.conftest import inspector_a, inspector_a_client, inspector_b, inspector_b_client, plan_a, team_a
from tests.inspections.media import finding_post

pytestmark = pytest.mark.django_db

__all__ = ["inspector_a", "inspector_a_client", "inspector_b", "inspector_b_client", "plan_a", "team_a"]

GPS_IFD = 0x8825
SECRET_POSITION = ((32, 0, 0), (105, 30, 0), 600)  # somewhere in 剑阁县, degrees north and east, metres
ORIENTATION = 0x0112


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def phone_photo(name: str = "IMG_0001.jpg", *, orientation: int = 1) -> SimpleUploadedFile:
    """A JPEG as a phone writes it: GPS position, camera make, a comment, and an orientation tag."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: SECRET_POSITION[0], 3: "E", 4: SECRET_POSITION[1], 6: SECRET_POSITION[2]})
    stream = io.BytesIO()
    picture = Image.new("RGB", (40, 20), (10, 120, 200))
    picture.save(stream, "JPEG", exif=exif, comment=b"taken at home")
    assert Image.open(io.BytesIO(stream.getvalue())).getexif().get_ifd(GPS_IFD)  # the test photo has a position
    return SimpleUploadedFile(name, stream.getvalue(), content_type="image/jpeg")


def assert_only_pixels(stored, size: tuple[int, int]) -> None:
    data = stored.read()
    image = Image.open(io.BytesIO(data))
    image.load()  # a valid image: decodes to the end
    assert image.format == "JPEG" and image.size == size
    assert not image.getexif() and "exif" not in image.info and "comment" not in image.info
    assert b"Exif" not in data and b"PhoneMaker" not in data and b"taken at home" not in data


def test_public_report_photo_is_stored_without_gps(client):
    response = client.post("/report/", {**form_post(), "files": [phone_photo()]})
    assert response.status_code == 200 and "举报已提交" in response.text
    attachment = ReportAttachment.objects.get()
    with attachment.file.open("rb") as stored:
        assert_only_pixels(stored, (40, 20))
    assert attachment.size == attachment.file.size and attachment.name == "IMG_0001.jpg"


def test_finding_evidence_photo_is_stored_without_gps_and_upright(inspector_a_client, plan_a, township_a):
    # Orientation 6: the camera was turned; the pixels are turned upright before the tag goes.
    photo = phone_photo(orientation=6)
    assert finding_post(inspector_a_client, plan_a, township_a, files=[photo]).status_code == 302
    with Evidence.objects.get().file.open("rb") as stored:
        assert_only_pixels(stored, (20, 40))


def test_png_text_chunk_is_dropped(staff_client, township_a, plan_a):
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "32.0N 105.5E")
    info.add_itxt("Comment", "举报人的家")
    stream = io.BytesIO()
    Image.new("RGBA", (8, 8), (255, 0, 0, 128)).save(stream, "PNG", pnginfo=info)
    photo = SimpleUploadedFile("现场.png", stream.getvalue(), content_type="image/png")
    assert finding_post(staff_client, plan_a, township_a, files=[photo]).status_code == 302
    data = Evidence.objects.get().file.read()
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.mode == "RGBA" and image.getpixel((0, 0)) == (255, 0, 0, 128)
    assert not image.text and b"Location" not in data and b"105.5E" not in data


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"<html><script>alert(1)</script></html>", "类型不允许或内容与扩展名不符"),
        # The right leading bytes and a page behind them: only opening it as a photo finds out.
        (b"\xff\xd8\xff\xe0<html><script>alert(1)</script></html>", "不是有效的图片"),
    ],
)
def test_page_named_jpg_is_refused_in_chinese(client, content, says):
    fake = SimpleUploadedFile("照片.jpg", content, content_type="image/jpeg")
    response = client.post("/report/", {**form_post(), "files": [fake]})
    assert response.status_code == 200 and says in response.text and "照片.jpg" in response.text
    assert not Report.objects.exists() and not ReportAttachment.objects.exists()


def test_page_with_photo_bytes_is_refused_as_evidence(inspector_a_client, plan_a, township_a):
    fake = SimpleUploadedFile("IMG_1.jpg", b"\xff\xd8\xff\xe0<html></html>", content_type="image/jpeg")
    response = finding_post(inspector_a_client, plan_a, township_a, files=[fake])
    assert response.status_code == 200 and "不是有效的图片" in response.text
    assert not Evidence.objects.exists()


class Tripwire(io.RawIOBase):
    """A request body that fails the test if read past ``allowed`` bytes; the bytes are a multipart body with one
    file part that never ends."""

    def __init__(self, allowed: int, boundary: str = "X") -> None:
        self.head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.mp4"\r\n'
            "Content-Type: video/mp4\r\n\r\n"
        ).encode()
        self.allowed, self.position = allowed, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.position + len(buffer) > self.allowed:
            raise AssertionError(f"the body was read past {self.allowed} bytes")
        chunk = (self.head[self.position :] + b"\0" * len(buffer))[: len(buffer)]
        buffer[: len(chunk)] = chunk
        self.position += len(chunk)
        return len(chunk)


def send(path: str, body: Tripwire, length: int, method: str = "POST") -> HttpResponse:
    """Through the whole middleware stack with a real stream, as a WSGI server hands a request over."""
    environ = {
        "REQUEST_METHOD": method, "PATH_INFO": path, "SERVER_NAME": "testserver", "SERVER_PORT": "80",
        "HTTP_HOST": "testserver", "wsgi.url_scheme": "http", "wsgi.input": body, "wsgi.errors": io.StringIO(),
        "CONTENT_TYPE": "multipart/form-data; boundary=X", "CONTENT_LENGTH": str(length),
    }  # fmt: skip
    return ClientHandler()(environ)


@pytest.mark.parametrize("path", ["/report/", "/inspections/plans/1/findings/new/"])
def test_declared_oversize_is_refused_before_a_byte_is_read(path):
    response = send(path, Tripwire(allowed=0), MAX_REQUEST_BYTES + 1)
    assert response.status_code == 413 and response["Content-Type"].startswith("text/html")
    assert "提交的内容过大" in response.text


def test_declared_oversize_on_the_api_answers_json():
    response = send("/api/v1/public/reports/", Tripwire(allowed=0), MAX_REQUEST_BYTES + 1)
    assert response.status_code == 413 and response["Content-Type"] == "application/json"
    assert "提交的内容过大" in json.loads(response.content)["detail"]


def test_file_streaming_past_any_limit_is_cut_off_midway():
    # Within the declared total, but one file keeps coming: reading stops soon after the per-file limit.
    body = Tripwire(allowed=MAX_STREAMED_FILE_BYTES + 1024 * 1024)
    response = send("/report/", body, MAX_REQUEST_BYTES)
    assert response.status_code == 413 and "提交的内容过大" in response.text
    assert MAX_STREAMED_FILE_BYTES < body.position < MAX_REQUEST_BYTES
    assert not Report.objects.exists()


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_multipart_update_larger_than_one_file_is_refused_before_a_byte_is_read(method):
    # DRF parses these itself, where a cut-off midway would be a 500: the declared length is held to one file's.
    response = send("/api/v1/responsibility/tasks/1/", Tripwire(allowed=0), MAX_STREAMED_FILE_BYTES + 1, method)
    assert response.status_code == 413 and "提交的内容过大" in json.loads(response.content)["detail"]


def test_large_form_body_without_files_is_refused_by_its_length(client):
    response = client.generic(
        "POST", "/api/v1/public/reports/", b"{}", content_type="application/json",
        CONTENT_LENGTH=str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1),
    )  # fmt: skip
    assert response.status_code == 413 and "提交的内容过大" in response.json()["detail"]


def test_uploads_live_outside_the_static_files():
    media = Path(configured.MEDIA_ROOT).resolve()  # as configured: the tests here move it to a temporary folder
    for static in (configured.STATIC_ROOT, *configured.STATICFILES_DIRS):
        static = Path(static).resolve()
        assert not media.is_relative_to(static) and not static.is_relative_to(media)
    assert not settings.MEDIA_URL or settings.MEDIA_URL == "/"  # nothing routes a media URL


def test_stored_file_has_no_public_url(staff_client, client):
    client.post("/report/", {**form_post(), "files": [phone_photo()]})
    name = ReportAttachment.objects.get().file.name  # cases/reports/2026/11/IMG_0001.jpg
    for url in (f"/media/{name}", f"/{name}", f"/static/{name}", f"/static/../media/{name}"):
        assert staff_client.get(url).status_code == 404, url


def test_attachment_download_checks_access_and_is_never_rendered(client, staff_client, officer_client):
    client.post("/report/", {**form_post(), "files": [phone_photo()]})
    url = reverse("cases:report-attachment", args=[ReportAttachment.objects.get().pk])
    assert officer_client.get(url).status_code == 404
    response = staff_client.get(url)
    assert response.status_code == 200
    assert (
        response["Content-Disposition"].startswith("attachment;") and "IMG_0001.jpg" in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"


def test_evidence_download_checks_access_and_is_never_rendered(
    inspector_a_client, inspector_b_client, officer_client, plan_a, township_a
):
    finding_post(inspector_a_client, plan_a, township_a, files=[phone_photo()])
    url = reverse("inspections:evidence-download", args=[Evidence.objects.get().pk])
    for outsider in (inspector_b_client, officer_client):
        assert outsider.get(url).status_code == 404
    response = inspector_a_client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_admin_shows_stored_files_but_takes_no_upload(client, commission_admin_client):
    client.post("/report/", {**form_post(), "files": [phone_photo()]})
    report = Report.objects.get()
    page = commission_admin_client.get(reverse("admin:cases_report_change", args=[report.pk]))
    assert page.status_code == 200 and "IMG_0001.jpg" in page.text and 'type="file"' not in page.text
    assert commission_admin_client.get(reverse("admin:responsibility_progressattachment_add")).status_code == 403


def test_small_file_claiming_a_huge_picture_is_refused_before_decoding(inspector_a_client, plan_a, township_a):
    stream = io.BytesIO()
    Image.new("1", (12_000, 10_000)).save(stream, "PNG")  # 120 megapixels in a few kilobytes
    bomb = SimpleUploadedFile("IMG_2.png", stream.getvalue(), content_type="image/png")
    response = finding_post(inspector_a_client, plan_a, township_a, files=[bomb])
    assert response.status_code == 200 and "像素过多" in response.text
    assert not Evidence.objects.exists()
