-- Columns the store stage derives from others once every row is in (before views.sql).
-- seq follows insertion order, which is document order: documents by source path, units by position.

UPDATE recommendations SET
    seq = rowid,
    deadline_date = CASE WHEN deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN deadline END,
    deadline_text = CASE WHEN deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN NULL ELSE deadline END;

UPDATE legal_refs SET
    date_full = CASE WHEN date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN date END;
