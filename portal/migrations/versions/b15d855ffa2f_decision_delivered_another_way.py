"""A decision delivered another way: a phone call, printed and posted, or by hand,
recorded with who did it, when and a note (issue 11 item 5, the 24-hour clock).

Revision ID: b15d855ffa2f
Revises: 9469914930bc
Create Date: 2026-11-29 02:02:20.430034

"""
from alembic import op
import sqlalchemy as sa

import portal.data.types


# revision identifiers, used by Alembic.
revision = 'b15d855ffa2f'
down_revision = '9469914930bc'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('decision_delivery_done',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('conference_id', sa.Uuid(), nullable=False),
    sa.Column('participant_id', sa.Uuid(), nullable=False),
    sa.Column('way', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('done_by_id', sa.Uuid(), nullable=True),
    sa.Column('done_at', portal.data.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['conference_id'], ['conference.id'], name=op.f('fk_decision_delivery_done_conference_id_conference'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['done_by_id'], ['person.id'], name=op.f('fk_decision_delivery_done_done_by_id_person')),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_decision_delivery_done_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_delivery_done'))
    )
    with op.batch_alter_table('decision_delivery_done', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_delivery_done_conference_id'), ['conference_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_delivery_done_participant_id'), ['participant_id'], unique=False)



def downgrade():
    with op.batch_alter_table('decision_delivery_done', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_delivery_done_participant_id'))
        batch_op.drop_index(batch_op.f('ix_decision_delivery_done_conference_id'))

    op.drop_table('decision_delivery_done')
