"""advocates: the advocacy service, its referrals, statements and meetings

A child's request for an advocate goes to the council's advocacy service (or names someone),
one request per child per conference; its people accept or decline it, write a statement on
the child's behalf and record meeting the child.

Revision ID: 122193e5fce5
Revises: 44cbcf7d4981
Create Date: 2026-11-28 12:28:36.221834

"""
from alembic import op
import sqlalchemy as sa

import portal.data.types


# revision identifiers, used by Alembic.
revision = '122193e5fce5'
down_revision = '44cbcf7d4981'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('advocacy_service',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('authority_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=True),
    sa.Column('contact_phone', sa.String(length=40), nullable=True),
    sa.Column('created_at', portal.data.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authority.id'], name=op.f('fk_advocacy_service_authority_id_authority')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advocacy_service'))
    )
    with op.batch_alter_table('advocacy_service', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advocacy_service_authority_id'), ['authority_id'], unique=False)

    op.create_table('advocate_contact',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('request_id', sa.Uuid(), nullable=False),
    sa.Column('met_on', sa.Date(), nullable=False),
    sa.Column('way', sa.Enum('in_person', 'video', 'phone', name='advocatecontactway', native_enum=False, length=40), nullable=False),
    sa.Column('recorded_by_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', portal.data.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['person.id'], name=op.f('fk_advocate_contact_recorded_by_id_person')),
    sa.ForeignKeyConstraint(['request_id'], ['advocate_request.id'], name=op.f('fk_advocate_contact_request_id_advocate_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advocate_contact'))
    )
    with op.batch_alter_table('advocate_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advocate_contact_request_id'), ['request_id'], unique=False)

    op.create_table('advocate_statement',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('conference_id', sa.Uuid(), nullable=False),
    sa.Column('request_id', sa.Uuid(), nullable=False),
    sa.Column('child_id', sa.Uuid(), nullable=False),
    sa.Column('written_by_id', sa.Uuid(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('shared_with', sa.JSON(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'sent', name='submissionstatus', native_enum=False, length=40), nullable=False),
    sa.Column('sent_at', portal.data.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('updated_at', portal.data.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_at', portal.data.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], name=op.f('fk_advocate_statement_child_id_child')),
    sa.ForeignKeyConstraint(['conference_id'], ['conference.id'], name=op.f('fk_advocate_statement_conference_id_conference'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['advocate_request.id'], name=op.f('fk_advocate_statement_request_id_advocate_request'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['written_by_id'], ['participant.id'], name=op.f('fk_advocate_statement_written_by_id_participant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advocate_statement')),
    sa.UniqueConstraint('request_id', name=op.f('uq_advocate_statement_request_id'))
    )
    with op.batch_alter_table('advocate_statement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advocate_statement_conference_id'), ['conference_id'], unique=False)

    with op.batch_alter_table('advocate_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('advocacy_service_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('named_advocate', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('young_person_agreed', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('asked_at', portal.data.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('decline_reason', sa.Enum('no_one_free', 'too_soon', 'not_our_area', 'young_person_said_no', 'other', name='advocatedeclinereason', native_enum=False, length=40), nullable=True))
        batch_op.add_column(sa.Column('decline_words', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('handled_by_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('social_worker_told_at', portal.data.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_advocate_request_advocacy_service_id'), ['advocacy_service_id'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_advocate_request_conference_id'), ['conference_id', 'for_child_id'])
        batch_op.create_foreign_key(batch_op.f('fk_advocate_request_advocacy_service_id_advocacy_service'), 'advocacy_service', ['advocacy_service_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_advocate_request_handled_by_id_person'), 'person', ['handled_by_id'], ['id'])

    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('advocacy_service_id', sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f('ix_person_advocacy_service_id'), ['advocacy_service_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_person_advocacy_service_id_advocacy_service'), 'advocacy_service', ['advocacy_service_id'], ['id'])

    # A request made before this revision was asked when it was created.
    op.execute(sa.text("UPDATE advocate_request SET asked_at = created_at WHERE asked_at IS NULL"))


def downgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_person_advocacy_service_id_advocacy_service'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_person_advocacy_service_id'))
        batch_op.drop_column('advocacy_service_id')

    with op.batch_alter_table('advocate_request', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_advocate_request_handled_by_id_person'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_advocate_request_advocacy_service_id_advocacy_service'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_advocate_request_conference_id'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_advocate_request_advocacy_service_id'))
        batch_op.drop_column('social_worker_told_at')
        batch_op.drop_column('handled_by_id')
        batch_op.drop_column('decline_words')
        batch_op.drop_column('decline_reason')
        batch_op.drop_column('asked_at')
        batch_op.drop_column('young_person_agreed')
        batch_op.drop_column('named_advocate')
        batch_op.drop_column('advocacy_service_id')

    with op.batch_alter_table('advocate_statement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_advocate_statement_conference_id'))

    op.drop_table('advocate_statement')
    with op.batch_alter_table('advocate_contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_advocate_contact_request_id'))

    op.drop_table('advocate_contact')
    with op.batch_alter_table('advocacy_service', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_advocacy_service_authority_id'))

    op.drop_table('advocacy_service')
