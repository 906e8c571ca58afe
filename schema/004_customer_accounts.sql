-- Customer accounts (issues 16 and 17): one account per team and customer, keyed by
-- the customer's name in one normalised form, and a signed amount per event so that
-- a balance can be read as of any day.
--
-- A customer is the same whatever the spelling: Unicode NFC, case-folded (Greek
-- final sigma too), inner spaces collapsed. The display keeps the first spelling.
-- Accounts are per team: a team's figures are made only of its own events, so a
-- salesperson of another team can neither claim a customer nor see its deals.
--
-- These are projections: the migration empties them and paced replays the log into
-- them at start-up (the checkpoint row is gone, so the projections are stale).

DROP INDEX event_attribution_customer;
DROP TABLE event_attribution;
DROP TABLE customers;
DELETE FROM daily_totals;
DELETE FROM checkpoints WHERE projection = 'projections';

CREATE TABLE event_attribution (
    seq       INTEGER PRIMARY KEY REFERENCES events (seq),
    team      TEXT    NOT NULL,   -- '' for a subject on no team
    day       TEXT    NOT NULL,   -- YYYY-MM-DD, the team's local day
    customer  TEXT,               -- orders and payments: the account key (team, U+001F, normalised name)
    amount    INTEGER             -- orders: +amount, payments: -amount (minor units); what the customer owes
);

CREATE INDEX event_attribution_customer ON event_attribution (customer, seq) WHERE customer IS NOT NULL;

CREATE TABLE customers (
    key          TEXT    PRIMARY KEY,   -- team, U+001F, normalised name
    team         TEXT    NOT NULL,
    name         TEXT    NOT NULL,      -- the first spelling seen
    first_seq    INTEGER,               -- the first (earliest, not voided) order; NULL while there is none
    first_at     INTEGER,
    -- Whose customer it is: the subject of the first order recorded (lowest seq, not
    -- voided), else of the first payment; a back-dated order takes no customer.
    -- Receivables follow the owner; activity credit stays with whoever did the work.
    owner        TEXT,
    ordered      INTEGER NOT NULL DEFAULT 0,
    paid         INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE INDEX customers_team ON customers (team);
CREATE INDEX customers_owner ON customers (owner);
