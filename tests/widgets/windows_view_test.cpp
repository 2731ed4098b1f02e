// The Windows and Topology views over a real engine (in-memory cluster, unthreaded queries) and
// generated card authorizations with known event times: the timeline's keys, windows, late drops
// and emitted rows match what was produced (EMIT CHANGES: a row per accepted record; EMIT FINAL:
// only windows whose end + grace passed); the view filters keys and explains a late cross in its
// tooltip; updates reach the GUI at most ~30 times a second; the fraud query's and a join's
// topology is laid out top-down without overlaps. With RUNNEL_SCREENSHOT_DIR set, saves
// panel-windows.png and panel-topology.png.
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSplitter>
#include <QTemporaryDir>
#include <QVBoxLayout>
#include <QtTest>
#include <atomic>
#include <map>
#include <thread>

#include "engine/datagen/card_authorizations.h"
#include "engine/datagen/generator.h"
#include "engine/sql/execution/window_trace.h"
#include "engine/sql/planner/physical_plan.h"
#include "engine/sql/query_manager.h"
#include "tests/support/in_memory_cluster.h"
#include "widgets/models/live_result.h"
#include "widgets/models/sql_session.h"
#include "widgets/models/topology_graph.h"
#include "widgets/models/window_timeline.h"
#include "widgets/panels/live_result_view.h"
#include "widgets/panels/query_insight_view.h"
#include "widgets/panels/results_panel.h"
#include "widgets/panels/windows_panel.h"
#include "widgets/visual/topology_view.h"
#include "widgets/visual/window_timeline_view.h"

using namespace runnel;
using namespace runnel::widgets;

namespace {

constexpr std::int64_t kStartMs = 1'795'683'600'000;  // 2026-11-26 09:00:00 UTC
constexpr std::int64_t kSpacingMs = 15'000;
constexpr int kRecords = 120;  // 30 minutes of event time
constexpr std::int64_t kWindowMs = std::int64_t{5} * 60 * 1000;
constexpr std::int64_t kGraceMs = std::int64_t{60} * 1000;
constexpr int kLate = 3;
constexpr std::int64_t kLateFromMs = kStartMs + std::int64_t{16} * 60'000;
constexpr std::uint64_t kSeed = 7;
const datagen::CardAuthorizations::Options kOptions{
    .cards = 8, .burstProbability = 0.06, .minGapPerCardMs = 60'000};

const char* kStream =
    "CREATE STREAM authorization_attempts (card_number STRING, amount DOUBLE, merchant STRING, "
    "country STRING, status STRING, attempt_id BIGINT) WITH "
    "(KAFKA_TOPIC='authorization_attempts', VALUE_FORMAT='JSON', PARTITIONS=1);\n"
    "SET 'auto.offset.reset' = 'earliest';\n";

const char* kPossibleFraud =
    "CREATE STREAM possible_fraud AS SELECT card_number, count(*) FROM authorization_attempts "
    "WINDOW TUMBLING (SIZE 5 MINUTE) GROUP BY card_number HAVING count(*) > 3;";

std::string fraudQuery(const std::string& name, const std::string& mode) {
  return "CREATE TABLE " + name +
         " AS SELECT card_number, count(*) AS attempts FROM authorization_attempts WINDOW "
         "TUMBLING (SIZE 5 MINUTES, GRACE PERIOD 1 MINUTE) GROUP BY card_number HAVING count(*) "
         "> 3 EMIT " +
         mode + ";";
}

// An engine with the fraud query twice (EMIT CHANGES and EMIT FINAL), both watched before the
// records arrive, then the generated records and kLate records of a closed window.
struct Demo {
  testing::InMemoryCluster cluster;
  std::unique_ptr<sql::QueryManager> engine;
  std::shared_ptr<sql::WindowTrace> changes;
  std::shared_ptr<sql::WindowTrace> final;
  std::string changesId;
  std::string finalId;
  std::string fraudId;  // ksqlDB's fraud example as written
  QString lateCard;

  bool start() {
    sql::EngineOptions options;
    options.startThreads = false;
    engine = std::make_unique<sql::QueryManager>(cluster, *Clock::system(), options);
    if (!engine->start().isOk()) return false;
    auto results = engine->runScript(std::string(kStream) + fraudQuery("fraud_changes", "CHANGES") +
                                     fraudQuery("fraud_final", "FINAL") + kPossibleFraud);
    for (const auto& r : results)
      if (!r.ok()) {
        qWarning("%s", r.status.message().c_str());
        return false;
      }
    changesId = *results[2].queryId;
    finalId = *results[3].queryId;
    fraudId = *results[4].queryId;
    auto c = engine->observeWindows(changesId);
    auto f = engine->observeWindows(finalId);
    if (!c.isOk() || !f.isOk()) return false;
    changes = *c;
    final = *f;
    datagen::CardAuthorizations source(kSeed, kOptions);
    auto producer = cluster.createProducer({});
    if (!producer.isOk()) return false;
    if (!datagen::produceRecords(source, **producer, "authorization_attempts", kRecords, kStartMs,
                                 kSpacingMs)
             .isOk())
      return false;
    (void)(*producer)->close(std::chrono::seconds(5));
    engine->pumpUntilIdle();
    // Late: event times in [09:15, 09:20), closed since 09:21 (stream time is near 09:30).
    const auto events = changes->since(0);
    lateCard = QString::fromStdString(events.back().key);
    for (int i = 0; i < kLate; ++i) {
      const std::string insert =
          "INSERT INTO authorization_attempts (card_number, amount, ROWTIME) VALUES ('" +
          lateCard.toStdString() + "', 9.5, " +
          std::to_string(kLateFromMs + std::int64_t{i} * 40'000) + ");";
      const auto inserted = engine->runScript(insert);
      if (!inserted.at(0).ok()) {
        qWarning("%s", inserted[0].status.message().c_str());
        return false;
      }
    }
    engine->pumpUntilIdle();
    return true;
  }
};

QString shotDir() {
  return qEnvironmentVariable("RUNNEL_SCREENSHOT_DIR");
}

}  // namespace

class WindowsViewTest : public QObject {
  Q_OBJECT

 private slots:
  void timelineMatchesTheRecords() {
    Demo demo;
    QVERIFY(demo.start());
    WindowTimeline changes(demo.changes, QString::fromStdString(demo.changesId));
    WindowTimeline final(demo.final, QString::fromStdString(demo.finalId));
    QVERIFY(changes.drain() > 0);
    QVERIFY(final.drain() > 0);

    QCOMPARE(changes.recordCount(), qint64(kRecords));
    QCOMPARE(changes.lateCount(), qint64(kLate));
    QCOMPARE(final.lateCount(), qint64(kLate));
    // EMIT CHANGES: an update per record that leaves its window's count above 3 (HAVING), from
    // a twin of the generator, so the engine plays no part in the expectation; EMIT FINAL: one
    // per window that closed.
    datagen::CardAuthorizations twin(kSeed, kOptions);
    std::map<std::pair<std::string, std::int64_t>, int> counts;
    qint64 expectedUpdates = 0;
    for (int i = 0; i < kRecords; ++i) {
      const auto r = twin.next(kStartMs + i * kSpacingMs);
      const std::string value = r.value;
      const auto at = value.find("\"card_number\":\"") + 15;
      const std::string card = value.substr(at, value.find('"', at) - at);
      if (++counts[{card, r.timestampMs - r.timestampMs % kWindowMs}] > 3) ++expectedUpdates;
    }
    QVERIFY(expectedUpdates > 0);
    QCOMPARE(changes.emitCount(), expectedUpdates);
    const qint64 streamTime = changes.streamTime();
    QCOMPARE(streamTime, kStartMs + (kRecords - 1) * kSpacingMs);
    qint64 closedWindows = 0;
    for (const TimelineKey* k : final.keys()) {
      for (const TimelineWindow& w : k->windows) {
        // Tumbling windows on multiples of 5 minutes since the epoch.
        QCOMPARE(w.start % kWindowMs, qint64(0));
        QCOMPARE(w.end - w.start, kWindowMs);
        QCOMPARE(w.closed, w.end + kGraceMs <= streamTime);
        closedWindows += w.closed ? 1 : 0;
      }
      for (const TimelineEmit& e : k->emits) {
        QVERIFY(e.final);
        QVERIFY(e.streamTime >= e.windowEnd + kGraceMs);
      }
    }
    QCOMPARE(final.emitCount(), closedWindows);
    // The late records' tooltip reason names the window and the grace.
    const TimelineKey* late = changes.key(demo.lateCard);
    QVERIFY(late);
    int lateSeen = 0;
    for (const TimelineRecord& r : late->records) {
      if (!r.late) continue;
      ++lateSeen;
      QCOMPARE(r.windowStart, kStartMs + 3 * kWindowMs);
      QVERIFY2(r.reason.contains(QStringLiteral("with grace 60000 ms")), qPrintable(r.reason));
    }
    QCOMPARE(lateSeen, kLate);
    // Most active keys first.
    const auto keys = changes.keys();
    for (int i = 1; i < keys.size(); ++i)
      QVERIFY(keys[i - 1]->activity >= keys[i]->activity);
  }

  void viewFiltersAndExplainsLateRecords() {
    Demo demo;
    QVERIFY(demo.start());
    auto* timeline = new WindowTimeline(demo.changes, QString::fromStdString(demo.changesId));
    timeline->drain();
    WindowsPanel panel(timeline);
    panel.resize(1400, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    WindowTimelineView* view = panel.view();
    QCOMPARE(view->rowCount(), timeline->keyCount());
    QVERIFY(view->visibleEnd() > timeline->streamTime());
    QVERIFY(panel.summary()->text().contains(QStringLiteral("3 late")));
    QVERIFY(
        WindowsPanel::describe(*timeline).contains(QStringLiteral("Tumbling windows of 5 min")));

    panel.filter()->setText(demo.lateCard);
    QCOMPARE(view->rowCount(), 1);
    QCOMPARE(view->rowKey(0), demo.lateCard);
    // Zoom out until the first window is in view, then find the late cross by its tooltip.
    view->setZoom(2.0);
    view->viewport()->repaint();
    QString tip;
    for (int x = WindowTimelineView::kGutter; x < view->viewport()->width() && tip.isEmpty(); ++x)
      for (int y = WindowTimelineView::kHeader; y < WindowTimelineView::kHeader + 60; y += 2) {
        const QString t = view->toolTipAt(QPointF(x, y));
        if (t.startsWith(QStringLiteral("Late record dropped"))) {
          tip = t;
          break;
        }
      }
    QVERIFY2(tip.contains(QStringLiteral("closed at")), qPrintable(tip));
    panel.filter()->setText(QStringLiteral("no such card"));
    QCOMPARE(view->rowCount(), 0);
  }

  void updatesAreCoalesced() {
    auto trace = std::make_shared<sql::WindowTrace>(
        sql::WindowTraceSpec{sql::WindowKind::kHopping, 10'000, 5'000, 1'000, false});
    WindowTimeline timeline(trace, QStringLiteral("Q"));
    QSignalSpy changed(&timeline, &WindowTimeline::changed);
    std::atomic<bool> stop{false};
    std::thread writer([&] {
      std::int64_t t = 0;
      while (!stop) {
        trace->record("k" + std::to_string(t % 50), t, t, 0, t,
                      {{t - t % 5000, t - t % 5000 + 10000}});
        t += 10;
      }
    });
    QElapsedTimer clock;
    clock.start();
    QTest::qWait(1000);
    stop = true;
    writer.join();
    const double seconds = clock.elapsed() / 1000.0;
    QVERIFY(trace->lastSeq() > 1000);
    QVERIFY2(changed.count() <= int(31 * seconds) + 1,
             qPrintable(QString::number(changed.count())));
    QVERIFY(changed.count() >= 5);
    QVERIFY(timeline.keyCount() <= WindowTimeline::kMaxKeys);
  }

  void fraudTopologyIsLaidOutTopDown() {
    Demo demo;
    QVERIFY(demo.start());
    auto plan = demo.engine->plan(demo.fraudId);
    QVERIFY(plan.isOk());
    const TopologyGraph graph = TopologyGraph::fromPlan(*plan);
    auto node = [&](const QString& id) {
      const int i = graph.indexOf(id);
      return i >= 0 ? graph.nodes[i] : TopologyNode{};
    };
    const TopologyNode source = node(QStringLiteral("topic:authorization_attempts"));
    QCOMPARE(source.kind, TopologyNodeKind::SourceTopic);
    const TopologyNode sink = node(QStringLiteral("topic:POSSIBLE_FRAUD"));
    QCOMPARE(sink.kind, TopologyNodeKind::SinkTopic);
    const TopologyNode aggregate = node(QStringLiteral("Aggregate"));
    QCOMPARE(aggregate.title, QStringLiteral("WindowedAggregate"));
    const TopologyNode having = node(QStringLiteral("Aggregate-HavingFilter"));
    QVERIFY(source.layer < aggregate.layer);
    QVERIFY(aggregate.layer < having.layer);
    QVERIFY(having.layer < sink.layer);
    int stores = 0;
    int changelogs = 0;
    int repartitions = 0;
    for (const auto& n : graph.nodes) {
      if (n.kind == TopologyNodeKind::StateStore) {
        ++stores;
        QCOMPARE(n.layer, aggregate.layer);  // drawn beside its operator
      }
      if (n.kind == TopologyNodeKind::InternalTopic) {
        changelogs += n.detail.contains(QStringLiteral("changelog")) ? 1 : 0;
        repartitions += n.detail.contains(QStringLiteral("repartition")) ? 1 : 0;
      }
    }
    QCOMPARE(stores, 1);
    QCOMPARE(changelogs, 1);
    QCOMPARE(repartitions, 1);

    QueryInsightView insight(nullptr, QString::fromStdString(demo.fraudId));
    insight.setTopology(graph);
    insight.setCurrentIndex(1);
    insight.resize(1400, 900);
    insight.show();
    QVERIFY(QTest::qWaitForWindowExposed(&insight));
    TopologyView* view = insight.topology();
    for (int i = 0; i < graph.nodes.size(); ++i)
      for (int j = i + 1; j < graph.nodes.size(); ++j)
        QVERIFY2(!view->nodeRect(i).intersects(view->nodeRect(j)),
                 qPrintable(graph.nodes[i].id + " / " + graph.nodes[j].id));
    if (const QString dir = shotDir(); !dir.isEmpty()) {
      view->resize(view->sizeHint());
      QVERIFY(view->grab().save(dir + "/panel-topology.png"));
    }
  }

  void joinTopologyPutsBothSourcesSideBySide() {
    testing::InMemoryCluster cluster;
    sql::EngineOptions options;
    options.startThreads = false;
    sql::QueryManager engine(cluster, *Clock::system(), options);
    QVERIFY(engine.start().isOk());
    auto results = engine.runScript(
        "CREATE STREAM orders (id STRING KEY, amount DOUBLE) WITH (KAFKA_TOPIC='orders', "
        "VALUE_FORMAT='JSON', PARTITIONS=1);\n"
        "CREATE TABLE customers (id STRING PRIMARY KEY, name STRING) WITH "
        "(KAFKA_TOPIC='customers', VALUE_FORMAT='JSON', PARTITIONS=1);\n"
        "CREATE STREAM enriched AS SELECT o.id, c.name, o.amount FROM orders o JOIN customers c "
        "ON o.id = c.id;");
    QVERIFY2(results.at(2).ok(), results.at(2).status.message().c_str());
    auto plan = engine.plan(*results[2].queryId);
    QVERIFY(plan.isOk());
    const TopologyGraph graph = TopologyGraph::fromPlan(*plan);
    const auto& orders = graph.nodes[graph.indexOf(QStringLiteral("topic:orders"))];
    const auto& customers = graph.nodes[graph.indexOf(QStringLiteral("topic:customers"))];
    QCOMPARE(orders.layer, customers.layer);
    QVERIFY(orders.column != customers.column);
    const auto& join = graph.nodes[graph.indexOf(QStringLiteral("Join"))];
    QCOMPARE(join.layer, orders.layer + 2);
    QCOMPARE(graph.columns, 2);
  }

  // The studio's path: the Queries tab's button opens a query's Windows and Topology, fetched
  // on the session's worker and delivered by queued signals; an unwindowed query says why it
  // has no windows and still shows its topology.
  void resultsPanelOpensWindowsAndTopology() {
    QTemporaryDir dir;
    testing::InMemoryCluster cluster;
    SqlSession session(cluster, dir.path());
    QSignalSpy ready(&session, &SqlSession::ready);
    session.start();
    QVERIFY(ready.wait(10000));
    QSignalSpy done(&session, &SqlSession::runFinished);
    session.run(QString::fromLatin1(kStream) + QString::fromLatin1(kPossibleFraud) +
                QStringLiteral("CREATE TABLE per_card AS SELECT card_number, count(*) AS n FROM "
                               "authorization_attempts GROUP BY card_number;"));
    QVERIFY(done.wait(10000));
    QCOMPARE(done.first().at(1).toInt(), 0);
    session.refreshQueries();
    QTRY_COMPARE_WITH_TIMEOUT(session.queries().size(), 2, 5000);
    QString windowed;
    QString plain;
    for (const SqlQueryRow& q : session.queries())
      (q.sql.contains(QStringLiteral("WINDOW")) ? windowed : plain) = q.id;
    ResultsPanel panel(&session);
    QueryInsightView* insight = panel.openInsight(windowed);
    QVERIFY(insight);
    QCOMPARE(panel.openInsight(windowed), insight);  // shown again, not opened twice
    QTRY_VERIFY_WITH_TIMEOUT(insight->windows() != nullptr, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!insight->topology()->graph().nodes.isEmpty(), 5000);
    QCOMPARE(insight->windows()->timeline()->spec().sizeMs, kWindowMs);
    // Records produced now show up in the timeline (the query runs on its own thread).
    auto producer = cluster.createProducer({});
    QVERIFY(producer.isOk());
    datagen::CardAuthorizations source(kSeed, kOptions);
    QVERIFY(datagen::produceRecords(source, **producer, "authorization_attempts", 20, kStartMs,
                                    kSpacingMs)
                .isOk());
    QTRY_COMPARE_WITH_TIMEOUT(insight->windows()->timeline()->recordCount(), qint64(20), 10000);

    // A push query's live tab has the same button.
    connect(&session, &SqlSession::pushStarted, &panel,
            [&panel](int, LiveResult* result) { panel.addResult(result); });
    QSignalSpy pushed(&session, &SqlSession::pushStarted);
    session.run(
        QStringLiteral("SELECT card_number, count(*) FROM authorization_attempts WINDOW "
                       "HOPPING (SIZE 10 MINUTES, ADVANCE BY 5 MINUTES) GROUP BY "
                       "card_number EMIT CHANGES;"));
    QVERIFY(pushed.wait(10000));
    auto* live = qobject_cast<LiveResultView*>(panel.tabs()->currentWidget());
    QVERIFY(live);
    QTRY_VERIFY_WITH_TIMEOUT(!live->result()->header().queryId.isEmpty(), 5000);
    live->findChild<QAction*>(QStringLiteral("showResultInsight"))->trigger();
    auto* pushInsight = qobject_cast<QueryInsightView*>(panel.tabs()->currentWidget());
    QVERIFY(pushInsight);
    QCOMPARE(pushInsight->queryId(), live->result()->header().queryId);
    QTRY_VERIFY_WITH_TIMEOUT(pushInsight->windows() != nullptr, 5000);
    QCOMPARE(pushInsight->windows()->timeline()->spec().kind, TimelineWindowKind::Hopping);

    QueryInsightView* other = panel.openInsight(plain);
    QTRY_VERIFY_WITH_TIMEOUT(!other->topology()->graph().nodes.isEmpty(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(other->currentIndex(), 1, 5000);
    QVERIFY(!other->windows());
  }

  // Both emit modes over the same records, one above the other: what the docs show.
  void screenshotWindows() {
    const QString dir = shotDir();
    if (dir.isEmpty()) QSKIP("RUNNEL_SCREENSHOT_DIR not set");
    Demo demo;
    QVERIFY(demo.start());
    QWidget page;
    auto* layout = new QVBoxLayout(&page);
    auto* split = new QSplitter(Qt::Vertical, &page);
    layout->addWidget(split);
    for (const auto& [trace, id] :
         {std::pair{demo.changes, demo.changesId}, std::pair{demo.final, demo.finalId}}) {
      auto* timeline = new WindowTimeline(trace, QString::fromStdString(id));
      timeline->drain();
      auto* panel = new WindowsPanel(timeline);
      split->addWidget(panel);
    }
    page.resize(1500, 940);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTest::qWait(50);
    QVERIFY(page.grab().save(dir + "/panel-windows.png"));

    // Hopping (overlapping bands, a lane each) and session windows (merging within the gap),
    // recorded straight into traces.
    for (const bool session : {false, true}) {
      auto trace = std::make_shared<sql::WindowTrace>(
          session
              ? sql::WindowTraceSpec{sql::WindowKind::kSession, 60'000, 0, 30'000, false}
              : sql::WindowTraceSpec{sql::WindowKind::kHopping, 120'000, 60'000, 30'000, false});
      std::map<std::string, std::vector<sql::WindowBounds>> sessions;
      std::int64_t offset = 0;
      std::int64_t pause = 0;  // a quiet minute and more now and then: sessions end
      for (int i = 0; i < 60; ++i) {
        const std::string key = "card-" + std::to_string(i % 3);
        if (i % 8 == 7) pause += 75'000;
        const std::int64_t t =
            kStartMs + std::int64_t{i} * 9'000 + std::int64_t{i % 3} * 2'000 + pause;
        if (!session) {
          std::vector<sql::WindowBounds> in;
          for (std::int64_t start = t - t % 60'000 - 60'000; start <= t; start += 60'000)
            if (t < start + 120'000) in.push_back({start, start + 120'000});
          trace->record(key, t, t, 0, offset++, in);
          for (const auto& w : in)
            trace->output(key, w, t, t, 0, false, false, true, "COUNT=1");
          continue;
        }
        auto& open = sessions[key];
        sql::WindowBounds merged{t, t};
        std::vector<sql::WindowBounds> away;
        if (!open.empty() && t - open.back().end <= 60'000 && open.back().start - t <= 60'000) {
          merged = {std::min(t, open.back().start), std::max(t, open.back().end)};
          away.push_back(open.back());
          open.pop_back();
        }
        open.push_back(merged);
        trace->record(key, t, t, 0, offset++, {merged}, away);
        trace->output(key, merged, t, t, 0, false, false, true, "COUNT=1");
      }
      auto* timeline = new WindowTimeline(trace, QStringLiteral("Q"));
      timeline->drain();
      WindowsPanel panel(timeline);
      panel.resize(1500, 480);
      panel.show();
      QVERIFY(QTest::qWaitForWindowExposed(&panel));
      QVERIFY(panel.grab().save(
          dir + (session ? "/panel-windows-session.png" : "/panel-windows-hopping.png")));
    }
  }
};

QTEST_MAIN(WindowsViewTest)
#include "windows_view_test.moc"
