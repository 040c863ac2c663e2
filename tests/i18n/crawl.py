"""A crawl of every page a person reaches: links followed, each form sent empty once (so
its error messages show), redirects followed; used by the language checks (issue 13)."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from urllib.parse import urldefrag, urlsplit

import html5lib

# Links the crawl does not follow: signing out ends the crawl, downloads are not pages,
# and the language switcher would leave the pseudo-locale.
NOT_FOLLOWED = re.compile(r"/sign-out|/download|\.pdf$|/static/|[?&]lang=|/language")
# Forms not sent: they end the session or change the language.
NOT_SENT = re.compile(r"/sign-out|/language")


def crawl(
    client, start: list[str], check: Callable[[str], list[str]], limit: int = 250
) -> tuple[dict[str, list[str]], int]:
    """Every page reachable from ``start`` by links, each form sent empty once; what
    ``check`` finds in each page (and any server error), by URL; the number of pages."""
    seen: set[str] = set()
    sent: set[str] = set()
    queue = deque(start)
    problems: dict[str, list[str]] = {}
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if 300 <= response.status_code < 400:
            location = urlsplit(response.headers.get("Location", ""))
            if not location.netloc or location.netloc == "localhost":
                queue.append(location.path + (f"?{location.query}" if location.query else ""))
            continue
        if response.status_code >= 500:
            problems[url] = [f"status {response.status_code}"]
            continue
        if response.mimetype != "text/html" or response.status_code != 200:
            continue
        body = response.get_data(as_text=True)
        left = check(body)
        if left:
            problems[url] = left
        document = html5lib.parse(body, namespaceHTMLElements=False)
        for link in document.iter("a"):
            href = urldefrag(link.get("href") or "")[0]
            parts = urlsplit(href)
            if not href or parts.scheme or parts.netloc or not href.startswith("/"):
                continue
            if not NOT_FOLLOWED.search(href) and href not in seen:
                queue.append(href)
        for form in document.iter("form"):
            action = form.get("action") or url
            if (form.get("method") or "get").lower() != "post" or action in sent:
                continue
            if NOT_SENT.search(action):
                continue
            sent.add(action)
            token = form.find(".//input[@name='csrf_token']")
            empty = {"csrf_token": token.get("value")} if token is not None else {}
            answer = client.post(action, data=empty)
            if answer.status_code >= 500:
                problems[f"POST {action}"] = [f"status {answer.status_code}"]
            elif answer.mimetype == "text/html" and answer.status_code in {200, 400, 422}:
                left = check(answer.get_data(as_text=True))
                if left:
                    problems[f"POST {action}"] = left
    return problems, len(seen)
