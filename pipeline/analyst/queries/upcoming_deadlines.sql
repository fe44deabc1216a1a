-- name: upcoming_deadlines
-- title: Deadlines coming up
-- description: Units with a deadline that names a day on or after :since (default today), soonest first.
-- param: since = {today}
SELECT
    r.deadline,
    r.rec_id,
    r.item,
    r.modality,
    (SELECT v FROM (
        SELECT group_concat(coalesce(a.normalized, a.text), '; ') OVER (
            ORDER BY a.start NULLS LAST, a."end" NULLS LAST
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS v
        FROM addressees a WHERE a.rec_id = r.rec_id AND a.role = 'addressee') LIMIT 1) AS addressees,
    r.text
FROM recommendations r
WHERE r.deadline_date >= :since
ORDER BY r.deadline_date, r.seq
