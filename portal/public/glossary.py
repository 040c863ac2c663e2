"""The glossary: words and letters families hear, explained in plain words."""

from __future__ import annotations

from flask import render_template

from portal.access import public
from portal.glossary import TERMS
from portal.public import bp


@bp.get("/glossary")
@public
def glossary() -> str:
    # Alphabetical in the reader's language, so a term is easy to find in Welsh too.
    terms = sorted(TERMS, key=lambda entry: str(entry[1]).casefold())
    return render_template("public/glossary.html", terms=terms)
