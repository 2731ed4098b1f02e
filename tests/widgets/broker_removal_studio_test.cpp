// Removing a broker from the Cluster panel, through BrokerRemovalModel on a real embedded
// cluster: Remove asks for the plan and the confirmation says what moves where; confirming
// drains the broker (the card shows it), then its card goes and the leadership grid loses its
// column, with every partition still fully replicated; a refused removal shows the engine's
// reason in the panel and changes nothing. The GUI thread never waits: everything arrives
// through queued signals while the test spins the event loop.
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/client/embedded/embedded_cluster_client.h"
#include "tests/engine/client/embedded/embedded_test_util.h"
#include "widgets/models/broker_removal_model.h"
#include "widgets/models/cluster_feed.h"
#include "widgets/models/leadership_model.h"
#include "widgets/panels/broker_card.h"
#include "widgets/panels/cluster_panel.h"
#include "widgets/style/theme.h"
#include "tests/widgets/screenshot.h"

using namespace runnel;
using namespace runnel::widgets;
using runnel::widgets::testing::shoot;

class BrokerRemovalStudioTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { Theme::instance().apply(ThemeChoice::Light); }

  void removedBrokerCardGoesAndGridUpdates() {
    QTemporaryDir dir;
    auto client = client::embedded::testing::openClient(dir.path().toStdString(), 4);
    cluster::Cluster& c = client->cluster();
    client::embedded::testing::createTopic(c, "orders", 8, 2);
    ClusterFeed feed(&client->observer(), 50);
    BrokerRemovalModel removal(client->embeddedControl());
    ClusterPanel panel(/*controllable=*/true);
    panel.setRemovalModel(&removal);
    LeadershipModel grid;
    grid.setTopic(QStringLiteral("orders"));
    connect(&feed, &ClusterFeed::viewUpdated, &panel, &ClusterPanel::showView);
    connect(&feed, &ClusterFeed::viewUpdated, &grid,
            [&grid](const ClusterViewPtr& v) { grid.update(*v); });
    feed.start();
    QTRY_VERIFY(panel.card(4) != nullptr);
    QTRY_COMPARE(grid.columnCount(), 4);
    QCOMPARE(grid.rowCount(), 8);
    BrokerCard* card = panel.card(3);
    QVERIFY(card->removeButton()->isVisible() || !panel.isVisible());
    QVERIFY(card->removeButton()->isEnabled());

    // Slow replication down so the drain lasts long enough to be seen.
    const auto slowAll = [&c](std::int64_t ms) {
      for (int a = 1; a <= 4; ++a)
        for (int b = a + 1; b <= 4; ++b)
          c.transport().setDelay(a, b, ms);
    };
    slowAll(150);
    card->removeButton()->click();
    QTRY_VERIFY(panel.removalConfirmation() != nullptr);
    QMessageBox* box = panel.removalConfirmation();
    QVERIFY2(box->informativeText().contains(QStringLiteral("replicas move:")),
             qPrintable(box->informativeText()));
    QVERIFY(box->informativeText().contains(QStringLiteral("to broker")));
    QVERIFY(box->informativeText().contains(QStringLiteral("never reused")));
    auto* confirm = box->findChild<QPushButton*>(QStringLiteral("confirmRemove"));
    QVERIFY(confirm);
    QSignalSpy finished(&removal, &BrokerRemovalModel::removalFinished);
    confirm->click();
    QVERIFY(removal.isRemoving(3));
    QTRY_VERIFY(!card->removeButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1 || card->isDrainingShown(), 10000);
    if (card->isDrainingShown()) {
      QVERIFY(card->drainProgress()->maximum() > 0);
      QVERIFY(card->statusText().startsWith(QStringLiteral("Being removed")));
      shoot(panel, QStringLiteral("panel-cluster-draining.png"), QSize(340, 640));
    }
    slowAll(0);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
    QCOMPARE(finished.first().at(2).toString(), QStringLiteral("Broker 3 removed"));
    QTRY_VERIFY(panel.card(3) == nullptr);
    QVERIFY(panel.card(4) != nullptr);
    QTRY_COMPARE(grid.columnCount(), 3);
    for (int col = 0; col < grid.columnCount(); ++col)
      QVERIFY(!grid.headerData(col, Qt::Horizontal, Qt::DisplayRole).toString().contains('3'));
    QVERIFY(panel.summary().startsWith(QStringLiteral("3 of 3 brokers alive")));
    QVERIFY(panel.removalError().isEmpty());
    // Every partition still has two replicas, none on broker 3.
    for (const auto& p : c.controller().partitions("orders")) {
      QCOMPARE(p.replicas.size(), std::size_t(2));
      QVERIFY(std::find(p.replicas.begin(), p.replicas.end(), 3) == p.replicas.end());
    }
    shoot(panel, QStringLiteral("panel-cluster-removed.png"), QSize(340, 640));
    feed.stop();
  }

  void refusalIsShownAndNothingChanges() {
    QTemporaryDir dir;
    auto client = client::embedded::testing::openClient(dir.path().toStdString(), 3);
    client::embedded::testing::createTopic(client->cluster(), "wide", 2, 3);
    ClusterFeed feed(&client->observer(), 50);
    BrokerRemovalModel removal(client->embeddedControl());
    ClusterPanel panel(/*controllable=*/true);
    panel.setRemovalModel(&removal);
    connect(&feed, &ClusterFeed::viewUpdated, &panel, &ClusterPanel::showView);
    feed.start();
    QTRY_VERIFY(panel.card(2) != nullptr);
    QSignalSpy refused(&removal, &BrokerRemovalModel::refused);
    panel.card(2)->removeButton()->click();
    QTRY_COMPARE(refused.count(), 1);
    QVERIFY(panel.removalConfirmation() == nullptr);
    const QString error = panel.removalError();
    QVERIFY2(error.startsWith(QStringLiteral("Cannot remove broker 2: topic 'wide' has "
                                             "replication factor 3")),
             qPrintable(error));
    QVERIFY(panel.card(2)->removeButton()->isEnabled());
    QCOMPARE(client->cluster().brokerIds(), (std::vector<std::int32_t>{1, 2, 3}));
    shoot(panel, QStringLiteral("panel-cluster-refused.png"), QSize(340, 640));
    feed.stop();
  }
};

QTEST_MAIN(BrokerRemovalStudioTest)
#include "broker_removal_studio_test.moc"
