// QueryManager: printable results of SHOW / DESCRIBE / EXPLAIN / PRINT, query threads (a push
// query with LIMIT ends by itself; persistent queries run and report their counters, including
// unreadable records skipped), the command topic's contents, and runScript's error positions.
#include <QtTest>

#include <chrono>
#include <thread>

#include "engine/sql/catalog/command_log.h"
#include "engine/sql/query_manager.h"
#include "engine/sql/text_result_sink.h"
#include "tests/support/collecting_result_sink.h"
#include "tests/engine/sql/manual_engine.h"
#include "tests/support/in_memory_cluster.h"

using namespace runnel;
using namespace runnel::sql;

namespace {
bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

template <typename Pred>
bool waitFor(Pred pred) {
  for (int i = 0; i < 500; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return pred();
}
}  // namespace

class QueryManagerTest : public QObject {
  Q_OBJECT

 private slots:
  void inspectionStatementsPrint() {
    sqltest::ManualEngine manual;
    QueryManager& engine = manual.engine;
    QVERIFY(engine.start().isOk());
    auto results = engine.runScript(
        "CREATE STREAM s (id STRING KEY, amount DOUBLE) WITH (KAFKA_TOPIC='s', "
        "VALUE_FORMAT='JSON', PARTITIONS=2);\n"
        "CREATE STREAM totals AS SELECT id, SUM(amount) AS total FROM s WINDOW TUMBLING (SIZE 1 "
        "HOUR) GROUP BY id;\n"
        "SHOW STREAMS; SHOW TABLES; SHOW QUERIES; DESCRIBE totals EXTENDED; DESCRIBE FUNCTION "
        "substring;\n"
        "EXPLAIN SELECT amount, COUNT(*) FROM s GROUP BY amount EMIT CHANGES;\n"
        "INSERT INTO s (id, amount) VALUES ('a', 2.5);\nPRINT 's' FROM BEGINNING LIMIT 5;\nSHOW "
        "ALL TOPICS;");
    QCOMPARE(results.size(), std::size_t(11));
    for (const auto& r : results)
      QVERIFY2(r.ok(), r.status.message().c_str());
    QVERIFY(contains(results[1].notices.at(0), "CREATE TABLE TOTALS"));
    QCOMPARE(*results[1].queryId, std::string("CTAS_TOTALS_1"));
    QVERIFY(contains(results[2].toText(), "| S "));
    QVERIFY2(contains(results[3].toText(), "| TOTALS     | TOTALS"), results[3].toText().c_str());
    QVERIFY(contains(results[4].toText(), "CTAS_TOTALS_1 | PERSISTENT | RUNNING"));
    const std::string describe = results[5].toText();
    QVERIFY2(contains(describe, "ID    | STRING  (key)"), describe.c_str());
    QVERIFY(contains(describe, "TOTAL | DOUBLE"));
    QVERIFY(contains(describe, "Windowed             : TUMBLING 3600000 ms"));
    QVERIFY(contains(describe, "Written by query     : CTAS_TOTALS_1"));
    QVERIFY(
        contains(results[6].toText(), "SUBSTRING(str STRING, pos INTEGER, len INTEGER) -> STRING"));
    QVERIFY(contains(results[7].message, "Repartition"));
    QVERIFY(contains(results[7].planJson, "\"purpose\":\"repartition\""));
    QVERIFY(contains(results[7].planJson, "\"kind\":\"key-value\""));
    QVERIFY2(contains(results[9].toText(), "| a   | {\"AMOUNT\":2.5} |"),
             results[9].toText().c_str());
    QVERIFY(contains(results[10].toText(), "_runnel_sql_commands"));
  }

  void joinExplainIsDataAndPullQueryFillsATable() {
    sqltest::ManualEngine manual;
    QueryManager& engine = manual.engine;
    QVERIFY(engine.start().isOk());
    auto results = engine.runScript(
        "CREATE STREAM views (user_id STRING KEY, page STRING) WITH (KAFKA_TOPIC='views', "
        "VALUE_FORMAT='JSON', PARTITIONS=2);\n"
        "CREATE TABLE users (id STRING PRIMARY KEY, name STRING) WITH (KAFKA_TOPIC='users', "
        "VALUE_FORMAT='JSON', PARTITIONS=2);\n"
        "EXPLAIN SELECT v.user_id, u.name FROM views v LEFT JOIN users u ON v.user_id = u.id "
        "EMIT CHANGES;\n"
        "INSERT INTO users (id, name) VALUES ('u1', 'Ada');\n"
        "INSERT INTO users (id, name) VALUES ('u2', 'Bob');\n"
        "INSERT INTO users (id, name) VALUES ('u1', 'Ada L.');\n"
        "SELECT id, name FROM users WHERE id = 'u1';\n"
        "SELECT name FROM users WHERE name LIKE '%o%';");
    QCOMPARE(results.size(), std::size_t(8));
    for (const auto& r : results)
      QVERIFY2(r.ok(), r.status.message().c_str());
    // EXPLAIN: the topology as data — both input topics, the join operator, its state store.
    const std::string& plan = results[2].planJson;
    QVERIFY2(contains(plan, "\"inputTopics\":[\"views\",\"users\"]"), plan.c_str());
    QVERIFY(contains(plan, "\"kind\":\"StreamTableJoin\""));
    QVERIFY(contains(plan, "\"name\":\"EXPLAIN-Join-Right-Store\""));
    QVERIFY(contains(results[2].message, "LEFT OUTER JOIN USERS ON V.USER_ID = U.ID"));
    // Pull queries without a result sink answer with a table: the latest row of the key.
    QVERIFY(results[6].table.has_value());
    QCOMPARE(results[6].table->columns, (std::vector<std::string>{"ID", "NAME"}));
    QCOMPARE(results[6].table->rows, (std::vector<std::vector<std::string>>{{"u1", "Ada L."}}));
    QCOMPARE(results[7].table->rows.size(), std::size_t(1));
    QCOMPARE(results[7].table->rows[0][0], std::string("Bob"));
    QVERIFY(engine.queries().empty());  // a pull query leaves no query running
  }

  void runScriptReportsSyntaxAndBindErrorsInOrder() {
    sqltest::ManualEngine manual;
    QueryManager& engine = manual.engine;
    QVERIFY(engine.start().isOk());
    auto results = engine.runScript("SHOW STREAMS;\nSELEC 1;\nDESCRIBE nothing;\nSHOW TABLES;");
    QCOMPARE(results.size(), std::size_t(4));
    QVERIFY(results[0].ok());
    QVERIFY(contains(results[1].status.message(), "line 2:1"));
    QVERIFY(contains(results[2].status.message(), "no stream or table named NOTHING"));
    QVERIFY(results[3].ok());
  }

  void threadedQueriesRunAndCount() {
    testing::InMemoryCluster cluster;
    EngineOptions options;
    options.pollTimeoutMs = 10;
    QueryManager engine(cluster, *Clock::system(), options);
    QVERIFY(engine.start().isOk());
    for (const auto& r :
         engine.runScript("CREATE STREAM s (id STRING KEY, v INT) WITH (KAFKA_TOPIC='s', "
                          "VALUE_FORMAT='JSON', PARTITIONS=1);\n"
                          "SET 'auto.offset.reset'='earliest';\n"
                          "CREATE STREAM doubled AS SELECT id, v * 2 AS v2 FROM s;"))
      QVERIFY2(r.ok(), r.status.message().c_str());
    testing::CollectingResultSink sink;
    auto push = engine.runScript("SELECT id, v FROM s WHERE v > 1 EMIT CHANGES LIMIT 2;", &sink);
    QVERIFY(push[0].ok());
    for (int i = 0; i < 5; ++i)
      QVERIFY(cluster
                  .append("s", 0, toBytes("k" + std::to_string(i)),
                          toBytes("{\"v\":" + std::to_string(i) + "}"), i)
                  .isOk());
    QVERIFY(cluster.append("s", 0, toBytes("bad"), toBytes("{oops"), 9).isOk());
    QVERIFY(waitFor([&] { return sink.ended(); }));
    QCOMPARE(sink.lines(), (std::vector<std::string>{"k2 | 2", "k3 | 3"}));
    QVERIFY(waitFor([&] { return cluster.records("DOUBLED").size() == 5; }));
    QVERIFY(waitFor([&] {
      auto q = engine.query("CSAS_DOUBLED_1");
      return q && q->stats.recordsIn == 6 && q->stats.skipped == 1;
    }));
    auto q = engine.query("CSAS_DOUBLED_1");
    QVERIFY(contains(q->stats.errors.at(0), "skipped a record that cannot be read"));
    QCOMPARE(engine.query(*push[0].queryId)->state, QueryState::kFinished);
    QVERIFY(engine.runScript("TERMINATE ALL;")[0].ok());
    QVERIFY(engine.queries().empty());
  }

  void textResultSinkPrintsRows() {
    std::vector<std::string> lines;
    TextResultSink table(TextResultSink::Style::kTable,
                         [&](const std::string& l) { lines.push_back(l); });
    Schema schema;
    schema.columns = {{"CARD", DataType::string(), ColumnRole::kKey}, {"N", DataType::bigint()}};
    table.onStart("q", schema, true, WindowKind::kTumbling);
    table.onRow({{Value::string("4111"), Value::bigint(4)}, WindowBounds{0, 300000}, false, 1});
    table.onRow({{Value::string("4111"), Value()}, WindowBounds{0, 300000}, true, 2});
    QCOMPARE(lines,
             (std::vector<std::string>{
                 "| WINDOWSTART | WINDOWEND | CARD | N |",
                 "| 1970-01-01T00:00:00.000 | 1970-01-01T00:05:00.000 | 4111 | 4 |",
                 "| 1970-01-01T00:00:00.000 | 1970-01-01T00:05:00.000 | 4111 | null | (deleted)"}));
    lines.clear();
    TextResultSink json(TextResultSink::Style::kJson,
                        [&](const std::string& l) { lines.push_back(l); });
    json.onStart("q", schema, true, WindowKind::kNone);
    json.onRow({{Value::string("a\"b"), Value::bigint(4)}, std::nullopt, false, 1});
    QCOMPARE(lines, (std::vector<std::string>{"{\"CARD\":\"a\\\"b\",\"N\":4}"}));
  }

  void commandTopicRecordsChanges() {
    testing::InMemoryCluster cluster;
    EngineOptions options;
    options.startThreads = false;
    {
      QueryManager engine(cluster, *Clock::system(), options);
      QVERIFY(engine.start().isOk());
      for (const auto& r :
           engine.runScript("CREATE STREAM s (v INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', "
                            "PARTITIONS=1);\n"
                            "SET 'auto.offset.reset'='earliest';\nCREATE STREAM t AS SELECT v FROM "
                            "s;\nSHOW STREAMS;\n"
                            "TERMINATE CSAS_T_1;\nCREATE STREAM u AS SELECT v FROM s;"))
        QVERIFY2(r.ok(), r.status.message().c_str());
    }
    const auto records = cluster.records(kDefaultCommandTopic);
    QCOMPARE(records.size(), std::size_t(4));  // SHOW and SET are not recorded
    auto c = decodeCommand(asChars(*records[1].value));
    QVERIFY(c.isOk());
    QCOMPARE(c->queryId, std::string("CSAS_T_1"));
    QCOMPARE(c->properties.at("auto.offset.reset"), std::string("earliest"));
    QueryManager engine(cluster, *Clock::system(), options);
    QVERIFY(engine.start().isOk());
    QCOMPARE(engine.queries().size(), std::size_t(1));
    QCOMPARE(engine.queries()[0].id, std::string("CSAS_U_2"));
    auto next = engine.runScript("CREATE STREAM w AS SELECT v FROM s;");
    QCOMPARE(*next[0].queryId, std::string("CSAS_W_3"));
  }
};

QTEST_APPLESS_MAIN(QueryManagerTest)
#include "query_manager_test.moc"
