-- Scoring weights learned from a station's playlist log (`airwavectl weights fit`). When present they
-- replace the station's configured weights; the fit report says how they compare with the defaults.
CREATE TABLE station_fitted_weights (
    station_id text PRIMARY KEY REFERENCES stations (id) ON DELETE CASCADE,
    weights    jsonb NOT NULL,
    report     jsonb NOT NULL,
    fitted_at  timestamptz NOT NULL DEFAULT now()
);
