-- Projections for goal progress. Written by the single writer in the same
-- transaction as the events they come from; `pace rebuild` drops and replays them.

-- Where each activity event counts: the team its subject belonged to and the local
-- day (in that team's time zone) when it happened. Kept so that a void takes the
-- contribution back from exactly where it was added.
CREATE TABLE event_attribution (
    seq       INTEGER PRIMARY KEY REFERENCES events (seq),
    team      TEXT    NOT NULL,   -- '' for a subject on no team
    day       TEXT    NOT NULL,   -- YYYY-MM-DD, the team's local day
    customer  TEXT                -- orders only: the lower-cased customer, to find first orders fast
);

CREATE INDEX event_attribution_customer ON event_attribution (customer) WHERE customer IS NOT NULL;

-- Daily totals per (subject, team, metric, local day): counts, or minor units for
-- money metrics; per product as revenue:PRODUCT and units:PRODUCT. Rows that
-- return to 0 are deleted, so a rebuilt table equals the maintained one row for row.
CREATE TABLE daily_totals (
    subject  TEXT    NOT NULL,
    team     TEXT    NOT NULL,
    metric   TEXT    NOT NULL,
    day      TEXT    NOT NULL,
    value    INTEGER NOT NULL,
    PRIMARY KEY (subject, team, metric, day)
) WITHOUT ROWID;

CREATE INDEX daily_totals_team ON daily_totals (team, metric, day);
CREATE INDEX daily_totals_metric_day ON daily_totals (metric, day);

-- Customers: the first (earliest occurred_at, not voided) order of each customer,
-- which counts for customers.new, and the amounts ordered and paid (receivables).
CREATE TABLE customers (
    key          TEXT    PRIMARY KEY,   -- lower-cased name
    name         TEXT    NOT NULL,
    first_seq    INTEGER,               -- NULL while the customer has only payments
    first_at     INTEGER,
    owner        TEXT,                  -- subject of the first order
    ordered      INTEGER NOT NULL DEFAULT 0,
    paid         INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
