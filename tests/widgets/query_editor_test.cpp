// The query workspace against a real one-broker embedded cluster: the fraud query's live table
// matches an independent count of the generated records; a bad statement puts an error marker
// at its line and column; completion offers a declared stream's columns; saved scripts and
// history survive reopening the workspace; live results coalesce to ≤ 30 batches a second.
#include <QChart>
#include <QChartView>
#include <QDockWidget>
#include <QJsonDocument>
#include <QMainWindow>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>
#include <map>
#include <set>
#include <thread>

#include "engine/client/embedded/embedded_cluster_client.h"
#include "engine/datagen/card_authorizations.h"
#include "engine/datagen/generator.h"
#include "widgets/editor/query_tab.h"
#include "widgets/editor/sql_editor.h"
#include "widgets/models/live_result.h"
#include "widgets/models/live_result_feed.h"
#include "widgets/models/rate_history_model.h"
#include "widgets/models/result_table_model.h"
#include "widgets/models/running_queries_model.h"
#include "widgets/models/script_store.h"
#include "widgets/models/sql_script_text.h"
#include "widgets/models/sql_session.h"
#include "widgets/panels/charts_panel.h"
#include "widgets/panels/live_result_view.h"
#include "widgets/panels/results_panel.h"
#include "widgets/style/theme.h"

using namespace runnel;
using namespace runnel::widgets;

namespace {

constexpr std::int64_t kStartMs = 1'700'000'000'000;
constexpr std::int64_t kWindowMs = std::int64_t{5} * 60 * 1000;
constexpr int kRecords = 600;
constexpr std::uint64_t kSeed = 11;
const datagen::CardAuthorizations::Options kOptions{.cards = 200, .burstProbability = 0.03};

const char* kStream =
    "CREATE STREAM authorization_attempts (card_number STRING, amount DOUBLE, merchant STRING,\n"
    "  country STRING, status STRING, attempt_id BIGINT)\n"
    "  WITH (KAFKA_TOPIC='authorization_attempts', VALUE_FORMAT='JSON');\n"
    "SET 'auto.offset.reset' = 'earliest';\n";

std::int64_t parseUtc(const QString& iso) {
  return QDateTime::fromString(iso + QLatin1Char('Z'), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

}  // namespace

class QueryEditorTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  std::unique_ptr<client::embedded::EmbeddedClusterClient> cluster_;
  SqlSession* session_ = nullptr;

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    cluster::ClusterConfig config;
    config.brokers = 1;
    config.dataDir = dir_.filePath("cluster").toStdString();
    config.basePort = 0;
    config.housekeepingIntervalMs = 20;
    group::GroupCoordinatorConfig groups;
    groups.initialRebalanceDelayMs = 0;
    auto opened = client::embedded::EmbeddedClusterClient::open(config, groups);
    QVERIFY2(opened.isOk(), opened.status().toString().c_str());
    cluster_ = std::move(opened).value();
    QVERIFY(cluster_->admin().createTopic({"authorization_attempts", 3, 1, {}, {}}).isOk());
    datagen::CardAuthorizations source(kSeed, kOptions);
    auto producer = cluster_->createProducer({}).value();
    QVERIFY(datagen::produceRecords(source, *producer, "authorization_attempts", kRecords, kStartMs,
                                    1000)
                .isOk());
    (void)producer->close(std::chrono::seconds(5));

    QDir().mkpath(dir_.filePath("state"));
    session_ = new SqlSession(*cluster_, dir_.filePath("state"), this);
    QSignalSpy ready(session_, &SqlSession::ready);
    session_->start();
    QVERIFY(ready.wait(20000));
    QVERIFY(session_->isReady());
    QSignalSpy done(session_, &SqlSession::runFinished);
    session_->run(QString::fromLatin1(kStream));
    QVERIFY(done.wait(20000));
    QCOMPARE(done.first().at(1).toInt(), 0);
  }

  void cleanupTestCase() {
    delete session_;  // stops the queries before the cluster goes
    session_ = nullptr;
    cluster_.reset();
  }

  void fraudQueryFillsTheLiveTable() {
    // Expected (card, window, count) rows, from a twin of the generator: the engine plays no
    // part in computing them.
    datagen::CardAuthorizations twin(kSeed, kOptions);
    std::map<std::pair<QString, std::int64_t>, std::int64_t> counts;
    for (int i = 0; i < kRecords; ++i) {
      const auto r = twin.next(kStartMs + i * std::int64_t{1000});
      const QString card = QJsonDocument::fromJson(QByteArray::fromStdString(r.value))
                               .object()
                               .value("card_number")
                               .toString();
      ++counts[{card, r.timestampMs / kWindowMs * kWindowMs}];
    }
    std::set<std::tuple<QString, std::int64_t, std::int64_t>> expected;
    for (const auto& [key, n] : counts)
      if (n > 3) expected.emplace(key.first, key.second, n);
    QVERIFY(expected.size() >= 3);

    ResultsPanel panel(session_);
    connect(session_, &SqlSession::pushStarted, &panel,
            [&panel](int, LiveResult* r) { panel.addResult(r); });
    QSignalSpy pushed(session_, &SqlSession::pushStarted);
    session_->run(
        "SELECT card_number, count(*) AS attempts FROM authorization_attempts\n"
        "WINDOW TUMBLING (SIZE 5 MINUTE) GROUP BY card_number HAVING count(*) > 3 EMIT CHANGES;");
    QVERIFY(pushed.wait(20000));
    auto* view = qobject_cast<LiveResultView*>(panel.tabs()->currentWidget());
    QVERIFY(view);
    ResultTableModel* model = view->tableModel();

    std::set<std::tuple<QString, std::int64_t, std::int64_t>> actual;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          actual.clear();
          if (model->columnCount() != 4) return false;
          for (int r = 0; r < model->rowCount(); ++r) {
            const QStringList c = model->rowCells(r);
            actual.emplace(c[2], parseUtc(c[0]), c[3].toLongLong());
          }
          return actual == expected;
        }(),
        20000);
    QCOMPARE(model->headerData(2, Qt::Horizontal).toString(), QStringLiteral("CARD_NUMBER"));
    // Updated in place: one row per key and window, while the changelog holds every change.
    QCOMPARE(model->rowCount(), int(expected.size()));
    QVERIFY(view->changelogModel()->rowCount() >= model->rowCount());
    QTRY_VERIFY(
        view->statsLabel()->text().contains(QStringLiteral("%1 rows shown").arg(expected.size())));

    // Export writes what is shown.
    const QString csv = dir_.filePath("fraud.csv");
    QVERIFY(view->exportTo(csv, false));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll().count('\n'), qsizetype(expected.size() + 1));

    // The push query is listed as running; Terminate stops it.
    QTRY_VERIFY_WITH_TIMEOUT(panel.queriesModel()->rowCount() >= 1, 5000);
    int row = -1;
    for (int r = 0; r < panel.queriesModel()->rowCount(); ++r)
      if (panel.queriesModel()->queryId(r) == view->result()->header().queryId) row = r;
    QVERIFY(row >= 0);
    QVERIFY(panel.queriesModel()->isRunning(row));
    panel.queriesView()->selectRow(row);
    panel.terminateSelected();
    QTRY_VERIFY_WITH_TIMEOUT(view->result()->ended(), 10000);
  }

  void persistentFraudQueryIsListedWithThroughput() {
    ChartsPanel charts;
    charts.attachSql(session_);
    QVERIFY(charts.queryView()->isHidden());
    QSignalSpy done(session_, &SqlSession::runFinished);
    session_->run(
        "CREATE TABLE possible_fraud AS SELECT card_number, count(*) AS attempts\n"
        "FROM authorization_attempts WINDOW TUMBLING (SIZE 5 MINUTE)\n"
        "GROUP BY card_number HAVING count(*) > 3;");
    QVERIFY(done.wait(20000));
    QCOMPARE(done.first().at(1).toInt(), 0);
    RunningQueriesModel model(session_);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          for (int r = 0; r < model.rowCount(); ++r)
            if (model.data(model.index(r, RunningQueriesModel::kSink)).toString() ==
                    "POSSIBLE_FRAUD" &&
                model.data(model.index(r, RunningQueriesModel::kRecordsIn)).toLongLong() >=
                    kRecords)
              return true;
          return false;
        }(),
        20000);
    // The Charts panel draws the query's input rate once the engine lists it.
    QTRY_VERIFY_WITH_TIMEOUT(!charts.model()->queryRates().empty(), 20000);
    QVERIFY(charts.model()->queryRates().begin()->first.startsWith("CTAS_POSSIBLE_FRAUD"));
    QVERIFY(!charts.queryView()->isHidden());
    QCOMPARE(charts.queryChart()->series().size(), qsizetype(1));
  }

  void badQueryMarksTheErrorLine() {
    QueryTab tab;
    tab.attach(session_, nullptr);
    // The bad statement follows a good one, so the marker proves script-relative positions.
    tab.editor()->setText(
        "-- a comment\n"
        "SHOW STREAMS;\n"
        "SELECT card_number,\n"
        "  FROM authorization_attempts EMIT CHANGES;\n");
    QSignalSpy done(session_, &SqlSession::runFinished);
    tab.runAll();
    QVERIFY(done.wait(20000));
    QTRY_COMPARE(tab.editor()->errorLines(), QList<int>{4});
    QVERIFY2(tab.editor()->errorMessageAt(4).startsWith("line 4:3:"),
             qPrintable(tab.editor()->errorMessageAt(4)));
    const int lineStart =
        int(tab.editor()->SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE, 3L));
    QCOMPARE(tab.editor()->errorIndicatorStart(), lineStart + 2);
    QVERIFY(tab.messages()->toPlainText().contains("FROM authorization_attempts"));
    // Editing clears the marker.
    tab.editor()->append(" ");
    QVERIFY(tab.editor()->errorLines().isEmpty());
  }

  void completionOffersColumnsOfADeclaredStream() {
    SqlEditor editor;
    editor.setCatalog(session_->catalog());
    const QString text = "SELECT car FROM authorization_attempts;";
    editor.setText(text);
    editor.setCursorPosition(0, int(QStringLiteral("SELECT car").size()));
    QVERIFY2(editor.completionsAtCursor().contains("card_number"),
             qPrintable(editor.completionsAtCursor().join(',')));
    editor.setText("SELECT a.cou FROM authorization_attempts a;");
    editor.setCursorPosition(0, int(QStringLiteral("SELECT a.cou").size()));
    QCOMPARE(editor.completionsAtCursor(), QStringList{"country"});
    editor.setText("SELECT * FROM AUTH");
    editor.setCursorPosition(0, int(QStringLiteral("SELECT * FROM AUTH").size()));
    QCOMPARE(editor.completionsAtCursor(), QStringList{"AUTHORIZATION_ATTEMPTS"});
    editor.setText("SELECT TIMESTAMPTOS");
    editor.setCursorPosition(0, 19);
    QVERIFY(editor.completionsAtCursor().contains("TIMESTAMPTOSTRING"));
    editor.showCompletions();
    QVERIFY(editor.isListActive());
  }

  void highlighterClassesFollowTheLexer() {
    const QByteArray sql = "SELECT ucase(name), 'x' FROM t -- note\nWHERE n > 4.5;";
    QList<SqlTextClass> classes;
    for (const SqlTextSpan& s : classifySql(sql))
      if (s.textClass != SqlTextClass::kDefault) classes << s.textClass;
    const QList<SqlTextClass> expected{
        SqlTextClass::kKeyword,    SqlTextClass::kFunction, SqlTextClass::kOperator,
        SqlTextClass::kIdentifier, SqlTextClass::kOperator, SqlTextClass::kOperator,
        SqlTextClass::kString,     SqlTextClass::kKeyword,  SqlTextClass::kIdentifier,
        SqlTextClass::kComment,    SqlTextClass::kKeyword,  SqlTextClass::kIdentifier,
        SqlTextClass::kOperator,   SqlTextClass::kNumber,   SqlTextClass::kOperator};
    QCOMPARE(classes, expected);
  }

  void savedScriptRoundTripsThroughTheWorkspace() {
    const QString path = dir_.filePath("workspace.sqlite");
    {
      ScriptStore store(path);
      QVERIFY2(store.isOpen(), qPrintable(store.lastError()));
      QueryTab tab;
      tab.attach(nullptr, &store);
      tab.editor()->setText("SELECT 'é' FROM t;\n-- two lines");
      QVERIFY(tab.saveScript("fraud watch"));
      QVERIFY(store.addHistory("SHOW STREAMS;", true));
      QVERIFY(!store.saveScript("  ", "x"));  // a name is required
    }
    ScriptStore reopened(path);
    QCOMPARE(reopened.scripts().size(), 1);
    QueryTab tab;
    tab.attach(nullptr, &reopened);
    tab.openScript("fraud watch");
    QCOMPARE(tab.editor()->text(), QStringLiteral("SELECT 'é' FROM t;\n-- two lines"));
    QCOMPARE(tab.scriptName(), QStringLiteral("fraud watch"));
    QCOMPARE(reopened.history().size(), 1);
    QCOMPARE(reopened.history().first().statement, QStringLiteral("SHOW STREAMS;"));
  }

  // With RUNNEL_SCREENSHOT_DIR set (under xvfb): the editor with the starter-style script run
  // and its live results below, as docs/screenshots/panel-query.png.
  void screenshot() {
    const QString out = qEnvironmentVariable("RUNNEL_SCREENSHOT_DIR");
    if (out.isEmpty()) QSKIP("set RUNNEL_SCREENSHOT_DIR to take the screenshot");
    Theme::instance().apply(ThemeChoice::Light);
    QMainWindow window;
    auto* tab = new QueryTab(&window);
    tab->attach(session_, nullptr);
    tab->editor()->setText(
        "-- Cards tried more than 3 times within 5 minutes, live.\n"
        "SELECT card_number, count(*) AS attempts,\n"
        "       collect_list(country) AS countries\n"
        "FROM authorization_attempts\n"
        "WINDOW TUMBLING (SIZE 5 MINUTE)\n"
        "GROUP BY card_number\n"
        "HAVING count(*) > 3\n"
        "EMIT CHANGES;\n"
        "\n"
        "SELECT card_number, amount,\n"
        "  FROM authorization_attempts EMIT CHANGES;\n");
    window.setCentralWidget(tab);
    auto* dock = new QDockWidget(QStringLiteral("Query Results"), &window);
    auto* panel = new ResultsPanel(session_, dock);
    dock->setWidget(panel);
    window.addDockWidget(Qt::BottomDockWidgetArea, dock);
    connect(session_, &SqlSession::pushStarted, panel,
            [panel](int, LiveResult* r) { panel->addResult(r); });
    window.resize(1280, 860);
    window.show();
    QSignalSpy done(session_, &SqlSession::runFinished);
    tab->runAll();
    QVERIFY(done.wait(20000));
    QTRY_VERIFY_WITH_TIMEOUT(panel->tabs()->count() > 1, 10000);
    auto* view = qobject_cast<LiveResultView*>(panel->tabs()->currentWidget());
    QTRY_VERIFY_WITH_TIMEOUT(view && view->tableModel()->rowCount() > 5, 20000);
    QTest::qWait(1500);
    tab->editor()->setCursorPosition(3, 9);
    QVERIFY(window.grab().save(out + "/panel-query.png"));
  }

  void liveResultsCoalesceToThirtyBatchesASecond() {
    auto feed = std::make_shared<LiveResultFeed>();
    LiveResult result(feed, "SELECT ...");
    QSignalSpy batches(&result, &LiveResult::rowsArrived);
    sql::Schema schema;
    schema.columns.push_back({"K", sql::DataType::string(), sql::ColumnRole::kKey, {}});
    schema.columns.push_back({"N", sql::DataType::bigint(), sql::ColumnRole::kValue, {}});
    feed->onStart("q1", schema, true, sql::WindowKind::kNone);
    std::atomic<bool> stop{false};
    std::int64_t sent = 0;
    std::thread producer([&] {
      while (!stop.load()) {
        feed->onRow(
            {{sql::Value::string("k" + std::to_string(sent % 50)), sql::Value::bigint(sent)},
             std::nullopt,
             false,
             0});
        ++sent;
      }
    });
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 1000)
      QTest::qWait(10);
    stop = true;
    producer.join();
    const qint64 elapsed = clock.elapsed();
    result.drain();
    QVERIFY(sent > 1000);
    QVERIFY2(batches.size() <= elapsed / LiveResult::kDrainIntervalMs + 2,
             qPrintable(QString::number(batches.size())));
    QCOMPARE(result.rowCount(), sent);  // nothing lost
    ResultTableModel table(ResultTableModel::Mode::kCurrent);
    table.setHeader(result.header());
    for (const auto& args : batches)
      table.applyRows(args.at(0).value<QList<LiveRow>>());
    QCOMPARE(table.rowCount(), 50);  // one row per key
  }
};

QTEST_MAIN(QueryEditorTest)
#include "query_editor_test.moc"
