-- Daicho ledger, schema 8: the card list's order by reading follows each language (gojūon for
-- フリガナ, pinyin for hanzi, hangul for Korean names; names::sort_key).
-- Append-only: never edit this file once landed.
UPDATE cards SET sort_key = daicho_sort_key(name, reading);
