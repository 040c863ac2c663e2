"""Template helpers: GOV.UK macro defaults, and dates, times and lists in the reader's language."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from babel import Locale
from babel.dates import format_date, format_time
from babel.lists import format_list
from flask import Flask, current_app, request
from flask_babel import get_locale, to_user_timezone
from jinja2 import Undefined
from markupsafe import Markup, escape

from portal.domain.languages import find as find_language
from portal.reading_language import language_name, report_name

# GOV.UK style: "Wednesday 2 December 2026", no comma; the names come from the locale.
LONG_DATE = "EEEE d MMMM y"
FIXED_PATTERN_LANGUAGES = frozenset({"en", "cy"})


def with_defaults(params: Mapping[str, Any] | None, defaults: Mapping[str, Any]) -> dict[str, Any]:
    """Fill in macro params the caller left out (used to translate GOV.UK's built-in text).

    GOV.UK's own macros pass every param on to the components they call, so a param
    the page never set arrives as None or undefined: that counts as left out, or the
    English default inside the component would win over our translation.
    """
    merged = dict(defaults)
    merged.update(
        {k: v for k, v in (params or {}).items() if v is not None and not isinstance(v, Undefined)}
    )
    return merged


def without_empty_hint(params: Mapping[str, Any]) -> dict[str, Any]:
    """Drop a hint with no words, so a question never shows "None" or an empty hint."""
    cleaned = dict(params)
    hint = cleaned.get("hint")
    if not hint or not (hint.get("text") or hint.get("html")):
        cleaned.pop("hint", None)
    return cleaned


def _formatting_locale() -> Locale:
    """The reader's locale for dates and lists. Plain "en" is American in CLDR
    ("December 2", "10:00 AM"); the portal is for England and Wales, so English is en_GB."""
    locale = get_locale() or Locale.parse("en")
    if locale.language == "en" and not locale.territory:
        return Locale.parse("en_GB")
    return locale


def _lower_day_word(text: str, locale: Locale) -> str:
    # Welsh writes "dydd Mercher" inside a sentence; CLDR gives "Dydd Mercher".
    return text.replace("Dydd ", "dydd ") if locale.language == "cy" else text


def long_date(value: date | datetime | None) -> str:
    """'Wednesday 2 December 2026' / 'dydd Mercher 2 Rhagfyr 2026', in Europe/London."""
    if value is None:
        return ""
    locale = _formatting_locale()
    # English and Welsh keep the portal's own pattern (no comma after the day, as GOV.UK
    # writes dates); other languages take CLDR's full date ("بدھ، 2 دسمبر، 2026").
    pattern = LONG_DATE if locale.language in FIXED_PATTERN_LANGUAGES else "full"
    if isinstance(value, datetime):
        # The day in London, written as a date ("full" of a datetime adds the time).
        text = format_date(to_user_timezone(value).date(), pattern, locale=locale)
    else:
        text = format_date(value, pattern, locale=locale)
    return _lower_day_word(text, locale)


def time_of_day(value: datetime | None) -> str:
    """The locale's own short time ('14:30' in British English and Welsh), in Europe/London."""
    if value is None:
        return ""
    return format_time(to_user_timezone(value), "short", locale=_formatting_locale())


_WELSH_AND = re.compile(r" a\(c\) (\S)")


def and_list(items: Iterable[Any]) -> str:
    """'A short break and a signal' in the reader's language (Babel's list patterns;
    Flask-Babel 4 has no format_list of its own, so this is the one place lists are joined).

    Welsh CLDR writes "a(c)": "ac" comes before a vowel, "a" before a consonant.
    """
    words = [str(item) for item in items]
    if not words:
        return ""
    text = format_list(words, locale=_formatting_locale())
    return _WELSH_AND.sub(
        lambda m: (" ac " if m.group(1).lower() in "aeiouwyâêîôûŵŷ" else " a ") + m.group(1), text
    )


def _right_to_left() -> bool:
    locale = get_locale()
    return locale is not None and locale.text_direction == "rtl"


def left_to_right(text: Any) -> Markup | str:
    """Dates, times, numbers, emails and phone numbers inside right-to-left text: isolated
    in a <bdi dir="ltr"> so they keep their own order ("2 December 2026", "07700 900123")
    and do not reorder the sentence around them. Unchanged on a left-to-right page."""
    if text is None or text == "" or not _right_to_left():
        return text if text is not None else ""
    return Markup('<bdi dir="ltr">%s</bdi>') % text


def isolated(text: Any) -> Markup | str:
    """A date or time on a right-to-left page, in a <bdi>: isolated from the sentence, its
    direction from its own first letter (an Urdu month name reads right to left, its digits
    left to right, as the bidirectional algorithm orders them)."""
    if text is None or text == "" or not _right_to_left():
        return text if text is not None else ""
    return Markup("<bdi>%s</bdi>") % text


def long_date_in_page(value: date | datetime | None) -> Markup | str:
    """`long_date` for templates: isolated on a right-to-left page."""
    return isolated(long_date(value))


def time_of_day_in_page(value: datetime | None) -> Markup | str:
    """`time_of_day` for templates: isolated on a right-to-left page."""
    return isolated(time_of_day(value))


def in_english(value: Any) -> Markup | str:
    """Words people wrote (names, reports, addresses), marked as English inside a page
    in another language, so screen readers pronounce them right (WCAG 3.1.2)."""
    if value is None or value == "":
        return ""
    locale = get_locale()
    if locale is None or locale.language == "en":
        return escape(value)
    if locale.text_direction == "rtl":
        # English runs left to right inside a right-to-left page (issue 13).
        return Markup('<span lang="en" dir="ltr">%s</span>') % value
    return Markup('<span lang="en">%s</span>') % value


def content_lang(language: str | None = None) -> Markup:
    """` lang="en"` for an element holding words people wrote, on a page in another language.

    With `language`, the words are a translated copy's (ADR 0022): always marked with that
    language and its direction (` lang="ur" dir="rtl"`), whatever the page's language."""
    if language:
        known = find_language(language)
        code = known.code if known else language
        direction = known.direction if known else "ltr"
        return Markup(' lang="%s" dir="%s"') % (code, direction)
    locale = get_locale()
    if locale is None or locale.language == "en":
        return Markup("")
    if locale.text_direction == "rtl":
        return Markup(' lang="en" dir="ltr"')
    return Markup(' lang="en"')


def content_attributes() -> dict[str, str]:
    """The same, as GOV.UK macro `attributes`."""
    locale = get_locale()
    if locale is None or locale.language == "en":
        return {}
    if locale.text_direction == "rtl":
        return {"lang": "en", "dir": "ltr"}
    return {"lang": "en"}


def who_to_ask(participant: Any) -> dict[str, Any]:
    """The social worker's name and how to reach them, and the council's own number and
    email, for the pages that tell a parent to ask their social worker."""
    from portal.data.interfaces import visible
    from portal.domain.vocabulary import Role

    authority = participant.conference.authority
    return {
        "workers": [
            card
            for card in visible.people(participant)
            if card.participant.role == Role.SOCIAL_WORKER
        ],
        "phone": authority.contact_phone,
        "email": authority.contact_email,
    }


def init_app(app: Flask) -> None:
    app.add_template_filter(with_defaults)
    app.add_template_filter(without_empty_hint)
    # In pages the date and time filters isolate themselves on right-to-left pages; the
    # plain functions (messages, SMS) stay plain text.
    app.add_template_filter(long_date_in_page, "long_date")
    app.add_template_filter(time_of_day_in_page, "time_of_day")
    app.add_template_filter(left_to_right)
    app.add_template_filter(and_list)
    app.add_template_filter(in_english)
    app.add_template_global(content_lang)
    app.add_template_global(language_name)
    app.add_template_global(report_name)
    app.add_template_global(content_attributes)
    app.add_template_global(who_to_ask)

    def _printable_path(path: str) -> str:
        """The path as a link may carry it: a control byte a client sent raw in the query
        (a NUL, a line break) is percent-encoded, so the page stays valid HTML."""
        return "".join(
            f"%{ord(ch):02X}" if ord(ch) < 0x20 or ord(ch) == 0x7F else ch for ch in path
        )

    @app.context_processor
    def service_context() -> dict[str, Any]:
        return {
            "authority_name": current_app.config["AUTHORITY_NAME"],
            "authority_logo_url": current_app.config["AUTHORITY_LOGO_URL"],
            "demo_mode": current_app.config["PORTAL_ENV"] == "development"
            and current_app.config["DEMO_SKIP_SECOND_FACTOR"],
            "current_path": _printable_path(request.full_path.rstrip("?")) if request else "/",
        }
