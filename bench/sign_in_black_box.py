"""A black-box run against the demo, from outside, as a hostile visitor would try it.

Starts the real web server (`flask run`) on the demo, on PostgreSQL at
BENCH_DATABASE_URL (a database whose name ends in "bench") or SQLite, and checks:

- 30 wrong codes sent at once for one attempt: at most five are ever checked;
- a known and an unknown address: the same status and page, and the time of each;
- a NUL byte and over-long text in every field of every family form: never a 500;
- CR/LF and other control bytes in `next`: never a 500, never a header;
- /signed-out while still signed in does not claim a sign-out;
- the server's log holds none of the marker strings typed into forms.

Prints what it found as JSON; exits 1 if anything failed.

    BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python bench/sign_in_black_box.py
"""

from __future__ import annotations

import email
import http.cookiejar
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from email import policy
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "box-" + "q8Zr2vLw9TnX4bKe" * 3
MARKER = "MARKER-b1ack-b0x"
AMIRA = "amira.khan@family.example"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )
        # Each browser comes from its own address (through a trusted proxy), as many
        # visitors would: the per-address rate limits are not what is under test here.
        Browser.count += 1
        self.opener.addheaders = [("X-Forwarded-For", f"198.51.100.{Browser.count % 250}")]

    count = 0

    def open(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str, Any]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            response = self.opener.open(self.base + path, data=body, timeout=30)
            return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as answer:
            return answer.code, answer.read().decode(errors="replace"), answer.headers

    def token(self, path: str) -> str:
        _status, page, _headers = self.open(path)
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


class Forms(HTMLParser):
    """The POST forms of a page: their action and the fields to fill."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.forms.append({"action": a.get("action") or "", "fields": {}, "choices": {}})
        elif self.forms and tag in {"input", "textarea", "select"} and a.get("name"):
            kind = (a.get("type") or "text").lower()
            name = str(a["name"])
            if kind in {"radio", "checkbox"}:
                self.forms[-1]["choices"].setdefault(name, a.get("value") or "")
            elif kind == "hidden":
                self.forms[-1]["fields"][name] = a.get("value") or ""
            elif kind not in {"submit", "button"}:
                self.forms[-1]["fields"][name] = None  # a text field to fill


def codes_sent(mail: Path, to: str) -> int:
    return (
        sum(
            1
            for path in mail.glob("*.eml")
            if email.message_from_bytes(path.read_bytes(), policy=policy.default)["To"] == to
        )
        if mail.exists()
        else 0
    )


def last_code(mail: Path, to: str, after: int = 0) -> str:
    """The newest code sent to `to`, once more than `after` messages have come."""
    for _ in range(100):
        if codes_sent(mail, to) <= after:
            time.sleep(0.1)
            continue
        found = []
        for path in sorted(mail.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns):
            message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
            if message["To"] == to:
                text = message.get_body(preferencelist=("plain",)).get_content()
                found.append(re.search(r"\b(\d{6})\b", text).group(1))
        if found:
            return found[-1]
        time.sleep(0.1)
    raise AssertionError(f"no code for {to}")


def main() -> int:
    sys.path.insert(0, str(ROOT))

    from bench.common import free_port, fresh_database

    with tempfile.TemporaryDirectory() as folder:
        url = fresh_database(folder)
        port = free_port()
        mail = Path(folder, "mail")
        env = {
            **os.environ,
            "PORTAL_ENV": "development",
            "SECRET_KEY": SECRET_KEY,
            "DATABASE_URL": url,
            "PORTAL_INSTANCE_PATH": folder,
            "MAIL_BACKEND": "file",
            "MAIL_DIR": str(mail),
            "TRUSTED_PROXIES": "1",
        }
        flask = [sys.executable, "-m", "flask", "--app", "portal"]
        for command in (["db", "upgrade"], ["demo"]):
            subprocess.run([*flask, *command], cwd=ROOT, env=env, check=True, capture_output=True)
        log_path = Path(folder, "server.log")
        with log_path.open("w") as log:
            server = subprocess.Popen(
                [*flask, "run", "--port", str(port)], cwd=ROOT, env=env, stdout=log, stderr=log
            )
            base = f"http://127.0.0.1:{port}"
            try:
                result = run_checks(base, mail, url)
            finally:
                server.terminate()
                server.wait(timeout=30)
        logged = log_path.read_text()
        result["server_errors_logged"] = logged.count("Exception on ")
        result["markers_in_log"] = logged.count(MARKER) + logged.count(AMIRA)
        print(json.dumps(result, indent=2))
        good = (
            result["parallel"]["tries_counted"] == 5
            and result["known_and_unknown"]["same_status"]
            and result["known_and_unknown"]["same_page"]
            and result["hostile_forms"]["server_errors"] == 0
            and result["control_bytes_in_next"]["server_errors"] == 0
            and not result["control_bytes_in_next"]["injected_header"]
            and result["signed_out_while_signed_in"] == "still signed in"
            and result["markers_in_log"] == 0
            and result["server_errors_logged"] == 0
        )
        return 0 if good else 1


def run_checks(base: str, mail: Path, url: str) -> dict[str, Any]:
    from sqlalchemy import create_engine, text

    for _ in range(300):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2)
            break
        except OSError:
            time.sleep(0.1)
    result: dict[str, Any] = {"database": "postgresql" if "postgresql" in url else "sqlite"}

    # Parallel wrong codes against one attempt.
    first = Browser(base)
    first.open("/sign-in", {"contact": AMIRA, "csrf_token": first.token("/sign-in")})
    code = last_code(mail, AMIRA)
    wrong = "000000" if code != "000000" else "111111"
    copies = []
    for _ in range(30):
        copy = Browser(base)
        for cookie in first.jar:
            copy.jar.set_cookie(cookie)
        copies.append((copy, copy.token("/sign-in/code")))
    statuses: list[int] = []
    barrier = threading.Barrier(30)

    def guess(browser: Browser, token: str) -> None:
        barrier.wait()
        statuses.append(browser.open("/sign-in/code", {"code": wrong, "csrf_token": token})[0])

    threads = [threading.Thread(target=guess, args=pair) for pair in copies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine = create_engine(url)
    with engine.connect() as connection:
        tries = connection.execute(text("select max(tries) from sign_in_attempt")).scalar()
    engine.dispose()
    right = first.open("/sign-in/code", {"code": code, "csrf_token": first.token("/sign-in/code")})
    result["parallel"] = {
        "sent_at_once": 30,
        "statuses": {str(s): statuses.count(s) for s in sorted(set(statuses))},
        "tries_counted": tries,
        "right_code_afterwards": right[0],
    }

    # Known and unknown addresses: status, page and time, alternating.
    times: dict[str, list[float]] = {"known": [], "unknown": []}
    pages: dict[str, str] = {}
    codes: dict[str, int] = {}
    for n in range(40):
        for kind, contact in (
            ("known", "daniel.khan@family.example"),
            ("unknown", f"x{n}@x.example"),
        ):
            if n % 4 == 0:
                # Stay under the per-address limit: this is about time, not limits.
                engine = create_engine(url)
                with engine.begin() as connection:
                    connection.execute(text("delete from sign_in_throttle"))
                engine.dispose()
            browser = Browser(base)
            token = browser.token("/sign-in")
            start = time.perf_counter()
            status, _body, headers = browser.open(
                "/sign-in", {"contact": contact, "csrf_token": token}
            )
            times[kind].append((time.perf_counter() - start) * 1000)
            codes[kind] = status
            page = browser.open(headers.get("Location", "/sign-in/code"))[1]
            pages[kind] = re.sub(r'(nonce|value)="[^"]*"', "", page)
    result["known_and_unknown"] = {
        "same_status": codes["known"] == codes["unknown"],
        "same_page": pages["known"] == pages["unknown"],
        "known_median_ms": round(statistics.median(times["known"]), 2),
        "unknown_median_ms": round(statistics.median(times["unknown"]), 2),
    }

    # Every family form, with a NUL byte and with over-long text in every text field.
    amira = Browser(base)
    before = codes_sent(mail, AMIRA)
    amira.open("/sign-in", {"contact": AMIRA, "csrf_token": amira.token("/sign-in")})
    amira.open(
        "/sign-in/code",
        {"code": last_code(mail, AMIRA, before), "csrf_token": amira.token("/sign-in/code")},
    )
    home = amira.open("/conferences")[1]
    family = re.search(r'href="(/conferences/[0-9a-f-]+)"', home).group(1) + "/family"
    amira.open(
        f"{family}/keep-reports-private",
        {"csrf_token": amira.token(f"{family}/keep-reports-private"), "agree": "yes"},
    )
    pages_to_try = {f"{family}/keep-reports-private"}
    family_page = amira.open(family)[1]
    pages_to_try |= set(re.findall(rf'href="({re.escape(family)}/[^"#?]+)"', family_page))
    from portal.domain.family_answers import STEP_SLUGS

    pages_to_try |= {f"{family}/meeting/{slug}" for slug in STEP_SLUGS}
    hostile = {
        "nul": f"{MARKER}\x00nul",
        "long": MARKER + "x" * 5000,
        "controls": f"{MARKER}\x07\x1b\r\n",
    }
    posted = 0
    errors: list[str] = []
    for path in sorted(pages_to_try):
        status, page, _headers = amira.open(path)
        if status != 200:
            continue
        parser = Forms()
        parser.feed(page)
        for form in parser.forms:
            action = form["action"] or path
            if "sign-out" in action or "/language/" in action:
                continue
            for label, value in hostile.items():
                data = {
                    name: (value if fixed is None else fixed)
                    for name, fixed in form["fields"].items()
                }
                data.update(form["choices"])
                if not any(fixed is None for fixed in form["fields"].values()):
                    continue
                status, _body, _headers = amira.open(action, data)
                posted += 1
                if status >= 500:
                    errors.append(f"{status} {action} ({label})")
    result["hostile_forms"] = {
        "pages": len(pages_to_try),
        "posts": posted,
        "server_errors": len(errors),
        "which": errors,
    }

    # Control bytes in next.
    bad = 0
    injected = False
    for next_value in (
        "/conferences\r\nSet-Cookie: injected=1",
        "/%0d%0aX-Injected: 1",
        "/a\x00b",
        "//evil.example",
    ):
        for path in ("/language/cy", "/sign-in", "/sign-in/professional"):
            status, _body, headers = Browser(base).open(
                f"{path}?{urllib.parse.urlencode({'next': next_value})}"
            )
            bad += status >= 500
            # A real injection is a header of its own, not text inside Location.
            injected |= headers.get("X-Injected") is not None or any(
                "injected" in value for value in headers.get_all("Set-Cookie") or []
            )
    result["control_bytes_in_next"] = {"server_errors": bad, "injected_header": injected}

    # The signed-out page while still signed in.
    page = amira.open("/signed-out")[1]
    result["signed_out_while_signed_in"] = (
        "still signed in" if "You are still signed in" in page else "claims signed out"
    )
    return result


if __name__ == "__main__":
    sys.exit(main())
