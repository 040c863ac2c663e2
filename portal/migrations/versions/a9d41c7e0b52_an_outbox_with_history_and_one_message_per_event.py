"""An outbox: one message per event, a stable Message-ID, retries and a history

Revision ID: a9d41c7e0b52
Revises: 876c43b829d3
Create Date: 2026-11-28 04:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

import portal.data.types


# revision identifiers, used by Alembic.
revision = 'a9d41c7e0b52'
down_revision = '876c43b829d3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sign_in_attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.Enum('email', 'sms', name='channel', native_enum=False, length=40), server_default='email', nullable=False))

    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('idempotency_key', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('message_id', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('language', sa.String(length=10), server_default='en', nullable=False))
        batch_op.add_column(sa.Column('html_body', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('next_attempt_at', portal.data.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claimed_until', portal.data.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('last_error', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('provider_reference', sa.String(length=100), nullable=True))

    # Messages written before the outbox: each its own event, retried from when it was made.
    notification = sa.table(
        'notification',
        sa.column('id', sa.Uuid()),
        sa.column('idempotency_key', sa.String(200)),
        sa.column('message_id', sa.String(200)),
        sa.column('created_at', portal.data.types.UTCDateTime(timezone=True)),
        sa.column('next_attempt_at', portal.data.types.UTCDateTime(timezone=True)),
    )
    connection = op.get_bind()
    for row in connection.execute(sa.select(notification.c.id, notification.c.created_at)):
        connection.execute(
            notification.update()
            .where(notification.c.id == row.id)
            .values(
                idempotency_key=f'legacy:{row.id}',
                message_id=f'<{row.id}@portal.invalid>',
                next_attempt_at=row.created_at,
            )
        )

    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.alter_column('idempotency_key', existing_type=sa.String(length=200), nullable=False)
        batch_op.alter_column('message_id', existing_type=sa.String(length=200), nullable=False)
        batch_op.alter_column('next_attempt_at', existing_type=portal.data.types.UTCDateTime(timezone=True), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_notification_idempotency_key'), ['idempotency_key'])
        batch_op.create_index(batch_op.f('ix_notification_conference_id'), ['conference_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notification_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_notification_next_attempt_at'), ['next_attempt_at'], unique=False)

    op.create_table('notification_event',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('notification_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.Enum('queued', 'sending', 'sent', 'delivered', 'failed', name='notificationstatus', native_enum=False, length=40), nullable=False),
    sa.Column('at', portal.data.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('error', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['notification_id'], ['notification.id'], name=op.f('fk_notification_event_notification_id_notification'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_event'))
    )
    with op.batch_alter_table('notification_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_event_notification_id'), ['notification_id'], unique=False)


def downgrade():
    with op.batch_alter_table('sign_in_attempt', schema=None) as batch_op:
        batch_op.drop_column('channel')

    with op.batch_alter_table('notification_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notification_event_notification_id'))
    op.drop_table('notification_event')

    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notification_next_attempt_at'))
        batch_op.drop_index(batch_op.f('ix_notification_status'))
        batch_op.drop_index(batch_op.f('ix_notification_conference_id'))
        batch_op.drop_constraint(batch_op.f('uq_notification_idempotency_key'), type_='unique')
        batch_op.drop_column('provider_reference')
        batch_op.drop_column('last_error')
        batch_op.drop_column('claimed_until')
        batch_op.drop_column('next_attempt_at')
        batch_op.drop_column('html_body')
        batch_op.drop_column('language')
        batch_op.drop_column('message_id')
        batch_op.drop_column('idempotency_key')
