"""A young person's picture, made safe before it is kept: the one way an uploaded image
comes in (issue 12, "Uploads are dangerous").

What arrives is never kept or served as it came. Its bytes must be a JPEG, a PNG or (when
pillow-heif is installed) an iPhone's HEIC, whatever its name says; it must be 10 MB or
less; its size in pixels is read from the header and refused above a cap before anything
is decoded; then it is decoded, turned the right way up from its EXIF orientation, made
smaller if it is huge, and written out afresh with no metadata at all (a photo taken at
home carries where it was taken).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

try:  # HEIC, as iPhones take photos, when the package installs here.
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIC_SUPPORTED = True
except ImportError:  # pragma: no cover - depends on the machine
    HEIC_SUPPORTED = False

MAX_BYTES = 10 * 1024 * 1024
# A 12-megapixel phone photo is about 4000 x 3000; 25 million leaves room for bigger
# cameras and refuses decompression bombs (a small file that decodes to gigabytes).
MAX_PIXELS = 25_000_000
# Kept no bigger than this on its longest side: plenty for a drawing on any screen.
LONGEST_SIDE = 2000

# Pillow itself only warns between 1x and 2x its limit; we set the limit we mean and
# turn the warning into an error wherever a picture is opened here.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

JPEG = "image/jpeg"
PNG = "image/png"


class PictureRefused(Exception):
    """Why a picture was not taken. `reason` is a code the page turns into words."""

    EMPTY = "empty"
    TOO_BIG = "too_big"
    NOT_A_PICTURE = "not_a_picture"
    HEIC_UNSUPPORTED = "heic_unsupported"
    TOO_MANY_PIXELS = "too_many_pixels"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CleanPicture:
    data: bytes
    content_type: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return "png" if self.content_type == PNG else "jpg"


_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
# What a browser would take for a web page or a script if it ever sniffed the bytes.
_MARKUP = (b"<html", b"<script", b"<svg", b"<!doctype", b"<body", b"<iframe", b"<?xml")


def kind_of(data: bytes) -> str | None:
    """What the bytes are, from their first bytes (never from the file's name)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if len(data) >= 12 and data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "heic"
    return None


def _looks_like_two_files(data: bytes) -> bool:
    """A polyglot: a picture that is also a web page (markup where a browser sniffs) or
    that carries a zip archive on its end. Neither comes from a camera or a drawing."""
    head = data[:1024].lower()
    if any(marker in head for marker in _MARKUP):
        return True
    # A zip's "end of central directory" record sits in its last 64 KB.
    return b"PK\x05\x06" in data[-66_000:] or b"PK\x03\x04" in data[:1024]


def clean(data: bytes) -> CleanPicture:
    """The picture re-encoded with nothing but its pixels, or PictureRefused."""
    if not data:
        raise PictureRefused(PictureRefused.EMPTY)
    if len(data) > MAX_BYTES:
        raise PictureRefused(PictureRefused.TOO_BIG)
    kind = kind_of(data)
    if kind is None or _looks_like_two_files(data):
        raise PictureRefused(PictureRefused.NOT_A_PICTURE)
    if kind == "heic" and not HEIC_SUPPORTED:  # pragma: no cover - depends on the machine
        raise PictureRefused(PictureRefused.HEIC_UNSUPPORTED)
    formats = {"jpeg": ["JPEG"], "png": ["PNG"], "heic": ["HEIF"]}[kind]
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            # open() reads only the header: the size is known before any pixel is decoded.
            with Image.open(io.BytesIO(data), formats=formats) as image:
                width, height = image.size
                if width < 1 or height < 1 or width * height > MAX_PIXELS:
                    raise PictureRefused(PictureRefused.TOO_MANY_PIXELS)
                if kind == "jpeg":
                    # Let the decoder scale a big photo down as it reads (less memory).
                    image.draft("RGB", (LONGEST_SIDE, LONGEST_SIDE))
                image.load()
                return _rewrite(image, PNG if kind == "png" else JPEG)
        except PictureRefused:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PictureRefused(PictureRefused.TOO_MANY_PIXELS) from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
            raise PictureRefused(PictureRefused.NOT_A_PICTURE) from None


def _rewrite(image: Image.Image, content_type: str) -> CleanPicture:
    upright = ImageOps.exif_transpose(image)
    keep_alpha = content_type == PNG and (
        "A" in upright.getbands() or "transparency" in upright.info
    )
    mode = "RGBA" if keep_alpha else "RGB"
    pixels = upright.convert(mode)
    pixels.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    # A new image from the pixels alone: no EXIF, GPS, ICC profile, comments or text chunks.
    bare = Image.frombytes(mode, pixels.size, pixels.tobytes())
    out = io.BytesIO()
    if content_type == PNG:
        bare.save(out, format="PNG", optimize=True)
    else:
        bare.save(out, format="JPEG", quality=85)
    return CleanPicture(out.getvalue(), content_type, bare.width, bare.height)
