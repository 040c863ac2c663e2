"""A meeting recorded as held: its real times and who attended; decisions marked complete.

Revision ID: 277d83a59fcb
Revises: a59457b44bbf
Create Date: 2026-11-29 02:00:33.242090

"""
from alembic import op
import sqlalchemy as sa

import portal.data.types


# revision identifiers, used by Alembic.
revision = '277d83a59fcb'
down_revision = 'a59457b44bbf'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('attendance',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('conference_id', sa.Uuid(), nullable=False),
    sa.Column('participant_id', sa.Uuid(), nullable=False),
    sa.Column('attended', sa.Boolean(), nullable=False),
    sa.Column('part', sa.Enum('both', 'part_one', 'part_two', name='conferencepart', native_enum=False, length=40), nullable=True),
    sa.Column('joined_by', sa.Enum('in_the_room', 'video', 'phone', name='joinedby', native_enum=False, length=40), nullable=True),
    sa.Column('sent_views_in_writing', sa.Boolean(), nullable=False),
    sa.Column('recorded_by_id', sa.Uuid(), nullable=True),
    sa.Column('recorded_at', portal.data.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conference.id'], name=op.f('fk_attendance_conference_id_conference'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_attendance_participant_id_participant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['person.id'], name=op.f('fk_attendance_recorded_by_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('participant_id', name=op.f('uq_attendance_participant_id'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_conference_id'), ['conference_id'], unique=False)

    with op.batch_alter_table('conference', schema=None) as batch_op:
        batch_op.add_column(sa.Column('started_at', portal.data.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('held_recorded_by_id', sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_conference_held_recorded_by_id_person'), 'person', ['held_recorded_by_id'], ['id'])

    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('child_version_wanted', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('completed_at', portal.data.types.UTCDateTime(timezone=True), nullable=True))



def downgrade():
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_column('completed_at')
        batch_op.drop_column('child_version_wanted')

    with op.batch_alter_table('conference', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_conference_held_recorded_by_id_person'), type_='foreignkey')
        batch_op.drop_column('held_recorded_by_id')
        batch_op.drop_column('started_at')

    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_conference_id'))

    op.drop_table('attendance')
