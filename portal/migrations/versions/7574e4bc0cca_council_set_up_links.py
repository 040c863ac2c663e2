"""council set-up links: one-time links for staff and partner professionals to choose a
password and set up an authenticator (only a keyed hash of each link is kept)

Revision ID: 7574e4bc0cca
Revises: b866bb2d3f1b
Create Date: 2026-11-28 12:37:27.790233

"""
from alembic import op
import sqlalchemy as sa

import portal.data.types


# revision identifiers, used by Alembic.
revision = '7574e4bc0cca'
down_revision = 'b866bb2d3f1b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('set_up_link',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('invited_by_id', sa.Uuid(), nullable=True),
    sa.Column('conference_id', sa.Uuid(), nullable=True),
    sa.Column('expires_at', portal.data.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', portal.data.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('replaced_at', portal.data.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', portal.data.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conference.id'], name=op.f('fk_set_up_link_conference_id_conference'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['person.id'], name=op.f('fk_set_up_link_invited_by_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_set_up_link_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_set_up_link')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_set_up_link_token_hash'))
    )
    with op.batch_alter_table('set_up_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_set_up_link_person_id'), ['person_id'], unique=False)



def downgrade():
    with op.batch_alter_table('set_up_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_set_up_link_person_id'))

    op.drop_table('set_up_link')
