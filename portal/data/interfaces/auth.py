"""Signing in: one-time codes, invitation links, passwords, lock-out and sessions."""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

import phonenumbers
import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import case, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from portal.data.models import (
    Channel,
    Invitation,
    Person,
    SignInAttempt,
    SignInCode,
    SignInSession,
    SignInThrottle,
)
from portal.domain import clock
from portal.extensions import db

CODE_LIFETIME = timedelta(minutes=15)
INVITATION_LIFETIME = timedelta(days=14)
CODE_DIGITS = 6
# Wrong codes per attempt (one browser's request), and wrong passwords or authenticator
# codes per professional address before a 15-minute pause.
MAX_WRONG_TRIES = 5
LOCK_TIME = timedelta(minutes=15)
# Codes per address: five in 15 minutes, at most three live in one attempt; after
# sustained guessing at an address (25 wrong codes in a day), one new code an hour.
CODES_PER_WINDOW = 5
CODE_WINDOW = timedelta(minutes=15)
CODES_PER_ATTEMPT = 3
SUSTAINED_GUESSES = 25
GUESS_WINDOW = timedelta(hours=24)
SLOW_WINDOW = timedelta(hours=1)


def _keyed_hash(value: str) -> str:
    """Codes and tokens are kept only as an HMAC, keyed by the app's secret."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def password_hasher() -> PasswordHasher:
    if current_app.config.get("PASSWORD_HASH_FAST"):
        # Tests only: the real parameters take a noticeable time per hash, by design.
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return PasswordHasher()


def hash_password(password: str) -> str:
    return password_hasher().hash(password)


# --- Finding people -----------------------------------------------------------------------

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Families type their own number in whatever way they write it; most are in the UK.
DEFAULT_REGION = "GB"


def normalise_mobile(text: str) -> str | None:
    """A phone number in any common spelling to its one international form (E.164)."""
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_contact(text: str) -> str | None:
    """The one spelling of an email address or mobile number that limits and lookups use."""
    text = (text or "").strip()
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text):
        return None
    if EMAIL.match(text):
        return text.lower()
    if "@" in text:
        return None
    return normalise_mobile(text)


def looks_like_contact(text: str) -> bool:
    return normalise_contact(text) is not None


def _family_member_id(*conditions: Any) -> uuid.UUID | None:
    """The id only, the same one-column query whether or not anyone matches: loading a
    whole person would make a known address measurably slower than an unknown one."""
    return db.session.scalars(
        select(Person.id).where(
            *conditions, Person.is_active.is_(True), Person.is_professional.is_(False)
        )
    ).first()


def find_family_member_id(contact: str) -> uuid.UUID | None:
    """The family member or young person with this (normalised) email or mobile, if any."""
    if contact.startswith("+"):
        return _family_member_id(Person.mobile == contact)
    return _family_member_id(func.lower(Person.email) == contact)


def find_professional(email: str) -> Person | None:
    statement = select(Person).where(
        func.lower(Person.email) == email.strip().lower(),
        Person.is_professional.is_(True),
        Person.is_active.is_(True),
    )
    return db.session.scalars(statement).first()


# --- Counters that parallel requests cannot walk around -----------------------------------


def _insert() -> Any:
    dialect = db.session.get_bind().dialect.name
    return postgresql_insert if dialect == "postgresql" else sqlite_insert


def bump(key: str, window: timedelta) -> int:
    """Add one to a counter that starts again after `window`; return the new count.

    One UPDATE … RETURNING, so parallel requests each see their own number: the
    database orders them (a row lock on PostgreSQL, the write lock on SQLite).
    """
    now = clock.now()
    db.session.execute(
        _insert()(SignInThrottle)
        .values(key=key, count=0, window_started_at=now)
        .on_conflict_do_nothing(index_elements=["key"])
    )
    expired = SignInThrottle.window_started_at <= now - window
    count = db.session.execute(
        update(SignInThrottle)
        .where(SignInThrottle.key == key)
        .values(
            count=case((expired, 1), else_=SignInThrottle.count + 1),
            window_started_at=case((expired, now), else_=SignInThrottle.window_started_at),
        )
        .returning(SignInThrottle.count)
    ).scalar_one()
    db.session.commit()
    return int(count)


def peek(key: str, window: timedelta) -> int:
    """The counter's value now, without adding to it."""
    record = db.session.get(SignInThrottle, key)
    if record is None or record.window_started_at <= clock.now() - window:
        return 0
    return record.count


def reset(key: str) -> None:
    db.session.execute(delete(SignInThrottle).where(SignInThrottle.key == key))
    db.session.commit()


def contact_key(contact: str) -> str:
    return _keyed_hash(f"contact:{contact}")


def professional_key(email: str) -> str:
    return "password:" + _keyed_hash(f"professional:{email.strip().lower()}")


# --- One-time codes -----------------------------------------------------------------------


class CodeOutcome(enum.Enum):
    SIGNED_IN = "signed-in"
    WRONG = "wrong"  # not right, or run out
    USED_UP = "used-up"  # too many wrong tries for this attempt


@dataclass(frozen=True)
class CodeCheck:
    outcome: CodeOutcome
    person: Person | None = None
    contact_key: str | None = None


@dataclass(frozen=True)
class NewCode:
    attempt_id: uuid.UUID
    # An id, not the object: after the commit an object would be reloaded, and that extra
    # query would make a known address measurably slower than an unknown one.
    person_id: uuid.UUID | None
    code: str
    code_id: uuid.UUID
    channel: Channel


def _random_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def may_send_code(key: str, trusted_browser: bool = False) -> bool:
    """Whether another code may go to this address now (the same answer known or not).

    Five codes in 15 minutes; after sustained guessing, one an hour, so a guesser gets
    very few tries. A browser that has signed in with this address before is not held
    back by what others do with the address (docs/adr/0006).
    """
    if trusted_browser:
        return True
    # A council may allow more codes per address (the browser tests sign the same
    # demo people in many times); never fewer than the default's protection intends.
    allowed = int(current_app.config.get("SIGN_IN_CODES_PER_15_MINUTES", CODES_PER_WINDOW))
    if bump(f"codes:{key}", CODE_WINDOW) > allowed:
        return False
    if peek(f"guesses:{key}", GUESS_WINDOW) >= SUSTAINED_GUESSES:
        return bump(f"slow:{key}", SLOW_WINDOW) <= 1
    return True


def add_code(
    contact: str | None = None,
    earlier: SignInAttempt | None = None,
    trusted_key: str | None = None,
) -> NewCode | None:
    """A new code for a typed address, or another for this browser's attempt.

    Earlier codes of the same attempt keep working: asking for another never cancels
    one. None when sending must wait (the same answer for known and unknown addresses).
    """
    now = clock.now()
    if earlier is not None:
        key = earlier.contact_key
        person_id = _family_member_id(Person.id == earlier.person_id)
        live_codes = (
            db.session.scalar(
                select(func.count())
                .select_from(SignInCode)
                .where(SignInCode.attempt_id == earlier.id, SignInCode.expires_at > now)
            )
            or 0
        )
        attempt = (
            earlier if _attempt_is_open(earlier, now) and live_codes < CODES_PER_ATTEMPT else None
        )
    elif contact is not None:
        key = contact_key(contact)
        person_id = find_family_member_id(contact)
        attempt = None
    else:
        return None
    if not may_send_code(key, trusted_browser=trusted_key == key):
        return None
    if attempt is None:
        # Earlier's channel when it had one; a typed mobile number (E.164) means a text.
        if earlier is not None:
            channel = earlier.channel
        else:
            channel = Channel.SMS if (contact or "").startswith("+") else Channel.EMAIL
        attempt = SignInAttempt(
            contact_key=key, person_id=person_id, channel=channel, expires_at=now
        )
        db.session.add(attempt)
        db.session.flush()
    code = _random_code()
    # An unknown address gets a code that no one is told: the same rows, the same path.
    secret = code if person_id is not None else secrets.token_hex(16)
    code_row = SignInCode(
        id=uuid.uuid4(),
        attempt_id=attempt.id,
        code_hash=_keyed_hash(f"{attempt.id}:{secret}"),
        expires_at=now + CODE_LIFETIME,
    )
    db.session.add(code_row)
    attempt.expires_at = now + CODE_LIFETIME
    db.session.flush()
    return NewCode(
        attempt_id=attempt.id,
        person_id=person_id,
        code=code,
        code_id=code_row.id,
        channel=attempt.channel,
    )


def commit() -> None:
    """The request's explicit commit point, after its changes and queued messages."""
    db.session.commit()


def find_attempt(attempt_id: str | None) -> SignInAttempt | None:
    try:
        key = uuid.UUID(str(attempt_id))
    except ValueError:
        return None
    return db.session.get(SignInAttempt, key)


def _attempt_is_open(attempt: SignInAttempt, now: datetime) -> bool:
    return attempt.used_at is None and attempt.tries < MAX_WRONG_TRIES and attempt.expires_at > now


def clean_code(text: str) -> str:
    """Codes are often pasted with spaces or dashes: keep the digits."""
    return re.sub(r"\D", "", text or "")


def check_code(attempt_id: uuid.UUID, typed: str) -> CodeCheck:
    """Count the try first, in one statement; only then compare the code.

    However many requests arrive at once, at most five are ever compared.
    """
    now = clock.now()
    counted = db.session.execute(
        update(SignInAttempt)
        .where(
            SignInAttempt.id == attempt_id,
            SignInAttempt.used_at.is_(None),
            SignInAttempt.tries < MAX_WRONG_TRIES,
            SignInAttempt.expires_at > now,
        )
        .values(tries=SignInAttempt.tries + 1)
        .returning(SignInAttempt.tries, SignInAttempt.person_id, SignInAttempt.contact_key)
    ).first()
    db.session.commit()
    if counted is None:
        attempt = db.session.get(SignInAttempt, attempt_id)
        if attempt is not None and attempt.tries >= MAX_WRONG_TRIES:
            return CodeCheck(CodeOutcome.USED_UP)
        return CodeCheck(CodeOutcome.WRONG)
    tries, person_id, key = counted
    codes = db.session.scalars(
        select(SignInCode.code_hash).where(
            SignInCode.attempt_id == attempt_id, SignInCode.expires_at > now
        )
    ).all()
    wanted = _keyed_hash(f"{attempt_id}:{clean_code(typed)}")
    matched = False
    for code_hash in codes:
        matched |= hmac.compare_digest(code_hash, wanted)
    if matched and person_id is not None:
        # Used once only, even by two right codes at the same moment.
        used = db.session.execute(
            update(SignInAttempt)
            .where(SignInAttempt.id == attempt_id, SignInAttempt.used_at.is_(None))
            .values(used_at=now)
            .returning(SignInAttempt.id)
        ).first()
        db.session.commit()
        person = db.session.get(Person, person_id)
        if used is not None and person is not None and person.is_active:
            return CodeCheck(CodeOutcome.SIGNED_IN, person, key)
    bump(f"guesses:{key}", GUESS_WINDOW)
    if tries >= MAX_WRONG_TRIES:
        return CodeCheck(CodeOutcome.USED_UP)
    return CodeCheck(CodeOutcome.WRONG)


# --- Invitation links ---------------------------------------------------------------------


def issue_invitation(person: Person, commit: bool = True) -> str:
    """A new sign-in link's token; `commit=False` leaves it in the caller's transaction
    (an invitation message written with the booking that causes it)."""
    token = secrets.token_urlsafe(32)
    db.session.add(
        Invitation(
            person_id=person.id,
            token_hash=_keyed_hash(token),
            expires_at=clock.now() + INVITATION_LIFETIME,
        )
    )
    if commit:
        db.session.commit()
    return token


def find_invitation(token: str) -> Invitation | None:
    """An unused, unexpired invitation (looking does not use it)."""
    return db.session.scalars(
        select(Invitation).where(
            Invitation.token_hash == _keyed_hash(token),
            Invitation.used_at.is_(None),
            Invitation.expires_at > clock.now(),
        )
    ).first()


def use_invitation(token: str) -> Person | None:
    invitation = find_invitation(token)
    if invitation is None:
        return None
    person = db.session.get(Person, invitation.person_id)
    # A link is never enough for a professional: they need a password and a second factor.
    if person is None or not person.is_active or person.is_professional:
        return None
    invitation.used_at = clock.now()
    db.session.commit()
    return person


# --- Passwords and the second factor ------------------------------------------------------


@lru_cache(maxsize=2)
def _stand_in_hash(fast: bool) -> str:
    """A hash of a random password, so an unknown email costs one real verification."""
    return password_hasher().hash(secrets.token_urlsafe(16))


def count_professional_try(email: str) -> int:
    """Count a password or authenticator try before checking it; the try's number.

    Keyed by the typed email, so a known and an unknown address lock alike. Past
    MAX_WRONG_TRIES nothing is checked until LOCK_TIME has passed.
    """
    return bump(professional_key(email), LOCK_TIME)


def check_password(person: Person | None, password: str) -> bool:
    """One argon2 verification whether or not the person exists, so timing says nothing."""
    hasher = password_hasher()
    stored = person.password_hash if person and person.password_hash else None
    try:
        hasher.verify(stored or _stand_in_hash(hasher.time_cost == 1), password)
    except (VerificationError, InvalidHashError):
        return False
    if person is None or stored is None:
        return False
    if hasher.check_needs_rehash(stored):
        person.password_hash = hasher.hash(password)
        db.session.commit()
    return True


def setup_secret(person: Person, nonce: str) -> str:
    """The authenticator secret being set up, derived on the server from a random nonce.

    The browser keeps only the nonce, never the secret itself.
    """
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"totp-setup:{person.id}:{nonce}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:20]).decode()


def use_authenticator_code(person: Person, secret: str, typed: str) -> bool:
    """Right code, not used before: each 30-second step works once (replay refused)."""
    totp = pyotp.TOTP(secret)
    typed = clean_code(typed)
    now = clock.now()
    for offset in (-1, 0, 1):
        step = totp.timecode(now) + offset
        if hmac.compare_digest(totp.generate_otp(step), typed):
            claimed = db.session.execute(
                update(Person)
                .where(
                    Person.id == person.id,
                    or_(Person.totp_last_step.is_(None), Person.totp_last_step < step),
                )
                .values(totp_last_step=step)
                .returning(Person.id)
            ).first()
            db.session.commit()
            return claimed is not None
    return False


def save_totp_secret(person: Person, secret: str) -> None:
    person.totp_secret = secret
    db.session.commit()


def signed_in_professional(person: Person) -> None:
    """A full sign-in clears the count of wrong tries for this address."""
    if person.email:
        reset(professional_key(person.email))


# --- Sessions -----------------------------------------------------------------------------


def start_session(person: Person) -> SignInSession:
    record = SignInSession(person_id=person.id, started_at=clock.now())
    db.session.add(record)
    db.session.commit()
    return record


def live_session(session_id: str | None, person_id: str | None) -> SignInSession | None:
    try:
        key = uuid.UUID(str(session_id))
    except ValueError:
        return None
    record = db.session.get(SignInSession, key)
    if record is None or record.ended_at is not None or str(record.person_id) != person_id:
        return None
    return record


def signed_in(session_id: str | None, person_id: str | None) -> tuple[SignInSession, Person] | None:
    """The live session and its (active) person, in one query: every signed-in request
    asks this first."""
    try:
        key, person_key = uuid.UUID(str(session_id)), uuid.UUID(str(person_id))
    except ValueError:
        return None
    row = db.session.execute(
        select(SignInSession, Person)
        .join(Person, Person.id == SignInSession.person_id)
        .where(
            SignInSession.id == key,
            SignInSession.ended_at.is_(None),
            Person.id == person_key,
            Person.is_active,
        )
    ).first()
    return (row[0], row[1]) if row is not None else None


def end_session(session_id: str | None) -> None:
    try:
        key = uuid.UUID(str(session_id))
    except ValueError:
        return
    record = db.session.get(SignInSession, key)
    if record is not None and record.ended_at is None:
        record.ended_at = clock.now()
        db.session.commit()
