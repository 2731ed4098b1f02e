// Reassigning replicas and electing preferred leaders from the studio, through the models: the
// plan validates targets and previews what moves; the dialog ticks brokers, marks who joins and
// leaves and disables Reassign on a bad pick; over a real 4-broker embedded cluster the Topics
// panel's action starts a reassignment that the leadership grid shows as joining/leaving (and the
// event timeline lists) until the new replica catches up and the old one leaves, and Elect
// preferred leaders moves leadership to the first replica.
#include <QHeaderView>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>

#include "engine/client/embedded/embedded_cluster_client.h"
#include "tests/engine/client/embedded/embedded_test_util.h"
#include "widgets/dialogs/reassign_dialog.h"
#include "widgets/models/cluster_change_model.h"
#include "widgets/models/cluster_feed.h"
#include "widgets/models/data_actions.h"
#include "widgets/models/leadership_model.h"
#include "widgets/models/reassignment_plan.h"
#include "widgets/models/topic_list_model.h"
#include "widgets/panels/leadership_panel.h"
#include "widgets/panels/topics_panel.h"
#include "widgets/style/theme.h"
#include "tests/widgets/screenshot.h"

using namespace runnel;
using namespace runnel::widgets;
using runnel::widgets::testing::shoot;

namespace {

std::pair<bool, QString> outcome(QSignalSpy& spy) {
  if (spy.isEmpty() && !spy.wait(20000)) return {false, "no outcome"};
  const auto args = spy.takeFirst();
  return {args.at(1).toBool(), args.at(2).toString()};
}

int columnOf(const LeadershipModel& m, int broker) {
  for (int c = 0; c < m.columnCount(); ++c) {
    if (m.headerData(c, Qt::Horizontal, Qt::DisplayRole)
            .toString()
            .startsWith(QStringLiteral("Broker %1").arg(broker)))
      return c;
  }
  return -1;
}

ReplicaMove moveAt(const LeadershipModel& m, int partition, int broker) {
  const int c = columnOf(m, broker);
  if (c < 0 || partition >= m.rowCount()) return ReplicaMove::None;
  return static_cast<ReplicaMove>(
      m.index(partition, c).data(LeadershipModel::ReplicaMoveRole).toInt());
}

ReplicaRole roleAt(const LeadershipModel& m, int partition, int broker) {
  const int c = columnOf(m, broker);
  if (c < 0 || partition >= m.rowCount()) return ReplicaRole::None;
  return static_cast<ReplicaRole>(
      m.index(partition, c).data(LeadershipModel::ReplicaRoleRole).toInt());
}

bool hasChange(const ClusterChangeModel& m, const QString& kind) {
  for (int r = 0; r < m.rowCount(); ++r) {
    if (m.index(r, 0).data(ClusterChangeModel::KindRole).toString() == kind) return true;
  }
  return false;
}

}  // namespace

class ReassignStudioTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { Theme::instance().apply(ThemeChoice::Light); }

  void planValidatesAndPreviews() {
    ReassignmentPlan plan({{1, 2, 3}, {2, 3, 1}}, {1, 2, 3, 4});
    QVERIFY(plan.moves().isEmpty());
    QVERIFY(plan.preview().contains("Nothing changes"));
    plan.setTarget(0, {4, 2, 3});
    QCOMPARE(plan.moves().size(), 1);
    QCOMPARE(plan.moves()[0].adding, (QList<int>{4}));
    QCOMPARE(plan.moves()[0].removing, (QList<int>{1}));
    const QString preview = plan.preview();
    QVERIFY2(preview.contains("P0: {1,2,3} → {4,2,3}"), qPrintable(preview));
    QVERIFY(preview.contains("adds {4}") && preview.contains("removes {1}"));
    QVERIFY(preview.contains("preferred leader 1 → 4"));
    QVERIFY(plan.problems().isEmpty());
    QCOMPARE(plan.changedTargets().value(0), (QList<int>{4, 2, 3}));
    plan.setTarget(1, {});
    QVERIFY(plan.problems().join(' ').contains("Partition 1 needs at least one replica"));
    plan.setTarget(1, {2, 2});
    QVERIFY(plan.problems().join(' ').contains("lists broker 2 twice"));
    plan.setTarget(1, {9});
    QVERIFY(plan.problems().join(' ').contains("broker 9 does not exist"));
    plan.setTarget(1, {3, 2, 1});
    QVERIFY(plan.problems().isEmpty());
    QVERIFY(plan.preview().contains("order only"));
  }

  void dialogTicksBrokersAndMarksMoves() {
    ReassignDialog dialog("orders", {{1, 2, 3}, {2, 3, 1}, {3, 1, 2}}, {1, 2, 3, 4},
                          {true, true, true, true});
    QVERIFY(!dialog.canApply());  // nothing picked yet
    dialog.setReplicas(0, {4, 2, 3});
    QVERIFY(dialog.canApply());
    QCOMPARE(dialog.plan().target(0), (QList<int>{4, 2, 3}));
    // Columns: partition, now, brokers 1..4, preferred leader.
    QCOMPARE(dialog.table()->item(0, 2)->text(), QStringLiteral("leaves"));
    QCOMPARE(dialog.table()->item(0, 5)->text(), QStringLiteral("joins"));
    QCOMPARE(dialog.table()->item(0, 5)->checkState(), Qt::Checked);
    // Unticking broker 2 by hand keeps the rest in order.
    dialog.table()->item(1, 3)->setCheckState(Qt::Unchecked);
    QCOMPARE(dialog.plan().target(1), (QList<int>{3, 1}));
    dialog.table()->item(1, 3)->setCheckState(Qt::Checked);
    QCOMPARE(dialog.plan().target(1), (QList<int>{3, 2, 1}));
    QVERIFY(dialog.previewText().contains("P0: {1,2,3} → {4,2,3}"));
    dialog.setReplicas(1, {});
    QVERIFY(!dialog.canApply());
    dialog.setReplicas(1, {2, 3, 1});
    QVERIFY(dialog.canApply());
    dialog.show();
    shoot(dialog, "panel-reassign-dialog.png");
  }

  void reassignAndElectOnALiveCluster() {
    QTemporaryDir dir;
    auto client = client::embedded::testing::openClient(dir.path().toStdString(), 4);
    client::NewTopic t;
    t.name = "orders";
    t.replicaAssignment = {{0, {1, 2, 3}}, {1, {2, 3, 1}}, {2, {3, 1, 2}}};
    QVERIFY(client->admin().createTopic(t).isOk());

    TopicListModel topics;
    ClusterChangeModel changes;
    LeadershipPanel leadership;
    leadership.resize(820, 300);
    DataActions actions(client.get());
    TopicsPanel panel(&topics, &actions);
    ClusterFeed feed(&client->observer(), 50);
    QObject::connect(&feed, &ClusterFeed::viewUpdated, &topics,
                     [&](const ClusterViewPtr& v) { topics.update(*v); });
    QObject::connect(&feed, &ClusterFeed::viewUpdated, &leadership,
                     [&](const ClusterViewPtr& v) { leadership.showView(v); });
    QObject::connect(&feed, &ClusterFeed::changesArrived, &changes,
                     [&](const std::vector<client::ClusterChange>& c) { changes.append(c); });
    feed.start();
    QTRY_VERIFY_WITH_TIMEOUT(topics.rowOf("orders") >= 0 && topics.brokerIds().size() == 4, 10000);
    QCOMPARE(topics.replicasOf("orders").value(0), (QList<int>{1, 2, 3}));
    const LeadershipModel& grid = *leadership.model();
    QTRY_COMPARE_WITH_TIMEOUT(grid.rowCount(), 3, 10000);

    // Broker 4 is down, so the reassignment waits for it.
    QVERIFY(client->cluster().killBroker(4).isOk());
    QSignalSpy done(&actions, &DataActions::finished);
    panel.selectTopic("orders");
    ReassignDialog* dialog = panel.openReassignDialog();
    QVERIFY(dialog);
    dialog->setReplicas(0, {4, 2, 3});
    QVERIFY(dialog->canApply());
    dialog->accept();
    auto [ok, message] = outcome(done);
    QVERIFY2(ok, qPrintable(message));
    QVERIFY(message.contains("Reassigning 1 partition of orders"));
    QTRY_COMPARE_WITH_TIMEOUT(grid.reassigningCount(), 1, 10000);
    QCOMPARE(moveAt(grid, 0, 4), ReplicaMove::Joining);
    QCOMPARE(moveAt(grid, 0, 1), ReplicaMove::Leaving);
    QCOMPARE(moveAt(grid, 1, 1), ReplicaMove::None);
    QCOMPARE(roleAt(grid, 0, 1), ReplicaRole::Leader);  // the leaving leader still leads
    QVERIFY(grid.headerData(0, Qt::Vertical, Qt::DisplayRole).toString().contains("⇄"));
    QTRY_VERIFY_WITH_TIMEOUT(hasChange(changes, "reassignment-started"), 10000);
    leadership.show();
    shoot(leadership, "panel-leadership-reassign.png");

    // Broker 4 returns, catches up and takes over as preferred leader; broker 1 leaves.
    QVERIFY(client->cluster().restartBroker(4).isOk());
    QTRY_COMPARE_WITH_TIMEOUT(grid.reassigningCount(), 0, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(roleAt(grid, 0, 4), ReplicaRole::Leader, 10000);
    QCOMPARE(roleAt(grid, 0, 1), ReplicaRole::None);
    QTRY_VERIFY_WITH_TIMEOUT(hasChange(changes, "reassignment-completed"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(topics.replicasOf("orders").value(0), (QList<int>{4, 2, 3}), 10000);

    // A reorder finishes at once; Elect preferred leaders then moves partition 1 to broker 3.
    QCOMPARE(roleAt(grid, 1, 2), ReplicaRole::Leader);
    dialog = panel.openReassignDialog();
    QVERIFY(dialog);
    dialog->setReplicas(1, {3, 2, 1});
    dialog->accept();
    std::tie(ok, message) = outcome(done);
    QVERIFY2(ok, qPrintable(message));
    QTRY_COMPARE_WITH_TIMEOUT(topics.replicasOf("orders").value(1), (QList<int>{3, 2, 1}), 10000);
    QCOMPARE(roleAt(grid, 1, 2), ReplicaRole::Leader);
    panel.electSelected();
    std::tie(ok, message) = outcome(done);
    QVERIFY2(ok, qPrintable(message));
    QTRY_COMPARE_WITH_TIMEOUT(roleAt(grid, 1, 3), ReplicaRole::Leader, 10000);

    // Nothing to cancel now.
    panel.cancelReassignSelected();
    std::tie(ok, message) = outcome(done);
    QVERIFY(ok);
    QVERIFY(message.contains("No reassignment of orders"));
    feed.stop();
  }
};

QTEST_MAIN(ReassignStudioTest)
#include "reassign_studio_test.moc"
