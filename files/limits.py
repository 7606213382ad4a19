"""Request size limits enforced before the body is read, and again while it streams in.

``UploadLimitMiddleware`` refuses a request whose declared Content-Length is over the limit without reading a byte,
and parses a multipart POST itself so that ``StreamLimitHandler`` (first in FILE_UPLOAD_HANDLERS) can cut off a
body that turns out larger than declared or a file far over any allowed size. Either way the answer is 413 with a
Chinese page (JSON under /api/), never a 500 or a half-read form.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from files.validators import MAX_REQUEST_BYTES, MAX_STREAMED_FILE_BYTES, REQUEST_LIMIT_TEXT


class UploadTooLarge(Exception):
    """The body went past a limit while it was being read."""


class StreamLimitHandler(FileUploadHandler):
    """Counts the bytes of each file and of the whole request as they arrive; stores nothing itself."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > MAX_REQUEST_BYTES:
            raise UploadTooLarge
        self.total = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file_bytes = 0

    def receive_data_chunk(self, raw_data, start):
        self.file_bytes += len(raw_data)
        self.total += len(raw_data)
        if self.file_bytes > MAX_STREAMED_FILE_BYTES or self.total > MAX_REQUEST_BYTES:
            raise UploadTooLarge
        return raw_data

    def file_complete(self, file_size):
        return None


class UploadLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        multipart = request.content_type == "multipart/form-data"
        if declared_length(request) > limit_for(request.method, multipart):
            return too_large(request)
        if multipart and request.method == "POST":
            # Parse here: later the CSRF check reads the form, where an exception could only become a 500.
            try:
                request.FILES  # noqa: B018
            except (UploadTooLarge, RequestDataTooBig):
                return too_large(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        # A PUT or PATCH body is parsed by the API view itself, inside the view.
        if isinstance(exception, UploadTooLarge | RequestDataTooBig):
            return too_large(request)
        return None


def limit_for(method: str, multipart: bool) -> int:
    """Multipart PUT and PATCH are parsed by DRF, past the check below, where a cut-off could only become a 500:
    held to the size of one file, so none of their files can outgrow the streaming limit."""
    if not multipart:
        return body_limit()
    return MAX_REQUEST_BYTES if method == "POST" else MAX_STREAMED_FILE_BYTES


def body_limit() -> int:
    """Other bodies (forms, JSON) hold no files; DRF reads them as a stream, past Django's own check of this size."""
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE or MAX_REQUEST_BYTES


def declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def too_large(request: HttpRequest) -> HttpResponse:
    message = f"提交的内容过大，未被接收（{REQUEST_LIMIT_TEXT}）。请压缩或分次上传后重试。"
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return HttpResponse(render_to_string("413.html", {"message": message}), status=413)
