// The studio's demo clock, generator, fault and chart controls through their models and panels,
// on a real embedded cluster: pausing the demo clock stops event time (stepping still moves it),
// a generator started from the model produces into its topic, a link fault applied from the
// Break Things panel is listed and "Clear all faults" empties the list, and the charts' rates
// are the growth of the offsets they are fed.
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QLineSeries>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>

#include "engine/client/embedded/embedded_cluster_client.h"
#include "engine/common/demo_clock.h"
#include "engine/datagen/generator_set.h"
#include "tests/engine/client/embedded/embedded_test_util.h"
#include "widgets/models/demo_control_model.h"
#include "widgets/models/fault_model.h"
#include "widgets/models/rate_history_model.h"
#include "widgets/panels/charts_panel.h"
#include "widgets/panels/demo_controls_panel.h"
#include "widgets/panels/faults_panel.h"

using namespace runnel;
using namespace runnel::widgets;

namespace {
client::ClusterView rateView(std::int64_t hwm, std::int64_t committed) {
  client::ClusterView v;
  v.topics.push_back({"t", "id", 1, 1, false, {}});
  client::PartitionView p;
  p.topic = "t";
  p.highWatermark = hwm;
  v.partitions.push_back(p);
  client::GroupView g;
  g.groupId = "readers";
  g.partitions.push_back({{"t", 0}, committed, hwm - committed, ""});
  v.groups.push_back(g);
  return v;
}
}  // namespace

class VisualControlsTest : public QObject {
  Q_OBJECT
 private slots:
  void pausingTheClockStopsEventTime() {
    DemoClock clock(Clock::system(), 60.0);
    DemoControlModel model(&clock, nullptr);
    DemoControlsPanel panel(&model);
    QVERIFY(!model.paused());
    const qint64 t0 = model.eventTimeMs();
    QTest::qWait(100);
    QVERIFY(model.eventTimeMs() > t0 + 1000);  // 60x: 100 ms is ~6 s of event time

    panel.pauseButton()->click();
    QVERIFY(model.paused());
    const qint64 frozen = model.eventTimeMs();
    QTest::qWait(150);
    QCOMPARE(model.eventTimeMs(), frozen);
    model.stepMs(60'000);
    QCOMPARE(model.eventTimeMs(), frozen + 60'000);
    QCOMPARE(panel.pauseButton()->text(), QStringLiteral("Resume"));

    panel.pauseButton()->click();
    QVERIFY(!model.paused());
    QTest::qWait(50);
    QVERIFY(model.eventTimeMs() > frozen + 60'000);
  }

  void generatorStartsAndStops() {
    QTemporaryDir dir;
    auto client = client::embedded::testing::openClient(dir.path().toStdString(), 1);
    DemoClock clock(Clock::system(), 60.0);
    datagen::GeneratorSet generators(*client, clock, 500);
    DemoControlModel model(&clock, &generators);
    DemoControlsPanel panel(&model);
    QCOMPARE(model.generators().size(), 3);
    QSignalSpy finished(&model, &DemoControlModel::actionFinished);
    model.startGenerator(QStringLiteral("orders"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QVERIFY(finished[0][0].toBool());
    auto orders = [&]() -> GeneratorRow {
      for (const GeneratorRow& r : model.generators())
        if (r.source == QStringLiteral("orders")) return r;
      return {};
    };
    QTRY_VERIFY_WITH_TIMEOUT(orders().running && orders().sent > 20, 10000);
    QCOMPARE(orders().topic, QStringLiteral("orders"));
    auto topics = client->admin().listTopics();
    QVERIFY(topics.isOk());
    QVERIFY(std::find(topics->begin(), topics->end(), "orders") != topics->end());
    model.setRate(QStringLiteral("orders"), 1000);
    QCOMPARE(orders().rate, 1000.0);
    model.stopGenerator(QStringLiteral("orders"));
    QTRY_VERIFY_WITH_TIMEOUT(!orders().running, 10000);
    model.shutdown();
    generators.stopAll();
  }

  void faultIsListedAndClearingRemovesIt() {
    QTemporaryDir dir;
    auto client = client::embedded::testing::openClient(dir.path().toStdString(), 3);
    FaultModel model(client->embeddedControl());
    FaultsPanel panel(&model);
    auto view = client->observer().view();
    QVERIFY(view.isOk());
    panel.showView(std::make_shared<client::ClusterView>(*view));
    QCOMPARE(panel.brokerABox()->count(), 3);
    QVERIFY(!panel.clearButton()->isEnabled());

    panel.actionBox()->setCurrentIndex(0);  // cut
    panel.brokerABox()->setCurrentIndex(0);
    panel.brokerBBox()->setCurrentIndex(1);
    panel.applyButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(model.faults().size(), 1, 5000);
    QCOMPARE(model.faults()[0].kind, QStringLiteral("link-cut"));
    QCOMPARE(panel.faultList()->count(), 1);
    QVERIFY(panel.faultList()->item(0)->text().contains(QLatin1Char('1')));
    QVERIFY(panel.faultList()->item(0)->text().contains(QLatin1Char('2')));
    QVERIFY(panel.clearButton()->isEnabled());

    panel.actionBox()->setCurrentIndex(2);  // delay
    panel.brokerBBox()->setCurrentIndex(2);
    panel.applyButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(model.faults().size(), 2, 5000);
    QCOMPARE(client->embeddedControl()->activeFaults().size(), std::size_t{2});

    panel.actionBox()->setCurrentIndex(5);  // isolate broker A
    panel.brokerABox()->setCurrentIndex(1);
    QVERIFY(!panel.brokerBBox()->isEnabled());
    panel.applyButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(model.faults().size(), 3, 5000);
    bool isolated = false;
    for (const FaultRow& f : model.faults())
      isolated = isolated || (f.kind == QStringLiteral("broker-isolated") && f.brokerA == 2);
    QVERIFY(isolated);
    QCOMPARE(panel.faultList()->count(), 3);

    panel.clearButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(model.faults().isEmpty(), 5000);
    QVERIFY(client->embeddedControl()->activeFaults().empty());
    QCOMPARE(panel.faultList()->count(), 1);  // the "no faults" line
    QVERIFY(!panel.clearButton()->isEnabled());
    model.shutdown();
  }

  void chartsFollowOffsetGrowth() {
    ChartsPanel panel;
    RateHistoryModel* model = panel.model();
    // 100 records/s produced, 40/s committed by the group, for four seconds.
    for (int i = 0; i <= 4; ++i)
      model->addView(rateView(1000 + 100 * i, 500 + 40 * i), 10'000 + 1000 * i);
    QCOMPARE(model->produceRate().size(), 4);
    for (const QPointF& p : model->produceRate())
      QCOMPARE(p.y(), 100.0);
    for (const QPointF& p : model->consumeRate())
      QCOMPARE(p.y(), 40.0);
    const auto& lag = model->lagByGroup().at(QStringLiteral("readers"));
    QCOMPARE(lag.size(), 5);
    QCOMPARE(lag.back().y(), 1400.0 - 660.0);
    // Views closer together than the minimum sample spacing are skipped.
    model->addView(rateView(5000, 600), 14'100);
    QCOMPARE(model->produceRate().size(), 4);
    QCOMPARE(panel.produceSeries()->count(), 4);
    QCOMPARE(panel.lagChart()->series().size(), 1);
    // The rolling window forgets old points.
    model->addView(rateView(2000, 700), 10'000 + 200'000);
    QCOMPARE(model->produceRate().size(), 1);
  }

  void queryChartShowsWhilePersistentQueriesRun() {
    ChartsPanel panel;
    RateHistoryModel* model = panel.model();
    QVERIFY(panel.queryView()->isHidden());  // no query yet: two charts only
    for (int i = 0; i < 3; ++i)
      model->addQueryRates({{"CSAS_A_1", 100.0 * i}, {"CTAS_B_2", 50.0}}, 10'000 + 1000 * i);
    QCOMPARE(model->queryRates().at("CSAS_A_1").size(), 3);
    QCOMPARE(model->queryRates().at("CSAS_A_1").back().y(), 200.0);
    QCOMPARE(model->queryRates().at("CTAS_B_2").back().y(), 50.0);
    QVERIFY(!panel.queryView()->isHidden());
    QCOMPARE(panel.queryChart()->series().size(), qsizetype(2));
    // Reports closer together than the minimum sample spacing are skipped.
    model->addQueryRates({{"CSAS_A_1", 1.0}}, 12'500);
    QCOMPARE(model->queryRates().at("CSAS_A_1").size(), 3);
    // A terminated query (no longer reported) leaves with the window; the chart goes when the
    // last line does.
    model->addQueryRates({{"CSAS_A_1", 10.0}}, 10'000 + 125'000);
    QCOMPARE(model->queryRates().size(), std::size_t(1));
    QCOMPARE(panel.queryChart()->series().size(), qsizetype(1));
    QCOMPARE(panel.queryChart()->series().first()->name(), QStringLiteral("CSAS_A_1"));
    model->addQueryRates({}, 10'000 + 400'000);
    QVERIFY(model->queryRates().empty());
    QVERIFY(panel.queryView()->isHidden());
  }
};

QTEST_MAIN(VisualControlsTest)
#include "visual_controls_test.moc"
