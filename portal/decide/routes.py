"""After the meeting: the chair or organiser records that it was held (real times, who took
part and how); the chair records the decision for each child, with the words for the
family, checks it and marks it complete. Publishing is a separate step (portal.publishing).

Rules live in `portal.domain.decisions`; this module reads the form, asks the rules, saves
through `portal.data.interfaces.decisions` and shows each problem next to its field.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from datetime import datetime
from typing import Any

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from portal.access import conference_roles
from portal.data.interfaces import deadlines as deadline_store, decisions as store
from portal.data.models import Child, Conference, Decision, Participant
from portal.decide import bp, errors
from portal.decide.forms import (
    ACTION_PARTS,
    AGENCY_PARTS,
    MOST_ROWS,
    NOT_THERE,
    CompleteForm,
    action_field,
    agency_field,
    decision_form,
    held_form,
    how_field,
    part_field,
    writing_field,
)
from portal.domain import clock, decisions as rules
from portal.domain.booking import parse_time
from portal.domain.deadlines import LONDON, load_policy, london_date
from portal.domain.decisions import (
    ActionDraft,
    AgencyViewDraft,
    AttendanceAnswer,
    DateLimits,
    DecisionDraft,
)
from portal.domain.published_plan import PublishedPlan
from portal.domain.vocabulary import FAMILY_ROLES, ConferenceStatus, Outcome, Role
from portal.glossary import advise
from portal.labels import label
from portal.templating import long_date

# Who records the meeting as held: the chair, and the organiser who arranged it.
RECORDS_THE_MEETING = (Role.CHAIR, Role.ADMINISTRATOR)
# Who can be in the core group from the meeting's own people (B&NES 7): the family's adults
# and the professionals who carry the plan; not the chair, organiser or interpreter.
CORE_GROUP_ROLES = frozenset({Role.PARENT, Role.SUPPORTER, Role.SOCIAL_WORKER, Role.PROFESSIONAL})


def _clock_time(moment: datetime | None) -> str:
    return moment.astimezone(LONDON).strftime("%H:%M") if moment else ""


# --- The meeting held ---------------------------------------------------------------------


@bp.route("/<uuid:conference_id>/held", methods=["GET", "POST"])
@conference_roles(*RECORDS_THE_MEETING)
def held(conference_id: uuid.UUID) -> str | Response:
    conference: Conference = g.conference
    people = store.participants(conference.id)
    recorded = store.attendance(conference.id)
    ids = [str(person.id) for person in people]
    form = held_form(ids, conference.in_two_parts)
    cancelled = conference.status == ConferenceStatus.CANCELLED
    if request.method == "GET":
        _fill_held(form, conference, people, recorded)
    elif not cancelled:
        valid = form.validate_on_submit()
        answers, problems = _held_answers(form, conference, people)
        if valid and not problems:
            day = form.day.data
            starts, ends = parse_time(form.starts.data), parse_time(form.ends.data)
            assert day and starts and ends
            started_at = rules.held_moment(day, starts)
            ended_at = rules.held_moment(day, ends)
            assert started_at and ended_at
            store.record_held(conference, started_at, ended_at, answers, current_user.id)
            flash(_("The meeting is recorded as held. The deadlines after it count from its end."))
            if g.participant.role == Role.CHAIR:
                return redirect(url_for("decide.decisions", conference_id=conference_id))
            return redirect(url_for("conferences.overview", conference_id=conference_id))
    return render_template(
        "decide/held.html",
        conference=conference,
        form=form,
        people=people,
        cancelled=cancelled,
        how_field=how_field,
        part_field=part_field,
        writing_field=writing_field,
    )


def _fill_held(
    form: Any, conference: Conference, people: list[Participant], recorded: dict[uuid.UUID, Any]
) -> None:
    """What was recorded before, or the booked day and times to start from."""
    ended = conference.ended_at
    form.day.data = london_date(ended) if ended else london_date(conference.starts_at)
    form.starts.data = _clock_time(conference.started_at or conference.starts_at)
    form.ends.data = _clock_time(ended or conference.expected_end_at)
    for person in people:
        row = recorded.get(person.id)
        if row is not None:
            how = row.joined_by.value if row.attended and row.joined_by else NOT_THERE
            form[how_field(str(person.id))].data = how
            form[writing_field(str(person.id))].data = row.sent_views_in_writing
        if conference.in_two_parts:
            part = row.part if row is not None and row.part else person.part
            form[part_field(str(person.id))].data = part.value


def _held_answers(
    form: Any, conference: Conference, people: list[Participant]
) -> tuple[dict[uuid.UUID, AttendanceAnswer], bool]:
    """Each person's answer, with every problem put next to its field; and whether any."""
    problems = False
    starts = parse_time(form.starts.data) if form.starts.data else None
    ends = parse_time(form.ends.data) if form.ends.data else None
    for name, typed, parsed in (
        ("starts", form.starts.data, starts),
        ("ends", form.ends.data, ends),
    ):
        if typed and parsed is None:
            form[name].errors = [*form[name].errors, errors.TIME_FORMAT]
            problems = True
    found = rules.held_problems(
        conference.status,
        form.day.data,
        starts,
        ends,
        clock.now(),
    )
    for name, code in found.items():
        if form[name].errors:
            continue  # the form already says what is wrong with it
        if name in ("starts", "ends") and form[name].data and code == "missing":
            continue
        form[name].errors = [*form[name].errors, errors.HELD[(name, code)]]
        problems = True
    answers = {}
    for person in people:
        key = str(person.id)
        how = form[how_field(key)].data
        if how is None:
            problems = True
            continue
        part_data = form[part_field(key)].data if conference.in_two_parts else None
        answer = AttendanceAnswer(
            attended=how != NOT_THERE,
            part=part_data if conference.in_two_parts else None,
            joined_by=None if how == NOT_THERE else how,
            sent_views_in_writing=bool(form[writing_field(key)].data),
        )
        for field_name, _code in rules.attendance_problems(answer, conference.in_two_parts).items():
            name = part_field(key) if field_name == "part" else how_field(key)
            message = errors.CHOOSE_PART if field_name == "part" else errors.CHOOSE_HOW
            form[name].errors = [*form[name].errors, message]
            problems = True
        answers[person.id] = answer
    return answers, problems or bool(form.errors)


# --- The decisions ------------------------------------------------------------------------


def _child(conference: Conference, child_id: uuid.UUID) -> Child:
    child = next((child for child in conference.children if child.id == child_id), None)
    return child or abort(404)


@bp.get("/<uuid:conference_id>/decisions")
@conference_roles(Role.CHAIR)
def decisions(conference_id: uuid.UUID) -> str:
    conference: Conference = g.conference
    found = store.by_child(conference.id)
    rows = []
    for child in conference.children:
        decision = found.get(child.id)
        state = rules.state_of(decision is not None, decision.completed_at if decision else None)
        rows.append((child, decision, state, _unpublished_changes(decision)))
    return render_template(
        "decide/decisions.html",
        conference=conference,
        rows=rows,
        held=conference.status == ConferenceStatus.HELD,
    )


def _unpublished_changes(decision: Decision | None) -> bool:
    """The working copy changed after its latest published version."""
    if decision is None or decision.published is None or decision.updated_at is None:
        return False
    return decision.updated_at > decision.published.published_at


def _limits(conference: Conference) -> DateLimits:
    deadlines = deadline_store.for_conference(conference)
    assert conference.ended_at is not None
    return rules.date_limits(
        london_date(conference.ended_at), {line.key: line.deadline for line in deadlines.lines}
    )


def _member_name(participant: Participant) -> str:
    """A core group member as the family will read it: "Priya Patel, Social worker"."""
    role = participant.relationship_to_child or participant.agency or label(participant.role)
    return _("%(name)s, %(role)s", name=participant.person.full_name, role=role)


def _rows(formdata: MultiDict[str, str], prefix: str) -> int:
    pattern = re.compile(rf"^{prefix}_(\d+)_")
    indexes = [int(match.group(1)) for key in formdata if (match := pattern.match(key))]
    return min(max(indexes) + 1, MOST_ROWS) if indexes else 0


def _without_row(formdata: MultiDict[str, str], prefix: str, removed: int) -> MultiDict[str, str]:
    """The form's answers with one row taken out and the rows after it moved up."""
    pattern = re.compile(rf"^{prefix}_(\d+)_(.+)$")
    kept: MultiDict[str, str] = MultiDict()
    for key, values in formdata.lists():
        match = pattern.match(key)
        if match is None:
            kept.setlist(key, values)
            continue
        index = int(match.group(1))
        if index == removed:
            continue
        new_index = index - 1 if index > removed else index
        kept.setlist(f"{prefix}_{new_index}_{match.group(2)}", values)
    return kept


def _ok(form: Any, name: str) -> Any:
    """A field's answer, or None when the form refused it (too long, not a real date)."""
    field = form[name]
    return None if field.errors else field.data


def _draft_from(form: Any, action_rows: int, agency_rows: int, choices: dict[str, str]) -> Any:
    # A tampered choice is refused by the form (not a valid choice) and never reaches a column.
    outcome = Outcome(form.outcome.data) if _ok(form, "outcome") else None
    chosen = [choices[key] for key in form.core_group.data or [] if key in choices]
    others = [line.strip() for line in (_ok(form, "core_group_others") or "").splitlines()]
    return DecisionDraft(
        outcome=outcome,
        category=_ok(form, "category") or None,
        plan_ended_reason=_ok(form, "plan_ended_reason") or "",
        reasons=_ok(form, "reasons") or "",
        agency_views=tuple(
            AgencyViewDraft(
                agency=_ok(form, agency_field(index, "agency")) or "",
                view=_ok(form, agency_field(index, "view")) or "",
                disagrees=bool(form[agency_field(index, "disagrees")].data),
            )
            for index in range(agency_rows)
        ),
        dissent=_ok(form, "dissent") or "",
        actions=tuple(
            ActionDraft(
                what=_ok(form, action_field(index, "what")) or "",
                who=_ok(form, action_field(index, "who")) or "",
                by_when=_ok(form, action_field(index, "by_when")),
                how_we_will_know=_ok(form, action_field(index, "how_we_will_know")) or "",
            )
            for index in range(action_rows)
        ),
        contingency_plan=_ok(form, "contingency_plan") or "",
        visiting_frequency=_ok(form, "visiting_frequency") or "",
        core_group_members=tuple(dict.fromkeys([*chosen, *(line for line in others if line)])),
        first_core_group_on=_ok(form, "first_core_group_on"),
        review_on=_ok(form, "review_on"),
        family_summary=_ok(form, "family_summary") or "",
        child_version_wanted=bool(form.child_version_wanted.data),
        child_summary=_ok(form, "child_summary") or "",
    )


def _fill_decision(
    form: Any,
    draft: DecisionDraft,
    choices: dict[str, str],
    excluded: list[str],
    reason: str,
) -> None:
    if draft.outcome is not None:
        form.outcome.data = draft.outcome.value
    form.category.data = draft.category
    for name in (
        "plan_ended_reason",
        "reasons",
        "dissent",
        "contingency_plan",
        "visiting_frequency",
        "first_core_group_on",
        "review_on",
        "family_summary",
        "child_version_wanted",
        "child_summary",
    ):
        form[name].data = getattr(draft, name)
    by_name = {name: key for key, name in choices.items()}
    form.core_group.data = [by_name[m] for m in draft.core_group_members if m in by_name]
    form.core_group_others.data = "\n".join(m for m in draft.core_group_members if m not in by_name)
    for index, action in enumerate(draft.actions):
        for part in ACTION_PARTS:
            form[action_field(index, part)].data = getattr(action, part)
    for index, view in enumerate(draft.agency_views):
        for part in AGENCY_PARTS:
            form[agency_field(index, part)].data = getattr(view, part)
    form.not_to_receive.data = excluded
    form.exclusion_reason.data = reason


def _from_current_plan(plan: PublishedPlan | None) -> DecisionDraft:
    """A review starts from the plan in place: its actions, contingency plan, visits and
    core group, for the chair to update."""
    if plan is None:
        return DecisionDraft(outcome=None)
    return DecisionDraft(
        outcome=None,
        actions=tuple(
            ActionDraft(step.what, step.who, step.by_when, step.how_we_will_know)
            for step in plan.actions
        ),
        contingency_plan=plan.contingency_plan,
        visiting_frequency=plan.visiting_frequency,
        core_group_members=plan.core_group_members,
    )


def _show_problems(form: Any, problems: dict[str, Any], limits: DateLimits) -> None:
    """Each problem as a translated message next to its field."""
    for name, message in _problem_list(problems, limits):
        if name in form and not form[name].errors:
            form[name].errors = [message]


def _child_advice(text: str) -> tuple[Any, int]:
    """The plain-words advice for a child's version: aimed at 80, sentences of 15 words."""
    advice = advise(text)
    return replace(advice, band=rules.child_band(advice.ease)), rules.long_sentences(text)


@bp.route("/<uuid:conference_id>/decisions/child/<uuid:child_id>", methods=["GET", "POST"])
@conference_roles(Role.CHAIR)
def decision(conference_id: uuid.UUID, child_id: uuid.UUID) -> str | Response:
    conference: Conference = g.conference
    me: Participant = g.participant
    child = _child(conference, child_id)
    if conference.status != ConferenceStatus.HELD:
        flash(_("Record that the meeting was held before you record a decision."))
        return redirect(url_for("decide.decisions", conference_id=conference_id))
    found = store.for_child(conference.id, child.id)
    limits = _limits(conference)
    people = store.participants(conference.id)
    core_choices = {str(p.id): _member_name(p) for p in people if p.role in CORE_GROUP_ROLES}
    family = [p for p in people if p.role in FAMILY_ROLES]
    shut_out = store.exclusions(conference.id, found.id if found else None)
    family_choices = [
        (str(p.id), _("%(name)s (%(role)s)", name=p.person.full_name, role=label(p.role)))
        for p in family
        if p.id not in shut_out.conference_wide
    ]
    conference_wide = [p for p in family if p.id in shut_out.conference_wide]
    outcomes = rules.outcomes_for(conference.kind)
    extra = {"child_name": child.first_name}
    saved: Decision | None = None

    if request.method == "GET":
        draft = (
            store.draft_of(found)
            if found
            else _from_current_plan(store.current_plan(conference, child.id))
        )
        form = decision_form(
            outcomes,
            max(1, len(draft.actions)),
            max(1, len(draft.agency_views)),
            list(core_choices.items()),
            family_choices,
            **extra,
        )
        _fill_decision(
            form,
            draft,
            core_choices,
            [str(key) for key in shut_out.for_decision],
            shut_out.reason,
        )
    else:
        formdata: MultiDict[str, str] = MultiDict(request.form)
        action_rows, agency_rows = _rows(formdata, "action"), _rows(formdata, "agency")
        changing_rows = False
        if (removed := _index(formdata.get("remove_action"), action_rows)) is not None:
            formdata, action_rows, changing_rows = (
                _without_row(formdata, "action", removed),
                action_rows - 1,
                True,
            )
        if (removed := _index(formdata.get("remove_agency"), agency_rows)) is not None:
            formdata, agency_rows, changing_rows = (
                _without_row(formdata, "agency", removed),
                agency_rows - 1,
                True,
            )
        if "add_action" in formdata:
            action_rows, changing_rows = min(action_rows + 1, MOST_ROWS), True
        if "add_agency" in formdata:
            agency_rows, changing_rows = min(agency_rows + 1, MOST_ROWS), True
        form = decision_form(
            outcomes,
            max(1, action_rows),
            max(1, agency_rows),
            list(core_choices.items()),
            family_choices,
            formdata=formdata,
            **extra,
        )
        valid = form.validate()  # CSRFProtect has already checked the token
        draft = _draft_from(form, max(1, action_rows), max(1, agency_rows), core_choices)
        problems = rules.problems_as_typed(draft, conference.kind, clock.today_in_london(), limits)
        excluded = [uuid.UUID(key) for key in form.not_to_receive.data or [] if _is_id(key)]
        reason = _ok(form, "exclusion_reason") or ""
        if excluded and not reason:
            problems["exclusion_reason"] = "missing"
        if draft.outcome is not None:
            saved = store.save_draft(conference, child.id, draft)
            if "exclusion_reason" not in problems:
                store.set_exclusions(me, saved, excluded, reason)
            store.commit()
        if changing_rows:
            # Adding or removing a row: the same page again, with nothing marked wrong yet.
            form = _without_errors(form)
        else:
            _show_problems(form, problems, limits)
            if valid and not problems and saved is not None:
                if "check" in formdata:
                    return redirect(
                        url_for("decide.check", conference_id=conference_id, child_id=child.id)
                    )
                flash(_("Your draft is saved. Nobody else sees it until it is published."))
                return redirect(
                    url_for("decide.decision", conference_id=conference_id, child_id=child.id)
                )
        found = saved or found

    child_text = form.child_summary.data or ""
    child_advice, long_sentences = _child_advice(child_text) if child_text else (None, 0)
    policy = load_policy(conference.authority.policy_key)
    return render_template(
        "decide/decision.html",
        conference=conference,
        child=child,
        decision=found,
        form=form,
        limits=limits,
        action_rows=_count_rows(form, "action"),
        agency_rows=_count_rows(form, "agency"),
        action_field=action_field,
        agency_field=agency_field,
        conference_wide=conference_wide,
        dissent=policy.dissent,
        child_advice=child_advice,
        long_sentences=long_sentences,
        saved_with_problems=saved is not None and bool(form.errors),
    )


def _index(value: str | None, rows: int) -> int | None:
    if value is None or not value.isdigit():
        return None
    index = int(value)
    return index if index < rows else None


def _is_id(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _count_rows(form: Any, prefix: str) -> int:
    count = 0
    while f"{prefix}_{count}_{'what' if prefix == 'action' else 'agency'}" in form:
        count += 1
    return count


def _without_errors(form: Any) -> Any:
    for field in form:
        field.errors = []
    return form


@bp.route("/<uuid:conference_id>/decisions/child/<uuid:child_id>/check", methods=["GET", "POST"])
@conference_roles(Role.CHAIR)
def check(conference_id: uuid.UUID, child_id: uuid.UUID) -> str | Response:
    conference: Conference = g.conference
    child = _child(conference, child_id)
    found = store.for_child(conference.id, child.id)
    if conference.status != ConferenceStatus.HELD or found is None:
        return redirect(url_for("decide.decision", conference_id=conference_id, child_id=child.id))
    limits = _limits(conference)
    draft = store.draft_of(found)
    problems = rules.problems_before_complete(
        draft, conference.kind, clock.today_in_london(), limits
    )
    form = CompleteForm()
    if form.validate_on_submit() and not problems:
        store.mark_complete(found)
        flash(
            _(
                "The decision for %(name)s is complete. It is ready to publish.",
                name=child.first_name,
            )
        )
        return redirect(url_for("decide.decisions", conference_id=conference_id))
    shut_out = store.exclusions(conference.id, found.id)
    names = {p.id: p.person.full_name for p in store.family_recipients(conference.id)}
    return render_template(
        "decide/check.html",
        conference=conference,
        child=child,
        decision=found,
        draft=draft,
        problems=_problem_list(problems, limits),
        form=form,
        not_to_receive=[names[key] for key in shut_out.for_decision if key in names],
        not_to_receive_reason=shut_out.reason,
        everyone_excluded=[names[key] for key in shut_out.conference_wide if key in names],
    )


def _problem_list(problems: dict[str, Any], limits: DateLimits) -> list[tuple[str, str]]:
    """(field id on the form, message) for each problem, in the order of the form."""
    listed: list[tuple[str, str]] = []
    for name, code in problems.items():
        if name == "actions":
            for index, by_field in code.items():
                for part, part_code in by_field.items():
                    listed.append(
                        (action_field(index, part), str(errors.ACTION[(part, part_code)]))
                    )
        elif name == "agency_views":
            for index, by_field in code.items():
                for part, part_code in by_field.items():
                    listed.append(
                        (agency_field(index, part), str(errors.AGENCY[(part, part_code)]))
                    )
        elif (name, code) == ("first_core_group_on", "too_late"):
            message = errors.FIRST_CORE_GROUP_TOO_LATE % {
                "date": long_date(limits.first_core_group_by)
            }
            listed.append((name, str(message)))
        elif (name, code) == ("review_on", "too_late"):
            listed.append(
                (name, str(errors.REVIEW_TOO_LATE % {"date": long_date(limits.review_by)}))
            )
        elif name == "no_actions":
            listed.append((action_field(0, "what"), str(errors.DECISION[(name, code)])))
        else:
            listed.append((name, str(errors.DECISION[(name, code)])))
    return listed
