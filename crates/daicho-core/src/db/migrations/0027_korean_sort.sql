-- Daicho ledger, schema 27: a Korean company sorts by its own name in the list by reading
-- ((주)대성건설 with the ㄷ), not every company under 주 (names::sort_key leaves 주식회사, (주),
-- 유한회사 and (유) out of a Korean name's key). Only keys of names in hangul change.
-- Append-only: never edit this file once landed.
UPDATE cards SET sort_key = daicho_sort_key(name, reading)
WHERE name GLOB '*[가-힣]*' AND sort_key <> daicho_sort_key(name, reading);
