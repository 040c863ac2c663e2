"""The glossary: words and letters families hear, explained in plain words."""

from __future__ import annotations

from flask import render_template
from flask_babel import get_locale

from portal.access import public
from portal.domain import collation
from portal.glossary import TERMS
from portal.public import bp


@bp.get("/glossary")
@public
def glossary() -> str:
    # Alphabetical as the reader's language has it (Welsh "ch" after "c", Polish "ł" after
    # "l"), so a term is where the reader looks for it.
    terms = collation.sorted_for(str(get_locale() or "en"), TERMS, lambda entry: str(entry[1]))
    return render_template("public/glossary.html", terms=terms)
