"""Checks for uploaded attachments: the size limit, and the type read from the content, not the name."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from files.images import IMAGE_BRANDS, stored_form

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_FILES = 5

# Leading bytes of each accepted kind. Office files are ZIP (docx, xlsx) or OLE2 (doc, xls) containers.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}
ALLOWED_TYPES_TEXT = "PDF、JPG、PNG、Word（doc/docx）、Excel（xls/xlsx）"
LIMIT_TEXT = f"单个文件不超过 {MAX_UPLOAD_BYTES // (1024 * 1024)} MB，最多 {MAX_FILES} 个"


def validate_attachment(upload: UploadedFile) -> None:
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(f"文件“{upload.name}”超过大小限制（{LIMIT_TEXT}）。")
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    signatures = SIGNATURES.get(extension)
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not signatures or not head.startswith(signatures):
        raise ValidationError(f"文件“{upload.name}”的类型不允许或内容与扩展名不符，仅接受 {ALLOWED_TYPES_TEXT}。")
    stored_form(upload)  # a photo must open as one; its metadata-free copy is kept for the service to store


def validate_attachments(uploads: list[UploadedFile]) -> None:
    if len(uploads) > MAX_FILES:
        raise ValidationError(f"附件过多（{LIMIT_TEXT}）。")
    for upload in uploads:
        validate_attachment(upload)


# Field evidence (photos and videos from a phone's camera) has its own rule: the kind is read from the content alone,
# since phones name files freely (IMG_0001.HEIC, VID_2026.mp4, image.jpg).
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_VIDEO_BYTES = 50 * 1024 * 1024
MAX_MEDIA_FILES = 9
# MP4/MOV are ISO media files like HEIC (files/images.py): a "ftyp" box at byte 4, then its major brand.
VIDEO_BRANDS = {
    b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"qt  ", b"M4V ", b"3gp4", b"3gp5",
    b"3gp6", b"3g2a", b"mmp4",
}  # fmt: skip
# Checked before and while the body is read (files/limits.py), for every request. A request may carry a full-length
# video and five photos, more than the five attachments of the other forms. A single file may run a little over the
# largest limit of any kind, so that a file just over its own limit gets the form's message naming it; one far over
# is cut off mid-stream.
MAX_REQUEST_BYTES = MAX_VIDEO_BYTES + 5 * MAX_IMAGE_BYTES
MAX_STREAMED_FILE_BYTES = max(MAX_UPLOAD_BYTES, MAX_IMAGE_BYTES, MAX_VIDEO_BYTES) + 1024 * 1024
REQUEST_LIMIT_TEXT = f"每次提交合计不超过 {MAX_REQUEST_BYTES // (1024 * 1024)} MB"
MEDIA_LIMIT_TEXT = (
    f"照片（JPG、PNG、HEIC）每张不超过 {MAX_IMAGE_BYTES // (1024 * 1024)} MB，"
    f"视频（MP4、MOV）每段不超过 {MAX_VIDEO_BYTES // (1024 * 1024)} MB，最多 {MAX_MEDIA_FILES} 个，"
    f"{REQUEST_LIMIT_TEXT}"
)


def media_kind(head: bytes) -> str | None:
    """ "image", "video" or None, from a file's first 12 bytes."""
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
        return "image"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        return "image" if brand in IMAGE_BRANDS else "video" if brand in VIDEO_BRANDS else None
    return None


def validate_media(upload: UploadedFile) -> bool:
    """Check one photo or video; True when it is a video."""
    upload.seek(0)
    kind = media_kind(upload.read(12))
    upload.seek(0)
    if kind is None:
        raise ValidationError(f"文件“{upload.name}”不是照片或视频（仅接受 JPG、PNG、HEIC 照片和 MP4、MOV 视频）。")
    limit = MAX_VIDEO_BYTES if kind == "video" else MAX_IMAGE_BYTES
    if upload.size > limit:
        raise ValidationError(f"文件“{upload.name}”超过大小限制（{MEDIA_LIMIT_TEXT}）。")
    stored_form(upload)
    return kind == "video"


def validate_media_files(uploads: list[UploadedFile]) -> list[bool]:
    """Check every photo and video, reporting all problems together; which of them are videos."""
    if len(uploads) > MAX_MEDIA_FILES:
        raise ValidationError(f"取证文件过多（{MEDIA_LIMIT_TEXT}）。")
    kinds, errors = [], []
    for upload in uploads:
        try:
            kinds.append(validate_media(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return kinds
