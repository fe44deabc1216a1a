-- name: themes_per_document
-- title: Themes per document
-- description: For each document, how many of its units fall under each theme.
SELECT
    d.doc_id,
    d.doc_type,
    d.date,
    coalesce(r.theme, '(none)') AS theme,
    count(*) AS units,
    round(avg(r.theme_score), 3) AS mean_score
FROM recommendations r
JOIN documents d ON d.doc_id = r.doc_id
GROUP BY d.doc_id, d.doc_type, d.date, coalesce(r.theme, '(none)')
ORDER BY d.doc_id, units DESC, theme
