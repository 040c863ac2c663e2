"""Is an uploaded file a real PDF that a family can safely open?

The file is parsed with pypdf, not judged by its name or its first bytes: a JPEG or a web
page renamed ".pdf" does not parse. A PDF that cannot be opened without a password, has no
pages, or carries active content (JavaScript, actions that launch programs, files
embedded inside it) is refused with a reason, because the portal cannot safely re-write a
PDF to take such things out. Nothing is stripped or re-written: the file is kept as
uploaded. Its properties (title, author...) are read so the uploader can see them before
sharing.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError
from pypdf.generic import DictionaryObject, IndirectObject

# pypdf logs warnings about every imperfect file it still reads; they say nothing about
# whether the file is safe and would fill the log with people's uploads.
logging.getLogger("pypdf").setLevel(logging.ERROR)

ACTIVE_KEYS = frozenset({"/JavaScript", "/JS", "/Launch", "/EmbeddedFiles", "/EmbeddedFile"})
PROPERTIES = {"/Title": "title", "/Author": "author", "/Subject": "subject", "/Creator": "creator"}
MOST_OBJECTS_CHECKED = 20000


@dataclass(frozen=True)
class CheckedPdf:
    pages: int
    sha256: str
    properties: dict[str, str] = field(default_factory=dict)


class NotAcceptable(ValueError):
    """The file cannot be used; `code` says why: not_pdf, encrypted, empty, active."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _walk(start: Any) -> Iterator[DictionaryObject]:
    """Every dictionary reachable from `start`, each once (bounded for hostile files)."""
    seen: set[tuple[int, int]] = set()
    stack = [start]
    checked = 0
    while stack and checked < MOST_OBJECTS_CHECKED:
        item = stack.pop()
        checked += 1
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _has_active_content(reader: PdfReader) -> bool:
    for dictionary in _walk(reader.trailer.get("/Root")):
        if ACTIVE_KEYS & set(dictionary.keys()):
            return True
        action = dictionary.get("/S")
        if action in {"/JavaScript", "/Launch"}:
            return True
    return False


def check_pdf(content: bytes) -> CheckedPdf:
    """Raise NotAcceptable unless `content` is a PDF the portal will keep and serve."""
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        # Protected against changes but readable without a password is fine; a password to
        # open it is not, because the family could not read it.
        if reader.is_encrypted and not reader.decrypt(""):
            raise NotAcceptable("encrypted")
        pages = len(reader.pages)
        if pages == 0:
            raise NotAcceptable("empty")
        active = _has_active_content(reader)
        info: Any = reader.metadata or {}
        properties = {
            name: str(info.get(key))[:200]
            for key, name in PROPERTIES.items()
            if info.get(key) not in (None, "")
        }
    except NotAcceptable:
        raise
    except DependencyError as error:  # encrypted in a way that needs another library
        raise NotAcceptable("encrypted") from error
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise NotAcceptable("not_pdf") from error
    if active:
        raise NotAcceptable("active")
    return CheckedPdf(
        pages=pages, sha256=hashlib.sha256(content).hexdigest(), properties=properties
    )
