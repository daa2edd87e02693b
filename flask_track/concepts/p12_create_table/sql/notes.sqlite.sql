-- The notes table of p12-p16, SQLite flavour. Hand-written on purpose: see ../NOTES.md.
-- Statements are separated by a semicolon at the end of a line (the loader splits there).
--
-- STRICT (SQLite >= 3.37) makes the declared types real: a BLOB in a TEXT column, or 'abc'
-- in an INTEGER one, is refused instead of silently stored (values that convert without loss,
-- like 42 -> '42', are still accepted). AUTOINCREMENT stops SQLite from reusing the id of the
-- last deleted row, so a deleted note's URL never comes back pointing at another note.
-- Timestamps are TEXT in one fixed-width UTC form (2026-11-21T14:00:00.123456+00:00),
-- written by the app, so that sorting the text sorts the times.
CREATE TABLE IF NOT EXISTS notes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body        TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000+00:00', 'now')),
    updated_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000+00:00', 'now'))
) STRICT;
