-- name: upcoming_deadlines
-- title: Deadlines coming up
-- description: Units with a resolved deadline (an ISO date) on or after :since (default today), soonest first.
-- param: since = {today}
SELECT
    r.deadline,
    r.rec_id,
    r.item,
    r.modality,
    (SELECT group_concat(coalesce(a.normalized, a.text), '; ') FROM addressees a
      WHERE a.rec_id = r.rec_id AND a.role = 'addressee') AS addressees,
    r.text
FROM recommendations r
WHERE r.deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
  AND r.deadline >= :since
ORDER BY r.deadline, r.rec_id
