"""What every app saves for an uploaded file."""

from typing import Any

from django.core.files.base import File

from files.images import stored_form


def stored_fields(upload: File) -> dict[str, Any]:
    """``file``, ``name`` and ``size`` of an attachment model, for an upload that passed the validators:
    a photo is stored re-encoded without its metadata (files/images.py), anything else as it came."""
    stored = stored_form(upload)
    return {"file": stored, "name": stored.name[:255], "size": stored.size}
