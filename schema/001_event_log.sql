-- The event log: every visit, call, payment, order and correction, append-only.
--
-- seq          global position, gap-free, assigned by the single writer
-- id           client-made UUIDv7 (text, lower case); a retried append returns the original
-- type         visit | call | payment | order | void | team | member | calendar | target | ...
-- subject      the Unix user (or team) the event counts for
-- recorded_by  the Unix user who submitted it (from SO_PEERCRED, never from the request)
-- occurred_at  when it happened, milliseconds since the Unix epoch, UTC
-- recorded_at  when paced stored it, milliseconds since the Unix epoch, UTC
-- data         the event's payload as canonical JSON (sorted keys, amounts as decimal strings)
-- hash         SHA-256 over the previous event's hash and this event's canonical bytes (32 bytes)
CREATE TABLE events (
    seq          INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL UNIQUE,
    type         TEXT    NOT NULL,
    subject      TEXT    NOT NULL,
    recorded_by  TEXT    NOT NULL,
    occurred_at  INTEGER NOT NULL,
    recorded_at  INTEGER NOT NULL,
    data         TEXT    NOT NULL,
    hash         BLOB    NOT NULL CHECK (length(hash) = 32)
);

CREATE INDEX events_subject_occurred ON events (subject, occurred_at);

-- History is never edited: corrections are new `void` events.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: record a void event instead of updating');
END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: record a void event instead of deleting');
END;

-- Which events have been voided, and by which void event. Written in the same
-- transaction as the void event itself, so a reader never sees one without the other.
CREATE TABLE voided (
    event_seq  INTEGER PRIMARY KEY REFERENCES events (seq),
    void_seq   INTEGER NOT NULL REFERENCES events (seq)
);

-- Projection checkpoint: the last seq each projection has applied.
CREATE TABLE checkpoints (
    projection  TEXT    PRIMARY KEY,
    seq         INTEGER NOT NULL
);
