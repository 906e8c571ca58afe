-- Slip notifications (issue 5).
--
-- `slip` events live in the events table like every other event. The scheduler
-- remembers how far it has checked the calendars' boundaries, so that after a
-- restart it checks each boundary it missed once, in order, and none twice.
-- (Deterministic slip ids make a repeated check harmless anyway.)

CREATE TABLE watermarks (
    name TEXT PRIMARY KEY,
    -- Unix milliseconds, UTC: every boundary at or before this instant was checked.
    at INTEGER NOT NULL
) STRICT;

-- `pace slips` and the recovery check read slips by type and time.
CREATE INDEX events_type_occurred ON events (type, occurred_at);
