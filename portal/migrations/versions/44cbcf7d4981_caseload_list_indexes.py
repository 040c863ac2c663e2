"""caseload: indexes for paging a council's conferences by date and by family name, and
for a manager's filters

Revision ID: 44cbcf7d4981
Revises: b4d324b4fc78
Create Date: 2026-11-28 12:31:55.149007

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '44cbcf7d4981'
down_revision = 'b4d324b4fc78'
branch_labels = None
depends_on = None


def upgrade():
    # "Your meetings" reads one page at a time by keyset: (starts_at, id) or (family_name, id).
    with op.batch_alter_table('conference', schema=None) as batch_op:
        batch_op.create_index('ix_conference_authority_family_name', ['authority_id', 'family_name', 'id'], unique=False)
        batch_op.create_index('ix_conference_authority_starts_at', ['authority_id', 'starts_at', 'id'], unique=False)
    # A manager's filters: the council's chairs and social workers.
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index('ix_person_authority_staff_role', ['authority_id', 'staff_role'], unique=False)


def downgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('ix_person_authority_staff_role')
    with op.batch_alter_table('conference', schema=None) as batch_op:
        batch_op.drop_index('ix_conference_authority_starts_at')
        batch_op.drop_index('ix_conference_authority_family_name')
