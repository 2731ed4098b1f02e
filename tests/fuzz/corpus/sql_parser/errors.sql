SELECT * FORM t;
SELECT a,, FROM
'unterminated /* x