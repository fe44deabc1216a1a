-- name: units_citing_act
-- title: Units citing an act
-- description: Units whose legal references cite :act — the act's number, exactly («2» is act № 2, not every number holding a 2), or words of its title (any case).
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
WHERE lower(l.number) = lower(trim(:act))
   -- a value with letters («Об обращении лекарственных средств») may also be words of the title
   OR (lower(:act) <> upper(:act) AND instr(lower(coalesce(l.title, '')), lower(trim(:act))) > 0)
ORDER BY r.seq, l.start
