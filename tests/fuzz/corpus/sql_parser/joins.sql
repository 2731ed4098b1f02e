SELECT o.id, p.amount * 1.1 AS total, s->city FROM orders o
  LEFT OUTER JOIN payments p WITHIN (1 HOUR, 2 HOURS) GRACE PERIOD 5 MINUTES ON o.id = p.id
  FULL JOIN shipments s WITHIN 1 DAY ON s.id = o.id
  WHERE o.x BETWEEN 1 AND 10 AND name NOT LIKE 'a%' ESCAPE '!' OR k IN (1, 2, 3)
  PARTITION BY o.id EMIT CHANGES LIMIT 5;
