"""council staff roles: what a member of the council's staff may do across the council

Revision ID: b866bb2d3f1b
Revises: 3c2b9d7e5a10
Create Date: 2026-11-28 12:11:06.119963

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b866bb2d3f1b'
down_revision = '3c2b9d7e5a10'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('staff_role', sa.Enum('administrator', 'conference_administrator', 'chair', 'social_worker', 'manager', name='staffrole', native_enum=False, length=40), nullable=True))
    # Until now a professional's part in the council showed only through their conferences:
    # someone who arranged, chaired or held one for their own council keeps that role.
    for conference_role in ('chair', 'social_worker', 'administrator'):
        op.execute(
            sa.text(
                "UPDATE person SET staff_role = :role WHERE staff_role IS NULL"
                " AND is_professional AND id IN ("
                " SELECT participant.person_id FROM participant"
                " JOIN conference ON conference.id = participant.conference_id"
                " WHERE participant.role = :role"
                " AND conference.authority_id = person.authority_id)"
            ).bindparams(role=conference_role)
        )


def downgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('staff_role')
