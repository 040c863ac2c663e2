"""Response headers, the per-request CSP nonce, safe redirects and the trusted-browser cookie.

Nothing a person typed is ever turned into Markup: templates escape everything, except
what passes through `sanitise_html`, the one sanitising function (a young person's letter).
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

import nh3
from flask import Flask, Response, current_app, g, request, url_for
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer
from markupsafe import Markup

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)


def safe_next(target: str | None) -> str:
    """Only a path on this site: never another host, a scheme-relative URL or control bytes."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return url_for("public.start")
    # CR/LF would split the Location header; any control byte or backslash is refused.
    if "\\" in target or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return url_for("public.start")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return url_for("public.start")
    return target


# A letter's formatting: paragraphs, line breaks, bold and lists. No links, images,
# attributes or styles, so nothing in it can load, run or look like the portal's own page.
LETTER_TAGS = frozenset({"p", "br", "strong", "b", "em", "ul", "ol", "li"})


def sanitise_html(untrusted: str) -> Markup:
    """The only place Markup is made from what a person wrote: nh3 (the Ammonia sanitiser)
    keeps the letter's few tags and drops every attribute, script, style and comment."""
    cleaned = nh3.clean(
        untrusted,
        tags=set(LETTER_TAGS),
        attributes={},
        url_schemes=set(),
        strip_comments=True,
        link_rel=None,
    )
    return Markup(cleaned)  # noqa: S704 - sanitised on the line above


# A browser that has signed in with an address before: see docs/adr/0006.
TRUSTED_BROWSER_COOKIE = "portal_signed_in_before"
TRUSTED_BROWSER_DAYS = 90


def trusted_browser_key() -> str | None:
    """The keyed hash of the address this browser last signed in with, if it has."""
    value = request.cookies.get(TRUSTED_BROWSER_COOKIE)
    if not value:
        return None
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="trusted-browser")
    try:
        key = serializer.loads(value, max_age=TRUSTED_BROWSER_DAYS * 24 * 3600)
    except BadSignature:
        return None
    return key if isinstance(key, str) else None


def trust_this_browser(response: Response, key: str) -> Response:
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="trusted-browser")
    response.set_cookie(
        TRUSTED_BROWSER_COOKIE,
        serializer.dumps(key),
        max_age=TRUSTED_BROWSER_DAYS * 24 * 3600,
        secure=request.is_secure or current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return str(g.csp_nonce)


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "base-uri 'none'",
        ]
    )


def init_app(app: Flask) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce

    @app.after_request
    def set_security_headers(response: Response) -> Response:
        headers = response.headers
        # A response with a stricter policy of its own (a child's picture) keeps it.
        headers.setdefault("Content-Security-Policy", content_security_policy(csp_nonce()))
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        headers["Referrer-Policy"] = "same-origin"
        headers["Permissions-Policy"] = PERMISSIONS_POLICY
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if app.config["PORTAL_ENV"] == "production":
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        if request.endpoint == "static":
            # Public files: nobody is looked up for them (WhiteNoise serves the built ones
            # before this; these are the unbuilt fallbacks of development).
            return response
        if response.mimetype == "text/html" or getattr(current_user, "is_authenticated", False):
            # Nothing about a family may sit in a shared phone's cache.
            headers["Cache-Control"] = "no-store"
        return response
