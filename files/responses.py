import io
from collections.abc import Callable
from typing import BinaryIO

from django.db.models.fields.files import FieldFile
from django.http import FileResponse


def attachment_response(file: FieldFile, filename: str) -> FileResponse:
    """Serve a stored file as a download: never rendered inline, never sniffed into another type."""
    return stream_attachment(file.open("rb"), filename)


def stream_attachment(stream: BinaryIO, filename: str) -> FileResponse:
    """Serve an open binary stream (a stored file, or one just written) as a download, as above."""
    response = FileResponse(stream, as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def written_attachment(obj: object, write: Callable[[object, BinaryIO], str]) -> FileResponse:
    """A small file (a bulletin, a document) written at once into memory by ``write(obj, stream) -> filename``."""
    stream = io.BytesIO()
    filename = write(obj, stream)
    stream.seek(0)
    return stream_attachment(stream, filename)
