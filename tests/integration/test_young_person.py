"""Maya's own pages: her views in the form she chooses, who sees each one (down to one
person), how she takes part, whether she felt heard, and her pictures made safe."""

from __future__ import annotations

import io
import re
import resource
import struct
import uuid
import zipfile
import zlib
from datetime import UTC, datetime

import pytest
from PIL import Image
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from portal.data.models import (
    ChildView,
    ChildViewAttachment,
    Decision,
    Outcome,
    Participant,
    Role,
    SubmissionStatus,
    YoungPersonAnswers,
)
from portal.extensions import db
from tests import factories
from tests.pages import form_token


def _khan(app, demo):
    return demo["conferences"]["khan"]


def _participant(app, demo, name):
    with app.app_context():
        return db.session.scalars(
            select(Participant).where(
                Participant.person_id == demo["people"][name],
                Participant.conference_id == demo["conferences"]["khan"],
            )
        ).one()


def _base(demo):
    return f"/conferences/{demo['conferences']['khan']}/young-person"


def _start(client, demo, kind):
    base = _base(demo)
    token = form_token(client, f"{base}/views")
    response = client.post(f"{base}/views", data={"csrf_token": token, "format": kind})
    assert response.status_code == 302
    return response.headers["Location"]


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 degrees to be upright
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (53.0, 31.0, 0.0), "W", (1.0, 7.0, 0.0)
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def _png(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 40)).save(out, format="PNG")
    return out.getvalue()


def _huge_png_header(width=20000, height=20000) -> bytes:
    """A tiny file that claims to be 20000 x 20000 pixels: a decompression bomb's header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 20001 * 50)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat)


def _upload(client, edit_url, data: bytes, name="drawing.jpg", caption="My cat", place=None):
    token = form_token(client, edit_url)
    form = {"csrf_token": token, "caption": caption, "picture": FileStorage(io.BytesIO(data), name)}
    if place:
        form["place"] = place
    # Encoded in memory: the test client would spool a big body to a file it never closes.
    boundary, body = encode_multipart(form)
    return client.post(
        edit_url + "/pictures",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def _attachments(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(ChildViewAttachment))


# --- Landing ------------------------------------------------------------------------------


def test_maya_signing_in_lands_on_her_own_pages_not_the_parents_task_list(client, sign_in, demo):
    sign_in("maya")
    response = client.get("/conferences")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(_base(demo))
    overview = client.get(f"/conferences/{demo['conferences']['khan']}")
    assert overview.headers["Location"].endswith(_base(demo))
    page = client.get(_base(demo)).get_data(as_text=True)
    assert "Say what you think" in page
    assert "Before the meeting" not in page  # the parents' task list
    assert client.get(f"/conferences/{demo['conferences']['khan']}/family").status_code == 404


def test_who_will_be_there_comes_from_the_real_meeting(client, sign_in, demo):
    sign_in("maya")
    page = client.get(_base(demo) + "/about").get_data(as_text=True)
    for words in ("Amira, your mum.", "Daniel, your dad.", "Jo, the chair.", "Priya, your social"):
        assert words in page
    assert "not your fault" in page


# --- A letter, sent to mum only -----------------------------------------------------------


def test_a_letter_is_a_draft_until_sent_and_then_only_mum_sees_it(app, client, sign_in, demo):
    sign_in("maya")
    edit = _start(client, demo, "letter")
    token = form_token(client, edit)
    letter = "Dear chair,\n\nI *miss* my dad.\n- I want calm\n- I want sleep\n\n<script>x</script>"
    saved = client.post(edit, data={"csrf_token": token, "letter": letter, "save": "Save"})
    assert saved.status_code == 302
    page = client.get(edit).get_data(as_text=True)
    assert "I *miss* my dad." in page  # what she typed is kept, as typed
    view_id = uuid.UUID(edit.rsplit("/", 1)[1])

    # Nobody but Maya sees a draft.
    sign_in("amira")
    assert client.get(f"/conferences/{_khan(app, demo)}/views/{view_id}").status_code == 404

    amira = _participant(app, demo, "amira")
    sign_in("maya")
    who = f"{edit}/who-sees-it"
    token = form_token(client, who)
    chosen = client.post(
        who,
        data={
            "csrf_token": token,
            "share_with": "chosen",
            "people": [str(amira.id)],
            "spoken_by": "chair_reads_out",
        },
    )
    assert chosen.status_code == 302
    check = client.get(f"{edit}/check").get_data(as_text=True)
    sentence = re.search(r'id="who-will-see-it">([^<]+)<', check).group(1)
    assert sentence == "Only these people will see it: Amira Khan."
    token = form_token(client, f"{edit}/check")
    assert client.post(f"{edit}/check", data={"csrf_token": token}).status_code == 302

    with app.app_context():
        view = db.session.get(ChildView, view_id)
        assert view.status == SubmissionStatus.SENT
        assert view.audience == [str(amira.id)]

    # Amira sees it on her own home, with the letter's formatting, and nothing run.
    sign_in("amira")
    home = client.get(f"/conferences/{_khan(app, demo)}/family").get_data(as_text=True)
    assert f"/views/{view_id}" in home
    shown = client.get(f"/conferences/{_khan(app, demo)}/views/{view_id}").get_data(as_text=True)
    assert "<strong>miss</strong>" in shown
    assert "<li>I want calm</li>" in shown
    assert "<script>x" not in shown and "&lt;script&gt;x" in shown
    assert "the chair will read this out" in shown

    # Daniel, the chair and the social worker were not chosen.
    for other in ("daniel", "jo", "priya", "sam"):
        sign_in(other)
        assert client.get(f"/conferences/{_khan(app, demo)}/views/{view_id}").status_code == 404
    sign_in("daniel")
    home = client.get(f"/conferences/{_khan(app, demo)}/family").get_data(as_text=True)
    assert str(view_id) not in home


def test_a_change_after_sending_stays_a_draft_until_sent_again(app, client, sign_in, demo):
    sign_in("maya")
    edit = _start(client, demo, "know_and_decide")
    token = form_token(client, edit)
    client.post(edit, data={"csrf_token": token, "know": "I am scared", "save": "Save"})
    token = form_token(client, f"{edit}/who-sees-it")
    client.post(
        f"{edit}/who-sees-it",
        data={"csrf_token": token, "share_with": "chair_and_social_worker", "spoken_by": "myself"},
    )
    token = form_token(client, f"{edit}/check")
    client.post(f"{edit}/check", data={"csrf_token": token})
    token = form_token(client, edit)
    client.post(edit, data={"csrf_token": token, "know": "Unsent words", "save": "Save"})
    assert "Changed, not sent" in client.get(edit).get_data(as_text=True)

    view_id = edit.rsplit("/", 1)[1]
    sign_in("jo")
    page = client.get(f"/conferences/{_khan(app, demo)}/views/{view_id}").get_data(as_text=True)
    assert "I am scared" in page
    assert "Unsent words" not in page


def test_only_my_advocate_is_refused_when_there_is_none_yet(app, client, sign_in, demo):
    # The advocate in this test's meeting is a factory one, not the demo's Sam.
    with app.app_context():
        meeting = factories.conference(family_name="Lone")
        child = factories.child(factories.authority())
        young = factories.person(full_name="Kai Lone")
        factories.participant(meeting, young, Role.YOUNG_PERSON, child_id=child.id)
        factories.participant(meeting, role=Role.CHAIR)
        db.session.commit()
        demo["people"]["kai"] = young.id
        meeting_id, child_id = meeting.id, child.id
    sign_in("kai")
    base = f"/conferences/{meeting_id}/young-person"
    token = form_token(client, f"{base}/views")
    edit = client.post(f"{base}/views", data={"csrf_token": token, "format": "letter"}).headers[
        "Location"
    ]
    token = form_token(client, edit)
    client.post(edit, data={"csrf_token": token, "letter": "Hello", "save": "Save"})
    token = form_token(client, f"{edit}/who-sees-it")
    refused = client.post(
        f"{edit}/who-sees-it",
        data={"csrf_token": token, "share_with": "advocate", "spoken_by": "myself"},
    )
    assert refused.status_code == 200
    assert "You do not have an advocate yet" in refused.get_data(as_text=True)

    # With an advocate for Kai, "only my advocate" means that one person.
    with app.app_context():
        advocate = factories.participant(
            db.session.get(type(meeting), meeting_id), role=Role.ADVOCATE, child_id=child_id
        )
        db.session.commit()
        advocate_id = advocate.id
    token = form_token(client, f"{edit}/who-sees-it")
    client.post(
        f"{edit}/who-sees-it",
        data={"csrf_token": token, "share_with": "advocate", "spoken_by": "advocate"},
    )
    token = form_token(client, f"{edit}/check")
    client.post(f"{edit}/check", data={"csrf_token": token})
    with app.app_context():
        view = db.session.get(ChildView, uuid.UUID(edit.rsplit("/", 1)[1]))
        assert view.audience == [str(advocate_id)]


# --- Pictures -----------------------------------------------------------------------------


def test_a_photo_is_rotated_and_loses_its_gps_and_only_the_chosen_see_it(
    app, client, sign_in, demo
):
    sign_in("maya")
    edit = _start(client, demo, "three_houses")
    response = _upload(client, edit, _jpeg_with_gps(), place="dreams", caption="Our garden")
    assert response.status_code == 302
    with app.app_context():
        stored = db.session.scalars(select(ChildViewAttachment)).all()[-1]
        data, picture_id = stored.data, stored.id
    picture = Image.open(io.BytesIO(data))
    assert picture.size == (48, 64)  # turned upright from the EXIF orientation
    assert not picture.getexif()  # no GPS, no maker, nothing
    assert b"PhoneMaker" not in data and b"GPS" not in data

    url = f"{edit}/pictures/{picture_id}"
    served = client.get(url)
    assert served.status_code == 200
    assert served.mimetype == "image/jpeg"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Content-Disposition"].startswith("inline; filename=")
    # Never run as a page, whatever a browser made of it.
    assert served.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    # Before it is sent, nobody else sees it.
    sign_in("jo")
    assert client.get(url).status_code == 404


ATTACKS = {
    "svg": (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "a.svg"),
    "html": (b"<!doctype html><html><script>alert(1)</script></html>", "a.jpg"),
    "png-html-polyglot": (b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>", "a.png"),
    "zip": (None, "a.zip"),
    "jpeg-with-zip-appended": (None, "a.jpg"),
    "zero-byte": (b"", "a.jpg"),
    "oversized": (b"\xff\xd8\xff" + b"\x00" * (10 * 1024 * 1024 + 10), "big.jpg"),
    "not-really-a-jpeg": (b"\xff\xd8\xff\xe0this is not a picture at all", "a.jpg"),
}


def _attack(name: str) -> bytes:
    data, _filename = ATTACKS[name]
    if data is not None:
        return data
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("evil.html", "<script>alert(1)</script>")
    if name == "zip":
        return archive.getvalue()
    return _jpeg_with_gps() + archive.getvalue()


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_dangerous_files_are_refused_and_nothing_is_stored(app, client, sign_in, demo, attack):
    sign_in("maya")
    edit = _start(client, demo, "words_and_pictures")
    before = _attachments(app)
    response = _upload(client, edit, _attack(attack), name=ATTACKS[attack][1])
    assert response.status_code == 200  # the page again, with the error by the field
    page = response.get_data(as_text=True)
    assert 'class="govuk-error-message"' in page
    assert 'href="#picture"' in page  # and in the error summary at the top
    assert _attachments(app) == before


def test_a_20000_by_20000_png_is_refused_without_using_much_memory(app, client, sign_in, demo):
    sign_in("maya")
    edit = _start(client, demo, "words_and_pictures")
    before = _attachments(app)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes
    response = _upload(client, edit, _huge_png_header(), name="bomb.png")
    peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert response.status_code == 200
    assert "too large" in response.get_data(as_text=True)
    assert _attachments(app) == before
    # Decoding it would take 400 MB; refusing it from its header takes next to nothing.
    assert peak_after - peak_before < 50_000


def test_a_file_far_over_the_limit_gets_a_field_error_not_a_bare_413(app, client, sign_in, demo):
    sign_in("maya")
    edit = _start(client, demo, "words_and_pictures")
    response = _upload(client, edit, b"\xff\xd8\xff" + b"\x00" * (21 * 1024 * 1024))
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "It must be 10 MB or less" in page
    assert 'class="govuk-error-message"' in page


def test_a_png_drawing_keeps_being_a_png(app, client, sign_in, demo):
    sign_in("maya")
    edit = _start(client, demo, "words_and_pictures")
    assert _upload(client, edit, _png(), name="drawing.png").status_code == 302
    with app.app_context():
        stored = db.session.scalars(select(ChildViewAttachment)).all()[-1]
        assert stored.content_type == "image/png"
        assert stored.data.startswith(b"\x89PNG")
        assert stored.stored_name.endswith(".png")
        assert str(stored.id) not in stored.stored_name


# --- Taking part, and was I heard? --------------------------------------------------------


def test_how_maya_takes_part_reaches_the_chair_and_social_worker_only(app, client, sign_in, demo):
    sign_in("maya")
    url = _base(demo) + "/taking-part"
    token = form_token(client, url)
    response = client.post(
        url,
        data={
            "csrf_token": token,
            "coming": "part",
            "joining": "video",
            "meet_chair": "after",
            "upset": "A break and some water",
        },
    )
    assert response.status_code == 302
    for reader in ("jo", "priya"):
        sign_in(reader)
        page = client.get(f"/conferences/{_khan(app, demo)}/what-the-family-said").get_data(
            as_text=True
        )
        assert "A break and some water" in page
        assert "Yes, for part of it" in page
    sign_in("chris")  # the organiser arranges the room but does not read the child's answers
    page = client.get(f"/conferences/{_khan(app, demo)}/what-the-family-said").get_data(
        as_text=True
    )
    assert "A break and some water" not in page


def test_was_i_heard_waits_for_the_decision(client, sign_in, demo):
    sign_in("maya")
    page = client.get(_base(demo) + "/was-i-heard").get_data(as_text=True)
    assert "has not decided yet" in page


def test_after_the_decision_maya_sees_what_the_chair_opened_and_says_if_she_was_heard(
    app, client, sign_in, demo
):
    with app.app_context():
        maya = _participant(app, demo, "maya")
        db.session.add(
            Decision(
                conference_id=maya.conference_id,
                child_id=maya.child_id,
                outcome=Outcome.CHILD_IN_NEED_PLAN,
                published_at=datetime.now(UTC),
            )
        )
        db.session.commit()
    # Maya's demo view is shared with her advocate; share a new one with the chair.
    sign_in("maya")
    edit = _start(client, demo, "feelings_scale")
    token = form_token(client, edit)
    saved = client.post(
        edit, data={"csrf_token": token, "home": "2", "school": "4", "better": "Calm", "save": "S"}
    )
    assert saved.status_code == 302, saved.get_data(as_text=True)
    token = form_token(client, f"{edit}/who-sees-it")
    shared = client.post(
        f"{edit}/who-sees-it",
        data={"csrf_token": token, "share_with": "everyone", "spoken_by": "chair_reads_quietly"},
    )
    assert shared.status_code == 302
    token = form_token(client, f"{edit}/check")
    assert client.post(f"{edit}/check", data={"csrf_token": token}).status_code == 302
    view_id = edit.rsplit("/", 1)[1]
    sign_in("jo")
    page = client.get(f"/conferences/{_khan(app, demo)}/views/{view_id}").get_data(as_text=True)
    assert "Sad" in page and "Happy" in page

    sign_in("maya")
    page = client.get(_base(demo) + "/was-i-heard").get_data(as_text=True)
    assert "The chair read it" in page
    assert "The chair has not opened it" in page  # the three houses, shared with her advocate
    token = form_token(client, _base(demo) + "/was-i-heard")
    response = client.post(
        _base(demo) + "/was-i-heard",
        data={"csrf_token": token, "explained": "yes", "agree": "a_bit", "helped": "no"},
    )
    assert response.status_code == 302
    with app.app_context():
        record = db.session.scalars(select(YoungPersonAnswers)).one()
        assert record.heard["agree"] == "a_bit"
    sign_in("priya")
    page = client.get(f"/conferences/{_khan(app, demo)}/what-the-family-said").get_data(
        as_text=True
    )
    assert "Did this help you say what you wanted?" in page


def test_another_childs_view_cannot_be_edited(app, client, sign_in, demo):
    with app.app_context():
        other = ChildView(
            conference_id=demo["conferences"]["khan"],
            child_id=factories.child(factories.authority()).id,
            format="letter",
            content={"letter": "not Maya's"},
            audience=[],
        )
        db.session.add(other)
        db.session.commit()
        other_id = other.id
    sign_in("maya")
    assert client.get(f"{_base(demo)}/views/{other_id}").status_code == 404


def test_words_and_pictures_keeps_its_words(app, client, sign_in, demo):
    sign_in("maya")
    edit = _start(client, demo, "words_and_pictures")
    token = form_token(client, edit)
    saved = client.post(edit, data={"csrf_token": token, "words": "Me and Leo", "save": "S"})
    assert saved.status_code == 302
    assert "Me and Leo" in client.get(edit).get_data(as_text=True)
