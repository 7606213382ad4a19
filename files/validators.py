"""Checks for uploaded attachments: the size limit, and the type read from the content, not the name."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

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


def validate_attachments(uploads: list[UploadedFile]) -> None:
    if len(uploads) > MAX_FILES:
        raise ValidationError(f"附件过多（{LIMIT_TEXT}）。")
    for upload in uploads:
        validate_attachment(upload)
