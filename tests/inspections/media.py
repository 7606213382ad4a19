"""Photos and videos as a phone sends them: a real small photo (stored photos are re-encoded, so they must open) or
a video's leading bytes, padded to any size; and the finding form's POST."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

import files.images  # noqa: F401  (registers the HEIC format with Pillow)


def _photo(image_format: str) -> bytes:
    stream = io.BytesIO()
    Image.new("RGB", (16, 12), (200, 30, 30)).save(stream, image_format)
    return stream.getvalue()


JPEG_HEAD = _photo("JPEG")
PNG_HEAD = _photo("PNG")
HEIC_HEAD = _photo("HEIF")
MP4_HEAD = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00"
MOV_HEAD = b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00"
MB = 1024 * 1024


def upload(name: str, head: bytes, size: int = 2048, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, head + b"\x00" * (size - len(head)), content_type=content_type)


def jpeg(name: str = "IMG_0001.jpg", size: int = 2048):
    return upload(name, JPEG_HEAD, size, "image/jpeg")


def mp4(name: str = "VID_0001.mp4", size: int = 4096):
    return upload(name, MP4_HEAD, size, "video/mp4")


def finding_data(unit, /, **overrides) -> dict:
    data = {
        "unit": unit.pk if unit else "",
        "persons": "张某",
        "category": "games",
        "occurred_at": "2026-03-02T09:30",
        "place": "甲镇便民服务中心",
        "description": "窗口工作人员上班时间玩手机游戏",
    }
    return {**data, **overrides}


def finding_post(client, plan, unit, /, files=(), **overrides):
    data = finding_data(unit, **overrides)
    if files:
        data["files"] = list(files)
    return client.post(reverse("inspections:finding-create", args=[plan.pk]), data)
