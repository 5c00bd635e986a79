-- The artist map grows with every artist a listener meets and is TOASTed once it holds a few dozen. An
-- interaction changes one artist, but rewriting `artists` rewrote (decompressed, merged, compressed,
-- WAL-logged) the whole map each time. New weights now go to the small `artists_recent` map, which stays
-- inline; it is folded into `artists` once it passes about a kilobyte, and an UPDATE that leaves a TOASTed
-- column alone keeps the stored value as it is. A profile's artists are `artists || artists_recent`
-- (recent entries win).
ALTER TABLE profiles ADD COLUMN artists_recent jsonb NOT NULL DEFAULT '{}';

CREATE OR REPLACE VIEW profile_analytics AS
SELECT
    p.user_id,
    (SELECT count(*) FROM jsonb_each(p.genres) g WHERE (g.value)::text::double precision > 0) AS genre_diversity,
    (SELECT coalesce(max((g.value)::text::double precision), 0) FROM jsonb_each(p.genres) g) AS genre_concentration,
    (SELECT count(*) FROM jsonb_each(p.artists || p.artists_recent) a
     WHERE (a.value)::text::double precision > 0) AS artist_diversity,
    p.total_interactions,
    recent.n AS recent_interactions,
    CASE WHEN recent.n > 0 THEN recent.likes::double precision / recent.n END AS recent_like_rate,
    CASE WHEN recent.n > 0 THEN recent.skips::double precision / recent.n END AS recent_skip_rate,
    ARRAY(SELECT g.key FROM jsonb_each(p.genres) g
          ORDER BY (g.value)::text::double precision DESC, g.key LIMIT 5) AS top_genres,
    ARRAY(SELECT a.key FROM jsonb_each(p.artists || p.artists_recent) a
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
