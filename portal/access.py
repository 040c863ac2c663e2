"""Who may use each route.

Every view declares its rule with one of these decorators; an architecture test
walks `app.url_map` and fails on any view without one. Roles are per conference,
so a rule that names roles also finds the conference in the URL and gives 404,
never 403, to anyone who is not in it with one of those roles.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, g
from flask_login import current_user, login_required

from portal.data.models import Role, StaffRole
from portal.domain.vocabulary import RUNS_THE_COUNCIL, SEES_EVERY_CONFERENCE

F = TypeVar("F", bound=Callable[..., Any])

PUBLIC = "public"
SIGNED_IN = "signed_in"


def _declare(view: Callable[..., Any], rule: str, roles: frozenset[Role] = frozenset()) -> None:
    view.access_rule = rule  # type: ignore[attr-defined]
    view.access_roles = roles  # type: ignore[attr-defined]


def public(view: F) -> F:
    """Anyone, signed in or not."""
    _declare(view, PUBLIC)
    return view


def signed_in(view: F) -> F:
    """Anyone signed in; what they see is still scoped to their own conferences."""
    wrapped = login_required(view)
    _declare(wrapped, SIGNED_IN)
    return wrapped  # type: ignore[no-any-return]


def conference_roles(*roles: Role, oversight: bool = False) -> Callable[[F], F]:
    """The signed-in person must hold one of `roles` in the conference named by the URL.

    Sets `g.conference` and `g.participant`. Anyone else, including someone in a
    different conference, gets 404 so that the id gives nothing away.

    With `oversight`, council staff who see every conference of their council (a manager,
    the council's administrators: `SEES_EVERY_CONFERENCE`) may also open it, read-only,
    when it is their own council's: `g.participant` is then None and `g.oversight` True.
    """
    allowed = frozenset(roles)

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            from portal.data.interfaces import caseload, conferences

            conference_id = kwargs.get("conference_id")
            if not isinstance(conference_id, uuid.UUID):
                abort(404)
            found = conferences.participation(current_user.id, conference_id, allowed)
            if found is not None:
                g.conference, g.participant, g.oversight = found.conference, found, False
                return view(*args, **kwargs)
            overseen = caseload.overseen(current_user, conference_id) if oversight else None
            if overseen is None:
                abort(404)
            g.conference, g.participant, g.oversight = overseen, None, True
            return view(*args, **kwargs)

        wrapped = login_required(wrapper)
        _declare(wrapped, "conference_roles", allowed)
        wrapped.access_oversight = SEES_EVERY_CONFERENCE if oversight else frozenset()  # type: ignore[attr-defined]
        return wrapped  # type: ignore[no-any-return]

    return decorator


def rule_of(view: Callable[..., Any]) -> str | None:
    return getattr(view, "access_rule", None)


def council_staff(*roles: StaffRole) -> Callable[[F], F]:
    """The signed-in person must be active council staff with one of `roles`; sets
    `g.authority` to their council. Anyone else gets 404, so the page's existence is
    not given away."""
    allowed = frozenset(roles)

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            from portal.data.interfaces import authorities

            authority = authorities.staff_authority(current_user, allowed)
            if authority is None:
                abort(404)
            g.authority = authority
            return view(*args, **kwargs)

        wrapped = login_required(wrapper)
        _declare(wrapped, "council_staff")
        wrapped.access_staff_roles = allowed  # type: ignore[attr-defined]
        return wrapped  # type: ignore[no-any-return]

    return decorator


def authority_administrator(view: F) -> F:
    """The council's administrators: its settings and its staff; sets `g.authority`."""
    return council_staff(*RUNS_THE_COUNCIL)(view)


def advocacy_service(view: F) -> F:
    """The signed-in person must work for an advocacy service; sets `g.advocacy_service`.
    Anyone else gets 404. Every referral is then looked up within that service."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from portal.data.interfaces import advocacy

        service = advocacy.service_of(current_user)
        if service is None:
            abort(404)
        g.advocacy_service = service
        return view(*args, **kwargs)

    wrapped = login_required(wrapper)
    _declare(wrapped, "advocacy_service")
    return wrapped  # type: ignore[no-any-return]
