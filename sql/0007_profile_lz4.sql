-- Profile weight maps are rewritten on every interaction; once a listener has met a few hundred artists
-- the map is TOASTed, and compressing it with the default pglz was a third of PostgreSQL's CPU per
-- interaction (perf, 2026-11-23). lz4 compresses several times faster. New values only; a server built
-- without lz4 keeps pglz (the migration still succeeds).
DO $$
BEGIN
    ALTER TABLE profiles
        ALTER COLUMN genres SET COMPRESSION lz4,
        ALTER COLUMN artists SET COMPRESSION lz4,
        ALTER COLUMN moods SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available in this PostgreSQL build; profiles keep pglz compression';
END
$$;
