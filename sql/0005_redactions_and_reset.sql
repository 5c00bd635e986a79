-- Keeping the profile clean: redactions (undoable) and reset.
-- A redaction marks events; the profile is re-folded from the events that remain. Undo clears the marks.
CREATE TABLE redactions (
    id         bigserial PRIMARY KEY,
    user_id    text NOT NULL,
    selector   jsonb NOT NULL,           -- what the operator asked for: ids, a time range or a station
    events     bigint NOT NULL,          -- how many events it marked
    created_at timestamptz NOT NULL DEFAULT now(),
    undone_at  timestamptz
);
CREATE INDEX redactions_user ON redactions (user_id, id);

ALTER TABLE interactions ADD COLUMN redaction_id bigint REFERENCES redactions (id);

-- Reset: the fold starts again from the initial preferences after this interaction id; earlier events
-- stay for analytics. Invariant: the snapshot equals the fold of non-redacted events with id > reset_after.
ALTER TABLE profiles ADD COLUMN reset_after bigint NOT NULL DEFAULT 0;
