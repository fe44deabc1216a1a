-- name: recommendations_per_addressee
-- title: Recommendations per addressee
-- description: How many units each addressee is asked to act on, in how many documents, with the modalities used.
WITH addressed AS (
    SELECT coalesce(a.normalized, a.text) AS addressee, a.entity_id, a.rec_id, a.doc_id, r.modality
    FROM addressees a
    JOIN recommendations r ON r.rec_id = a.rec_id
    WHERE a.role = 'addressee'
)
SELECT
    g.addressee,
    g.entity_id,
    count(DISTINCT g.rec_id) AS units,
    count(DISTINCT g.doc_id) AS documents,
    (SELECT v FROM (
        SELECT group_concat(m.modality, ',') OVER (
            ORDER BY m.modality ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS v
        FROM (SELECT DISTINCT x.modality FROM addressed x
              WHERE x.addressee = g.addressee AND x.entity_id IS NOT DISTINCT FROM g.entity_id
                AND x.modality IS NOT NULL) m) LIMIT 1) AS modalities
FROM addressed g
GROUP BY g.addressee, g.entity_id
ORDER BY units DESC, g.addressee, g.entity_id NULLS FIRST
