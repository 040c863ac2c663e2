"""Browser tests: Debian's Chromium driven by Playwright, with axe-core injected.

Never a downloaded browser: Chromium comes from Debian (`apt-get install chromium`),
launched headless with background networking off. Each page is checked at 320 px
wide; a failing test leaves a screenshot in tests/browser/screenshots/.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

from portal.delivery import worker
from portal.extensions import limiter
from tests.browser import helpers
from tests.conftest import build_app

HERE = Path(__file__).resolve().parent
AXE = HERE / "axe.min.js"
SCREENSHOTS = HERE / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
NARROW = {"width": 320, "height": 720}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Any:
    report = yield
    if report.when == "call":
        item.stash[FAILED] = report.failed
    return report


FAILED = pytest.StashKey[bool]()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# One server (app, database, mail folder) per test module: sign-in limits count codes
# per address, and one module's sign-ins and first visits must not change another's.
@pytest.fixture(scope="module")
def browser_instance(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("browser-instance")


@pytest.fixture(scope="module")
def mail_dir(browser_instance: Path) -> Path:
    return browser_instance / "mail"


@pytest.fixture(scope="module")
def live_server(browser_instance: Path) -> Iterator[str]:
    folder = browser_instance
    app = build_app(folder, f"sqlite:///{folder / 'browser.db'}")
    # The walk signs the same demo people in many times; the limit has its own tests.
    app.config["SIGN_IN_CODES_PER_15_MINUTES"] = 1000
    with app.app_context():
        limiter.reset()  # the rate limiter's memory is shared by every app in this process
    port = _free_port()
    helpers.FRESH_LIMITS[f"http://127.0.0.1:{port}"] = app
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # The worker beside the web server, as `make run` and production have it: a code's
    # first try after the response is not guaranteed (the development server skips it
    # when the browser hangs up first); the worker sends what is waiting.
    stopping = threading.Event()
    deliverer = threading.Thread(
        target=worker.run, args=(app,), kwargs={"poll_seconds": 0.2, "stopping": stopping}
    )
    deliverer.start()
    yield f"http://127.0.0.1:{port}"
    stopping.set()
    deliverer.join(timeout=10)
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _page(browser: Browser, request: pytest.FixtureRequest, javascript: bool) -> Iterator[Page]:
    context = browser.new_context(viewport=NARROW, java_script_enabled=javascript)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    if request.node.stash.get(FAILED, False):
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture()
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from _page(browser, request, javascript=True)


@pytest.fixture()
def page_without_js(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from _page(browser, request, javascript=False)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it stands; return what it found (WCAG 2.2 A and AA)."""
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {json.dumps(violations, indent=1)}"


def assert_fits_320(page: Page) -> None:
    """Nothing may make the reader scroll sideways at 320 px (WCAG 1.4.10 reflow)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"{page.url} is {width}px wide at 320px"
