"""Signing in: one-time codes, invitation links, passwords, lock-out and sessions."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import func, select, update

from portal.data.models import Invitation, Person, SignInCode, SignInSession
from portal.domain import clock
from portal.extensions import db

CODE_LIFETIME = timedelta(minutes=15)
INVITATION_LIFETIME = timedelta(days=14)
MAX_WRONG_TRIES = 5
LOCK_TIME = timedelta(minutes=15)
CODE_DIGITS = 6


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


def normalise_mobile(text: str) -> str | None:
    """UK mobiles in any common form ("07700 900123", "+44 7700 900123") to 07700900123."""
    digits = re.sub(r"[\s().-]", "", text)
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    elif digits.startswith("0044"):
        digits = "0" + digits[4:]
    if re.fullmatch(r"07\d{9}", digits):
        return digits
    return None


def looks_like_contact(text: str) -> bool:
    text = text.strip()
    return bool(EMAIL.match(text)) or normalise_mobile(text) is not None


def find_family_member(contact: str) -> Person | None:
    """The family member or young person with this email or mobile, if any."""
    contact = contact.strip()
    mobile = normalise_mobile(contact)
    if mobile:
        statement = select(Person).where(Person.mobile == mobile)
    else:
        statement = select(Person).where(func.lower(Person.email) == contact.lower())
    person = db.session.scalars(statement.where(Person.is_active.is_(True))).first()
    if person is None or person.is_professional:
        return None
    return person


def find_professional(email: str) -> Person | None:
    statement = select(Person).where(
        func.lower(Person.email) == email.strip().lower(),
        Person.is_professional.is_(True),
        Person.is_active.is_(True),
    )
    return db.session.scalars(statement).first()


# --- Lock-out -----------------------------------------------------------------------------


def locked_until(person: Person) -> datetime | None:
    if person.locked_until and person.locked_until > clock.now():
        return person.locked_until
    return None


def record_failure(person: Person) -> datetime | None:
    """Count a wrong code or password; the fifth in a row locks sign-in for 15 minutes."""
    person.failed_sign_ins += 1
    if person.failed_sign_ins >= MAX_WRONG_TRIES:
        person.locked_until = clock.now() + LOCK_TIME
        person.failed_sign_ins = 0
        # A lock also voids outstanding codes: a new one must be asked for afterwards.
        db.session.execute(
            update(SignInCode)
            .where(SignInCode.person_id == person.id, SignInCode.used_at.is_(None))
            .values(used_at=clock.now())
        )
    db.session.commit()
    return locked_until(person)


def _clear_failures(person: Person) -> None:
    person.failed_sign_ins = 0
    person.locked_until = None


# --- One-time codes -----------------------------------------------------------------------


def issue_code(person: Person) -> str:
    """A new 6-digit code, valid 15 minutes; earlier unused codes stop working."""
    now = clock.now()
    db.session.execute(
        update(SignInCode)
        .where(SignInCode.person_id == person.id, SignInCode.used_at.is_(None))
        .values(used_at=now)
    )
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    db.session.add(
        SignInCode(
            person_id=person.id,
            code_hash=_keyed_hash(f"{person.id}:{code}"),
            expires_at=now + CODE_LIFETIME,
        )
    )
    db.session.commit()
    return code


def clean_code(text: str) -> str:
    """Codes are often pasted with spaces or dashes: keep the digits."""
    return re.sub(r"\D", "", text or "")


@dataclass(frozen=True)
class CodeCheck:
    ok: bool
    locked_until: datetime | None = None


def check_code(person: Person, typed: str) -> CodeCheck:
    """Use the code if it is right, unexpired and unused; otherwise count a wrong try."""
    until = locked_until(person)
    if until:
        return CodeCheck(ok=False, locked_until=until)
    now = clock.now()
    wanted = _keyed_hash(f"{person.id}:{clean_code(typed)}")
    candidate = db.session.scalars(
        select(SignInCode).where(
            SignInCode.person_id == person.id,
            SignInCode.used_at.is_(None),
            SignInCode.expires_at > now,
        )
    ).first()
    if candidate is not None and hmac.compare_digest(candidate.code_hash, wanted):
        candidate.used_at = now
        _clear_failures(person)
        db.session.commit()
        return CodeCheck(ok=True)
    return CodeCheck(ok=False, locked_until=record_failure(person))


# --- Invitation links ---------------------------------------------------------------------


def issue_invitation(person: Person) -> str:
    token = secrets.token_urlsafe(32)
    db.session.add(
        Invitation(
            person_id=person.id,
            token_hash=_keyed_hash(token),
            expires_at=clock.now() + INVITATION_LIFETIME,
        )
    )
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
    if person is None or not person.is_active or locked_until(person):
        return None
    invitation.used_at = clock.now()
    db.session.commit()
    return person


# --- Passwords and the second factor ------------------------------------------------------


def check_password(person: Person | None, password: str) -> bool:
    """Compare in constant effort whether or not the person exists."""
    hasher = password_hasher()
    stored = person.password_hash if person and person.password_hash else None
    try:
        if stored is None:
            hasher.hash(password)  # the same work, so timing says nothing
            return False
        hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
    if person is not None:
        if hasher.check_needs_rehash(stored):
            person.password_hash = hasher.hash(password)
        _clear_failures(person)
        db.session.commit()
    return True


def save_totp_secret(person: Person, secret: str) -> None:
    person.totp_secret = secret
    db.session.commit()


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


def end_session(session_id: str | None) -> None:
    try:
        key = uuid.UUID(str(session_id))
    except ValueError:
        return
    record = db.session.get(SignInSession, key)
    if record is not None and record.ended_at is None:
        record.ended_at = clock.now()
        db.session.commit()
