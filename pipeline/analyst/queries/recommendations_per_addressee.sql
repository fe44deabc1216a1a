-- name: recommendations_per_addressee
-- title: Recommendations per addressee
-- description: How many units each addressee is asked to act on, in how many documents, with the modalities used.
SELECT
    coalesce(a.normalized, a.text) AS addressee,
    a.entity_id,
    count(DISTINCT a.rec_id) AS units,
    count(DISTINCT a.doc_id) AS documents,
    group_concat(DISTINCT r.modality) AS modalities
FROM addressees a
JOIN recommendations r ON r.rec_id = a.rec_id
WHERE a.role = 'addressee'
GROUP BY coalesce(a.normalized, a.text), a.entity_id
ORDER BY units DESC, addressee
