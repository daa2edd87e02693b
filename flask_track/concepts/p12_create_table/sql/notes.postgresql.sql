-- The notes table of p12-p16, PostgreSQL flavour. Hand-written on purpose: see ../NOTES.md.
-- Statements are separated by a semicolon at the end of a line (the loader splits there).
--
-- GENERATED ALWAYS AS IDENTITY is the SQL-standard successor of SERIAL: the database alone
-- hands out ids (an INSERT that names one is refused) and a sequence never reuses them.
-- TIMESTAMPTZ stores an instant with microsecond precision, whatever the session time zone.
-- VARCHAR(200) counts characters, not bytes, like the API's 1-200 rule.
CREATE TABLE IF NOT EXISTS notes (
    id          BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title       VARCHAR(200) NOT NULL CHECK (char_length(title) >= 1),
    body        TEXT         NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
