"""Photos re-encoded before they are stored, so that only the pixels survive.

A phone photo carries its GPS position, the time, the phone's make and serial number (EXIF), and often XMP and
comments; a PNG may carry text chunks. Saving a fresh image drops all of that. The EXIF orientation is applied
first so the photo stays upright. HEIC photos (iPhones) are stored as JPEG, which every computer here can open.
"""

import io
from pathlib import PurePath
from weakref import WeakKeyDictionary

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from PIL import Image, ImageCms, ImageOps
from pillow_heif import register_heif_opener

register_heif_opener()

# HEIC/HEIF photos are ISO media files: a "ftyp" box at byte 4, then one of these major brands.
IMAGE_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}

JPEG_QUALITY = 92  # evidence: keep the detail, the size stays well under the limit
# A 12-megapixel photo saved as PNG took 3 s at this level, 11 s at zlib's default 6 and 34 s with "optimize".
PNG_COMPRESS_LEVEL = 3
SAVE_OPTIONS = {"JPEG": {"quality": JPEG_QUALITY, "optimize": True}, "PNG": {"compress_level": PNG_COMPRESS_LEVEL}}
# Checked from the header before decoding: a small file may claim a huge picture. 108-megapixel phones pass.
MAX_PIXELS = 110_000_000
PNG_MODES = {"1", "L", "LA", "RGB", "RGBA"}


# The validators re-encode a photo to know it is one; the service then stores that same result.
_encoded: WeakKeyDictionary[File, File] = WeakKeyDictionary()


def stored_form(upload: File) -> File:
    """What to store for an upload: the upload itself unless it is a photo, else a new file holding only the
    photo's pixels (renamed .jpg when it was HEIC). Store its ``name`` and ``size``, not the upload's.

    Raises ValidationError when a file that starts like a photo cannot be read as one (a disguised file).
    """
    if upload in _encoded:
        return _encoded[upload]
    upload.seek(0)
    target = _target_format(upload.read(12))
    upload.seek(0)
    if target is None:
        return upload
    _encoded[upload] = _reencoded(upload, target)
    return _encoded[upload]


def _reencoded(upload: File, target: str) -> ContentFile:
    try:
        with Image.open(upload) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(f"文件“{upload.name}”的像素过多（不超过 {MAX_PIXELS // 1_000_000} 百万像素）。")
            clean, icc = _pixels(image, target)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(f"文件“{upload.name}”不是有效的图片，无法读取。") from error
    finally:
        upload.seek(0)
    out = io.BytesIO()
    clean.save(out, target, **SAVE_OPTIONS[target], **({"icc_profile": icc} if icc else {}))
    return ContentFile(out.getvalue(), name=_renamed(upload.name, target))


def _target_format(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[4:8] == b"ftyp" and head[8:12] in IMAGE_BRANDS:
        return "JPEG"
    return None


def _pixels(image: Image.Image, target: str) -> tuple[Image.Image, bytes | None]:
    """The upright pixels in a mode the target format takes, with an empty info dict, and a checked ICC profile."""
    icc = _valid_icc(image.info.get("icc_profile"))
    ImageOps.exif_transpose(image, in_place=True)  # in place: a 100-megapixel photo is 300 MB decoded
    upright = image
    if target == "JPEG" and upright.mode not in {"L", "RGB"}:
        upright = upright.convert("RGB")
    elif target == "PNG" and upright.mode not in PNG_MODES:
        has_alpha = "transparency" in upright.info or upright.mode.endswith(("A", "a"))
        upright = upright.convert("RGBA" if has_alpha else "RGB")
    # Pillow writes some keys of ``info`` (a JPEG comment, a PNG's transparency) back out; start from nothing.
    upright.info = {}
    return upright, icc


def _valid_icc(profile: bytes | None) -> bytes | None:
    """Keep a colour profile (phones shoot in Display P3; without it colours shift) only if it parses as one."""
    if not profile:
        return None
    try:
        ImageCms.ImageCmsProfile(io.BytesIO(profile))
    except (OSError, TypeError, ValueError, ImageCms.PyCMSError):
        return None
    return profile


def _renamed(name: str, target: str) -> str:
    path = PurePath(name or "photo")
    keep = {"JPEG": {".jpg", ".jpeg"}, "PNG": {".png"}}[target]
    if path.suffix.lower() in keep:
        return path.name
    return path.stem + (".jpg" if target == "JPEG" else ".png")
