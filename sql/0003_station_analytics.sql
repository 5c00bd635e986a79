-- Station analytics over a time window, computed in SQL so `psql` users and `GET /stations/{id}/analytics`
-- get the same figures by construction (the API only calls station_analytics with bind parameters).
-- Definitions (also in docs/storage.md); the window is [p_from, p_to) on plays.started_at (DECISIONS 17):
--   plays                 plays rows of the station that started in the window
--   unique_listeners      distinct user_id among those plays
--   skip_rate             plays with outcome 'skipped' / plays
--   like_rate             non-redacted like + favorite interactions at the station in the window / plays,
--                         capped at 1 (several likes of one play would otherwise exceed a share)
--   discovery_acceptance  discovery plays played through, or liked/favorited by their listener while they
--                         played (interaction at in [started_at, ended_at]) / discovery plays
--   top_tracks            the 10 most played track ids (ties by track_id), with title and artist as logged
--   top_artists           the 10 most played artists (ties by name)
--   genre_mix             plays per genre / plays, every genre, largest first (ties by name)
--   catalog_coverage      distinct catalog tracks played in the window / tracks in the catalog now
--   plays_per_hour        plays per local hour start in p_zone, every hour the window touches, zeros included
-- Every rate is 0 when its denominator is 0, and rounded to 6 decimal places.

-- `p_at` as ISO 8601 local time in `p_zone` with its UTC offset, e.g. 2026-11-23T09:00:00-05:00.
CREATE FUNCTION airwave_local_iso(p_at timestamptz, p_zone text, p_millis boolean DEFAULT false)
RETURNS text LANGUAGE sql STABLE STRICT AS $$
    SELECT to_char(p_at AT TIME ZONE p_zone,
                   CASE WHEN p_millis THEN 'YYYY-MM-DD"T"HH24:MI:SS.MS' ELSE 'YYYY-MM-DD"T"HH24:MI:SS' END)
        || CASE WHEN o.secs < 0 THEN '-' ELSE '+' END
        || lpad((abs(o.secs) / 3600)::text, 2, '0') || ':' || lpad(((abs(o.secs) % 3600) / 60)::text, 2, '0')
    FROM (SELECT extract(epoch FROM (p_at AT TIME ZONE p_zone) - (p_at AT TIME ZONE 'UTC'))::integer AS secs) o
$$;

-- The analytics of one station over [p_from, p_to), hours bucketed in the IANA zone p_zone, as one
-- JSON object with the API's keys. Example:
--   SELECT jsonb_pretty(station_analytics('jazz-lounge', now() - interval '1 day', now(), 'America/New_York'));
CREATE FUNCTION station_analytics(p_station text, p_from timestamptz, p_to timestamptz, p_zone text)
RETURNS jsonb LANGUAGE sql STABLE STRICT AS $$
WITH w AS (
    SELECT p.user_id, p.track_id, p.title, p.artist, p.genre, p.started_at, p.ended_at, p.outcome, p.discovery
    FROM plays p
    WHERE p.station_id = p_station AND p.started_at >= p_from AND p.started_at < p_to
), totals AS (
    SELECT count(*) AS plays,
           count(DISTINCT w.user_id) AS listeners,
           count(*) FILTER (WHERE w.outcome = 'skipped') AS skipped,
           count(*) FILTER (WHERE w.discovery) AS discovery_plays,
           count(*) FILTER (WHERE w.discovery AND (w.outcome = 'played' OR EXISTS (
               SELECT 1 FROM interactions i
               WHERE i.station_id = p_station AND i.user_id = w.user_id AND i.track_id = w.track_id
                 AND NOT i.redacted AND i.type IN ('like', 'favorite')
                 AND i.at >= w.started_at AND i.at <= w.ended_at))) AS discovery_accepted
    FROM w
), likes AS (
    SELECT count(*) AS n FROM interactions i
    WHERE i.station_id = p_station AND NOT i.redacted AND i.type IN ('like', 'favorite')
      AND i.at >= p_from AND i.at < p_to
), catalog AS (
    SELECT count(*) AS tracks,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM w WHERE w.track_id = t.track_id)) AS played
    FROM tracks t WHERE t.station_id = p_station
), top_tracks AS (
    SELECT w.track_id, max(w.title) AS title, max(w.artist) AS artist, count(*) AS n
    FROM w GROUP BY w.track_id ORDER BY n DESC, w.track_id LIMIT 10
), top_artists AS (
    SELECT w.artist, count(*) AS n FROM w GROUP BY w.artist ORDER BY n DESC, w.artist LIMIT 10
), genres AS (
    SELECT w.genre, count(*) AS n FROM w GROUP BY w.genre
), per_hour AS (
    SELECT date_trunc('hour', w.started_at, p_zone) AS h, count(*) AS n FROM w GROUP BY 1
), hours AS (
    -- Absolute one-hour steps from the local hour start, so a DST change gives 23 or 25 distinct hours.
    SELECT h FROM generate_series(date_trunc('hour', p_from, p_zone), p_to - interval '1 microsecond',
                                  interval '1 hour') AS h
)
SELECT jsonb_build_object(
    'station_id', p_station,
    'from', airwave_local_iso(p_from, p_zone, true),
    'to', airwave_local_iso(p_to, p_zone, true),
    'plays', t.plays,
    'unique_listeners', t.listeners,
    'skip_rate', CASE WHEN t.plays = 0 THEN 0 ELSE round(t.skipped::numeric / t.plays, 6) END,
    'like_rate', CASE WHEN t.plays = 0 THEN 0 ELSE round(least(1, (SELECT n FROM likes)::numeric / t.plays), 6) END,
    'discovery_acceptance', CASE WHEN t.discovery_plays = 0 THEN 0
                                 ELSE round(t.discovery_accepted::numeric / t.discovery_plays, 6) END,
    'top_tracks', coalesce((SELECT jsonb_agg(jsonb_build_object('track_id', x.track_id, 'title', x.title,
                                                                'artist', x.artist, 'plays', x.n)
                                             ORDER BY x.n DESC, x.track_id) FROM top_tracks x), '[]'::jsonb),
    'top_artists', coalesce((SELECT jsonb_agg(jsonb_build_object('artist', x.artist, 'plays', x.n)
                                              ORDER BY x.n DESC, x.artist) FROM top_artists x), '[]'::jsonb),
    'genre_mix', coalesce((SELECT jsonb_agg(jsonb_build_object('genre', g.genre,
                                                               'share', round(g.n::numeric / t.plays, 6))
                                            ORDER BY g.n DESC, g.genre) FROM genres g), '[]'::jsonb),
    'catalog_coverage', (SELECT CASE WHEN c.tracks = 0 THEN 0 ELSE round(c.played::numeric / c.tracks, 6) END
                         FROM catalog c),
    'plays_per_hour', coalesce((SELECT jsonb_agg(jsonb_build_object('hour', airwave_local_iso(hours.h, p_zone),
                                                                    'plays', coalesce(ph.n, 0)) ORDER BY hours.h)
                                FROM hours LEFT JOIN per_hour ph ON ph.h = hours.h), '[]'::jsonb)
)
FROM totals t
$$;

-- Every live station over the last 24 hours in its own zone, for psql:
--   SELECT station_id, analytics->>'plays', analytics->>'skip_rate' FROM station_analytics_last_day;
CREATE VIEW station_analytics_last_day AS
SELECT s.id AS station_id,
       station_analytics(s.id, now() - interval '24 hours', now(), coalesce(s.settings->>'timezone', 'UTC')) AS analytics
FROM stations s
WHERE s.deleted_at IS NULL;
