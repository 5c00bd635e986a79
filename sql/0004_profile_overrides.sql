-- Listener overrides ("more jazz, less hair-metal"): signed offsets on top of the learned profile.
-- They are not events: they never change the learned snapshot, and removing one restores the picks.
CREATE TABLE profile_overrides (
    user_id    text NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('genres', 'artists', 'moods')),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 512),
    "offset"   double precision NOT NULL CHECK ("offset" >= -1 AND "offset" <= 1 AND "offset" <> 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, kind, name)
);
