-- name: units_citing_act
-- title: Units citing an act
-- description: Units whose legal references match :act — the act's number (exactly) or a piece of its title or citation.
-- param: act
SELECT
    l.rec_id,
    r.item,
    l.ref_type,
    l.title AS act_title,
    l.number AS act_number,
    l.date AS act_date,
    l.text AS citation,
    r.text AS unit_text
FROM legal_refs l
JOIN recommendations r ON r.rec_id = l.rec_id
WHERE l.number = :act
   OR instr(lower(coalesce(l.title, '')), lower(:act)) > 0
   OR instr(lower(l.text), lower(:act)) > 0
ORDER BY l.doc_id, l.start
