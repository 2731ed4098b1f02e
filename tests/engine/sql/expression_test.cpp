// Expressions: every form, operator precedence and associativity, literal typing, and the
// printer's parentheses.
#include <QtTest>

#include <limits>

#include "sql_test_util.h"

using namespace runnel::sql;
using namespace runnel::sql::ast;
using sqltest::shape;

Q_DECLARE_METATYPE(std::string)

class ExpressionTest : public QObject {
  Q_OBJECT
 private slots:
  void precedence_data() {
    QTest::addColumn<std::string>("text");
    QTest::addColumn<std::string>("expected");
    QTest::newRow("mul over add") << std::string("1 + 2 * 3") << std::string("(1 + (2 * 3))");
    QTest::newRow("left assoc sub") << std::string("a - b - c") << std::string("((A - B) - C)");
    QTest::newRow("left assoc div") << std::string("a / b % c") << std::string("((A / B) % C)");
    QTest::newRow("parens win") << std::string("(1 + 2) * 3") << std::string("((1 + 2) * 3)");
    QTest::newRow("concat below add") << std::string("a + b || c") << std::string("((A + B) || C)");
    QTest::newRow("comparison below arith")
        << std::string("a + 1 > b * 2") << std::string("((A + 1) > (B * 2))");
    QTest::newRow("and over or") << std::string("a OR b AND c") << std::string("(A OR (B AND C))");
    QTest::newRow("or left assoc") << std::string("a OR b OR c") << std::string("((A OR B) OR C)");
    QTest::newRow("not over and") << std::string("NOT a AND b") << std::string("((NOT A) AND B)");
    QTest::newRow("not below comparison")
        << std::string("NOT a = b") << std::string("(NOT (A = B))");
    QTest::newRow("unary minus binds tight") << std::string("-a * b") << std::string("((-A) * B)");
    QTest::newRow("negative literal") << std::string("2 - -3") << std::string("(2 - -3)");
    QTest::newRow("double negation") << std::string("- -a") << std::string("(-(-A))");
    QTest::newRow("subscript and deref")
        << std::string("a->b[1]->c") << std::string("(((A->B)[1])->C)");
    QTest::newRow("deref under arith") << std::string("s->x + 1") << std::string("((S->X) + 1)");
    QTest::newRow("between with arith") << std::string("a BETWEEN b + 1 AND c * 2")
                                        << std::string("(A BETWEEN (B + 1) AND (C * 2))");
    QTest::newRow("between then and")
        << std::string("a BETWEEN 1 AND 2 AND b") << std::string("((A BETWEEN 1 AND 2) AND B)");
    QTest::newRow("is null under and") << std::string("a IS NULL AND b IS NOT NULL")
                                       << std::string("((A IS NULL) AND (B IS NOT NULL))");
    QTest::newRow("in list") << std::string("x + 1 NOT IN (1, 2)")
                             << std::string("((X + 1) NOT IN (1, 2))");
    QTest::newRow("like escape") << std::string("name NOT LIKE 'a!%%' ESCAPE '!'")
                                 << std::string("(NAME NOT LIKE 'a!%%' ESCAPE '!')");
    QTest::newRow("distinct from") << std::string("a IS NOT DISTINCT FROM b + 1")
                                   << std::string("(A IS NOT DISTINCT FROM (B + 1))");
    QTest::newRow("count star") << std::string("count(*) > 3") << std::string("(COUNT(*) > 3)");
  }
  void precedence() {
    QFETCH(std::string, text);
    QFETCH(std::string, expected);
    QCOMPARE(shape(text), expected);
  }

  void canonicalText_data() {
    QTest::addColumn<std::string>("text");
    QTest::addColumn<std::string>("expected");
    QTest::newRow("minimal parens") << std::string("(a + (b * c))") << std::string("A + B * C");
    QTest::newRow("needed parens kept") << std::string("(a + b) * c") << std::string("(A + B) * C");
    QTest::newRow("right operand parens")
        << std::string("a - (b - c)") << std::string("A - (B - C)");
    QTest::newRow("or inside and")
        << std::string("(a OR b) AND c") << std::string("(A OR B) AND C");
    QTest::newRow("qualified column") << std::string("o.id") << std::string("O.ID");
    QTest::newRow("quoted keeps case")
        << std::string("`Mixed Case` + \"dq\"") << std::string("`Mixed Case` + `dq`");
    QTest::newRow("reserved name quoted") << std::string("`from`") << std::string("`from`");
    QTest::newRow("keyword as column")
        << std::string("timestamp + key") << std::string("TIMESTAMP + KEY");
    QTest::newRow("string escapes") << std::string("'it''s'") << std::string("'it''s'");
    QTest::newRow("literals") << std::string("f(NULL, true, FALSE, 1.50, 2E3, -7)")
                              << std::string("F(NULL, TRUE, FALSE, 1.50, 2E3, -7)");
    QTest::newRow("searched case")
        << std::string("case when a > 1 then 'x' when a > 0 then 'y' else 'z' end")
        << std::string("CASE WHEN A > 1 THEN 'x' WHEN A > 0 THEN 'y' ELSE 'z' END");
    QTest::newRow("simple case") << std::string("CASE status WHEN 1 THEN 'on' END")
                                 << std::string("CASE STATUS WHEN 1 THEN 'on' END");
    QTest::newRow("cast") << std::string("CAST(amount AS DECIMAL(10,2))")
                          << std::string("CAST(AMOUNT AS DECIMAL(10, 2))");
    QTest::newRow("cast nested type") << std::string("cast(x as map<varchar, array<int>>)")
                                      << std::string("CAST(X AS MAP<STRING, ARRAY<INTEGER>>)");
    QTest::newRow("count distinct")
        << std::string("count(DISTINCT card)") << std::string("COUNT(DISTINCT CARD)");
    QTest::newRow("lambda") << std::string("TRANSFORM(arr, x => x + 1)")
                            << std::string("TRANSFORM(ARR, X => X + 1)");
    QTest::newRow("lambda two params") << std::string("REDUCE(arr, 0, (s, x) => s + x)")
                                       << std::string("REDUCE(ARR, 0, (S, X) => S + X)");
    QTest::newRow("constructors") << std::string("ARRAY[1, 2]") << std::string("ARRAY[1, 2]");
    QTest::newRow("map constructor")
        << std::string("MAP('a' := 1, 'b' := 2)") << std::string("MAP('a' := 1, 'b' := 2)");
    QTest::newRow("struct constructor")
        << std::string("STRUCT(x := 1, y := 'b')") << std::string("STRUCT(X := 1, Y := 'b')");
    QTest::newRow("variable") << std::string("${limit} + 1") << std::string("${limit} + 1");
    QTest::newRow("time unit argument") << std::string("TIMESTAMPADD(MINUTES, 5, ts)")
                                        << std::string("TIMESTAMPADD(MINUTES, 5, TS)");
    QTest::newRow("ne spellings") << std::string("a != b") << std::string("A <> B");
    QTest::newRow("negate negative") << std::string("-(-5)") << std::string("-(-5)");
    QTest::newRow("column named array") << std::string("`ARRAY`[0]") << std::string("`ARRAY`[0]");
  }
  void canonicalText() {
    QFETCH(std::string, text);
    QFETCH(std::string, expected);
    ExpressionParseResult r = parseExpression(text);
    QVERIFY2(r.expr, r.errors.empty() ? "" : r.errors[0].render(text).c_str());
    std::string printed = toSql(*r.expr);
    QCOMPARE(printed, expected);
    // And the canonical text reads back as the same tree.
    QCOMPARE(shape(printed), shape(text));
  }

  void literalTypes() {
    auto lit = [](std::string_view text) -> const LiteralExpr& {
      static ExpressionParseResult keep;
      keep = parseExpression(text);
      return keep.expr->as<LiteralExpr>();
    };
    QCOMPARE(lit("2147483647").literalKind, LiteralKind::kInteger);
    QCOMPARE(lit("2147483648").literalKind, LiteralKind::kBigint);
    QCOMPARE(lit("-2147483648").literalKind, LiteralKind::kInteger);
    QCOMPARE(lit("-9223372036854775808").intValue, std::numeric_limits<int64_t>::min());
    QCOMPARE(lit("9223372036854775807").intValue, std::numeric_limits<int64_t>::max());
    QCOMPARE(lit("12.50").literalKind, LiteralKind::kDecimal);
    QCOMPARE(lit("12.50").text, std::string("12.50"));
    QCOMPARE(lit("1.5e3").literalKind, LiteralKind::kDouble);
    QCOMPARE(lit("1.5e3").doubleValue, 1500.0);
    QCOMPARE(lit("'it''s'").text, std::string("it's"));
    QCOMPARE(lit("TRUE").boolValue, true);
    QCOMPARE(lit("null").literalKind, LiteralKind::kNull);
  }

  void outOfRangeNumbersAreErrors() {
    QVERIFY(!parseExpression("9223372036854775808").expr);
    QVERIFY(!parseExpression("-9223372036854775809").expr);
    QVERIFY(!parseExpression("1e999").expr);
    QVERIFY(parseExpression("-9223372036854775808").expr);
  }

  void nodesKeepSourceRanges() {
    std::string text = "a +\n  f(b, 'x')";
    ExpressionParseResult r = parseExpression(text);
    QVERIFY(r.expr);
    const BinaryExpr& add = r.expr->as<BinaryExpr>();
    QCOMPARE(add.range.offset, 0u);
    QCOMPARE(add.range.length, uint32_t(text.size()));
    const FunctionCallExpr& call = add.right->as<FunctionCallExpr>();
    QCOMPARE(call.range.line, 2u);
    QCOMPARE(call.range.column, 3u);
    QCOMPARE(call.name.name, std::string("F"));
    QCOMPARE(call.args[1]->range.column, 8u);
    QCOMPARE(call.args[1]->range.length, 3u);
  }

  void columnReferences() {
    ExpressionParseResult r = parseExpression("o.`Card Number`");
    const ColumnRefExpr& c = r.expr->as<ColumnRefExpr>();
    QVERIFY(c.source.has_value());
    QCOMPARE(c.source->name, std::string("O"));
    QCOMPARE(c.column.name, std::string("Card Number"));
    QVERIFY(c.column.quoted);
    QVERIFY(!parseExpression("a.b.c").expr);  // struct fields use ->
  }

  void predicatesDoNotChain() {
    QVERIFY(!parseExpression("a = b = c").expr);
    QVERIFY(!parseExpression("a < b < c").expr);
    QVERIFY(parseExpression("(a = b) = c").expr);
  }
};

QTEST_APPLESS_MAIN(ExpressionTest)
#include "expression_test.moc"
