-- name: organizations_aliases
-- title: Organisations and their aliases
-- description: The organisation registry with its aliases, and how often each organisation is an addressee or a named entity.
SELECT
    o.entity_id,
    o.name,
    o.country,
    replace(coalesce(o.aliases, ''), '|', '; ') AS aliases,
    (SELECT count(*) FROM addressees a WHERE a.entity_id = o.entity_id) AS as_addressee,
    (SELECT count(*) FROM entities e WHERE e.entity_id = o.entity_id) AS as_entity
FROM organizations o
ORDER BY as_addressee DESC, as_entity DESC, o.name, o.entity_id
