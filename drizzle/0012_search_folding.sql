-- The desk's « Familles » search ignores accents and case, and reads phone numbers as digits, on PostgreSQL
-- and PGlite alike: no extension (unaccent is not everywhere), two functions of our own, IMMUTABLE so that an
-- index may use them later. Accents are folded before lower(), which under the C locale only lowers ASCII.
CREATE OR REPLACE FUNCTION parvis_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(
    replace(replace(replace(replace(replace(translate(
      coalesce(value, ''),
      'àâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ’',
      'aaaaaaceeeeiiiinooooouuuuyyAAAAAACEEEEIIIINOOOOOUUUUYY'''
    ), 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe'), 'Œ', 'OE'), 'ß', 'ss')
  )
$$;
--> statement-breakpoint
-- A French phone number as its national digits: « 06 12 34 56 78 », « 06.12.34.56.78 », « +33 6 12 34 56 78 »
-- and « 0033612345678 » all read 0612345678.
CREATE OR REPLACE FUNCTION parvis_phone_digits(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN digits LIKE '0033%' THEN '0' || substr(digits, 5)
    WHEN digits LIKE '33%' AND length(digits) = 11 THEN '0' || substr(digits, 3)
    ELSE digits
  END
  FROM (SELECT regexp_replace(coalesce(value, ''), '[^0-9]', '', 'g') AS digits) AS number
$$;
