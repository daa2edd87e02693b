"""The admin account (CATALOG Level 3): created from ADMIN_EMAIL/ADMIN_PASSWORD at start.

`python -m flask_track.serve` calls `ensure_admin` before the workers start; `init_admin`
also checks once per process on the first request, for servers started another way.
"""

from __future__ import annotations

import logging
import threading

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from flask_track.extensions import db
from flask_track.shared.passwords import hash_password
from flask_track.shared.users import User, normalize_email

log = logging.getLogger("flask_track.auth")
ADMIN_HOOK = "flask_track.admin_check"  # app.extensions: init_admin's before_request hook


def ensure_admin(app: Flask | None = None) -> str:
    """Create the ADMIN_EMAIL account if it does not exist: "created", "exists" or "skipped".

    Idempotent and safe when several processes start at once: the unique email index decides
    who inserts, the others see an IntegrityError and move on. An existing account is left as
    it is (its password may have been changed, and promoting an account someone else signed up
    with the admin's email would hand them the admin role).
    """
    app = app or current_app
    email = normalize_email(app.config["ADMIN_EMAIL"])
    if not sa.inspect(db.engine).has_table(User.__tablename__):
        return "skipped"  # migrations have not run (Level 1 only, or a fresh checkout)
    existing = db.session.scalar(sa.select(User).where(User.email == email))
    if existing is not None:
        if existing.role != "admin":
            log.warning(
                "ADMIN_EMAIL belongs to a non-admin account; not promoting it",
                extra={"fields": {"user_id": existing.id}},
            )
        return "exists"
    db.session.add(
        User(email=email, password_hash=hash_password(app.config["ADMIN_PASSWORD"]), role="admin")
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # another worker created it a moment ago
        return "exists"
    log.info("admin account created", extra={"fields": {"event": "admin_created"}})
    return "created"


def init_admin(app: Flask) -> None:
    """On the first request of each process, make sure the admin exists (once per app)."""
    lock = threading.Lock()
    checked = False

    def ensure_admin_once() -> None:
        nonlocal checked
        if checked:
            return
        with lock:
            if checked:
                return
            checked = True
            try:
                ensure_admin(app)
            except SQLAlchemyError:
                db.session.rollback()
                log.exception("could not ensure the admin account")

    app.before_request(ensure_admin_once)
    app.extensions[ADMIN_HOOK] = ensure_admin_once


def admin_ensured_at_start(app: Flask) -> None:
    """Drop the first-request check: the admin was ensured before this process served.

    `python -m flask_track.serve` ensures it before gunicorn forks its workers, so each
    worker would otherwise run one query on its first request and a no-op hook on every
    request after it.
    """
    hook = app.extensions.pop(ADMIN_HOOK, None)
    if hook is not None:
        app.before_request_funcs[None].remove(hook)
