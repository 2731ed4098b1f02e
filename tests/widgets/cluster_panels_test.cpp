// The cluster panels through their models, fed by a scripted observer: broker cards appear and
// turn dead, Kill asks for the right broker, the leadership grid moves the leader and animates
// it, and the timeline lists what happened.
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

#include <mutex>

#include "widgets/models/cluster_change_model.h"
#include "widgets/models/cluster_feed.h"
#include "widgets/models/leadership_model.h"
#include "widgets/panels/broker_card.h"
#include "widgets/panels/cluster_panel.h"
#include "widgets/panels/events_panel.h"
#include "widgets/panels/leadership_panel.h"
#include "widgets/style/theme.h"

using namespace runnel;
using namespace runnel::widgets;

namespace {

class ScriptedObserver : public client::ClusterObserver {
 public:
  Result<client::ClusterView> view() override {
    std::lock_guard lock(mutex_);
    return view_;
  }
  int subscribe(ChangeCallback callback) override {
    std::lock_guard lock(mutex_);
    callback_ = std::move(callback);
    return 1;
  }
  void unsubscribe(int) override {
    std::lock_guard lock(mutex_);
    callback_ = nullptr;
  }
  std::vector<client::ClusterChange> recentChanges() const override { return {}; }

  void set(client::ClusterView v) {
    std::lock_guard lock(mutex_);
    view_ = std::move(v);
  }
  void emitChange(const client::ClusterChange& c) {
    ChangeCallback cb;
    {
      std::lock_guard lock(mutex_);
      cb = callback_;
    }
    if (cb) cb(c);
  }

 private:
  std::mutex mutex_;
  client::ClusterView view_;
  ChangeCallback callback_;
};

client::ClusterView threeBrokers(bool twoAlive, std::int32_t leaderOfP0) {
  client::ClusterView v;
  v.clusterId = "test";
  v.controllerId = 1;
  for (int id = 1; id <= 3; ++id) {
    client::BrokerView b;
    b.id = id;
    b.host = "127.0.0.1";
    b.port = 9091 + id;
    b.alive = id != 2 || twoAlive;
    b.controller = id == 1;
    b.bytesInPerSec = 1500.0 * id;
    b.bytesOutPerSec = 100.0;
    v.brokers.push_back(b);
  }
  v.topics.push_back({"payments", "id", 2, 3, false, {}});
  client::PartitionView p0{
      "payments", 0,
      leaderOfP0, 1,
      {2, 1, 3},  twoAlive ? std::vector<std::int32_t>{1, 2, 3} : std::vector<std::int32_t>{1, 3}};
  client::PartitionView p1{
      "payments", 1,
      3,          0,
      {3, 1, 2},  twoAlive ? std::vector<std::int32_t>{3, 1, 2} : std::vector<std::int32_t>{3, 1}};
  v.partitions = {p0, p1};
  return v;
}

ReplicaRole roleAt(LeadershipModel* m, int row, int column) {
  return static_cast<ReplicaRole>(
      m->index(row, column).data(LeadershipModel::ReplicaRoleRole).toInt());
}

}  // namespace

class ClusterPanelsTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { Theme::instance().apply(ThemeChoice::Light); }

  void killingABrokerShowsEverywhere() {
    ScriptedObserver observer;
    observer.set(threeBrokers(true, 2));
    ClusterFeed feed(&observer, 50);
    ClusterPanel cluster(true);
    LeadershipPanel leadership;
    ClusterChangeModel changes;
    EventsPanel events(&changes);
    connect(&feed, &ClusterFeed::viewUpdated, &cluster, &ClusterPanel::showView);
    connect(&feed, &ClusterFeed::viewUpdated, &leadership, &LeadershipPanel::showView);
    connect(&feed, &ClusterFeed::changesArrived, &changes, &ClusterChangeModel::append);
    feed.start();

    QTRY_VERIFY(cluster.card(3) != nullptr);
    QVERIFY(cluster.card(2)->isAliveShown());
    QVERIFY(cluster.summary().startsWith("3 of 3 brokers alive"));
    QCOMPARE(leadership.topicBox()->currentText(), QString("payments"));
    LeadershipModel* grid = leadership.model();
    QCOMPARE(grid->rowCount(), 2);
    QCOMPARE(grid->columnCount(), 3);
    QCOMPARE(roleAt(grid, 0, 1), ReplicaRole::Leader);  // broker 2 leads partition 0
    QCOMPARE(roleAt(grid, 0, 0), ReplicaRole::InSync);

    QSignalSpy kills(&cluster, &ClusterPanel::killRequested);
    cluster.card(2)->killButton()->click();
    QCOMPARE(kills.count(), 1);
    QCOMPARE(kills.first().first().toInt(), 2);

    // The engine reports the death and the failover.
    observer.set(threeBrokers(false, 1));
    observer.emitChange({"broker-died", 1000, "broker 2 died", 2});
    observer.emitChange({"leader-changed", 1001,
                         "partition 0 of payments: leader 2 → 1, ISR {1,2,3} → {1,3}", -1,
                         "payments", 0, 2, 1});
    feed.refreshSoon();
    QTRY_VERIFY(!cluster.card(2)->isAliveShown());
    QVERIFY(!cluster.card(2)->killButton()->isEnabled());
    QVERIFY(cluster.card(2)->restartButton()->isEnabled());
    QVERIFY(cluster.summary().startsWith("2 of 3 brokers alive"));
    QTRY_COMPARE(roleAt(grid, 0, 0), ReplicaRole::Leader);
    QCOMPARE(roleAt(grid, 0, 1), ReplicaRole::Offline);
    QVERIFY(grid->index(0, 0).data(LeadershipModel::LeaderMovedAgoMsRole).toInt() >= 0);
    QCOMPARE(grid->index(0, 0).data(LeadershipModel::PreviousLeaderRole).toInt(), 2);
    QVERIFY(grid->animating());
    // RUNNEL_SCREENSHOT_DIR set: keep pictures of the panels mid-failover for the docs.
    if (const QByteArray dir = qgetenv("RUNNEL_SCREENSHOT_DIR"); !dir.isEmpty()) {
      cluster.resize(340, 560);
      leadership.resize(560, 260);
      QTest::qWait(300);
      cluster.grab().save(QString::fromLocal8Bit(dir) + "/panel-cluster.png");
      leadership.grab().save(QString::fromLocal8Bit(dir) + "/panel-leadership.png");
    }
    QTRY_COMPARE(changes.rowCount(), 2);
    QCOMPARE(changes.index(1, ClusterChangeModel::DescriptionColumn).data().toString(),
             QString("partition 0 of payments: leader 2 → 1, ISR {1,2,3} → {1,3}"));
    QCOMPARE(changes.index(0, ClusterChangeModel::KindColumn).data().toString(),
             QString("Broker died"));
    feed.stop();
  }

  void remoteClustersHaveNoKillButtons() {
    ClusterPanel cluster(false);
    cluster.showView(std::make_shared<const client::ClusterView>(threeBrokers(true, 2)));
    QVERIFY(cluster.card(1));
    QVERIFY(!cluster.card(1)->killButton()->isVisibleTo(&cluster));
  }

  void changeModelKeepsNewest() {
    ClusterChangeModel model(3);
    std::vector<client::ClusterChange> batch;
    batch.reserve(5);
    for (int i = 0; i < 5; ++i)
      batch.push_back({"topic-created", i, "topic " + std::to_string(i)});
    model.append(batch);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, ClusterChangeModel::DescriptionColumn).data().toString(),
             QString("topic 2"));
    model.append({{"topic-deleted", 9, "topic 9"}});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(2, ClusterChangeModel::DescriptionColumn).data().toString(),
             QString("topic 9"));
  }
};

QTEST_MAIN(ClusterPanelsTest)
#include "cluster_panels_test.moc"
