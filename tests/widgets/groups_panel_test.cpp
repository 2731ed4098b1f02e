// The Consumer Groups panel: the list model keeps up with 10,000 groups without resets; over a
// real embedded cluster a consuming group appears with its member and its lag falls as it
// commits; once idle its offsets reset to earliest, latest and a time, and a reset of an active
// group is refused with a reason.
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

#include "engine/client/embedded/embedded_cluster_client.h"
#include "tests/engine/client/embedded/embedded_test_util.h"
#include "widgets/models/cluster_feed.h"
#include "widgets/models/data_actions.h"
#include "widgets/models/group_detail_model.h"
#include "widgets/models/group_list_model.h"
#include "widgets/panels/groups_panel.h"
#include "widgets/style/theme.h"
#include "tests/widgets/screenshot.h"

using namespace runnel;
using namespace runnel::widgets;
using runnel::widgets::testing::shoot;

namespace {

client::ClusterView manyGroups(int n, std::int64_t lag) {
  auto v = std::make_shared<client::ClusterView>();
  for (int g = 0; g < n; ++g) {
    client::GroupView gv;
    gv.groupId = "group-" + std::to_string(100000 + g);
    gv.state = g % 3 == 0 ? "Empty" : "Stable";
    if (g % 3 != 0) gv.members.push_back({"m-1", "client-1", "/127.0.0.1", {{"t", 0}}});
    gv.partitions.push_back({{"t", 0}, 10, lag, g % 3 != 0 ? "m-1" : ""});
    gv.partitions.push_back({{"t", 1}, 10, lag, ""});
    v->groups.push_back(std::move(gv));
  }
  return *v;
}

std::pair<bool, QString> outcome(QSignalSpy& spy) {
  if (spy.isEmpty() && !spy.wait(20000)) return {false, "no outcome"};
  const auto args = spy.takeFirst();
  return {args.at(1).toBool(), args.at(2).toString()};
}

}  // namespace

class GroupsPanelTest : public QObject {
  Q_OBJECT
 private slots:
  // Screenshots must look like the studio: apply the theme it applies (its palette and style
  // sheet colour the broker cards; without them they come out black).
  void initTestCase() { Theme::instance().apply(ThemeChoice::Light); }

  void tenThousandGroupsStayFast() {
    GroupListModel model;
    DataActions actions(nullptr);
    GroupsPanel panel(&model, &actions);
    panel.resize(700, 800);
    panel.show();
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    panel.showView(std::make_shared<client::ClusterView>(manyGroups(10000, 0)));
    QCoreApplication::processEvents();
    panel.selectGroup("group-105002");
    QElapsedTimer timer;
    timer.start();
    for (int i = 1; i <= 10; ++i) {  // two seconds of feed updates
      panel.showView(std::make_shared<client::ClusterView>(manyGroups(10000, i)));
      QCoreApplication::processEvents();
    }
    const qint64 ms = timer.elapsed();
    qInfo("10 updates of 10,000 groups, sorted and shown: %lld ms", ms);
    QVERIFY2(ms < 4000, qPrintable(QString("took %1 ms").arg(ms)));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(panel.selectedGroup(), QString("group-105002"));
    QCOMPARE(panel.detail()->rowCount(), 2);
    QCOMPARE(panel.detail()->totalLag(), 20LL);
    QCOMPARE(model.row(model.rowOf("group-105002"))->lag, 20LL);
    QVERIFY(panel.header().contains("client-1"));
    QVERIFY(!panel.resetButton()->isEnabled());  // active
    panel.filterEdit()->setText("group-10999");
    QCOMPARE(panel.proxy()->rowCount(), 10);
  }

  void lagFallsAndOffsetsResetOnARealCluster() {
    QTemporaryDir dir;
    auto client = client::embedded::testing::openClient(dir.path().toStdString());
    QVERIFY(client->admin().createTopic({"events", 2, 2, {}, {}}).isOk());
    {
      auto producer = client->createProducer({});
      QVERIFY(producer.isOk());
      for (int i = 0; i < 200; ++i) {
        const std::string v = std::to_string(i);
        (*producer)->send({"events",
                           i % 2,
                           std::nullopt,
                           Bytes(v.begin(), v.end()),
                           {},
                           i < 100 ? 1'000'000 : 2'000'000});
      }
      QVERIFY((*producer)->flush(std::chrono::seconds(10)).isOk());
    }

    GroupListModel groups;
    DataActions actions(client.get());
    GroupsPanel panel(&groups, &actions);
    panel.resize(640, 520);
    panel.show();
    ClusterFeed feed(&client->observer(), 50);
    connect(&feed, &ClusterFeed::viewUpdated, &panel, &GroupsPanel::showView);
    feed.start();

    client::ConsumerConfig cc;
    cc.groupId = "orders-app";
    cc.clientId = "orders-app-1";
    cc.enableAutoCommit = false;
    cc.autoOffsetReset = client::OffsetReset::kEarliest;
    cc.maxPollRecords = 20;
    cc.sessionTimeoutMs = 6000;
    cc.heartbeatIntervalMs = 200;
    auto consumer = client->createConsumer(cc);
    QVERIFY(consumer.isOk());
    QVERIFY((*consumer)->subscribe({"events"}).isOk());

    // Consume in steps, committing each; the panel's lag must fall to zero along the way.
    QList<qint64> lags;
    int consumed = 0;
    QElapsedTimer deadline;
    deadline.start();
    bool selected = false;
    bool shot = false;
    while (consumed < 200 && deadline.elapsed() < 20000) {
      auto records = (*consumer)->poll(std::chrono::milliseconds(100));
      QVERIFY(records.isOk());
      consumed += static_cast<int>(records->size());
      if (!records->empty()) QVERIFY((*consumer)->commitSync().isOk());
      QTest::qWait(60);
      if (!selected && groups.rowOf("orders-app") >= 0) {
        panel.selectGroup("orders-app");
        selected = true;
      }
      if (selected && panel.detail()->totalLag() >= 0) {
        if (lags.isEmpty() || lags.last() != panel.detail()->totalLag())
          lags << panel.detail()->totalLag();
        if (consumed >= 80 && !shot) {
          shoot(panel, "panel-groups.png");
          shot = true;
        }
      }
    }
    QCOMPARE(consumed, 200);
    QTRY_COMPARE_WITH_TIMEOUT(panel.detail()->totalLag(), 0LL, 10000);
    if (lags.isEmpty() || lags.last() != 0) lags << 0;
    qInfo() << "lag as the panel saw it:" << lags;
    QVERIFY2(lags.size() >= 3, "the lag should have been seen at several values on the way down");
    for (int i = 1; i < lags.size(); ++i)
      QVERIFY(lags[i] < lags[i - 1]);
    QVERIFY(panel.header().contains("orders-app-1"));
    QCOMPARE(panel.detail()->rowCount(), 2);

    // While the member is there, a reset is refused with a reason.
    QSignalSpy done(&actions, &DataActions::finished);
    actions.resetGroupOffsets("orders-app", OffsetResetTarget::Earliest);
    auto [ok, message] = outcome(done);
    QVERIFY(!ok);
    QVERIFY2(message.contains("active member"), qPrintable(message));

    QVERIFY((*consumer)->close().isOk());
    consumer->reset();
    QTRY_VERIFY_WITH_TIMEOUT(panel.detail()->members().empty(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(panel.resetButton()->isEnabled(), 5000);

    actions.resetGroupOffsets("orders-app", OffsetResetTarget::Earliest);
    std::tie(ok, message) = outcome(done);
    QVERIFY2(ok, qPrintable(message));
    QVERIFY(message.contains("2 partitions"));
    QTRY_COMPARE_WITH_TIMEOUT(panel.detail()->totalLag(), 200LL, 10000);

    actions.resetGroupOffsets("orders-app", OffsetResetTarget::Timestamp, 1'500'000);
    std::tie(ok, message) = outcome(done);
    QVERIFY2(ok, qPrintable(message));
    QTRY_COMPARE_WITH_TIMEOUT(panel.detail()->totalLag(), 100LL, 10000);

    actions.resetGroupOffsets("orders-app", OffsetResetTarget::Latest);
    std::tie(ok, message) = outcome(done);
    QVERIFY2(ok, qPrintable(message));
    QTRY_COMPARE_WITH_TIMEOUT(panel.detail()->totalLag(), 0LL, 10000);
    feed.stop();
  }
};

QTEST_MAIN(GroupsPanelTest)
#include "groups_panel_test.moc"
