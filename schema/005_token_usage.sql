-- Personal bearer tokens (issue 12) are `token` events; only the hash of a secret is
-- ever stored. When each was last used is not an event (it would write the log on
-- every request): paced keeps it here, written at most once a minute per token.
CREATE TABLE token_usage (
    token     TEXT    PRIMARY KEY,   -- the token's id (its creating event's id)
    last_used INTEGER NOT NULL       -- Unix milliseconds, UTC
) STRICT;
