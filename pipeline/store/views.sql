-- Analysts' views, created by the store stage after the tables are filled (see docs/dataset.md).
-- Written in the SQL that SQLite and DuckDB share, so `hpnlp query --engine duckdb` has them too.

DROP VIEW IF EXISTS recommendations_flat;
CREATE VIEW recommendations_flat AS
SELECT
    r.rec_id,
    r.doc_id,
    d.title AS doc_title,
    d.doc_type,
    d.date AS doc_date,
    r.section,
    r.item,
    r.modality,
    r.theme,
    r.themes_secondary,
    r.deadline,
    (SELECT group_concat(coalesce(a.normalized, a.text), '; ') FROM addressees a
      WHERE a.rec_id = r.rec_id AND a.role = 'addressee') AS addressees,
    (SELECT group_concat(coalesce(a.normalized, a.text), '; ') FROM addressees a
      WHERE a.rec_id = r.rec_id AND a.role = 'co_actor') AS co_actors,
    (SELECT group_concat(x.lemma || coalesce(' ' || x.object, ''), '; ') FROM actions x
      WHERE x.rec_id = r.rec_id) AS actions,
    (SELECT group_concat(l.text, '; ') FROM legal_refs l WHERE l.rec_id = r.rec_id) AS refs,
    r.text,
    r.start,
    r."end"
FROM recommendations r
JOIN documents d ON d.doc_id = r.doc_id;

DROP VIEW IF EXISTS references_by_act;
CREATE VIEW references_by_act AS
SELECT
    l.ref_type,
    l.title,
    l.number,
    l.date,
    coalesce(l.title, min(l.text)) AS act,
    count(*) AS mentions,
    count(DISTINCT l.rec_id) AS units,
    count(DISTINCT l.doc_id) AS documents,
    group_concat(DISTINCT l.rec_id) AS rec_ids,
    group_concat(DISTINCT l.doc_id) AS doc_ids
FROM legal_refs l
GROUP BY l.ref_type, l.title, l.number, l.date
ORDER BY units DESC, mentions DESC, act;
