// gui_bench: how responsive the studio's GUI thread stays while the demo generators produce at
// full speed into the embedded cluster with every panel live (cluster, leadership, events, the
// log strip following the live end, charts, demo data, faults). A 4 ms precise timer samples the
// event loop's lateness (how much later than due each tick fires); the same sampler first runs
// against an idle window in the same process as the baseline. Prints p50/p99/max and ratios.
// Two consumer groups read meanwhile (one keeping up, one slow), so markers, lag and consume
// rates are live too.
// Usage: gui_bench [seconds per phase, default 10]  (run under xvfb-run or -platform offscreen)
//        gui_bench --screenshots DIR  (a calmer demo rate, two link faults, then a PNG per panel)
#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <atomic>
#include <thread>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

#include "app/studio/main_window.h"
#include "app/studio/studio_cluster.h"
#include "app/studio/studio_session.h"
#include "engine/client/consumer.h"
#include "engine/client/embedded_control.h"
#include "engine/datagen/generator_set.h"
#include "widgets/models/log_strip_model.h"
#include "widgets/panels/log_strip_panel.h"
#include "widgets/style/theme.h"
#include "widgets/visual/log_strip_view.h"
#include "widgets/models/log_buffer.h"
#include "widgets/models/log_model.h"

using namespace runnel;

namespace {
constexpr int kTickMs = 4;

// Samples timer lateness on the GUI thread for `ms`, then calls `done` with the samples (ms).
class LatenessSampler : public QObject {
 public:
  void run(int ms, std::function<void(std::vector<double>)> done) {
    samples_.clear();
    done_ = std::move(done);
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(kTickMs);
    QObject::disconnect(&timer_, nullptr, this, nullptr);
    connect(&timer_, &QTimer::timeout, this, [this] {
      const qint64 now = clock_.nsecsElapsed();
      samples_.push_back(std::max(0.0, (now - last_) / 1e6 - kTickMs));
      last_ = now;
    });
    clock_.start();
    last_ = 0;
    timer_.start();
    QTimer::singleShot(ms, this, [this] {
      timer_.stop();
      done_(samples_);
    });
  }

 private:
  QTimer timer_;
  QElapsedTimer clock_;
  qint64 last_ = 0;
  std::vector<double> samples_;
  std::function<void(std::vector<double>)> done_;
};

// A group member that reads `topic`, committing after every poll; `pauseMs` between polls makes
// it fall behind.
void consumeUntil(client::ClusterClient* client, const std::atomic<bool>& stop,
                  const std::string& group, const std::string& topic, int pauseMs) {
  client::ConsumerConfig cc;
  cc.groupId = group;
  cc.clientId = group;
  cc.autoOffsetReset = client::OffsetReset::kEarliest;
  cc.enableAutoCommit = false;
  cc.maxPollRecords = 200;
  auto consumer = client->createConsumer(cc);
  if (!consumer.isOk() || !(*consumer)->subscribe({topic}).isOk()) return;
  while (!stop.load()) {
    auto records = (*consumer)->poll(std::chrono::milliseconds(100));
    if (records.isOk() && !records->empty()) (void)(*consumer)->commitSync();
    if (pauseMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(pauseMs));
  }
  (void)(*consumer)->close();
}

// Saves a dock's panel as a PNG.
void savePanel(studio::MainWindow* window, const char* dockName, const QString& file) {
  QDockWidget* dock = window->dock(QString::fromLatin1(dockName));
  if (!dock || !dock->widget()) return;
  const bool saved = dock->widget()->grab().save(file);
  std::printf("  %s %s (%dx%d)\n", saved ? "saved" : "COULD NOT SAVE", qPrintable(file),
              dock->widget()->width(), dock->widget()->height());
}

void floatDock(studio::MainWindow* window, const char* dockName, QSize size, QPoint at) {
  QDockWidget* dock = window->dock(QString::fromLatin1(dockName));
  if (!dock) return;
  dock->setFloating(true);
  dock->resize(size);
  dock->move(at);
  dock->show();
  dock->raise();
}

struct Figures {
  double p50 = 0, p99 = 0, max = 0;
  std::size_t n = 0;
};

Figures summarize(std::vector<double> s) {
  Figures f;
  if (s.empty()) return f;
  std::sort(s.begin(), s.end());
  f.n = s.size();
  f.p50 = s[s.size() / 2];
  f.p99 = s[std::min(s.size() - 1, s.size() * 99 / 100)];
  f.max = s.back();
  return f;
}
}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QCoreApplication::setOrganizationName(QStringLiteral("runnel-gui-bench"));
  QStandardPaths::setTestModeEnabled(true);
  widgets::Theme::instance().apply(widgets::ThemeChoice::Light);  // as the studio does at start
  QString screenshotDir;
  int seconds = 10;
  for (int i = 1; i < argc; ++i) {
    if (QString::fromLatin1(argv[i]) == QLatin1String("--screenshots") && i + 1 < argc)
      screenshotDir = QString::fromLocal8Bit(argv[++i]);
    else
      seconds = std::max(2, atoi(argv[i]));
  }
  const bool screenshots = !screenshotDir.isEmpty();
  if (screenshots) seconds = 2;
  QTemporaryDir dir;

  auto buffer = std::make_shared<widgets::LogBuffer>(5000);
  widgets::LogModel logModel(buffer);
  studio::StudioOptions options;
  options.dataDirectory = dir.path();
  options.resetLayout = true;
  auto* window = new studio::MainWindow(options, &logModel, dir.path() + "/studio.log");
  window->resize(1600, 1000);
  window->show();
  for (QDockWidget* d : window->docks())
    d->setVisible(true);

  const std::string clusterDir = (dir.path() + "/cluster").toStdString();
  auto* session = new studio::StudioSession(
      [clusterDir] { return studio::StudioCluster::open(clusterDir, 3, 0, true); });

  std::atomic<bool> stopConsumers{false};
  std::vector<std::thread> consumers;
  Figures idle, busy;
  std::int64_t produced = 0;
  double produceSeconds = 0;
  LatenessSampler sampler;
  QElapsedTimer produceClock;

  auto startBusy = [&] {
    auto* cluster = dynamic_cast<studio::StudioCluster*>(session->client());
    if (!cluster || !cluster->generators()) {
      std::fprintf(stderr, "gui_bench: the studio cluster has no generators\n");
      QApplication::exit(1);
      return;
    }
    // Full speed: every generator as fast as its thread can produce (screenshots: a calm demo).
    for (const auto& g : cluster->generators()->status()) {
      (void)cluster->generators()->setRate(
          g.source, screenshots ? (g.source == "card-authorizations" ? 40 : 15) : 1e7);
      if (Status s = cluster->generators()->start(g.source); !s.isOk())
        std::fprintf(stderr, "gui_bench: %s\n", s.toString().c_str());
    }
    client::ClusterClient* client = session->client();
    consumers.emplace_back(consumeUntil, client, std::cref(stopConsumers), "fraud-detector",
                           "authorization_attempts", 0);
    consumers.emplace_back(consumeUntil, client, std::cref(stopConsumers), "orders-app", "orders",
                           screenshots ? 900 : 50);
    if (screenshots) {
      (void)client->embeddedControl()->cutLink(1, 3);
      (void)client->embeddedControl()->delayLink(2, 3, 250);
      (void)client->embeddedControl()->dropOnLink(1, 2, 0.2);
      floatDock(window, "logStripDock", {1400, 420}, {0, 0});
      floatDock(window, "chartsDock", {1300, 420}, {0, 430});
      floatDock(window, "faultsDock", {520, 640}, {1000, 100});
      floatDock(window, "demoDock", {560, 520}, {400, 200});
    }
    QTimer::singleShot(screenshots ? 14000 : 2000, &app, [&, cluster] {  // panels fill up first
      std::int64_t before = 0;
      for (const auto& g : cluster->generators()->status())
        before += g.stats.acknowledged;
      produceClock.start();
      sampler.run(seconds * 1000, [&, cluster, before](std::vector<double> s) {
        busy = summarize(std::move(s));
        std::int64_t after = 0;
        for (const auto& g : cluster->generators()->status())
          after += g.stats.acknowledged;
        produced = after - before;
        produceSeconds = produceClock.elapsed() / 1000.0;
        if (!screenshots) {
          QApplication::quit();
          return;
        }
        // Show a record in the strip's detail pane, then let the fetch and repaint land.
        if (auto* log = qobject_cast<widgets::LogStripPanel*>(
                window->dock(QStringLiteral("logStripDock"))->widget())) {
          const qint64 offset = log->model()->state().highWatermark - 3;
          log->strip()->setSelectedOffset(offset);
          emit log->strip()->recordClicked(offset);
        }
        QTimer::singleShot(1500, &app, [&] {
          savePanel(window, "logStripDock", screenshotDir + "/panel-log.png");
          savePanel(window, "chartsDock", screenshotDir + "/panel-charts.png");
          savePanel(window, "faultsDock", screenshotDir + "/panel-faults.png");
          savePanel(window, "demoDock", screenshotDir + "/panel-demo.png");
          QApplication::quit();
        });
      });
    });
  };

  QObject::connect(session, &studio::StudioSession::failed, &app, [](const QString& m) {
    std::fprintf(stderr, "gui_bench: the cluster did not open: %s\n", qPrintable(m));
    QApplication::exit(1);
  });
  QObject::connect(session, &studio::StudioSession::opened, &app,
                   [&] { QTimer::singleShot(500, &app, startBusy); });

  // Phase 1: the same window with no cluster behind it.
  QTimer::singleShot(500, &app, [&] {
    sampler.run(seconds * 1000, [&](std::vector<double> s) {
      idle = summarize(std::move(s));
      window->attachSession(session);
      session->open();
    });
  });
  const int rc = app.exec();
  stopConsumers = true;
  for (auto& t : consumers)
    t.join();

  std::printf("gui_bench: event-loop lateness of a %d ms timer, %d s per phase\n", kTickMs,
              seconds);
  std::printf("  idle studio window        p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%zu ticks)\n",
              idle.p50, idle.p99, idle.max, idle.n);
  std::printf("  generators at full speed  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%zu ticks)\n",
              busy.p50, busy.p99, busy.max, busy.n);
  std::printf("  produced meanwhile: %lld records in %.1f s (%.0f records/s)\n",
              static_cast<long long>(produced), produceSeconds,
              produceSeconds > 0 ? produced / produceSeconds : 0.0);
  std::printf("  ratio busy/idle: p50 %.2fx  p99 %.2fx;  target p99 <= 16 ms: %s\n",
              idle.p50 > 0 ? busy.p50 / idle.p50 : 0.0, idle.p99 > 0 ? busy.p99 / idle.p99 : 0.0,
              busy.p99 <= 16.0 ? "met" : "MISSED");
  delete session;  // aboutToQuit has stopped the panels' engine workers
  delete window;
  return rc;
}
