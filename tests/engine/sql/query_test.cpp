// Queries: the fraud-detection statement, windows (the ksqlDB documentation's examples for each
// window type), joins, select items, clause fields and push vs pull.
#include <QtTest>

#include "sql_test_util.h"

using namespace runnel::sql;
using namespace runnel::sql::ast;
using sqltest::parseOne;
using sqltest::roundTrip;

Q_DECLARE_METATYPE(std::string)

namespace {

const Query& queryOf(const Statement& s) {
  if (s.kind == StmtKind::kCreateAsSelect) return *s.as<CreateAsSelectStmt>().query;
  if (s.kind == StmtKind::kInsertInto) return *s.as<InsertIntoStmt>().query;
  return *s.as<QueryStmt>().query;
}

constexpr const char* kFraud =
    "CREATE STREAM possible_fraud AS\n"
    "SELECT card_number, count(*)\n"
    "FROM authorization_attempts\n"
    "WINDOW TUMBLING (SIZE 5 MINUTE)\n"
    "GROUP BY card_number\n"
    "HAVING count(*) > 3;";

}  // namespace

class QueryTest : public QObject {
  Q_OBJECT
 private slots:
  void fraudStatementParsesExactlyAsWritten() {
    ParseResult r = parseScript(kFraud);
    QVERIFY2(r.ok(), renderErrors(r.errors, kFraud).c_str());
    QCOMPARE(r.statements.size(), size_t(1));
    const auto& csas = r.statements[0]->as<CreateAsSelectStmt>();
    QCOMPARE(csas.sourceKind, SourceKind::kStream);
    QCOMPARE(csas.name.name, std::string("POSSIBLE_FRAUD"));
    const Query& q = *csas.query;
    QCOMPARE(q.select.size(), size_t(2));
    QCOMPARE(q.select[0].expr->as<ColumnRefExpr>().column.name, std::string("CARD_NUMBER"));
    const auto& count = q.select[1].expr->as<FunctionCallExpr>();
    QCOMPARE(count.name.name, std::string("COUNT"));
    QVERIFY(count.star);
    QCOMPARE(q.from.source.name.name, std::string("AUTHORIZATION_ATTEMPTS"));
    QVERIFY(q.from.joins.empty());
    QVERIFY(q.window.has_value());
    QCOMPARE(q.window->type, WindowType::kTumbling);
    QCOMPARE(q.window->size.value, int64_t(5));
    QCOMPARE(q.window->size.unit, TimeUnit::kMinute);
    QCOMPARE(q.window->size.toMillis(), int64_t(300000));
    QCOMPARE(q.groupBy.size(), size_t(1));
    const auto& having = q.having->as<BinaryExpr>();
    QCOMPARE(having.op, BinaryOp::kGt);
    QVERIFY(having.left->as<FunctionCallExpr>().star);
    QCOMPARE(having.right->as<LiteralExpr>().intValue, int64_t(3));
    QVERIFY(!q.isPushQuery());
    // Positions point into the original text (line:column, 1-based).
    QCOMPARE(q.window->range.line, 4u);
    QCOMPARE(q.window->range.column, 8u);
    QCOMPARE(having.range.line, 6u);
    QCOMPARE(having.range.column, 8u);
    QCOMPARE(csas.range.length, uint32_t(std::string_view(kFraud).size() - 1));
    QCOMPARE(
        roundTrip(kFraud),
        std::string("CREATE STREAM POSSIBLE_FRAUD AS SELECT CARD_NUMBER, COUNT(*) FROM "
                    "AUTHORIZATION_ATTEMPTS "
                    "WINDOW TUMBLING (SIZE 5 MINUTES) GROUP BY CARD_NUMBER HAVING COUNT(*) > 3"));
    QCOMPARE(
        toSql(csas, {.multiline = true}),
        std::string("CREATE STREAM POSSIBLE_FRAUD AS\nSELECT CARD_NUMBER, COUNT(*)\nFROM "
                    "AUTHORIZATION_ATTEMPTS\n"
                    "WINDOW TUMBLING (SIZE 5 MINUTES)\nGROUP BY CARD_NUMBER\nHAVING COUNT(*) > 3"));
  }

  void documentedQueries_data() {
    QTest::addColumn<std::string>("text");
    QTest::addColumn<std::string>("canonical");
    auto row = [](const char* name, const char* text, const char* canonical) {
      QTest::newRow(name) << std::string(text) << std::string(canonical);
    };
    row("hopping",
        "SELECT regionid, COUNT(*) FROM pageviews\n"
        "  WINDOW HOPPING (SIZE 30 SECONDS, ADVANCE BY 10 SECONDS)\n"
        "  WHERE UCASE(gender)='FEMALE' AND LCASE (regionid) LIKE '%_6'\n"
        "  GROUP BY regionid\n  EMIT CHANGES;",
        "SELECT REGIONID, COUNT(*) FROM PAGEVIEWS WINDOW HOPPING (SIZE 30 SECONDS, ADVANCE BY 10 "
        "SECONDS) "
        "WHERE UCASE(GENDER) = 'FEMALE' AND LCASE(REGIONID) LIKE '%_6' GROUP BY REGIONID EMIT "
        "CHANGES");
    row("tumbling",
        "SELECT regionid, COUNT(*) FROM pageviews\n  WINDOW TUMBLING (SIZE 1 MINUTE)\n"
        "  WHERE UCASE(gender)='FEMALE' AND LCASE(regionid) LIKE '%_6'\n  GROUP BY regionid\n  "
        "EMIT CHANGES;",
        "SELECT REGIONID, COUNT(*) FROM PAGEVIEWS WINDOW TUMBLING (SIZE 1 MINUTE) "
        "WHERE UCASE(GENDER) = 'FEMALE' AND LCASE(REGIONID) LIKE '%_6' GROUP BY REGIONID EMIT "
        "CHANGES");
    row("session",
        "SELECT regionid, COUNT(*) FROM pageviews\n  WINDOW SESSION (60 SECONDS)\n"
        "  GROUP BY regionid\n  EMIT CHANGES;",
        "SELECT REGIONID, COUNT(*) FROM PAGEVIEWS WINDOW SESSION (60 SECONDS) GROUP BY REGIONID "
        "EMIT CHANGES");
    row("tumbling retention grace",
        "SELECT id, COUNT(*) FROM s WINDOW TUMBLING (SIZE 1 HOUR, RETENTION 7 DAYS, "
        "GRACE PERIOD 10 MINUTES) GROUP BY id EMIT FINAL",
        "SELECT ID, COUNT(*) FROM S WINDOW TUMBLING (SIZE 1 HOUR, RETENTION 7 DAYS, GRACE PERIOD "
        "10 MINUTES) "
        "GROUP BY ID EMIT FINAL");
    row("hopping grace",
        "SELECT id, COUNT(*) FROM s WINDOW HOPPING (SIZE 1 HOUR, ADVANCE BY 5 MINUTES, "
        "GRACE PERIOD 2 HOURS) GROUP BY id",
        "SELECT ID, COUNT(*) FROM S WINDOW HOPPING (SIZE 1 HOUR, ADVANCE BY 5 MINUTES, GRACE "
        "PERIOD 2 HOURS) "
        "GROUP BY ID");
    row("session milliseconds",
        "SELECT id, COUNT(*) FROM s WINDOW SESSION (500 MILLISECONDS, RETENTION 1 DAY) GROUP BY id",
        "SELECT ID, COUNT(*) FROM S WINDOW SESSION (500 MILLISECONDS, RETENTION 1 DAY) GROUP BY "
        "ID");
    row("hopping table",
        "CREATE TABLE average_temps AS\n    SELECT\n        id AS key,\n        AS_VALUE(id) AS "
        "id,\n"
        "        SUM(reading) / COUNT(reading) AS avg_reading\n    FROM temperature_readings\n"
        "    WINDOW HOPPING (SIZE 10 MINUTES, ADVANCE BY 5 MINUTES)\n    GROUP BY id;",
        "CREATE TABLE AVERAGE_TEMPS AS SELECT ID AS KEY, AS_VALUE(ID) AS ID, SUM(READING) / "
        "COUNT(READING) AS "
        "AVG_READING FROM TEMPERATURE_READINGS WINDOW HOPPING (SIZE 10 MINUTES, ADVANCE BY 5 "
        "MINUTES) GROUP BY ID");
    row("stream table join",
        "CREATE STREAM pageviews_enriched AS\n  SELECT\n     users.userid AS userid,\n"
        "     pageid,\n     regionid,\n     gender\n  FROM pageviews\n"
        "    LEFT JOIN users ON pageviews.userid = users.userid\n  EMIT CHANGES;",
        "CREATE STREAM PAGEVIEWS_ENRICHED AS SELECT USERS.USERID AS USERID, PAGEID, REGIONID, "
        "GENDER FROM PAGEVIEWS "
        "LEFT JOIN USERS ON PAGEVIEWS.USERID = USERS.USERID EMIT CHANGES");
    row("three way stream join",
        "CREATE STREAM shipped_orders AS\n  SELECT\n     o.id as orderId,\n"
        "     o.itemid as itemId,\n     s.id as shipmentId,\n     p.id as paymentId\n  FROM orders "
        "o\n"
        "     INNER JOIN payments p WITHIN 1 HOURS ON p.id = o.id\n"
        "     INNER JOIN shipments s WITHIN 2 HOURS ON s.id = o.id;",
        "CREATE STREAM SHIPPED_ORDERS AS SELECT O.ID AS ORDERID, O.ITEMID AS ITEMID, S.ID AS "
        "SHIPMENTID, "
        "P.ID AS PAYMENTID FROM ORDERS AS O JOIN PAYMENTS AS P WITHIN 1 HOUR ON P.ID = O.ID "
        "JOIN SHIPMENTS AS S WITHIN 2 HOURS ON S.ID = O.ID");
    row("before after grace",
        "SELECT * FROM a FULL OUTER JOIN b WITHIN (1 HOUR, 2 HOURS) GRACE PERIOD 15 MINUTES "
        "ON a.id = b.id EMIT CHANGES",
        "SELECT * FROM A FULL OUTER JOIN B WITHIN (1 HOUR, 2 HOURS) GRACE PERIOD 15 MINUTES ON "
        "A.ID = B.ID "
        "EMIT CHANGES");
    row("right outer join",
        "SELECT * FROM a AS x RIGHT OUTER JOIN b y WITHIN 10 SECONDS ON x.k = y.k",
        "SELECT * FROM A AS X RIGHT JOIN B AS Y WITHIN 10 SECONDS ON X.K = Y.K");
    row("table table join",
        "SELECT * FROM t1 LEFT OUTER JOIN t2 ON t1.id = t2.id FULL JOIN t3 ON t1.id = t3.id",
        "SELECT * FROM T1 LEFT JOIN T2 ON T1.ID = T2.ID FULL OUTER JOIN T3 ON T1.ID = T3.ID");
    row("select items",
        "SELECT *, o.*, address->*, address->city AS city, tags[1] t, amount * 1.1 "
        "FROM orders o EMIT CHANGES",
        "SELECT *, O.*, ADDRESS->*, ADDRESS->CITY AS CITY, TAGS[1] AS T, AMOUNT * 1.1 FROM ORDERS "
        "AS O EMIT CHANGES");
    row("partition by",
        "CREATE STREAM by_user AS SELECT * FROM clicks PARTITION BY user_id, region",
        "CREATE STREAM BY_USER AS SELECT * FROM CLICKS PARTITION BY USER_ID, REGION");
    row("grouping parens", "SELECT a, b, COUNT(*) FROM s GROUP BY (a, b) EMIT CHANGES",
        "SELECT A, B, COUNT(*) FROM S GROUP BY A, B EMIT CHANGES");
    row("grouping expr in parens", "SELECT COUNT(*) FROM s GROUP BY (a + 1) * 2",
        "SELECT COUNT(*) FROM S GROUP BY (A + 1) * 2");
    row("limit", "SELECT * FROM s EMIT CHANGES LIMIT 10", "SELECT * FROM S EMIT CHANGES LIMIT 10");
    row("all clauses",
        "select a, sum(b) from s window tumbling (size 1 second) where c is not null "
        "group by a having sum(b) between 1 and 10 emit changes limit 5",
        "SELECT A, SUM(B) FROM S WINDOW TUMBLING (SIZE 1 SECOND) WHERE C IS NOT NULL GROUP BY A "
        "HAVING SUM(B) BETWEEN 1 AND 10 EMIT CHANGES LIMIT 5");
  }
  void documentedQueries() {
    QFETCH(std::string, text);
    QFETCH(std::string, canonical);
    QCOMPARE(roundTrip(text), canonical);
  }

  void joinFields() {
    auto s = parseOne(
        "SELECT * FROM orders o LEFT JOIN payments p WITHIN (5 MINUTES, 1 HOUR) GRACE PERIOD 1 "
        "MINUTE "
        "ON o.id = p.order_id INNER JOIN users u ON o.user_id = u.id EMIT CHANGES");
    QVERIFY(s);
    const Query& q = queryOf(*s);
    QCOMPARE(q.from.source.effectiveName().name, std::string("O"));
    QCOMPARE(q.from.joins.size(), size_t(2));
    const Join& first = q.from.joins[0];
    QCOMPARE(first.type, JoinType::kLeft);
    QCOMPARE(first.right.name.name, std::string("PAYMENTS"));
    QCOMPARE(first.right.alias->name, std::string("P"));
    QVERIFY(first.within.has_value());
    QCOMPARE(first.within->before.toMillis(), int64_t(5 * 60 * 1000));
    QCOMPARE(first.within->after->unit, TimeUnit::kHour);
    QCOMPARE(first.within->grace->toMillis(), int64_t(60 * 1000));
    QCOMPARE(first.on->as<BinaryExpr>().op, BinaryOp::kEq);
    const Join& second = q.from.joins[1];
    QCOMPARE(second.type, JoinType::kInner);
    QVERIFY(!second.within.has_value());
    QCOMPARE(second.right.effectiveName().name, std::string("U"));
    QVERIFY(q.isPushQuery());
  }

  void selectItemKinds() {
    auto s = parseOne("SELECT *, src.*, s->*, x + 1 AS y, z w FROM src EMIT FINAL");
    QVERIFY(s);
    const Query& q = queryOf(*s);
    QCOMPARE(q.select.size(), size_t(5));
    QCOMPARE(q.select[0].kind, SelectItemKind::kAll);
    QCOMPARE(q.select[1].kind, SelectItemKind::kSourceAll);
    QCOMPARE(q.select[1].source.name, std::string("SRC"));
    QCOMPARE(q.select[2].kind, SelectItemKind::kStructAll);
    QCOMPARE(q.select[3].alias->name, std::string("Y"));
    QCOMPARE(q.select[4].alias->name, std::string("W"));
    QCOMPARE(q.emitMode, EmitMode::kFinal);
    QCOMPARE(q.select[3].range.column, 24u);
  }

  void pullQueryHasNoEmit() {
    auto s = parseOne("SELECT * FROM totals WHERE id = 'x' LIMIT 3");
    QVERIFY(s);
    const Query& q = queryOf(*s);
    QVERIFY(!q.isPushQuery());
    QCOMPARE(*q.limit, int64_t(3));
  }
};

QTEST_APPLESS_MAIN(QueryTest)
#include "query_test.moc"
