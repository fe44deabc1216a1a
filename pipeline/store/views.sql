-- Analysts' views, created by the store stage after the tables are filled (see docs/dataset.md).
-- Written in the SQL that SQLite and DuckDB share, so `hpnlp query --engine duckdb` has them too.
-- Lists are concatenated in document order: group_concat over a window with ORDER BY and the whole frame is
-- the ordered aggregate both engines honour (SQLite 3.40, which Python 3.11 ships, has no
-- group_concat(x ORDER BY y); DuckDB does not promise the order of a plain aggregate's input).

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
    (SELECT v FROM (
        SELECT group_concat(coalesce(a.normalized, a.text), '; ') OVER (
            ORDER BY a.start NULLS LAST, a."end" NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS v
        FROM addressees a WHERE a.rec_id = r.rec_id AND a.role = 'addressee') LIMIT 1) AS addressees,
    (SELECT v FROM (
        SELECT group_concat(coalesce(a.normalized, a.text), '; ') OVER (
            ORDER BY a.start NULLS LAST, a."end" NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS v
        FROM addressees a WHERE a.rec_id = r.rec_id AND a.role = 'co_actor') LIMIT 1) AS co_actors,
    (SELECT v FROM (
        SELECT group_concat(x.lemma || coalesce(' ' || x.object, ''), '; ') OVER (
            ORDER BY x.start NULLS LAST, x."end" NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS v
        FROM actions x WHERE x.rec_id = r.rec_id) LIMIT 1) AS actions,
    (SELECT v FROM (
        SELECT group_concat(l.text, '; ') OVER (
            ORDER BY l.start NULLS LAST, l."end" NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS v
        FROM legal_refs l WHERE l.rec_id = r.rec_id) LIMIT 1) AS refs,
    r.text,
    r.start,
    r."end",
    r.theme_score,
    r.trigger,
    r.deadline_date,
    r.deadline_text,
    r.seq,
    (SELECT v FROM (
        SELECT json_group_array(o.name) OVER (
            ORDER BY o.first NULLS LAST, o.name ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS v
        FROM (SELECT g.name, min(a.start) AS first FROM addressees a
              JOIN organizations g ON g.entity_id = a.entity_id
              WHERE a.rec_id = r.rec_id AND a.role = 'addressee' GROUP BY g.name) o) LIMIT 1) AS addressee_orgs
FROM recommendations r
JOIN documents d ON d.doc_id = r.doc_id
ORDER BY r.seq;

DROP VIEW IF EXISTS references_by_act;
CREATE VIEW references_by_act AS
WITH grouped AS (
    SELECT
        l.ref_type,
        l.title,
        l.number,
        l.date,
        coalesce(l.title, min(l.text)) AS act,
        count(*) AS mentions,
        count(DISTINCT l.rec_id) AS units,
        count(DISTINCT l.doc_id) AS documents
    FROM legal_refs l
    GROUP BY l.ref_type, l.title, l.number, l.date
),
cited AS (  -- each act's units and documents, once each, at their first citation
    SELECT l.ref_type, l.title, l.number, l.date, l.doc_id, l.rec_id, min(l.start) AS first
    FROM legal_refs l
    GROUP BY l.ref_type, l.title, l.number, l.date, l.doc_id, l.rec_id
)
SELECT
    a.ref_type,
    a.title,
    a.number,
    a.date,
    a.act,
    a.mentions,
    a.units,
    a.documents,
    (SELECT v FROM (
        SELECT group_concat(c.rec_id, ',') OVER (
            ORDER BY c.doc_id, c.first ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS v
        FROM cited c
        WHERE c.rec_id IS NOT NULL AND c.ref_type = a.ref_type AND c.title IS NOT DISTINCT FROM a.title
          AND c.number IS NOT DISTINCT FROM a.number AND c.date IS NOT DISTINCT FROM a.date) LIMIT 1) AS rec_ids,
    (SELECT v FROM (
        SELECT group_concat(c.doc_id, ',') OVER (
            ORDER BY c.doc_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS v
        FROM (SELECT DISTINCT doc_id FROM cited
              WHERE ref_type = a.ref_type AND title IS NOT DISTINCT FROM a.title
                AND number IS NOT DISTINCT FROM a.number AND date IS NOT DISTINCT FROM a.date) c) LIMIT 1)
        AS doc_ids
FROM grouped a
ORDER BY a.units DESC, a.mentions DESC, a.act, a.ref_type, a.title NULLS FIRST, a.number NULLS FIRST,
    a.date NULLS FIRST;

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
GROUP BY l.doc_id, d.act_id, l.act_id, a.ref_type, a.title, l.relation
ORDER BY l.doc_id, l.act_id, l.relation;

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
-- Which act changed or repealed which: the document's own act changes what it amends or repeals; an edition
-- note («X (в редакции Y)», «с изменениями от Y», on the document's own heading) says that Y changed X.
CREATE VIEW amendments AS
WITH changes AS (
    SELECT
        l.doc_id,
        d.act_id AS doc_act_id,
        CASE WHEN l.edition_of IS NULL THEN l.relation ELSE 'amends' END AS relation,
        CASE WHEN l.edition_of IS NULL THEN d.act_id ELSE l.act_id END AS by_act_id,
        coalesce(l.edition_of, l.act_id) AS act_id
    FROM legal_refs l
    JOIN documents d ON d.doc_id = l.doc_id
    WHERE l.edition_of IS NOT NULL OR l.relation IN ('amends', 'repeals')
)
SELECT
    x.doc_id,
    x.doc_act_id,
    x.relation,
    x.by_act_id,
    (SELECT min(c.doc_id) FROM documents c WHERE c.act_id = x.by_act_id) AS by_doc_id,
    x.act_id,
    a.title AS act_title,
    (SELECT min(c.doc_id) FROM documents c WHERE c.act_id = x.act_id) AS cited_doc_id,
    count(*) AS mentions
FROM changes x
JOIN acts a ON a.act_id = x.act_id
GROUP BY x.doc_id, x.doc_act_id, x.relation, x.by_act_id, x.act_id, a.title
ORDER BY x.doc_id, x.relation, x.act_id, x.by_act_id;
