"""booking: drafts, review and transfer-in links, postponing reasons, interpreter

Revision ID: f2c74c706a39
Revises: 7574e4bc0cca
Create Date: 2026-11-28 12:16:42.709790

"""
from alembic import op
import sqlalchemy as sa

import portal.data.types


# revision identifiers, used by Alembic.
revision = 'f2c74c706a39'
down_revision = '7574e4bc0cca'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('booking_draft',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('authority_id', sa.Uuid(), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('updated_at', portal.data.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_at', portal.data.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_booking_draft_authority_id_authority'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['person.id'], name=op.f('fk_booking_draft_created_by_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_draft'))
    )
    with op.batch_alter_table('booking_draft', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_booking_draft_authority_id'), ['authority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_booking_draft_created_by_id'), ['created_by_id'], unique=False)

    with op.batch_alter_table('conference', schema=None) as batch_op:
        batch_op.add_column(sa.Column('previous_conference_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('transfer_in_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('status_reason', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('status_note', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('status_changed_at', portal.data.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_conference_previous_conference_id_conference'), 'conference', ['previous_conference_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('needs_interpreter', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade():
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_column('needs_interpreter')

    with op.batch_alter_table('conference', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_conference_previous_conference_id_conference'), type_='foreignkey')
        batch_op.drop_column('status_changed_at')
        batch_op.drop_column('status_note')
        batch_op.drop_column('status_reason')
        batch_op.drop_column('transfer_in_on')
        batch_op.drop_column('previous_conference_id')

    with op.batch_alter_table('booking_draft', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_booking_draft_created_by_id'))
        batch_op.drop_index(batch_op.f('ix_booking_draft_authority_id'))

    op.drop_table('booking_draft')
