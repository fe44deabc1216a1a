-- The dataset contract with analysts: add columns freely, rename or drop none.
-- Offsets (start, "end") point into documents.text; dates are ISO 8601 text.
-- An end-of-line comment listing words with "|" and nothing else is the column's set of values (an enum in
-- the Frictionless datapackage.json); pipeline/data/column_types.tsv names dates and lists for Parquet.

CREATE TABLE documents (
    doc_id    TEXT PRIMARY KEY,
    source    TEXT NOT NULL,          -- path of the input file, relative to the corpus
    doc_type  TEXT NOT NULL,          -- resolution|decree|order|law|program|plan|news|other
    title     TEXT,
    date      TEXT,                   -- the document's own date
    place     TEXT,
    number    TEXT,                   -- the act's number, where it carries one
    text      TEXT NOT NULL,          -- the cleaned text every offset points into
    n_chars   INTEGER NOT NULL,
    sha256    TEXT NOT NULL,          -- of the raw input bytes
    language  TEXT,                   -- ISO 639-1 guess: ru, ky, kk, en, …
    encoding  TEXT,                   -- the encoding the input was decoded from
    warnings  TEXT,                   -- semicolon-separated notes from ingest
    chrome_lines INTEGER NOT NULL DEFAULT 0,  -- lines of page chrome dropped at ingest
    act_id    TEXT REFERENCES acts(act_id) DEFERRABLE INITIALLY DEFERRED  -- the act the document itself is
);

CREATE TABLE acts (
    act_id       TEXT PRIMARY KEY,    -- "<ref_type>:<hash of its strongest key>", the same in every run
    ref_type     TEXT NOT NULL,
    title        TEXT,                -- the fullest nominative form seen
    date         TEXT,
    number       TEXT,
    issuer       TEXT,
    jurisdiction TEXT,
    n_mentions   INTEGER NOT NULL,
    n_documents  INTEGER NOT NULL     -- documents that mention it
);

CREATE TABLE sections (
    doc_id   TEXT NOT NULL REFERENCES documents(doc_id),
    section  TEXT NOT NULL,           -- the section's number as printed ("2", "I")
    title    TEXT,
    kind     TEXT,                    -- razdel|glava|statya|part
    start    INTEGER,
    "end"    INTEGER,
    PRIMARY KEY (doc_id, section, kind)
);

CREATE TABLE recommendations (
    rec_id       TEXT PRIMARY KEY,    -- "<doc_id>:<n>", n counting units in document order
    doc_id       TEXT NOT NULL REFERENCES documents(doc_id),
    section      TEXT,
    item         TEXT,                -- the item's number as printed ("18", "2.1", "а")
    text         TEXT NOT NULL,
    modality     TEXT,                -- recommendation|instruction|decision|obligation|request|proposal|appeal|permission|statement
    deadline     TEXT,                -- ISO date when it resolves, else the phrase
    theme        TEXT,
    theme_score  REAL,
    themes_secondary TEXT,            -- comma-separated secondary themes
    trigger      TEXT,                -- the word that made it directive ("Рекомендовать")
    start        INTEGER,
    "end"        INTEGER,
    seq          INTEGER,             -- the unit's place in the dataset: documents in source order, units in text order
    deadline_date TEXT,               -- the deadline when it is an ISO date (date-typed in Parquet)
    deadline_text TEXT                -- the deadline when it is a phrase
);

CREATE TABLE clauses (
    clause_id  TEXT PRIMARY KEY,      -- "<rec_id>:<n>"
    doc_id     TEXT NOT NULL REFERENCES documents(doc_id),
    rec_id     TEXT NOT NULL REFERENCES recommendations(rec_id),
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL
);

CREATE TABLE organizations (
    entity_id  TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    aliases    TEXT,                  -- "|"-separated
    country    TEXT                   -- KG|KZ|RU|INT|…
);

CREATE TABLE addressees (
    rec_id      TEXT NOT NULL REFERENCES recommendations(rec_id),
    doc_id      TEXT NOT NULL REFERENCES documents(doc_id),
    role        TEXT NOT NULL,        -- addressee|co_actor
    text        TEXT NOT NULL,        -- as written
    normalized  TEXT,                 -- nominative form
    entity_id   TEXT REFERENCES organizations(entity_id),
    start       INTEGER,
    "end"       INTEGER
);

CREATE TABLE actions (
    rec_id     TEXT NOT NULL REFERENCES recommendations(rec_id),
    clause_id  TEXT REFERENCES clauses(clause_id),
    doc_id     TEXT NOT NULL REFERENCES documents(doc_id),
    verb       TEXT NOT NULL,
    lemma      TEXT NOT NULL,
    object     TEXT,
    start      INTEGER,
    "end"      INTEGER
);

CREATE TABLE legal_refs (
    ref_id        TEXT PRIMARY KEY,   -- "<doc_id>:ref:<n>"
    doc_id        TEXT NOT NULL REFERENCES documents(doc_id),
    rec_id        TEXT REFERENCES recommendations(rec_id),
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    text          TEXT NOT NULL,
    ref_type      TEXT NOT NULL,      -- law|code|constitutional_law|decree|order|…|generic
    title         TEXT,
    date          TEXT,               -- ISO 8601: the day, or only the year or month the citation prints
    number        TEXT,
    jurisdiction  TEXT,
    issuer        TEXT,
    article       TEXT,
    act_id        TEXT REFERENCES acts(act_id) DEFERRABLE INITIALLY DEFERRED,
    relation      TEXT,               -- basis|implements|amends|repeals|approves|self|mentions
    edition_of    TEXT REFERENCES acts(act_id) DEFERRABLE INITIALLY DEFERRED,  -- X of «X (в редакции Y)»
    date_full     TEXT                -- date when it names the day (date-typed in Parquet)
);

CREATE TABLE entities (
    doc_id      TEXT NOT NULL REFERENCES documents(doc_id),
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    label       TEXT NOT NULL,        -- PER|ORG|LOC|DATE
    normalized  TEXT,
    entity_id   TEXT REFERENCES organizations(entity_id)
);

CREATE TABLE persons (
    doc_id  TEXT NOT NULL REFERENCES documents(doc_id),
    name    TEXT NOT NULL,
    role    TEXT,
    start   INTEGER,
    "end"   INTEGER
);

CREATE TABLE quotes (
    doc_id   TEXT NOT NULL REFERENCES documents(doc_id),
    speaker  TEXT,
    text     TEXT NOT NULL,
    start    INTEGER,
    "end"    INTEGER
);

CREATE TABLE errors (
    doc_id   TEXT,
    source   TEXT NOT NULL,
    stage    TEXT NOT NULL,
    kind     TEXT NOT NULL,
    message  TEXT NOT NULL
);

CREATE INDEX ix_sections_doc ON sections(doc_id);
CREATE INDEX ix_rec_doc ON recommendations(doc_id);
CREATE INDEX ix_rec_theme ON recommendations(theme);
CREATE INDEX ix_clauses_rec ON clauses(rec_id);
CREATE INDEX ix_addr_rec ON addressees(rec_id);
CREATE INDEX ix_addr_entity ON addressees(entity_id);
CREATE INDEX ix_actions_rec ON actions(rec_id);
CREATE INDEX ix_actions_lemma ON actions(lemma);
CREATE INDEX ix_refs_doc ON legal_refs(doc_id);
CREATE INDEX ix_refs_rec ON legal_refs(rec_id);
CREATE INDEX ix_refs_act ON legal_refs(act_id);
CREATE INDEX ix_documents_act ON documents(act_id);
CREATE INDEX ix_refs_edition ON legal_refs(edition_of);
CREATE INDEX ix_entities_doc ON entities(doc_id);
CREATE INDEX ix_persons_doc ON persons(doc_id);
