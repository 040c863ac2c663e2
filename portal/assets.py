"""Static files: hashed names from the build, served before Flask sees the request.

`npm run build` (static/scss/fingerprint.mjs) writes each asset under static/build/ with
its content's hash in the name, a Brotli and a gzip copy beside it, and manifest.json.
Templates name assets through `asset_url("js/portal.js")`, which gives the hashed URL.

WhiteNoise answers /static/build/ itself, in front of the portal: no session is opened,
nobody is looked up, no cookie is set or varied on, and the precompressed copy is sent
to a browser that accepts it. A hashed file never changes, so browsers keep it a year.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from wsgiref.headers import Headers

from flask import Flask, url_for
from whitenoise import WhiteNoise

from portal.config import ROOT

BUILD = ROOT / "static" / "build"
MANIFEST = BUILD / "manifest.json"
IMMUTABLE = "public, max-age=31536000, immutable"
_HASHED = re.compile(r"\.[0-9a-f]{12}\.[a-z]+$")


def load_manifest(path: Path = MANIFEST) -> dict[str, str]:
    """Asset name -> hashed name; empty before the first build (names are then served as is)."""
    try:
        return dict(json.loads(path.read_text()))
    except FileNotFoundError:
        return {}


def is_hashed(url: str) -> bool:
    return bool(_HASHED.search(url))


def _static_headers(headers: Headers, _path: str, url: str) -> None:
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    if is_hashed(url):
        headers["Cache-Control"] = IMMUTABLE


def init_app(app: Flask) -> None:
    manifest = load_manifest()

    def asset_url(name: str) -> str:
        """The URL of a static asset, by its name under static/ ("build/portal.css")."""
        return url_for("static", filename=manifest.get(name, name))

    app.add_template_global(asset_url)
    if BUILD.is_dir():
        app.wsgi_app = WhiteNoise(  # type: ignore[method-assign]
            app.wsgi_app,
            root=str(BUILD),
            prefix="static/build/",
            # A file without a hash (the unhashed build outputs) may change at the next build.
            max_age=60,
            allow_all_origins=False,
            immutable_file_test=lambda _path, url: is_hashed(url),
            add_headers_function=_static_headers,
        )
