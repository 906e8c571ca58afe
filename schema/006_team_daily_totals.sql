-- A team's totals per metric and local day, summed over everyone who counted for it:
-- what team (and company) progress reads. A year of one metric is 365 rows here,
-- instead of one per member and day in daily_totals. The writer keeps it beside
-- daily_totals in the same transaction (a total back at 0 is deleted, as there), and
-- a rebuild makes it from the same sums. Filled by the rebuild paced runs at
-- start-up: the checkpoint row is gone, so the projections are stale.
CREATE TABLE team_daily_totals (
    team   TEXT    NOT NULL,
    metric TEXT    NOT NULL,
    day    TEXT    NOT NULL,   -- YYYY-MM-DD, local to the team's zone
    value  INTEGER NOT NULL,
    PRIMARY KEY (team, metric, day)
) WITHOUT ROWID;

DELETE FROM checkpoints WHERE projection = 'projections';
