"""Read and increment the counter in the database; announce each new value (hub.py)."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from flask import Flask

from flask_track.concepts.p46_realtime_counter.hub import CHANNEL, HUB
from flask_track.concepts.p46_realtime_counter.models import COUNTER_ID, Counter
from flask_track.extensions import db, redis_client
from flask_track.shared.database import database_errors_as_503

log = logging.getLogger("flask_track.p46")

# One statement: the database adds 1 and returns the result, so 20 concurrent increments on
# two workers give 20 different values and lose none (no read-modify-write in Python).
INCREMENT = (
    sa.update(Counter)
    .where(Counter.id == COUNTER_ID)
    .values(value=Counter.value + 1)
    .returning(Counter.value)
)


def current_value() -> int:
    """The stored value (0 before the first increment); ends its read transaction."""
    with database_errors_as_503():
        value = db.session.scalar(sa.select(Counter.value).where(Counter.id == COUNTER_ID))
        db.session.commit()
    return int(value or 0)


def value_reader(app: Flask) -> int:
    """`current_value` for a thread of its own (the Redis listener): it needs a context."""
    with app.app_context():
        return current_value()


def increment() -> int:
    """Add one, atomically; tell every subscriber; the new value."""
    with database_errors_as_503():
        value = int(db.session.execute(INCREMENT).scalar_one())
        db.session.commit()
    publish(value)
    return value


def publish(value: int) -> None:
    """To every worker through Redis, or to this process's hub without it."""
    client = redis_client.client
    if client is None:
        HUB.deliver(value)
        return
    try:
        client.publish(CHANNEL, value)
    except Exception as error:
        # The increment is stored; subscribers catch up when the listeners resync from the
        # database after Redis returns. Meanwhile this worker's own subscribers hear it now.
        log.warning("p46 publish failed", extra={"fields": {"error_type": type(error).__name__}})
        HUB.deliver(value)
