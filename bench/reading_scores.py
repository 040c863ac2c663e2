"""Reading scores of every page each family member and young person of the demo can reach.

Signs in as Amira, Daniel, Olivia and Maya, follows every link from "Your meetings" (GET
only, never a button), and prints each page's Flesch reading ease and Flesch-Kincaid
grade, measured on the words inside <main> as tests/i18n/test_plain_words.py measures
them. Family pages must read at 60 or more, a young person's pages at 80 or more; pages of
fewer than 40 words are listed but not judged. Exits 1 if a judged page is below its bar.

    .venv/bin/python bench/reading_scores.py [--language cy]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = {
    "amira.khan@family.example": ("Amira", 60.0),
    "daniel.khan@family.example": ("Daniel", 60.0),
    "olivia.brown@family.example": ("Olivia", 60.0),
    "maya.khan@family.example": ("Maya", 80.0),
}
FAMILY_BAR = 60.0
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def crawl(client, start: str):
    from tests.i18n.test_plain_words import _links

    queue, queued, seen = deque([start]), {start}, set()
    while queue:
        response = client.get(queue.popleft(), follow_redirects=True)
        path = response.request.path
        if response.status_code != 200 or path in seen:
            continue
        seen.add(path)
        html = response.get_data(as_text=True)
        yield path, html
        for link in _links(html):
            if link not in queued:
                queued.add(link)
                queue.append(link)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    import logging

    logging.disable(logging.INFO)
    from flask_migrate import upgrade

    from bench.common import fresh_database
    from bench.lists import signed_in_client
    from portal import create_app, demo
    from portal.domain.clock import today_in_london
    from tests.i18n.test_plain_words import FEWEST_WORDS, readable_text, score, word_count

    parser = argparse.ArgumentParser()
    parser.add_argument("--language", default="en")
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        url = fresh_database(folder)
        app = create_app(
            {
                "PORTAL_ENV": "testing",
                "TESTING": False,
                "SECRET_KEY": "reading-" + "k3Jq9Zr1Tw" * 4,
                "SQLALCHEMY_DATABASE_URI": url,
                "INSTANCE_PATH": folder,
                "MAIL_DIR": f"{folder}/mail",
            }
        )
        with app.app_context():
            upgrade(directory=str(ROOT / "portal" / "migrations"))
            demo.load(today_in_london())
        print(f"Reading ease (Flesch) and grade (Flesch-Kincaid), language {args.language}:")
        for email, (name, bar) in PEOPLE.items():
            client = signed_in_client(app, email)
            client.set_cookie("portal_language", args.language)
            print(f"  {name} (needs {bar:.0f}):")
            for path, html in crawl(client, "/conferences"):
                text = readable_text(html)
                words = word_count(text)
                shown = UUID.sub("<id>", path)
                if words < FEWEST_WORDS:
                    print(f"    {shown:<60} {words:>4} words, too few to judge")
                    continue
                ease, grade = score(text)
                # A young person's own pages are written for a child; the public pages
                # (privacy, accessibility) are shared with parents and read at their bar.
                low = ease < (bar if path.startswith("/conferences/") else FAMILY_BAR)
                failed |= low
                flag = "  BELOW" if low else ""
                print(
                    f"    {shown:<60} {words:>4} words, ease {ease:5.1f}, grade {grade:4.1f}{flag}"
                )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
