// The Topics panel through its model and DataActions: over a real embedded cluster, creating a
// topic makes it appear in the list with its partitions and replication, adding partitions and
// changing settings take effect, deleting removes it; the create dialog refuses bad names and
// durations with a clear reason; the list model keeps up with 1,000 topics and computes rates.
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QSpinBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QtTest>

#include "engine/client/embedded/embedded_cluster_client.h"
#include "tests/engine/client/embedded/embedded_test_util.h"
#include "widgets/dialogs/create_topic_dialog.h"
#include "widgets/models/cluster_feed.h"
#include "widgets/models/data_actions.h"
#include "widgets/models/topic_list_model.h"
#include "widgets/models/topic_rules.h"
#include "widgets/panels/topics_panel.h"
#include "widgets/style/theme.h"
#include "tests/widgets/screenshot.h"

using namespace runnel;
using namespace runnel::widgets;
using runnel::widgets::testing::shoot;

namespace {

client::ClusterView manyTopics(int topics, std::int64_t takenAtMs, std::int64_t hwBase) {
  client::ClusterView v;
  v.takenAtMs = takenAtMs;
  for (int t = 0; t < topics; ++t) {
    const std::string name = "topic-" + std::to_string(100000 + t);
    v.topics.push_back({name, "id", 3, 3, t % 100 == 0, {}});
    for (int p = 0; p < 3; ++p) {
      client::PartitionView pv;
      pv.topic = name;
      pv.partition = p;
      pv.logStartOffset = 0;
      pv.highWatermark = hwBase + t;
      pv.sizeBytes = static_cast<std::uint64_t>(1000 * (hwBase + t));
      v.partitions.push_back(pv);
    }
  }
  return v;
}

struct LiveCluster {
  QTemporaryDir dir;
  std::unique_ptr<client::embedded::EmbeddedClusterClient> client;
  std::unique_ptr<ClusterFeed> feed;
  TopicListModel model;

  LiveCluster() {
    client = client::embedded::testing::openClient(dir.path().toStdString());
    feed = std::make_unique<ClusterFeed>(&client->observer(), 50);
    QObject::connect(feed.get(), &ClusterFeed::viewUpdated, &model,
                     [this](const ClusterViewPtr& v) { model.update(*v); });
    feed->start();
  }
  ~LiveCluster() { feed->stop(); }
};

// Waits for the next outcome of DataActions and returns (ok, message).
std::pair<bool, QString> outcome(QSignalSpy& spy) {
  if (spy.isEmpty() && !spy.wait(20000)) return {false, "no outcome"};
  const auto args = spy.takeFirst();
  return {args.at(1).toBool(), args.at(2).toString()};
}

}  // namespace

class TopicsPanelTest : public QObject {
  Q_OBJECT
 private slots:
  // Screenshots must look like the studio: apply the theme it applies (its palette and style
  // sheet colour the broker cards; without them they come out black).
  void initTestCase() { Theme::instance().apply(ThemeChoice::Light); }

  void namesFollowKafkasRules() {
    QVERIFY(topicNameProblem("orders").isEmpty());
    QVERIFY(topicNameProblem("payments.v2_eu-1").isEmpty());
    QVERIFY(topicNameProblem("").contains("name"));
    QVERIFY(topicNameProblem("..").contains(".."));
    QVERIFY(topicNameProblem("my topic").contains("a space"));
    QVERIFY(topicNameProblem("a/b").contains("\"/\""));
    QVERIFY(topicNameProblem(QString(250, 'x')).contains("250"));
    QVERIFY(topicNameCollision("a.b", {"a_b"}).contains("collide"));
    QVERIFY(topicNameCollision("a.b", {"a-b"}).isEmpty());
  }

  void durationsReadAsPeopleWriteThem() {
    QCOMPARE(parseDurationMs("7d").value(), 7 * 86'400'000LL);
    QCOMPARE(parseDurationMs(" 12h ").value(), 12 * 3'600'000LL);
    QCOMPARE(parseDurationMs("500ms").value(), 500LL);
    QCOMPARE(parseDurationMs("60000").value(), 60000LL);
    QCOMPARE(parseDurationMs("forever").value(), -1LL);
    QVERIFY(!parseDurationMs("soon").has_value());
    QCOMPARE(formatDurationMs(7 * 86'400'000LL), QString("1 week"));
    QCOMPARE(formatDurationMs(3 * 3'600'000LL), QString("3 hours"));
  }

  void createDialogExplainsWhatIsWrong() {
    CreateTopicDialog dialog({"orders"}, 3);
    auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    dialog.nameEdit()->setText("orders");
    QVERIFY(dialog.problem().contains("already exists"));
    QVERIFY(!ok->isEnabled());
    dialog.nameEdit()->setText("new orders");
    QVERIFY(dialog.problem().contains("space"));
    dialog.nameEdit()->setText("payments");
    QVERIFY(dialog.problem().isEmpty());
    QVERIFY(ok->isEnabled());
    dialog.retentionEdit()->setText("a while");
    QVERIFY(dialog.problem().contains("a while"));
    QVERIFY(!ok->isEnabled());
    dialog.retentionEdit()->setText("2d");
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog.replicationSpin()->maximum(), 3);
    dialog.partitionsSpin()->setValue(6);
    dialog.cleanupCombo()->setCurrentIndex(1);
    const NewTopicRequest r = dialog.request();
    QCOMPARE(r.name, QString("payments"));
    QCOMPARE(r.partitions, 6);
    QCOMPARE(r.cleanupPolicy, QString("compact"));
    QCOMPARE(r.retentionMs.value(), 2 * 86'400'000LL);
  }

  void listModelComputesRatesAndDimsInternal() {
    TopicListModel model;
    model.update(manyTopics(10, 1000, 100));
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.index(0, TopicListModel::RateColumn).data().toString(), QString("—"));
    model.update(manyTopics(10, 3000, 300));  // 3 partitions × 200 records in 2 s
    const auto* row = model.row(1);
    QVERIFY(row != nullptr);
    QCOMPARE(row->recordsPerSec, 300.0);
    QCOMPARE(row->records, 3 * 301LL);
    QVERIFY(model.index(0, 0).data(TopicListModel::InternalRole).toBool());
    QVERIFY(model.index(0, 0).data(Qt::ForegroundRole).isValid());
    QVERIFY(!model.index(1, 0).data(Qt::ForegroundRole).isValid());
  }

  void thousandTopicsStayFast() {
    TopicListModel model;
    DataActions actions(nullptr);
    TopicsPanel panel(&model, &actions);
    panel.resize(600, 800);
    panel.show();
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    model.update(manyTopics(1000, 1000, 0));
    QCoreApplication::processEvents();
    panel.selectTopic("topic-100501");
    QElapsedTimer timer;
    timer.start();
    for (int i = 1; i <= 30; ++i) {  // one second of updates at the feed's top rate
      model.update(manyTopics(1000, 1000 + i * std::int64_t{33}, i * std::int64_t{10}));
      QCoreApplication::processEvents();
    }
    const qint64 ms = timer.elapsed();
    qInfo("30 updates of 1,000 topics (3,000 partitions), sorted and shown: %lld ms", ms);
    QVERIFY2(ms < 3000, qPrintable(QString("took %1 ms").arg(ms)));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(inserts.count(), 1);                              // only the first view inserted rows
    QCOMPARE(panel.selectedTopic(), QString("topic-100501"));  // selection survived
    QCOMPARE(panel.proxy()->rowCount(), 990);                  // internal ones hidden
    panel.showInternalBox()->setChecked(true);
    QCOMPARE(panel.proxy()->rowCount(), 1000);
    panel.filterEdit()->setText("10099");
    QCOMPARE(panel.proxy()->rowCount(), 10);
    // One topic deleted in the middle, one added: two small row changes, no reset.
    auto v = manyTopics(1000, 5000, 400);
    v.topics.erase(v.topics.begin() + 500);
    v.topics.push_back({"zzz-new", "id", 1, 1, false, {}});
    model.update(v);
    QCOMPARE(model.rowCount(), 1000);
    QCOMPARE(model.rowOf("topic-100500"), -1);
    QCOMPARE(model.rowOf("zzz-new"), 999);
    QCOMPARE(resets.count(), 0);
  }

  void liveListShowsSizesAndRates() {
    LiveCluster c;
    for (const auto& [name, partitions] :
         std::vector<std::pair<std::string, int>>{{"authorization_attempts", 6},
                                                  {"orders", 3},
                                                  {"page_views", 12},
                                                  {"payments.v2", 3},
                                                  {"possible_fraud", 1}})
      QVERIFY(c.client->admin().createTopic({name, partitions, 3, {}, {}}).isOk());
    auto producer = c.client->createProducer({});
    QVERIFY(producer.isOk());
    DataActions actions(c.client.get());
    TopicsPanel panel(&c.model, &actions);
    panel.resize(560, 420);
    panel.show();
    QElapsedTimer t;
    t.start();
    int i = 0;
    while (t.elapsed() < 1500) {  // a steady trickle into two topics
      const std::string v =
          "{\"card\":\"" + std::to_string(i % 17) + "\",\"amount\":" + std::to_string(i) + "}";
      (*producer)->send({"authorization_attempts",
                         std::nullopt,
                         Bytes(v.begin(), v.begin() + 12),
                         Bytes(v.begin(), v.end()),
                         {},
                         std::nullopt});
      if (i % 4 == 0)
        (*producer)->send(
            {"orders", std::nullopt, std::nullopt, Bytes(v.begin(), v.end()), {}, std::nullopt});
      ++i;
      if (i % 50 == 0) QTest::qWait(10);
    }
    QVERIFY((*producer)->flush(std::chrono::seconds(10)).isOk());
    auto recordsOf = [&c](const QString& topic) -> qint64 {
      const auto* row = c.model.row(c.model.rowOf(topic));
      return row ? row->records : -1;
    };
    QTRY_COMPARE_WITH_TIMEOUT(recordsOf("orders"), static_cast<qint64>((i + 3) / 4), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(recordsOf("authorization_attempts"), static_cast<qint64>(i), 10000);
    const auto* busy = c.model.row(c.model.rowOf("authorization_attempts"));
    QCOMPARE(busy->records, static_cast<qint64>(i));
    QVERIFY(busy->sizeBytes > 0);
    QCOMPARE(busy->partitions, 6);
    QCOMPARE(c.model.row(c.model.rowOf("possible_fraud"))->records, 0LL);
    panel.selectTopic("authorization_attempts");
    // Rates are measured between views: keep producing a little so the shot shows them live.
    for (int k = 0; k < 400; ++k) {
      const std::string v = std::to_string(k);
      (*producer)->send({"authorization_attempts",
                         std::nullopt,
                         std::nullopt,
                         Bytes(v.begin(), v.end()),
                         {},
                         std::nullopt});
      if (k % 40 == 0) QTest::qWait(25);
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        c.model.row(c.model.rowOf("authorization_attempts"))->recordsPerSec > 0, 10000);
    shoot(panel, "panel-topics.png");
    QVERIFY((*producer)->close(std::chrono::seconds(5)).isOk());
  }

  void createConfigureGrowAndDeleteOnARealCluster() {
    LiveCluster c;
    DataActions actions(c.client.get());
    QSignalSpy done(&actions, &DataActions::finished);

    NewTopicRequest req;
    req.name = "orders";
    req.partitions = 4;
    req.replicationFactor = 2;
    req.cleanupPolicy = "delete";
    req.retentionMs = 3'600'000;
    actions.createTopic(req);
    auto [ok, message] = outcome(done);
    QVERIFY2(ok, qPrintable(message));
    QVERIFY(message.contains("orders"));
    QTRY_VERIFY_WITH_TIMEOUT(c.model.rowOf("orders") >= 0, 10000);
    const auto* row = c.model.row(c.model.rowOf("orders"));
    QCOMPARE(row->partitions, 4);
    QCOMPARE(row->replicationFactor, 2);

    actions.createTopic(req);  // again: a readable refusal, nothing lost
    std::tie(ok, message) = outcome(done);
    QVERIFY(!ok);
    QVERIFY2(message.contains("orders"), qPrintable(message));

    actions.addPartitions("orders", 6);
    std::tie(ok, message) = outcome(done);
    QVERIFY2(ok, qPrintable(message));
    QTRY_COMPARE_WITH_TIMEOUT(c.model.partitionsOf("orders"), 6, 10000);

    QSignalSpy configs(&actions, &DataActions::topicConfigsLoaded);
    actions.alterTopicConfigs("orders", {{"retention.ms", "7200000"}}, {});
    std::tie(ok, message) = outcome(done);
    QVERIFY2(ok, qPrintable(message));
    actions.loadTopicConfigs("orders");
    QVERIFY(configs.wait(10000));
    const auto rows = configs.takeFirst().at(1).value<QList<TopicConfigRow>>();
    bool found = false;
    for (const auto& r : rows) {
      if (r.name != "retention.ms") continue;
      found = true;
      QCOMPARE(r.value, QString("7200000"));
      QVERIFY(r.overridden);
    }
    QVERIFY(found);

    actions.deleteTopic("orders");
    std::tie(ok, message) = outcome(done);
    QVERIFY2(ok, qPrintable(message));
    QTRY_COMPARE_WITH_TIMEOUT(c.model.rowOf("orders"), -1, 10000);
  }
};

QTEST_MAIN(TopicsPanelTest)
#include "topics_panel_test.moc"
