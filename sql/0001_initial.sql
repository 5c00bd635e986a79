-- Airwave schema, version 1: stations and catalogs, listeners, profiles as an event log, the as-run play log.
-- Applied in one transaction by the store at start-up and recorded in schema_migrations.

CREATE TABLE stations (
    id            text PRIMARY KEY,
    name          text NOT NULL,
    settings      jsonb NOT NULL,                       -- the station JSON as the operator wrote it
    source        text NOT NULL CHECK (source IN ('file', 'api')),
    catalog_hash  text,                                 -- content hash of the CSV a file station was loaded from
    next_play_seq bigint NOT NULL DEFAULT 1,            -- next as-run sequence number; bumped under the row lock
    created_at    timestamptz NOT NULL DEFAULT now(),
    deleted_at    timestamptz                           -- soft delete: plays and interactions keep their history
);

CREATE TABLE tracks (
    station_id text NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    track_id   text NOT NULL,
    ord        bigint NOT NULL,                         -- catalog order: ties in scoring break by it
    title      text NOT NULL,
    artist     text NOT NULL,
    genre      text NOT NULL,
    mood       text NOT NULL,
    energy     double precision NOT NULL CHECK (energy >= 0 AND energy <= 1),
    tempo      text NOT NULL CHECK (tempo IN ('slow', 'medium', 'fast')),
    duration   double precision NOT NULL CHECK (duration > 0),
    album      text,
    year       integer,
    key        text,
    bpm        double precision,
    uri        text,
    PRIMARY KEY (station_id, track_id)
);
CREATE INDEX tracks_station_order ON tracks (station_id, ord);

CREATE TABLE listeners (
    station_id          text NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
    user_id             text NOT NULL,
    joined_at           timestamptz NOT NULL,
    left_at             timestamptz,                    -- set when the listener leaves; NULL while active
    paused              boolean NOT NULL DEFAULT false,
    now_playing_track_id text,
    now_playing_started_at timestamptz,
    now_playing_ends_at timestamptz,
    up_next             text[] NOT NULL DEFAULT '{}',
    discovery_carry     double precision NOT NULL DEFAULT 0,  -- running discovery deficit (DECISIONS 3)
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (station_id, user_id)
);
CREATE INDEX listeners_active ON listeners (station_id) WHERE left_at IS NULL;

-- The current profile snapshot. Invariant: it equals the fold of the user's non-redacted interactions
-- (ordered by id) over `initial`; the store updates both in one transaction.
CREATE TABLE profiles (
    user_id            text PRIMARY KEY,
    genres             jsonb NOT NULL DEFAULT '{}',
    artists            jsonb NOT NULL DEFAULT '{}',
    moods              jsonb NOT NULL DEFAULT '{}',
    energy_level       double precision NOT NULL,
    tempo_preference   text NOT NULL CHECK (tempo_preference IN ('slow', 'medium', 'fast', 'varied')),
    discovery_factor   jsonb NOT NULL,                  -- a number in [0, 1] or the string "auto"
    total_interactions bigint NOT NULL DEFAULT 0,
    initial            jsonb NOT NULL,                  -- the preferences the profile was created with
    version            bigint NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- Append-only feedback events. The track's genre, artist and mood are copied at event time so a re-fold
-- never needs the catalog. Redaction only flips `redacted`.
CREATE TABLE interactions (
    id         bigserial PRIMARY KEY,
    user_id    text NOT NULL,
    station_id text NOT NULL,
    track_id   text NOT NULL,
    genre      text NOT NULL,
    artist     text NOT NULL,
    mood       text NOT NULL,
    type       text NOT NULL CHECK (type IN ('play', 'skip', 'like', 'dislike', 'favorite', 'rate')),
    rating     double precision CHECK ((type = 'rate') = (rating IS NOT NULL)),
    at         timestamptz NOT NULL,
    redacted   boolean NOT NULL DEFAULT false
);
CREATE INDEX interactions_user ON interactions (user_id, id);
CREATE INDEX interactions_station_at ON interactions (station_id, at);

-- The as-run log: one row per track a listener heard (or skipped). `seq` is per station, gap-free,
-- assigned at commit from stations.next_play_seq.
CREATE TABLE plays (
    station_id text NOT NULL,
    seq        bigint NOT NULL,
    user_id    text NOT NULL,
    track_id   text NOT NULL,
    title      text NOT NULL,
    artist     text NOT NULL,
    genre      text NOT NULL,
    started_at timestamptz NOT NULL,
    ended_at   timestamptz NOT NULL,
    outcome    text NOT NULL CHECK (outcome IN ('played', 'skipped')),
    discovery  boolean NOT NULL DEFAULT false,
    score      double precision,
    reasons    text[] NOT NULL DEFAULT '{}',
    daypart    text,
    PRIMARY KEY (station_id, seq)
);
CREATE INDEX plays_station_started ON plays (station_id, started_at);
CREATE INDEX plays_station_user ON plays (station_id, user_id, seq);
CREATE INDEX plays_started ON plays (started_at);
