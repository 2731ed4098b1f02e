SELECT CASE WHEN a > 1 THEN 'x' ELSE 'y' END, CASE b WHEN 1 THEN 2 END, CAST(c AS BIGINT),
  TRANSFORM(arr, x => x + 1), REDUCE(arr, 0, (s, x) => s + x), ARRAY[1, 2][1], MAP('a' := 1),
  STRUCT(f := 'v'), -a - -5, 'it''s' || name, ${var}, 1.5E-3, .5, a IS NOT DISTINCT FROM b,
  x IS NULL, NOT y, count(DISTINCT z) FROM t;
