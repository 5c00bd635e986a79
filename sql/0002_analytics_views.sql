-- Views for operators with psql: profile analytics and per-station daily play statistics.

-- One row per profile. Rates are over the last min(20, n) non-redacted interactions; the like rate
-- counts like and favorite (DECISIONS 17).
CREATE VIEW profile_analytics AS
SELECT
    p.user_id,
    (SELECT count(*) FROM jsonb_each(p.genres) g WHERE (g.value)::text::double precision > 0) AS genre_diversity,
    (SELECT coalesce(max((g.value)::text::double precision), 0) FROM jsonb_each(p.genres) g) AS genre_concentration,
    (SELECT count(*) FROM jsonb_each(p.artists) a WHERE (a.value)::text::double precision > 0) AS artist_diversity,
    p.total_interactions,
    recent.n AS recent_interactions,
    CASE WHEN recent.n > 0 THEN recent.likes::double precision / recent.n END AS recent_like_rate,
    CASE WHEN recent.n > 0 THEN recent.skips::double precision / recent.n END AS recent_skip_rate,
    ARRAY(SELECT g.key FROM jsonb_each(p.genres) g
          ORDER BY (g.value)::text::double precision DESC, g.key LIMIT 5) AS top_genres,
    ARRAY(SELECT a.key FROM jsonb_each(p.artists) a
          ORDER BY (a.value)::text::double precision DESC, a.key LIMIT 5) AS top_artists,
    p.version,
    p.updated_at
FROM profiles p
CROSS JOIN LATERAL (
    SELECT count(*) AS n,
           count(*) FILTER (WHERE r.type IN ('like', 'favorite')) AS likes,
           count(*) FILTER (WHERE r.type = 'skip') AS skips
    FROM (SELECT i.type FROM interactions i
          WHERE i.user_id = p.user_id AND NOT i.redacted
          ORDER BY i.id DESC LIMIT 20) r
) recent;

-- One row per station and UTC day. Like rate = explicit like/favorite interactions at the station that
-- day per play. Use the station's zone in ad-hoc queries (see docs/storage.md).
CREATE VIEW station_daily_stats AS
SELECT
    d.station_id,
    d.day,
    d.plays,
    d.unique_listeners,
    d.skip_rate,
    (SELECT count(*) FROM interactions i
     WHERE i.station_id = d.station_id AND NOT i.redacted AND i.type IN ('like', 'favorite')
       AND i.at >= d.day::timestamp AT TIME ZONE 'UTC' AND i.at < (d.day + 1)::timestamp AT TIME ZONE 'UTC'
    )::double precision / d.plays AS like_rate,
    (SELECT array_agg(t.track_id ORDER BY t.n DESC, t.track_id) FROM (
        SELECT p.track_id, count(*) AS n FROM plays p
        WHERE p.station_id = d.station_id
          AND p.started_at >= d.day::timestamp AT TIME ZONE 'UTC' AND p.started_at < (d.day + 1)::timestamp AT TIME ZONE 'UTC'
        GROUP BY p.track_id ORDER BY n DESC, p.track_id LIMIT 5) t) AS top_tracks,
    (SELECT array_agg(t.artist ORDER BY t.n DESC, t.artist) FROM (
        SELECT p.artist, count(*) AS n FROM plays p
        WHERE p.station_id = d.station_id
          AND p.started_at >= d.day::timestamp AT TIME ZONE 'UTC' AND p.started_at < (d.day + 1)::timestamp AT TIME ZONE 'UTC'
        GROUP BY p.artist ORDER BY n DESC, p.artist LIMIT 5) t) AS top_artists
FROM (
    SELECT pl.station_id,
           (pl.started_at AT TIME ZONE 'UTC')::date AS day,
           count(*) AS plays,
           count(DISTINCT pl.user_id) AS unique_listeners,
           avg(CASE WHEN pl.outcome = 'skipped' THEN 1.0 ELSE 0.0 END)::double precision AS skip_rate
    FROM plays pl
    GROUP BY pl.station_id, (pl.started_at AT TIME ZONE 'UTC')::date
) d;
