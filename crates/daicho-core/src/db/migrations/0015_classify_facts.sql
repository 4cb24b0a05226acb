-- Daicho ledger, schema 15: what classification reads about every card (its standing and
-- which parts of its profile are filled in) in one index, so that classifying 100,000 cards
-- walks this index instead of every card's whole row and its profile's JSON.
-- The expressions are those of classify::gather, letter for letter: SQLite reads them from
-- the index only when they match. A profile whose stored JSON is damaged counts as not filled
-- in: the index never refuses a write or an upgrade because of it.
-- Append-only: never edit this file once landed.
CREATE INDEX cards_classify_facts ON cards (
    deleted_at, id, code, name, owner, kind, status, credit_rating, credit_score, credit_limit,
    loyalty, cooperation, influence,
    reading <> '',
    phones <> '[]' OR email <> '',
    region <> '' AND city <> '' AND street <> '',
    industry <> '',
    CASE WHEN json_valid(organisation) THEN
        coalesce(json_extract(organisation, '$.decision_maker'), '') <> ''
        OR coalesce(json_extract(organisation, '$.decision_approach'), '') <> '' ELSE 0 END,
    CASE WHEN kind = 'organisation' AND json_valid(organisation) THEN
        json_extract(organisation, '$.employees') IS NOT NULL
        AND json_extract(organisation, '$.annual_sales') IS NOT NULL
    WHEN kind <> 'organisation' AND json_valid(individual) THEN
        coalesce(json_extract(individual, '$.occupation'), '') <> ''
        AND json_extract(individual, '$.birthday') IS NOT NULL ELSE 0 END,
    CASE WHEN json_valid(organisation) THEN
        coalesce(json_extract(organisation, '$.payment_terms'), '') <> ''
        OR coalesce(json_extract(organisation, '$.payment_method'), '') <> '' ELSE 0 END
);
