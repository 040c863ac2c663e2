"""what the family sent is kept apart from the draft they are working on

Revision ID: 3c2b9d7e5a10
Revises: a9d41c7e0b52
Create Date: 2026-11-28 04:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c2b9d7e5a10'
down_revision = 'a9d41c7e0b52'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('preferences', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sent_answers', sa.JSON(), nullable=True))
    with op.batch_alter_table('about_child', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sent_answers', sa.JSON(), nullable=True))
    # Until now the draft was what others saw: what was sent is the draft as it stands.
    for table in ('preferences', 'about_child'):
        records = sa.table(
            table,
            sa.column('answers', sa.JSON()),
            sa.column('sent_answers', sa.JSON()),
            sa.column('status', sa.String()),
        )
        op.execute(
            records.update()
            .where(records.c.status == 'sent')
            .values(sent_answers=records.c.answers)
        )


def downgrade():
    with op.batch_alter_table('about_child', schema=None) as batch_op:
        batch_op.drop_column('sent_answers')
    with op.batch_alter_table('preferences', schema=None) as batch_op:
        batch_op.drop_column('sent_answers')
