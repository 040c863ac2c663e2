"""A picture is made safe before it is kept: content checked, size capped before decoding,
turned upright, re-encoded with nothing but its pixels."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image, PngImagePlugin

from portal.domain import pictures
from portal.domain.pictures import PictureRefused


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "taken at 12 Home Street")
    out = io.BytesIO()
    Image.new("RGBA", (20, 10), (0, 0, 255, 128)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
    )


def test_a_png_keeps_its_transparency_and_loses_its_text():
    clean = pictures.clean(_png_with_text())
    assert clean.content_type == pictures.PNG
    assert b"Home Street" not in clean.data
    image = Image.open(io.BytesIO(clean.data))
    assert image.mode == "RGBA"
    assert "Comment" not in image.info


def test_a_huge_photo_is_made_smaller():
    out = io.BytesIO()
    Image.new("RGB", (4000, 1000), (1, 2, 3)).save(out, format="JPEG")
    clean = pictures.clean(out.getvalue())
    assert max(clean.width, clean.height) <= pictures.LONGEST_SIDE


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (20000, 20000),  # far above the cap
        (5001, 5001),  # just above 25 million, where Pillow alone would only warn
    ],
)
def test_too_many_pixels_are_refused_from_the_header(width, height):
    with pytest.raises(PictureRefused) as refused:
        pictures.clean(_png_header(width, height))
    assert refused.value.reason == PictureRefused.TOO_MANY_PIXELS


def test_the_name_does_not_matter_only_the_bytes():
    assert pictures.kind_of(b"GIF89a....") is None
    assert pictures.kind_of(b"<svg") is None
    assert pictures.kind_of(_png_with_text()) == "png"


@pytest.mark.skipif(not pictures.HEIC_SUPPORTED, reason="pillow-heif is not installed")
def test_an_iphone_heic_photo_becomes_a_jpeg():
    import pillow_heif

    heif = pillow_heif.from_pillow(Image.new("RGB", (32, 24), (9, 99, 199)))
    out = io.BytesIO()
    heif.save(out, quality=80)
    clean = pictures.clean(out.getvalue())
    assert clean.content_type == pictures.JPEG
    assert (clean.width, clean.height) == (32, 24)
