// The studio shell, offscreen: every panel of the catalogue exists as a dock, the menus are
// there, the status bar reports the cluster, the layout survives a restart, log lines reach
// the log panel, and themes switch.
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <spdlog/spdlog.h>

#include "app/studio/dock_catalog.h"
#include "app/studio/main_window.h"
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
    for (QAction* a : window.menuBar()->actions()) titles << a->text().remove('&');
    QCOMPARE(titles, (QStringList{"File", "View", "Cluster", "Query", "Help"}));
    const QList<QAction*> fileActions = window.menuBar()->actions().first()->menu()->actions();
    const auto quit = std::find_if(fileActions.begin(), fileActions.end(),
                                   [](QAction* a) { return a->text().remove('&') == "Quit"; });
    QVERIFY(quit != fileActions.end());
    QCOMPARE((*quit)->shortcut(), QKeySequence(QKeySequence::Quit));
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
    auto logger = std::make_shared<spdlog::logger>("test", std::make_shared<widgets::LogBufferSink>(buffer));
    logger->set_level(spdlog::level::debug);
    logger->info("broker {} started", 1);
    logger->warn("disk almost full");
    logger->debug("hidden by default");
    studio::MainWindow window(options(), &logModel, {});
    auto* panel = qobject_cast<widgets::LogPanel*>(window.dock("logDock")->widget());
    QVERIFY(panel);
    QTRY_COMPARE(logModel.rowCount(), 3);
    QCOMPARE(logModel.index(0, widgets::LogModel::MessageColumn).data().toString(), QString("broker 1 started"));
    QCOMPARE(logModel.index(1, widgets::LogModel::LevelColumn).data().toString(), QString("warning"));
    // The panel hides debug lines unless asked.
    QCOMPARE(panel->view()->model()->rowCount(), 2);
    panel->setMinimumLevel(spdlog::level::debug);
    QCOMPARE(panel->view()->model()->rowCount(), 3);
  }

  void logModelKeepsNewestLinesOnly() {
    auto buffer = std::make_shared<widgets::LogBuffer>();
    widgets::LogModel logModel(buffer, 10);
    for (int i = 0; i < 25; ++i) buffer->push({std::chrono::system_clock::now(), 2, 0, "line " + std::to_string(i)});
    logModel.pull();
    QCOMPARE(logModel.rowCount(), 10);
    QCOMPARE(logModel.index(0, widgets::LogModel::MessageColumn).data().toString(), QString("line 15"));
    QCOMPARE(logModel.index(9, widgets::LogModel::MessageColumn).data().toString(), QString("line 24"));
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
