from django.db.models.fields.files import FieldFile
from django.http import FileResponse


def attachment_response(file: FieldFile, filename: str) -> FileResponse:
    """Serve a stored file as a download: never rendered inline, never sniffed into another type."""
    response = FileResponse(file.open("rb"), as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
