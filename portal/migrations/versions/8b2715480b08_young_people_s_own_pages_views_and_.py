"""young people's own pages, views and pictures: drafts kept apart from what was sent,
audiences of people (not roles), pictures kept in the database, taking part and feedback

Revision ID: 8b2715480b08
Revises: 122193e5fce5
Create Date: 2026-11-28 12:48:09.097254

"""
import json
import uuid

from alembic import op
import sqlalchemy as sa

import portal.data.types


# revision identifiers, used by Alembic.
revision = '8b2715480b08'
down_revision = '122193e5fce5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('young_person_answers',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('participant_id', sa.Uuid(), nullable=False),
    sa.Column('taking_part', sa.JSON(), nullable=False),
    sa.Column('taking_part_sent_at', portal.data.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('heard', sa.JSON(), nullable=False),
    sa.Column('heard_at', portal.data.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('updated_at', portal.data.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_young_person_answers_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_young_person_answers')),
    sa.UniqueConstraint('participant_id', name=op.f('uq_young_person_answers_participant_id'))
    )
    with op.batch_alter_table('child_view', schema=None) as batch_op:
        batch_op.add_column(sa.Column('share', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('sent_content', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('sent_share', sa.JSON(), nullable=True))

    with op.batch_alter_table('child_view_attachment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('data', sa.LargeBinary(), nullable=True))
        batch_op.create_index(batch_op.f('ix_child_view_attachment_child_view_id'), ['child_view_id'], unique=False)

    _audiences_become_people()


def _id(value):
    # SQLite hands back 32 hex digits, PostgreSQL a UUID: the app compares the dashed form.
    return str(uuid.UUID(str(value))) if value is not None else None


def _as_json(value):
    return json.loads(value) if isinstance(value, str) else value


def _audiences_become_people():
    """A view's audience was a list of roles; now it is the people the child sent it to.
    Each role becomes everyone in that conference with that role (an advocate: only the
    child's own). What was sent before is treated as sent as it stood (ADR 0007)."""
    bind = op.get_bind()
    views = bind.execute(
        sa.text("SELECT id, conference_id, child_id, content, audience, status FROM child_view")
    ).fetchall()
    for view_id, conference_id, child_id, content, audience, status in views:
        roles = set(_as_json(audience) or [])
        people = bind.execute(
            sa.text("SELECT id, role, child_id FROM participant WHERE conference_id = :c"),
            {"c": conference_id},
        ).fetchall()
        chosen = [
            _id(person_id)
            for person_id, role, for_child in people
            if role in roles and (role != 'advocate' or _id(for_child) == _id(child_id))
            and role != 'young_person'
        ]
        sent = status == 'sent'
        share = {"with": "chosen", "people": chosen}
        bind.execute(
            sa.text(
                "UPDATE child_view SET audience = :audience, share = :share,"
                " sent_share = :sent_share, sent_content = :sent_content WHERE id = :id"
            ),
            {
                "audience": json.dumps(chosen),
                "share": json.dumps(share),
                "sent_share": json.dumps(share) if sent else None,
                "sent_content": json.dumps(_as_json(content)) if sent else None,
                "id": view_id,
            },
        )


def downgrade():
    # Audiences go back to roles: the roles of the people each view was sent to.
    bind = op.get_bind()
    for view_id, audience in bind.execute(sa.text("SELECT id, audience FROM child_view")).fetchall():
        ids = _as_json(audience) or []
        roles = sorted(
            {
                role
                for person_id, role in bind.execute(
                    sa.text("SELECT id, role FROM participant")
                ).fetchall()
                if _id(person_id) in ids
            }
        )
        bind.execute(
            sa.text("UPDATE child_view SET audience = :a WHERE id = :id"),
            {"a": json.dumps(roles), "id": view_id},
        )
    with op.batch_alter_table('child_view_attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_child_view_attachment_child_view_id'))
        batch_op.drop_column('data')

    with op.batch_alter_table('child_view', schema=None) as batch_op:
        batch_op.drop_column('sent_share')
        batch_op.drop_column('sent_content')
        batch_op.drop_column('share')

    op.drop_table('young_person_answers')
