// The studio shell, offscreen: every panel of the catalogue exists as a dock, the menus are
// there, the status bar reports the cluster, the layout survives a restart, log lines reach
// the log panel, and themes switch.
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

#include <spdlog/spdlog.h>

#include "app/studio/dock_catalog.h"
#include "app/studio/main_window.h"
#include "app/studio/studio_session.h"
#include "tests/support/scripted_cluster_client.h"
#include "widgets/models/leadership_model.h"
#include "widgets/panels/broker_card.h"
#include "widgets/panels/cluster_panel.h"
#include "widgets/panels/leadership_panel.h"
#include "widgets/models/log_buffer.h"
#include "widgets/models/log_model.h"
#include "widgets/panels/log_panel.h"
#include "widgets/panels/placeholder_panel.h"
#include "widgets/style/theme.h"

using namespace runnel;

class MainWindowTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("RunnelTest");
    QCoreApplication::setApplicationName("MainWindowTest");
    QSettings().clear();
    widgets::Theme::instance().apply(widgets::ThemeChoice::Light);
  }
  void cleanupTestCase() { QSettings().clear(); }

  void everyCataloguedPanelIsADock() {
    auto buffer = std::make_shared<widgets::LogBuffer>();
    widgets::LogModel logModel(buffer);
    studio::MainWindow window(options(), &logModel, {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.docks().size(), static_cast<qsizetype>(studio::dockCatalog().size()));
    for (const studio::DockSpec& spec : studio::dockCatalog()) {
      QDockWidget* dock = window.dock(spec.objectName);
      QVERIFY2(dock, qPrintable(spec.objectName));
      QVERIFY(dock->widget());
      QCOMPARE(dock->windowTitle(), spec.title);
      QCOMPARE(dock->isVisible(), spec.visibleByDefault);
      if (auto* placeholder = qobject_cast<widgets::PlaceholderPanel*>(dock->widget())) {
        QVERIFY(!placeholder->description().isEmpty());
      }
    }
    QVERIFY(qobject_cast<widgets::LogPanel*>(window.dock("logDock")->widget()));
    QVERIFY(window.workspace()->count() >= 1);
  }

  void menusHaveTheUsualEntries() {
    auto buffer = std::make_shared<widgets::LogBuffer>();
    widgets::LogModel logModel(buffer);
    studio::MainWindow window(options(), &logModel, {});
    QStringList titles;
    for (QAction* a : window.menuBar()->actions())
      titles << a->text().remove('&');
    QCOMPARE(titles, (QStringList{"File", "View", "Cluster", "Query", "Help"}));
    const QList<QAction*> fileActions = window.menuBar()->actions().first()->menu()->actions();
    const auto quit = std::find_if(fileActions.begin(), fileActions.end(),
                                   [](QAction* a) { return a->text().remove('&') == "Quit"; });
    QVERIFY(quit != fileActions.end());
    QCOMPARE((*quit)->shortcut(), QKeySequence(QKeySequence::Quit));
  }

  // The shell's early placeholders are gone: every entry works, or says why it cannot.
  void everyMenuEntryDoesSomething() {
    auto buffer = std::make_shared<widgets::LogBuffer>();
    widgets::LogModel logModel(buffer);
    studio::MainWindow window(options(), &logModel, {});
    QAction* kill = nullptr;
    for (QAction* top : window.menuBar()->actions()) {
      for (QAction* a : top->menu()->actions()) {
        if (a->isSeparator() || a->menu()) continue;
        // A disabled entry says why (Open Log File, when this window has no log file).
        QVERIFY2(a->isEnabled() || !a->statusTip().isEmpty(), qPrintable(a->text()));
        if (a->text().remove('&') == "Kill Broker…") kill = a;
      }
    }
    QVERIFY(kill);
    QCOMPARE(kill->shortcut(), QKeySequence(tr("Ctrl+K")));
    kill->trigger();  // no cluster in this window: it says so instead of asking which broker
    QCOMPARE(window.statusBar()->currentMessage(), QString("The embedded cluster is not up yet"));
  }

  void statusBarShowsClusterState() {
    auto buffer = std::make_shared<widgets::LogBuffer>();
    widgets::LogModel logModel(buffer);
    studio::MainWindow window(options(), &logModel, {});
    QVERIFY(window.clusterStatusLabel()->accessibleName().startsWith("Embedded cluster"));
  }

  void layoutIsSavedAndRestored() {
    auto buffer = std::make_shared<widgets::LogBuffer>();
    widgets::LogModel logModel(buffer);
    {
      studio::MainWindow window(options(), &logModel, {});
      window.show();
      QVERIFY(QTest::qWaitForWindowExposed(&window));
      window.dock("clusterDock")->hide();
      window.dock("chartsDock")->show();
      window.close();  // closeEvent saves
    }
    studio::MainWindow again(options(), &logModel, {});
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QVERIFY(!again.dock("clusterDock")->isVisible());
    QVERIFY(again.dock("chartsDock")->isVisible());
    again.resetLayout();
    QVERIFY(again.dock("clusterDock")->isVisible());
    QVERIFY(!again.dock("chartsDock")->isVisible());
    QSettings().clear();
  }

  void logLinesReachThePanel() {
    auto buffer = std::make_shared<widgets::LogBuffer>();
    widgets::LogModel logModel(buffer);
    auto logger =
        std::make_shared<spdlog::logger>("test", std::make_shared<widgets::LogBufferSink>(buffer));
    logger->set_level(spdlog::level::debug);
    logger->info("broker {} started", 1);
    logger->warn("disk almost full");
    logger->debug("hidden by default");
    studio::MainWindow window(options(), &logModel, {});
    auto* panel = qobject_cast<widgets::LogPanel*>(window.dock("logDock")->widget());
    QVERIFY(panel);
    QTRY_COMPARE(logModel.rowCount(), 3);
    QCOMPARE(logModel.index(0, widgets::LogModel::MessageColumn).data().toString(),
             QString("broker 1 started"));
    QCOMPARE(logModel.index(1, widgets::LogModel::LevelColumn).data().toString(),
             QString("warning"));
    // The panel hides debug lines unless asked.
    QCOMPARE(panel->view()->model()->rowCount(), 2);
    panel->setMinimumLevel(spdlog::level::debug);
    QCOMPARE(panel->view()->model()->rowCount(), 3);
  }

  void logModelKeepsNewestLinesOnly() {
    auto buffer = std::make_shared<widgets::LogBuffer>();
    widgets::LogModel logModel(buffer, 10);
    for (int i = 0; i < 25; ++i)
      buffer->push({std::chrono::system_clock::now(), 2, 0, "line " + std::to_string(i)});
    logModel.pull();
    QCOMPARE(logModel.rowCount(), 10);
    QCOMPARE(logModel.index(0, widgets::LogModel::MessageColumn).data().toString(),
             QString("line 15"));
    QCOMPARE(logModel.index(9, widgets::LogModel::MessageColumn).data().toString(),
             QString("line 24"));
  }

  void sessionFillsThePanelsAndRunsActions() {
    client::ClusterView view;
    view.controllerId = 1;
    for (int id = 1; id <= 3; ++id)
      view.brokers.push_back({id, "127.0.0.1", 9091 + id, true, id == 1, 1, 3});
    view.topics.push_back({"orders", "x", 1, 3, false, {}});
    view.partitions.push_back({"orders", 0, 1, 0, {1, 2, 3}, {1, 2, 3}});
    testing::ScriptedClusterClient* scripted = nullptr;
    studio::StudioSession session(
        [&scripted, view]() -> Result<std::unique_ptr<client::ClusterClient>> {
          auto c = std::make_unique<testing::ScriptedClusterClient>(view);
          scripted = c.get();
          return std::unique_ptr<client::ClusterClient>(std::move(c));
        });
    auto buffer = std::make_shared<widgets::LogBuffer>();
    widgets::LogModel logModel(buffer);
    studio::MainWindow window(options(), &logModel, {});
    window.attachSession(&session);
    QVERIFY(window.clusterStatusLabel()->accessibleName().contains("starting"));
    QSignalSpy opened(&session, &studio::StudioSession::opened);
    session.open();
    QTRY_COMPARE(opened.count(), 1);
    auto* panel = qobject_cast<widgets::ClusterPanel*>(window.dock("clusterDock")->widget());
    QVERIFY(panel);
    QTRY_VERIFY(panel->card(2) != nullptr);
    QTRY_VERIFY(window.clusterStatusLabel()->accessibleName().contains("3 of 3 brokers alive"));
    QVERIFY(window.clusterStatusLabel()->accessibleName().contains("127.0.0.1:9092"));
    auto* leadership =
        qobject_cast<widgets::LeadershipPanel*>(window.dock("leadershipDock")->widget());
    QVERIFY(leadership);
    QTRY_COMPARE(leadership->model()->rowCount(), 1);

    QSignalSpy finished(&session, &studio::StudioSession::actionFinished);
    panel->card(2)->killButton()->click();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toBool(), true);
    QCOMPARE(finished.first().at(1).toString(), QString("Broker 2 killed"));
    QCOMPARE(scripted->actions(), std::vector<std::string>{"kill 2"});
    QTRY_VERIFY(!panel->card(2)->isAliveShown());
    QTRY_VERIFY(window.clusterStatusLabel()->accessibleName().contains("2 of 3 brokers alive"));
    // Killing it again is refused with the engine's reason, shown to the user.
    session.killBroker(2);
    QTRY_COMPARE(finished.count(), 2);
    QCOMPARE(finished.last().at(0).toBool(), false);
    QVERIFY(finished.last().at(1).toString().contains("is dead"));
  }

  void failedStartIsShown() {
    studio::StudioSession session([]() -> Result<std::unique_ptr<client::ClusterClient>> {
      return Status::ioError("cannot create /nope: permission denied");
    });
    auto buffer = std::make_shared<widgets::LogBuffer>();
    widgets::LogModel logModel(buffer);
    studio::MainWindow window(options(), &logModel, {});
    window.attachSession(&session);
    QSignalSpy failed(&session, &studio::StudioSession::failed);
    // The failure dialog is modal; close it as soon as it appears.
    QTimer closer;
    connect(&closer, &QTimer::timeout, [] {
      if (QWidget* modal = QApplication::activeModalWidget()) modal->close();
    });
    closer.start(20);
    session.open();
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(failed.first().first().toString().contains("permission denied"));
    QTRY_VERIFY(window.clusterStatusLabel()->accessibleName().contains("failed"));
  }

  void themesSwitchThePalette() {
    auto& theme = widgets::Theme::instance();
    theme.apply(widgets::ThemeChoice::Dark);
    QVERIFY(theme.isDark());
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
    theme.apply(widgets::ThemeChoice::Light);
    QVERIFY(!theme.isDark());
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);
    QCOMPARE(widgets::Theme::fromName("DARK"), widgets::ThemeChoice::Dark);
    QCOMPARE(widgets::Theme::fromName("nonsense"), widgets::ThemeChoice::System);
  }

 private:
  studio::StudioOptions options() {
    studio::StudioOptions o;
    o.dataDirectory = dataDir_.path();
    return o;
  }
  QTemporaryDir dataDir_;
};

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
