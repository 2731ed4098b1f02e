// Statements: every statement form parses, prints canonically and round-trips, and the AST
// carries the fields a binder needs.
#include <QtTest>

#include "sql_test_util.h"

using namespace runnel::sql;
using namespace runnel::sql::ast;
using sqltest::parseOne;
using sqltest::roundTrip;

Q_DECLARE_METATYPE(std::string)

class StatementTest : public QObject {
  Q_OBJECT
 private slots:
  void roundTrips_data() {
    QTest::addColumn<std::string>("text");
    QTest::addColumn<std::string>("canonical");
    auto row = [](const char* name, const char* text, const char* canonical) {
      QTest::newRow(name) << std::string(text) << std::string(canonical);
    };
    row("create stream",
        "create stream pageviews (viewtime BIGINT, userid VARCHAR KEY, pageid STRING) "
        "with (kafka_topic='pageviews', value_format='JSON', partitions=3)",
        "CREATE STREAM PAGEVIEWS (VIEWTIME BIGINT, USERID STRING KEY, PAGEID STRING) "
        "WITH (KAFKA_TOPIC='pageviews', VALUE_FORMAT='JSON', PARTITIONS=3)");
    row("create table primary key",
        "CREATE TABLE users (id INT PRIMARY KEY, name STRING) "
        "WITH (KAFKA_TOPIC='users', KEY_FORMAT='KAFKA', VALUE_FORMAT='AVRO', REPLICAS=1)",
        "CREATE TABLE USERS (ID INTEGER PRIMARY KEY, NAME STRING) "
        "WITH (KAFKA_TOPIC='users', KEY_FORMAT='KAFKA', VALUE_FORMAT='AVRO', REPLICAS=1)");
    row("create with all types",
        "CREATE STREAM s (a BOOLEAN, b INTEGER, c BIGINT, d DOUBLE, e DECIMAL(4, 2), "
        "f STRING, g BYTES, h TIMESTAMP, i DATE, j TIME, k ARRAY<STRING>, l MAP<STRING, INT>, "
        "m STRUCT<street STRING, `Zip` INT>, n address_type) WITH (kafka_topic='t', format='json')",
        "CREATE STREAM S (A BOOLEAN, B INTEGER, C BIGINT, D DOUBLE, E DECIMAL(4, 2), F STRING, G "
        "BYTES, "
        "H TIMESTAMP, I DATE, J TIME, K ARRAY<STRING>, L MAP<STRING, INTEGER>, "
        "M STRUCT<STREET STRING, `Zip` INTEGER>, N ADDRESS_TYPE) WITH (KAFKA_TOPIC='t', "
        "FORMAT='json')");
    row("headers",
        "CREATE STREAM s (h ARRAY<STRUCT<key STRING, value BYTES>> HEADERS, v BYTES HEADER('v')) "
        "WITH (kafka_topic='t', value_format='json')",
        "CREATE STREAM S (H ARRAY<STRUCT<KEY STRING, VALUE BYTES>> HEADERS, V BYTES HEADER('v')) "
        "WITH (KAFKA_TOPIC='t', VALUE_FORMAT='json')");
    row("timestamp props",
        "CREATE STREAM s (ts VARCHAR) WITH (kafka_topic='t', value_format='delimited', "
        "timestamp='ts', timestamp_format='yyyy-MM-dd''T''HH:mm:ss', value_delimiter='|', "
        "wrap_single_value=false)",
        "CREATE STREAM S (TS STRING) WITH (KAFKA_TOPIC='t', VALUE_FORMAT='delimited', "
        "TIMESTAMP='ts', "
        "TIMESTAMP_FORMAT='yyyy-MM-dd''T''HH:mm:ss', VALUE_DELIMITER='|', "
        "WRAP_SINGLE_VALUE=FALSE)");
    row("create without columns", "CREATE STREAM s WITH (kafka_topic='t', value_format='avro')",
        "CREATE STREAM S WITH (KAFKA_TOPIC='t', VALUE_FORMAT='avro')");
    row("or replace source if not exists",
        "CREATE OR REPLACE SOURCE TABLE IF NOT EXISTS t (k STRING PRIMARY KEY) "
        "WITH (kafka_topic='t', format='json')",
        "CREATE OR REPLACE SOURCE TABLE IF NOT EXISTS T (K STRING PRIMARY KEY) "
        "WITH (KAFKA_TOPIC='t', FORMAT='json')");
    row("csas",
        "CREATE STREAM big_orders WITH (kafka_topic='big') AS SELECT * FROM orders WHERE amount > "
        "100 EMIT CHANGES",
        "CREATE STREAM BIG_ORDERS WITH (KAFKA_TOPIC='big') AS SELECT * FROM ORDERS WHERE AMOUNT > "
        "100 EMIT CHANGES");
    row("ctas or replace",
        "CREATE OR REPLACE TABLE IF NOT EXISTS totals AS SELECT id, SUM(x) AS total FROM s GROUP "
        "BY id",
        "CREATE OR REPLACE TABLE IF NOT EXISTS TOTALS AS SELECT ID, SUM(X) AS TOTAL FROM S GROUP "
        "BY ID");
    row("insert select", "INSERT INTO all_orders SELECT * FROM eu_orders EMIT CHANGES",
        "INSERT INTO ALL_ORDERS SELECT * FROM EU_ORDERS EMIT CHANGES");
    row("insert select with", "INSERT INTO all_orders WITH (query_id='Q1') SELECT * FROM eu_orders",
        "INSERT INTO ALL_ORDERS WITH (QUERY_ID='Q1') SELECT * FROM EU_ORDERS");
    row("insert values", "INSERT INTO orders (id, item, price) VALUES (1, 'pen', 2.50)",
        "INSERT INTO ORDERS (ID, ITEM, PRICE) VALUES (1, 'pen', 2.50)");
    row("insert values no columns",
        "insert into t values ('a', -1, null, ARRAY[1], STRUCT(x := 1))",
        "INSERT INTO T VALUES ('a', -1, NULL, ARRAY[1], STRUCT(X := 1))");
    row("show topics", "SHOW TOPICS", "SHOW TOPICS");
    row("list topics extended", "list topics extended", "SHOW TOPICS EXTENDED");
    row("show all topics", "SHOW ALL TOPICS", "SHOW ALL TOPICS");
    row("show streams", "SHOW STREAMS EXTENDED", "SHOW STREAMS EXTENDED");
    row("list tables", "LIST TABLES", "SHOW TABLES");
    row("show queries", "SHOW QUERIES", "SHOW QUERIES");
    row("show functions", "SHOW FUNCTIONS", "SHOW FUNCTIONS");
    row("show properties", "show properties", "SHOW PROPERTIES");
    row("show types", "SHOW TYPES", "SHOW TYPES");
    row("show variables", "SHOW VARIABLES", "SHOW VARIABLES");
    row("describe", "DESCRIBE orders", "DESCRIBE ORDERS");
    row("describe extended suffix", "DESCRIBE orders EXTENDED", "DESCRIBE ORDERS EXTENDED");
    row("describe extended prefix", "DESCRIBE EXTENDED orders", "DESCRIBE ORDERS EXTENDED");
    row("describe streams", "DESCRIBE STREAMS EXTENDED", "DESCRIBE STREAMS EXTENDED");
    row("describe function", "DESCRIBE FUNCTION substring", "DESCRIBE FUNCTION SUBSTRING");
    row("explain query id", "EXPLAIN CSAS_POSSIBLE_FRAUD_3", "EXPLAIN CSAS_POSSIBLE_FRAUD_3");
    row("explain statement", "EXPLAIN SELECT * FROM t EMIT CHANGES",
        "EXPLAIN SELECT * FROM T EMIT CHANGES");
    row("explain csas", "EXPLAIN CREATE STREAM x AS SELECT a FROM t",
        "EXPLAIN CREATE STREAM X AS SELECT A FROM T");
    row("print", "PRINT 'orders-v1' FROM BEGINNING INTERVAL 2 LIMIT 10",
        "PRINT 'orders-v1' FROM BEGINNING INTERVAL 2 LIMIT 10");
    row("print identifier", "print pageviews limit 3", "PRINT pageviews LIMIT 3");
    row("print sample", "PRINT t SAMPLE 5", "PRINT t INTERVAL 5");
    row("terminate", "TERMINATE CSAS_X_1", "TERMINATE CSAS_X_1");
    row("terminate all", "terminate all", "TERMINATE ALL");
    row("drop stream", "DROP STREAM IF EXISTS s DELETE TOPIC",
        "DROP STREAM IF EXISTS S DELETE TOPIC");
    row("drop table", "DROP TABLE t", "DROP TABLE T");
    row("set", "SET 'auto.offset.reset'='earliest'", "SET 'auto.offset.reset'='earliest'");
    row("unset", "UNSET 'auto.offset.reset'", "UNSET 'auto.offset.reset'");
    row("define", "DEFINE topic = 'orders'", "DEFINE topic = 'orders'");
    row("undefine", "UNDEFINE topic", "UNDEFINE topic");
    row("create type", "CREATE TYPE IF NOT EXISTS address AS STRUCT<street VARCHAR, city VARCHAR>",
        "CREATE TYPE IF NOT EXISTS ADDRESS AS STRUCT<STREET STRING, CITY STRING>");
    row("drop type", "DROP TYPE IF EXISTS address", "DROP TYPE IF EXISTS ADDRESS");
    row("pull query", "SELECT * FROM totals WHERE id = 'a'", "SELECT * FROM TOTALS WHERE ID = 'a'");
    row("variable property", "CREATE STREAM s WITH (kafka_topic=${topic}, partitions=-1)",
        "CREATE STREAM S WITH (KAFKA_TOPIC=${topic}, PARTITIONS=-1)");
    row("string property key", "CREATE STREAM s WITH ('kafka_topic'='t')",
        "CREATE STREAM S WITH (KAFKA_TOPIC='t')");
  }
  void roundTrips() {
    QFETCH(std::string, text);
    QFETCH(std::string, canonical);
    QCOMPARE(roundTrip(text), canonical);
    QCOMPARE(roundTrip(text + ";"), canonical);  // the final ';' is optional
  }

  void createSourceFields() {
    auto s = parseOne(
        "CREATE TABLE IF NOT EXISTS users (id STRING PRIMARY KEY, tags ARRAY<VARCHAR>, `Loc` "
        "STRUCT<lat DOUBLE>)\n"
        "  WITH (KAFKA_TOPIC='users', VALUE_FORMAT='JSON', PARTITIONS=6);");
    QVERIFY(s);
    const auto& c = s->as<CreateSourceStmt>();
    QCOMPARE(c.sourceKind, SourceKind::kTable);
    QVERIFY(c.ifNotExists);
    QVERIFY(!c.orReplace);
    QCOMPARE(c.name.name, std::string("USERS"));
    QCOMPARE(c.columns.size(), size_t(3));
    QCOMPARE(c.columns[0].constraint, ColumnConstraint::kPrimaryKey);
    QCOMPARE(c.columns[1].type->kind, TypeKind::kArray);
    QCOMPARE(c.columns[1].type->params[0]->kind, TypeKind::kString);
    QCOMPARE(c.columns[2].name.name, std::string("Loc"));
    QCOMPARE(c.columns[2].type->fields[0].name.name, std::string("LAT"));
    QCOMPARE(c.columns[2].range.line, 1u);
    const Expr* partitions = findProperty(c.properties, "PARTITIONS");
    QVERIFY(partitions);
    QCOMPARE(partitions->as<LiteralExpr>().intValue, int64_t(6));
    QCOMPARE(findProperty(c.properties, "KAFKA_TOPIC")->as<LiteralExpr>().text,
             std::string("users"));
    QVERIFY(!findProperty(c.properties, "REPLICAS"));
    QCOMPARE(c.properties[2].range.line, 2u);
  }

  void insertValuesFields() {
    auto s = parseOne("INSERT INTO orders (id, price) VALUES (7, 1.5E1)");
    QVERIFY(s);
    const auto& ins = s->as<InsertValuesStmt>();
    QCOMPARE(ins.target.name, std::string("ORDERS"));
    QCOMPARE(ins.columns.size(), size_t(2));
    QCOMPARE(ins.values.size(), size_t(2));
    QCOMPARE(ins.values[1]->as<LiteralExpr>().literalKind, LiteralKind::kDouble);
  }

  void sessionFields() {
    auto print = parseOne("PRINT 'Mixed-Topic' FROM BEGINNING LIMIT 4");
    QVERIFY(print);
    const auto& p = print->as<PrintStmt>();
    QCOMPARE(p.topic, std::string("Mixed-Topic"));
    QVERIFY(p.topicQuoted);
    QVERIFY(p.fromBeginning);
    QVERIFY(!p.interval.has_value());
    QCOMPARE(*p.limit, int64_t(4));

    auto set = parseOne("SET 'processing.guarantee' = 'exactly_once_v2';");
    QVERIFY(set);
    QCOMPARE(set->as<SetPropertyStmt>().name, std::string("processing.guarantee"));
    QCOMPARE(set->as<SetPropertyStmt>().value, std::string("exactly_once_v2"));

    auto explain = parseOne("EXPLAIN SELECT a FROM t EMIT CHANGES");
    QVERIFY(explain);
    const auto& e = explain->as<ExplainStmt>();
    QVERIFY(e.statement);
    QCOMPARE(e.statement->kind, StmtKind::kQuery);
    QVERIFY(e.statement->as<QueryStmt>().query->isPushQuery());

    auto term = parseOne("TERMINATE ctas_totals_7");
    QCOMPARE(term->as<TerminateStmt>().queryId.name, std::string("CTAS_TOTALS_7"));

    auto drop = parseOne("DROP TABLE IF EXISTS totals DELETE TOPIC");
    const auto& d = drop->as<DropStmt>();
    QCOMPARE(d.sourceKind, SourceKind::kTable);
    QVERIFY(d.ifExists);
    QVERIFY(d.deleteTopic);

    auto describe = parseOne("DESCRIBE function count");
    QCOMPARE(describe->kind, StmtKind::kDescribeFunction);
    // A source may be called "function" too.
    auto describeSource = parseOne("DESCRIBE function");
    QCOMPARE(describeSource->as<DescribeStmt>().name.name, std::string("FUNCTION"));
  }

  void scriptsHoldSeveralStatements() {
    std::string script =
        "-- set up\n"
        "SET 'auto.offset.reset' = 'earliest';\n"
        "CREATE STREAM s (a INT) WITH (kafka_topic='s', value_format='json');;\n"
        "/* query */ SELECT a FROM s EMIT CHANGES;\n"
        "SHOW QUERIES";
    ParseResult r = parseScript(script);
    QVERIFY(r.ok());
    QCOMPARE(r.statements.size(), size_t(4));
    QCOMPARE(r.statements[0]->kind, StmtKind::kSetProperty);
    QCOMPARE(r.statements[1]->kind, StmtKind::kCreateSource);
    QCOMPARE(r.statements[2]->kind, StmtKind::kQuery);
    QCOMPARE(r.statements[3]->kind, StmtKind::kList);
    // Statement ranges cover exactly the statement text, without the ';'.
    const SourceRange& q = r.statements[2]->range;
    QCOMPARE(std::string(script.substr(q.offset, q.length)),
             std::string("SELECT a FROM s EMIT CHANGES"));
    QCOMPARE(q.line, 4u);
    QCOMPARE(q.column, 13u);
  }

  void keywordsUsableAsNames() {
    QCOMPARE(
        roundTrip(
            "SELECT key, timestamp, size, window_start AS date FROM `select` WHERE type = 'x'"),
        std::string(
            "SELECT KEY, TIMESTAMP, SIZE, WINDOW_START AS DATE FROM `select` WHERE TYPE = 'x'"));
  }

  void parseStatementApi() {
    auto ok = parseStatement("SHOW STREAMS;");
    QVERIFY(ok.isOk());
    QCOMPARE((*ok)->kind, StmtKind::kList);
    auto bad = parseStatement("SHOW STREEMS");
    QVERIFY(bad.status().isInvalidArgument());
    QVERIFY(bad.status().message().find("line 1:6") != std::string::npos);
    QVERIFY(!parseStatement("SHOW STREAMS; SHOW TABLES").isOk());
    QVERIFY(!parseStatement("  -- nothing\n").isOk());
  }
};

QTEST_APPLESS_MAIN(StatementTest)
#include "statement_test.moc"
