// WindowTrace over real queries (unthreaded engine, records with known event times): which
// windows each record went into (tumbling aligned to the epoch, hopping by its advance, sessions
// merging within the gap), late records reported dropped with the reason, EMIT CHANGES updates
// on every record vs EMIT FINAL results only once stream time passes end + grace, windows
// closing; the ring's bound and concurrent reads; the fraud query's structured plan.
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <thread>

#include "engine/sql/planner/physical_plan.h"
#include "engine/sql/query_manager.h"
#include "tests/engine/sql/manual_engine.h"
#include "tests/support/in_memory_cluster.h"

using namespace runnel;
using namespace runnel::sql;

namespace {

struct Fixture {
  testing::InMemoryCluster cluster;
  std::unique_ptr<QueryManager> engine;
  std::shared_ptr<WindowTrace> trace;
  std::string queryId;

  // Creates stream EVENTS (k STRING KEY, v INT) and the aggregate `select`, watches it, then
  // inserts (key, event time) records one by one.
  bool run(const std::string& select, const std::vector<std::pair<std::string, std::int64_t>>& in) {
    EngineOptions options;
    options.startThreads = false;
    engine = std::make_unique<QueryManager>(cluster, *Clock::system(), options);
    if (!engine->start().isOk()) return false;
    auto created = engine->runScript(
        "CREATE STREAM events (k STRING KEY, v INT) WITH (KAFKA_TOPIC='events', "
        "VALUE_FORMAT='JSON', PARTITIONS=1);\nSET 'auto.offset.reset' = 'earliest';\n"
        "CREATE TABLE agg AS " +
        select + ";");
    for (const auto& r : created)
      if (!r.ok()) {
        qWarning("%s", r.status.message().c_str());
        return false;
      }
    if (!created.back().queryId) return false;
    queryId = *created.back().queryId;
    auto observed = engine->observeWindows(queryId);
    if (!observed.isOk()) return false;
    trace = *observed;
    for (const auto& [key, t] : in) {
      auto r = engine->runScript("INSERT INTO events (k, v, ROWTIME) VALUES ('" + key + "', 1, " +
                                 std::to_string(t) + ");");
      if (!r.at(0).ok()) return false;
      engine->pumpUntilIdle();
    }
    return true;
  }

  std::vector<WindowEvent> events(WindowEventKind kind) const {
    std::vector<WindowEvent> out;
    for (auto& e : trace->since(0))
      if (e.kind == kind) out.push_back(e);
    return out;
  }
};

WindowBounds wb(std::int64_t start, std::int64_t end) {
  return WindowBounds{start, end};
}

// The same tumbling aggregate, EMIT CHANGES and EMIT FINAL (spelled out: GCC 12 warns about
// concatenating a literal into a std::string here).
const char* kTumblingChanges =
    "SELECT k, COUNT(*) AS n FROM events WINDOW TUMBLING (SIZE 10 SECONDS, GRACE PERIOD 5 "
    "SECONDS) GROUP BY k EMIT CHANGES";
const char* kTumblingFinal =
    "SELECT k, COUNT(*) AS n FROM events WINDOW TUMBLING (SIZE 10 SECONDS, GRACE PERIOD 5 "
    "SECONDS) GROUP BY k EMIT FINAL";

}  // namespace

class WindowTraceTest : public QObject {
  Q_OBJECT

 private slots:
  void tumblingRecordsLateDropsAndChanges() {
    Fixture f;
    QVERIFY(f.run(kTumblingChanges,
                  {{"x", 1000}, {"x", 9000}, {"y", 12000}, {"x", 15000}, {"x", 3000}}));
    QCOMPARE(f.trace->spec().kind, WindowKind::kTumbling);
    QCOMPARE(f.trace->spec().graceMs, std::int64_t(5000));
    const auto records = f.events(WindowEventKind::kRecord);
    QCOMPARE(records.size(), std::size_t(4));
    QCOMPARE(records[0].key, std::string("x"));
    QCOMPARE(records[0].eventTime, std::int64_t(1000));
    QCOMPARE(records[0].windows, std::vector<WindowBounds>{wb(0, 10000)});
    QCOMPARE(records[2].windows, std::vector<WindowBounds>{wb(10000, 20000)});
    QCOMPARE(records[3].streamTime, std::int64_t(15000));

    // 3000 belongs to [0, 10000), which closed when stream time reached 10000 + 5000.
    const auto late = f.events(WindowEventKind::kLate);
    QCOMPARE(late.size(), std::size_t(1));
    QCOMPARE(late[0].eventTime, std::int64_t(3000));
    QCOMPARE(late[0].windows, std::vector<WindowBounds>{wb(0, 10000)});
    QVERIFY2(late[0].reason.find("closed at 15000 <= stream time 15000") != std::string::npos,
             late[0].reason.c_str());

    // EMIT CHANGES: one update per accepted record, each right after its record.
    const auto emits = f.events(WindowEventKind::kEmit);
    QCOMPARE(emits.size(), std::size_t(4));
    for (const auto& e : emits)
      QVERIFY(!e.final);
    QCOMPARE(emits[1].windows.at(0), wb(0, 10000));
    QVERIFY2(emits[1].values.find("=2") != std::string::npos, emits[1].values.c_str());
    const auto all = f.trace->since(0);
    for (std::size_t i = 0; i < all.size(); ++i)
      if (all[i].kind == WindowEventKind::kEmit)
        QCOMPARE(all[i - 1].kind, WindowEventKind::kRecord);

    // [0, 10000) of x closed at stream time 15000, before the late record came.
    const auto closes = f.events(WindowEventKind::kClose);
    QCOMPARE(closes.size(), std::size_t(1));
    QCOMPARE(closes[0].key, std::string("x"));
    QCOMPARE(closes[0].windows.at(0), wb(0, 10000));
    QVERIFY(closes[0].seq < late[0].seq);
    QCOMPARE(f.trace->streamTime(), std::int64_t(15000));
  }

  void tumblingAlignsToTheEpoch() {
    Fixture f;
    const std::int64_t t = 1'700'000'123'456;
    QVERIFY(f.run("SELECT k, COUNT(*) AS n FROM events WINDOW TUMBLING (SIZE 5 MINUTES) GROUP BY k",
                  {{"card", t}}));
    const auto records = f.events(WindowEventKind::kRecord);
    QCOMPARE(records.size(), std::size_t(1));
    const std::int64_t start = t - t % 300000;
    QCOMPARE(records[0].windows, std::vector<WindowBounds>{wb(start, start + 300000)});
    QCOMPARE(f.trace->spec().graceMs, kDefaultGraceMs);  // ksqlDB's default: 24 hours
  }

  void emitFinalOnlyAfterEndPlusGrace() {
    Fixture f;
    QVERIFY(f.run(kTumblingFinal,
                  {{"x", 1000}, {"x", 9000}, {"x", 14000}, {"x", 15000}, {"x", 30000}}));
    QVERIFY(f.trace->spec().emitFinal);
    const auto emits = f.events(WindowEventKind::kEmit);
    // [0,10000) at stream time 15000; [10000,20000) at 30000; [30000,40000) is still open.
    QCOMPARE(emits.size(), std::size_t(2));
    for (const auto& e : emits) {
      QVERIFY(e.final);
      QVERIFY2(e.streamTime >= e.windows.at(0).end + 5000, std::to_string(e.streamTime).c_str());
    }
    QCOMPARE(emits[0].windows.at(0), wb(0, 10000));
    QVERIFY2(emits[0].values.find("=2") != std::string::npos, emits[0].values.c_str());
    QCOMPARE(emits[1].windows.at(0), wb(10000, 20000));
    // Nothing came out while the first window took records.
    const auto all = f.trace->since(0);
    const auto firstEmit = std::find_if(all.begin(), all.end(), [](const WindowEvent& e) {
      return e.kind == WindowEventKind::kEmit;
    });
    QCOMPARE(firstEmit->streamTime, std::int64_t(15000));
    QVERIFY(std::none_of(all.begin(), firstEmit, [](const WindowEvent& e) {
      return e.kind == WindowEventKind::kRecord && e.streamTime >= 15000 && e.eventTime != 15000;
    }));
  }

  void hoppingWindowsOverlapByTheAdvance() {
    Fixture f;
    QVERIFY(
        f.run("SELECT k, COUNT(*) AS n FROM events WINDOW HOPPING (SIZE 10 SECONDS, ADVANCE "
              "BY 5 SECONDS) GROUP BY k",
              {{"x", 3000}, {"x", 12000}}));
    const auto records = f.events(WindowEventKind::kRecord);
    QCOMPARE(records.size(), std::size_t(2));
    // No window starts before 0 (Kafka Streams); 12000 is in two windows 5 s apart.
    QCOMPARE(records[0].windows, std::vector<WindowBounds>{wb(0, 10000)});
    QCOMPARE(records[1].windows, (std::vector<WindowBounds>{wb(5000, 15000), wb(10000, 20000)}));
    QCOMPARE(f.events(WindowEventKind::kEmit).size(), std::size_t(3));  // one per window updated
  }

  void sessionsMergeWithinTheGap() {
    Fixture f;
    QVERIFY(f.run("SELECT k, COUNT(*) AS n FROM events WINDOW SESSION (5 SECONDS) GROUP BY k",
                  {{"x", 1000}, {"x", 4000}, {"x", 12000}, {"x", 8000}}));
    const auto records = f.events(WindowEventKind::kRecord);
    QCOMPARE(records.size(), std::size_t(4));
    QCOMPARE(records[0].windows.at(0), wb(1000, 1000));
    QCOMPARE(records[1].windows.at(0), wb(1000, 4000));
    QCOMPARE(records[1].mergedAway, std::vector<WindowBounds>{wb(1000, 1000)});
    QCOMPARE(records[2].windows.at(0), wb(12000, 12000));  // 8 s after 4000: a new session
    QCOMPARE(records[2].mergedAway.size(), std::size_t(0));
    // 8000 is within 5 s of both sessions: they merge into one.
    QCOMPARE(records[3].windows.at(0), wb(1000, 12000));
    QCOMPARE(records[3].mergedAway.size(), std::size_t(2));
    const auto emits = f.events(WindowEventKind::kEmit);
    const auto tombstones =
        std::count_if(emits.begin(), emits.end(), [](const WindowEvent& e) { return e.tombstone; });
    QCOMPARE(tombstones, 3);  // [1000,1000], then [1000,4000] and [12000,12000]
    QVERIFY(emits.back().values.find("=4") != std::string::npos);
  }

  void unwindowedQueriesCannotBeWatched() {
    Fixture f;
    QVERIFY(!f.run("SELECT k, COUNT(*) AS n FROM events GROUP BY k", {}));
    QVERIFY(!f.engine->observeWindows("NO_SUCH_QUERY").isOk());
  }

  void ringIsBoundedAndReadableWhileWritten() {
    WindowTrace trace(WindowTraceSpec{WindowKind::kTumbling, 10, 0, 0, false}, 16);
    std::atomic<bool> done{false};
    std::atomic<bool> ordered{true};
    std::thread reader([&] {
      std::uint64_t last = 0;
      while (!done) {
        for (const auto& e : trace.since(last)) {
          if (e.seq <= last) ordered = false;
          last = e.seq;
        }
      }
    });
    for (int i = 0; i < 5000; ++i)
      trace.record("k" + std::to_string(i % 7), i, i, 0, i, {wb(i - i % 10, i - i % 10 + 10)});
    done = true;
    reader.join();
    QVERIFY(ordered);
    const auto kept = trace.since(0);
    QCOMPARE(kept.size(), std::size_t(16));
    QCOMPARE(kept.back().seq, trace.lastSeq());
    QCOMPARE(trace.overwritten(), trace.lastSeq() - 16);
    QCOMPARE(trace.since(trace.lastSeq() - 3).size(), std::size_t(3));
  }

  void fraudQueryPlanListsTopicsOperatorsAndStore() {
    sqltest::ManualEngine manual;
    QueryManager& engine = manual.engine;
    QVERIFY(engine.start().isOk());
    auto results = engine.runScript(
        "CREATE STREAM authorization_attempts (card_number STRING, amount DOUBLE) WITH "
        "(KAFKA_TOPIC='authorization_attempts', VALUE_FORMAT='JSON', PARTITIONS=1);\n"
        "CREATE STREAM possible_fraud AS SELECT card_number, count(*) FROM authorization_attempts "
        "WINDOW TUMBLING (SIZE 5 MINUTE) GROUP BY card_number HAVING count(*) > 3;");
    QVERIFY2(results.at(1).ok(), results.at(1).status.message().c_str());
    const std::string id = *results[1].queryId;
    auto plan = engine.plan(id);
    QVERIFY(plan.isOk());
    std::vector<std::string> kinds;
    for (const auto& s : plan->stages)
      for (const auto& op : s.operators)
        kinds.push_back(op.kind);
    for (const char* k : {"WindowedAggregate", "TableFilter", "Sink", "RepartitionSink"})
      QVERIFY2(std::count(kinds.begin(), kinds.end(), k) == 1, k);
    // The stream is not keyed by card_number: GROUP BY re-keys through a repartition topic, read
    // by a second source (stage 1), as ksqlDB does.
    QCOMPARE(std::count(kinds.begin(), kinds.end(), "Source"), 2);
    QCOMPARE(plan->stages.size(), std::size_t(2));
    QVERIFY(plan->repartitionTopic);
    QCOMPARE(plan->stages.at(0).inputTopics.at(0), std::string("authorization_attempts"));
    QCOMPARE(*plan->sinkTopic, std::string("POSSIBLE_FRAUD"));
    QCOMPARE(plan->stateStores.size(), std::size_t(1));
    const StateStoreInfo& store = plan->stateStores[0];
    QCOMPARE(store.kind, std::string("window"));
    QCOMPARE(store.operatorId, std::string("Aggregate"));
    QCOMPARE(store.changelogTopic,
             "_runnel-sql-default_query_" + id + "-Aggregate-Aggregate-Materialize-changelog");
    QVERIFY(std::any_of(plan->internalTopics.begin(), plan->internalTopics.end(),
                        [&](const InternalTopic& t) {
                          return t.purpose == "changelog" && t.name == store.changelogTopic;
                        }));
    const auto edges = plan->edges();
    auto has = [&](const std::string& from, const std::string& to) {
      return std::find(edges.begin(), edges.end(), PlanEdge{from, to}) != edges.end();
    };
    QVERIFY(has("topic:authorization_attempts", "Source"));
    QVERIFY(has("Aggregate", "Aggregate-HavingFilter"));
    QVERIFY(has("Aggregate", "store:" + store.name));
    QVERIFY(has("store:" + store.name, "topic:" + store.changelogTopic));
    QVERIFY(has("Sink", "topic:POSSIBLE_FRAUD"));
    QVERIFY(has("Aggregate-GroupBy", "topic:" + *plan->repartitionTopic));
    QVERIFY(has("topic:" + *plan->repartitionTopic, "Aggregate-GroupBy-Source"));
    // The runtime made the changelog the plan names.
    auto explained = engine.runScript("EXPLAIN " + id + ";");
    QVERIFY(explained.at(0).plan);
    QVERIFY(explained[0].planJson.find(store.changelogTopic) != std::string::npos);
  }

  void joinPlanFeedsBothSourcesIntoTheJoin() {
    sqltest::ManualEngine manual;
    QueryManager& engine = manual.engine;
    QVERIFY(engine.start().isOk());
    auto results = engine.runScript(
        "CREATE STREAM orders (id STRING KEY, amount DOUBLE) WITH (KAFKA_TOPIC='orders', "
        "VALUE_FORMAT='JSON', PARTITIONS=1);\n"
        "CREATE TABLE customers (id STRING PRIMARY KEY, name STRING) WITH "
        "(KAFKA_TOPIC='customers', VALUE_FORMAT='JSON', PARTITIONS=1);\n"
        "EXPLAIN SELECT o.id, c.name FROM orders o JOIN customers c ON o.id = c.id EMIT CHANGES;");
    QVERIFY2(results.at(2).ok(), results.at(2).status.message().c_str());
    const auto edges = results[2].plan->edges();
    auto has = [&](const std::string& from, const std::string& to) {
      return std::find(edges.begin(), edges.end(), PlanEdge{from, to}) != edges.end();
    };
    QVERIFY(has("topic:orders", "Source"));
    QVERIFY(has("topic:customers", "RightSource"));
    QVERIFY(has("Source", "Join"));
    QVERIFY(has("RightSource", "Join"));
    QVERIFY(!has("Source", "RightSource"));
  }
};

QTEST_GUILESS_MAIN(WindowTraceTest)
#include "window_trace_test.moc"
