// The log strip through its model and view: the window geometry (which offset each cell holds,
// where segment boundaries, the high watermark and the log end fall, following the live end,
// zooming, parking), and on a real embedded cluster: segments reported by the engine, a consumer
// group's marker moving as it commits, and a click fetching the record it shows.
#include <QComboBox>
#include <QSignalSpy>
#include <QTextBrowser>
#include <QtTest>

#include "engine/client/embedded/embedded_cluster_client.h"
#include "tests/engine/client/embedded/embedded_test_util.h"
#include "widgets/models/log_strip_model.h"
#include "widgets/models/record_fetcher.h"
#include "widgets/panels/log_strip_panel.h"
#include "widgets/visual/log_strip_view.h"

using namespace runnel;
using namespace runnel::widgets;

namespace {
ClusterViewPtr syntheticView(std::int64_t logStart, std::int64_t hwm, std::int64_t leo,
                             std::vector<std::int64_t> segments, std::int64_t committed) {
  auto v = std::make_shared<client::ClusterView>();
  v->topics.push_back({"t", "id", 1, 1, false, {}});
  client::PartitionView p;
  p.topic = "t";
  p.partition = 0;
  p.leader = 1;
  p.logStartOffset = logStart;
  p.highWatermark = hwm;
  p.logEndOffset = leo;
  p.segmentBaseOffsets = std::move(segments);
  v->partitions.push_back(p);
  client::GroupView g;
  g.groupId = "orders-app";
  g.partitions.push_back({{"t", 0}, committed, hwm - committed, ""});
  v->groups.push_back(g);
  return v;
}

void produceJson(client::ClusterClient& client, const std::string& topic, int n) {
  auto p = client.createProducer(client::ProducerConfig{});
  QVERIFY(p.isOk());
  for (int i = 0; i < n; ++i) {
    const std::string value = "{\"order\":" + std::to_string(i) + ",\"amount\":12.5}";
    client::ProducerRecord r{topic,
                             0,
                             Bytes{'k', static_cast<std::uint8_t>('0' + i % 10)},
                             Bytes(value.begin(), value.end()),
                             {{"source", Bytes{'t'}}},
                             1'000 + i};
    (*p)->send(std::move(r), {});
    // Small batches, so the tiny segments roll (a batch never straddles two).
    if (i % 10 == 9) QVERIFY((*p)->flush(std::chrono::seconds(10)).isOk());
  }
  QVERIFY((*p)->flush(std::chrono::seconds(10)).isOk());
}
}  // namespace

class LogStripTest : public QObject {
  Q_OBJECT
 private slots:
  void windowFollowsTheLiveEnd() {
    LogStripModel model;
    model.setVisibleCells(50);
    model.showView(syntheticView(100, 180, 190, {100, 150}, 170));
    const LogStripState& s = model.state();
    QVERIFY(s.known);
    QCOMPARE(s.logStart, 100);
    QCOMPARE(s.highWatermark, 180);
    QCOMPARE(s.logEnd, 190);
    QCOMPARE(s.segmentBases, (QVector<qint64>{100, 150}));
    // The log end's free slot is the last cell; 49 records before it.
    QCOMPARE(model.firstOffset(), 141);
    QCOMPARE(model.cellOf(190), 49);
    QCOMPARE(model.positionOf(150), 9.0);   // segment boundary
    QCOMPARE(model.positionOf(180), 39.0);  // high watermark
    QCOMPARE(model.cellOf(100), -1);        // log start scrolled off to the left
    QCOMPARE(model.offsetAt(0), 141);
    QCOMPARE(s.markers.size(), 1);
    QCOMPARE(s.markers[0].group, QStringLiteral("orders-app"));
    QCOMPARE(s.markers[0].offset, 170);
    QCOMPARE(s.markers[0].lag, 10);

    // New records move the window with them.
    model.showView(syntheticView(100, 400, 400, {100, 150, 300}, 170));
    QCOMPARE(model.firstOffset(), 351);
    QCOMPARE(model.cellOf(400), 49);
    QVERIFY(model.positionOf(170) < 0);  // the group is behind the window

    // Parked: the window stays while the log grows.
    model.scrollTo(120);
    QVERIFY(!model.followLive());
    model.showView(syntheticView(100, 900, 900, {100}, 170));
    QCOMPARE(model.firstOffset(), 120);
    model.setFollowLive(true);
    QCOMPARE(model.cellOf(900), 49);
  }

  void zoomAndFit() {
    LogStripModel model;
    model.setVisibleCells(50);
    model.showView(syntheticView(100, 180, 190, {100, 150}, 170));
    model.setZoom(10);
    QCOMPARE(model.recordsPerCell(), 10);
    QCOMPARE(model.firstOffset(), 100);  // the whole log fits: it starts at the left edge
    QCOMPARE(model.positionOf(150), 5.0);
    QCOMPARE(model.cellOf(189), 8);
    model.setZoom(LogStripModel::kFitWholeLog);
    // 91 offsets (90 records and the free slot) in 50 cells: 2 per cell.
    QCOMPARE(model.recordsPerCell(), 2);
    QCOMPARE(model.firstOffset(), 100);
    QVERIFY(model.cellOf(190) >= 0);
  }

  void viewGeometryAndClicks() {
    LogStripModel model;
    LogStripView view(&model);
    view.resize(
        LogStripView::kMargin * 2 + 20 * (LogStripView::kCellWidth + LogStripView::kCellGap), 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(model.visibleCells(), 20);
    model.showView(syntheticView(0, 10, 12, {0, 8}, 4));
    // 13 offsets fit: the log starts at the left edge.
    QCOMPARE(model.firstOffset(), 0);
    const double pitch = LogStripView::kCellWidth + LogStripView::kCellGap;
    QCOMPARE(view.xForPosition(model.positionOf(8)), LogStripView::kMargin + 8 * pitch);
    QSignalSpy clicked(&view, &LogStripView::recordClicked);
    const QRectF strip = view.stripRect();
    QTest::mouseClick(
        &view, Qt::LeftButton, {},
        QPoint(static_cast<int>(view.xForPosition(5) + 5), static_cast<int>(strip.center().y())));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked[0][0].toLongLong(), 5);
    QCOMPARE(view.selectedOffset(), 5);
    // Beyond the log end there is no record to show.
    QTest::mouseClick(
        &view, Qt::LeftButton, {},
        QPoint(static_cast<int>(view.xForPosition(15) + 5), static_cast<int>(strip.center().y())));
    QCOMPARE(clicked.count(), 1);
  }

  void markerMovesAsTheGroupConsumes() {
    QTemporaryDir dir;
    auto client = client::embedded::testing::openClient(dir.path().toStdString(), 1);
    QVERIFY(client->admin().createTopic({"orders", 1, 1, {{"segment.bytes", "2048"}}, {}}).isOk());
    produceJson(*client, "orders", 200);

    client::ConsumerConfig cc;
    cc.groupId = "orders-app";
    cc.autoOffsetReset = client::OffsetReset::kEarliest;
    cc.enableAutoCommit = false;
    cc.heartbeatIntervalMs = 20;
    auto consumer = client->createConsumer(cc);
    QVERIFY(consumer.isOk());
    QVERIFY((*consumer)->subscribe({"orders"}).isOk());
    int consumed = 0;
    auto consumeTo = [&](int target) {
      for (int i = 0; i < 300 && consumed < target; ++i) {
        auto records = (*consumer)->poll(std::chrono::milliseconds(20));
        QVERIFY(records.isOk());
        consumed += static_cast<int>(records->size());
      }
      QVERIFY(consumed >= target);
      QVERIFY((*consumer)->commitSync(client::OffsetMap{{{"orders", 0}, {target, "", -1}}}).isOk());
    };
    consumeTo(50);

    RecordFetcher fetcher(client.get());
    LogStripPanel panel(&fetcher);
    panel.resize(1200, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    ClusterFeed feed(&client->observer(), 50);
    connect(&feed, &ClusterFeed::viewUpdated, &panel, &LogStripPanel::showView);
    feed.start();
    LogStripModel* model = panel.model();
    model->setZoom(10);
    auto markerAt = [&]() -> qint64 {
      const auto& m = model->state().markers;
      return m.isEmpty() ? -1 : m[0].offset;
    };
    QTRY_COMPARE_WITH_TIMEOUT(markerAt(), 50, 5000);
    QCOMPARE(panel.topicBox()->currentText(), QStringLiteral("orders"));
    QCOMPARE(model->state().markers[0].lag, 150);
    QCOMPARE(model->state().highWatermark, 200);
    // The engine's segments reach the strip, and each boundary lands where its offset is.
    QVERIFY(model->state().segmentBases.size() > 2);
    QCOMPARE(model->state().segmentBases.front(), 0);
    const qint64 second = model->state().segmentBases[1];
    QCOMPARE(model->positionOf(second), static_cast<double>(second) / 10.0);
    const double before = model->positionOf(50);

    consumeTo(150);
    QTRY_COMPARE_WITH_TIMEOUT(markerAt(), 150, 5000);
    QCOMPARE(model->state().markers[0].lag, 50);
    QVERIFY(model->positionOf(markerAt()) > before);

    // Clicking a record shows it, value pretty-printed.
    model->setZoom(1);
    QSignalSpy fetched(&fetcher, &RecordFetcher::fetched);
    const int cell = model->cellOf(195);
    QVERIFY(cell >= 0);
    const QRectF strip = panel.strip()->stripRect();
    QTest::mouseClick(panel.strip(), Qt::LeftButton, {},
                      QPoint(static_cast<int>(panel.strip()->xForPosition(cell) + 5),
                             static_cast<int>(strip.center().y())));
    QTRY_COMPARE_WITH_TIMEOUT(fetched.count(), 1, 5000);
    const auto record = fetched[0][0].value<FetchedRecord>();
    QCOMPARE(record.offset, 195);
    QCOMPARE(record.key, QStringLiteral("k5"));
    QVERIFY(record.value.contains(QStringLiteral("\"order\": 195")));
    QCOMPARE(record.headers.size(), 1);
    QVERIFY(panel.details()->toPlainText().contains(QStringLiteral("offset 195")));

    feed.stop();
    fetcher.shutdown();
    QVERIFY((*consumer)->close().isOk());
  }
};

QTEST_MAIN(LogStripTest)
#include "log_strip_test.moc"
