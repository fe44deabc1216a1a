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

-- The citation graph: one row per citing document, cited act and relation; cited_doc_id is the corpus
-- document that is the cited act, where there is one (an edge between two documents).
DROP VIEW IF EXISTS citations;
CREATE VIEW citations AS
SELECT
    l.doc_id,
    d.act_id AS doc_act_id,
    l.act_id,
    a.ref_type,
    a.title AS act_title,
    l.relation,
    count(*) AS mentions,
    (SELECT min(c.doc_id) FROM documents c WHERE c.act_id = l.act_id) AS cited_doc_id
FROM legal_refs l
JOIN documents d ON d.doc_id = l.doc_id
JOIN acts a ON a.act_id = l.act_id
WHERE l.relation <> 'self'
GROUP BY l.doc_id, d.act_id, l.act_id, a.ref_type, a.title, l.relation;

DROP VIEW IF EXISTS most_cited_acts;
CREATE VIEW most_cited_acts AS
SELECT
    a.act_id,
    a.ref_type,
    a.title,
    a.date,
    a.number,
    a.jurisdiction,
    count(DISTINCT l.doc_id) AS citing_documents,
    count(*) AS mentions,
    (SELECT min(c.doc_id) FROM documents c WHERE c.act_id = a.act_id) AS doc_id
FROM acts a
JOIN legal_refs l ON l.act_id = a.act_id
WHERE l.relation <> 'self' AND a.ref_type <> 'generic'
GROUP BY a.act_id, a.ref_type, a.title, a.date, a.number, a.jurisdiction
ORDER BY citing_documents DESC, mentions DESC, a.act_id;

DROP VIEW IF EXISTS amendments;
CREATE VIEW amendments AS
SELECT
    l.doc_id,
    d.act_id AS doc_act_id,
    l.relation,
    l.act_id,
    a.title AS act_title,
    (SELECT min(c.doc_id) FROM documents c WHERE c.act_id = l.act_id) AS cited_doc_id,
    count(*) AS mentions
FROM legal_refs l
JOIN documents d ON d.doc_id = l.doc_id
JOIN acts a ON a.act_id = l.act_id
WHERE l.relation IN ('amends', 'repeals')
GROUP BY l.doc_id, d.act_id, l.relation, l.act_id, a.title;
