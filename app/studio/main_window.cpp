#include "app/studio/main_window.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QUrl>

#include "app/studio/data_panels_installer.h"
#include "app/studio/dock_catalog.h"
#include "app/studio/lessons_installer.h"
#include "app/studio/presenter_mode.h"
#include "app/studio/query_panels_installer.h"
#include "app/studio/studio_session.h"
#include "app/studio/visual_panels_installer.h"
#include "widgets/editor/query_tab.h"
#include "widgets/models/broker_removal_model.h"
#include "widgets/models/cluster_change_model.h"
#include "widgets/models/cluster_feed.h"
#include "widgets/panels/cluster_panel.h"
#include "widgets/panels/events_panel.h"
#include "widgets/panels/leadership_panel.h"
#include "widgets/models/log_model.h"
#include "widgets/panels/log_panel.h"
#include "widgets/panels/placeholder_panel.h"
#include "widgets/style/icons.h"
#include "widgets/style/theme.h"

using runnel::widgets::Icons;
using runnel::widgets::Theme;

namespace runnel::studio {
namespace {
const char* kGeometryKey = "mainWindow/geometry";
const char* kStateKey = "mainWindow/state";
const char* kThemeKey = "appearance/theme";
}  // namespace

MainWindow::MainWindow(StudioOptions options, widgets::LogModel* logModel, QString logFilePath,
                       QWidget* parent)
    : QMainWindow(parent), options_(std::move(options)), logFilePath_(std::move(logFilePath)) {
  setObjectName(options_.remote ? QStringLiteral("remoteWindow") : QStringLiteral("mainWindow"));
  setWindowTitle(options_.remote ? tr("%1 (remote) — Runnel Studio").arg(options_.clusterName)
                                 : tr("Runnel Studio"));
  setWindowIcon(Icons::application());
  setDockNestingEnabled(true);
  setDocumentMode(true);

  workspace_ = new QTabWidget(this);
  workspace_->setObjectName(QStringLiteral("workspace"));
  workspace_->setMovable(true);
  workspace_->setDocumentMode(true);
  connect(workspace_, &QTabWidget::tabCloseRequested, this, [this](int index) {
    QWidget* page = workspace_->widget(index);
    workspace_->removeTab(index);
    delete page;
    workspace_->setTabsClosable(workspace_->count() > 1);  // the workspace never goes empty
  });
  setCentralWidget(workspace_);
  addQueryTab();

  buildDocks(logModel);
  buildMenus();
  buildStatusBar();

  resize(1440, 900);
  // Dock sizes are shares of the window's size: set before it, the extra width of the first
  // resize went to the leadership dock and squeezed the query editor into a sliver. 530 keeps
  // the four tab titles of the right-hand stack readable.
  resizeDocks({docks_.value("clusterDock"), docks_.value("leadershipDock")}, {340, 530},
              Qt::Horizontal);
  resizeDocks({docks_.value("logStripDock")}, {260}, Qt::Vertical);
  defaultState_ = saveState(kLayoutVersion);
  // A remote window starts with the default layout and keeps the main window's saved one intact.
  if (!options_.resetLayout && !options_.remote) restoreLayout();
}

bool MainWindow::isEmbeddedOnlyDock(const QString& objectName) {
  static const QStringList embeddedOnly = {"demoDock", "faultsDock", "lessonsDock", "clientsDock"};
  return embeddedOnly.contains(objectName);
}

void MainWindow::addQueryTab() {
  QueryPanels::of(this, options_.dataDirectory)->addTab();
}

void MainWindow::buildDocks(widgets::LogModel* logModel) {
  for (const DockSpec& spec : dockCatalog()) {
    auto* dock = new QDockWidget(spec.title, this);
    dock->setObjectName(spec.objectName);
    dock->setToolTip(spec.description);
    QWidget* panel = nullptr;
    if (spec.objectName == QLatin1String("logDock")) {
      panel = new widgets::LogPanel(logModel, logFilePath_, dock);
    } else {
      panel = new widgets::PlaceholderPanel(spec.iconName, spec.title, spec.description, dock);
    }
    dock->setWidget(panel);
    if (!spec.tabifyWith.isEmpty() && docks_.contains(spec.tabifyWith)) {
      tabifyDockWidget(docks_.value(spec.tabifyWith), dock);
    } else {
      addDockWidget(spec.area, dock);
    }
    dock->setVisible(spec.visibleByDefault);
    docks_.insert(spec.objectName, dock);
  }
  // The first dock of each stack is the one a newcomer should see first.
  if (options_.remote) {
    for (QDockWidget* dock : std::as_const(docks_)) {
      if (isEmbeddedOnlyDock(dock->objectName())) {
        removeDockWidget(dock);
        dock->hide();
      }
    }
  }
  for (const char* first : {"clusterDock", "leadershipDock", "logStripDock"}) {
    if (QDockWidget* d = docks_.value(QLatin1String(first))) d->raise();
  }
}

void MainWindow::buildMenus() {
  QueryPanels* queries = QueryPanels::of(this, options_.dataDirectory);
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* newTab =
      file->addAction(Icons::get("new-tab"), tr("&New Query Tab"), this, &MainWindow::addQueryTab);
  newTab->setShortcut(QKeySequence::AddTab);
  QAction* connectRemote = file->addAction(Icons::get("cluster"), tr("&Connect to Kafka Cluster…"),
                                           this, &MainWindow::connectToClusterRequested);
  connectRemote->setObjectName(QStringLiteral("connectToClusterAction"));
  connectRemote->setShortcut(QKeySequence(tr("Ctrl+Shift+K")));
  connectRemote->setStatusTip(tr("Open a window on a Kafka cluster elsewhere (saved connections)"));
  QAction* openScript = file->addAction(Icons::get("open"), tr("&Open Script…"), this, [queries] {
    if (widgets::QueryTab* tab = queries->currentTab()) tab->showOpenMenu();
  });
  openScript->setShortcut(QKeySequence::Open);
  openScript->setStatusTip(tr("Open a script saved in the workspace into the current query tab"));
  QAction* saveScript = file->addAction(Icons::get("save"), tr("&Save Script"), this, [queries] {
    if (widgets::QueryTab* tab = queries->currentTab()) tab->saveScript(tab->scriptName());
  });
  saveScript->setShortcut(QKeySequence::Save);
  saveScript->setStatusTip(tr("Save the current query tab's script in the workspace"));
  file->addSeparator();
  QAction* quit = file->addAction(Icons::get("quit"), tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);
  quit->setMenuRole(QAction::QuitRole);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  QMenu* panels = view->addMenu(tr("&Panels"));
  for (const DockSpec& spec : dockCatalog()) {
    if (options_.remote && isEmbeddedOnlyDock(spec.objectName)) continue;
    QAction* toggle = docks_.value(spec.objectName)->toggleViewAction();
    toggle->setIcon(Icons::get(spec.iconName));
    if (!spec.shortcut.isEmpty()) toggle->setShortcut(QKeySequence(spec.shortcut));
    panels->addAction(toggle);
  }
  QMenu* theme = view->addMenu(Icons::get("theme"), tr("&Theme"));
  themeGroup_ = new QActionGroup(this);
  const std::pair<const char*, QString> themes[] = {
      {"system", tr("Follow &System")}, {"light", tr("&Light")}, {"dark", tr("&Dark")}};
  const QString currentTheme = Theme::name(Theme::instance().choice());
  for (const auto& [key, label] : themes) {
    QAction* a = theme->addAction(label);
    a->setCheckable(true);
    a->setData(QString::fromLatin1(key));
    a->setChecked(currentTheme == QLatin1String(key));
    themeGroup_->addAction(a);
  }
  connect(themeGroup_, &QActionGroup::triggered, this,
          [this](QAction* a) { applyTheme(a->data().toString()); });
  view->addSeparator();
  QAction* fullScreen = view->addAction(tr("&Full Screen"));
  fullScreen->setShortcut(QKeySequence::FullScreen);
  fullScreen->setCheckable(true);
  connect(fullScreen, &QAction::toggled, this,
          [this](bool on) { on ? showFullScreen() : showNormal(); });
  view->addAction(PresenterMode::of(this)->action());
  view->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout);

  QMenu* cluster = menuBar()->addMenu(tr("&Cluster"));
  // Brokers of a remote cluster cannot be started, stopped or killed from here.
  if (!options_.remote) {
    cluster->addAction(Icons::get("broker"), tr("&Add Broker"), this, [this] {
      if (session_ && session_->controllable()) session_->addBroker();
    });
    cluster->addSeparator();
    cluster
        ->addAction(Icons::get("kill"), tr("&Kill Broker…"), this, [this] { chooseBrokerTo(true); })
        ->setShortcut(QKeySequence(tr("Ctrl+K")));
    cluster
        ->addAction(Icons::get("restart"), tr("&Restart Broker…"), this,
                    [this] { chooseBrokerTo(false); })
        ->setShortcut(QKeySequence(tr("Ctrl+R")));
    cluster->addSeparator();
  }
  cluster->addAction(connectRemote);
  cluster->addAction(Icons::get("open"), tr("Open &Data Folder"), this, [this] {
    QDesktopServices::openUrl(QUrl::fromLocalFile(options_.dataDirectory));
  });

  QMenu* query = menuBar()->addMenu(tr("&Query"));
  // The editor handles these keys itself when it has focus; the menu covers the rest.
  query->addAction(Icons::get("run"), tr("&Run Statement"), queries, &QueryPanels::runStatement)
      ->setShortcut(QKeySequence(tr("Ctrl+Return")));
  query->addAction(Icons::get("run-all"), tr("Run &All"), queries, &QueryPanels::runAll)
      ->setShortcut(QKeySequence(tr("Ctrl+Shift+Return")));
  query->addAction(Icons::get("stop"), tr("&Terminate All Queries"), queries,
                   &QueryPanels::terminateAll);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  if (!options_.remote) help->addAction(docks_.value("lessonsDock")->toggleViewAction());
  QAction* openLog = help->addAction(Icons::get("terminal"), tr("Open &Log File"), this, [this] {
    QDesktopServices::openUrl(QUrl::fromLocalFile(logFilePath_));
  });
  openLog->setEnabled(!logFilePath_.isEmpty());
  if (logFilePath_.isEmpty()) openLog->setStatusTip(tr("This studio does not log to a file"));
  help->addSeparator();
  QAction* about =
      help->addAction(Icons::get("help"), tr("&About Runnel"), this, &MainWindow::showAbout);
  about->setMenuRole(QAction::AboutRole);
  QAction* aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
  aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::buildStatusBar() {
  clusterStatus_ = new QLabel(this);
  clusterStatus_->setObjectName(QStringLiteral("clusterStatus"));
  setClusterState(tr("Embedded cluster: not running"), Theme::instance().colors().muted);
  statusBar()->addWidget(clusterStatus_);

  dataDirLabel_ = new QLabel(QDir::toNativeSeparators(options_.dataDirectory), this);
  dataDirLabel_->setToolTip(tr("Where the cluster, the workspace and the logs are kept"));
  dataDirLabel_->setForegroundRole(QPalette::PlaceholderText);
  statusBar()->addPermanentWidget(dataDirLabel_);
  clusterStateText_ = tr("Embedded cluster: not running");
  connect(&Theme::instance(), &Theme::changed, this, [this] {
    const bool up = session_ && session_->isOpen();
    setClusterState(clusterStateText_,
                    up ? Theme::instance().colors().healthy : Theme::instance().colors().muted);
  });
}

void MainWindow::attachSession(StudioSession* session) {
  session_ = session;
  clusterStateText_ = options_.remote ? tr("%1: connecting…").arg(options_.clusterName)
                                      : tr("Embedded cluster: starting…");
  setClusterState(clusterStateText_, Theme::instance().colors().warning);
  connect(session, &StudioSession::opened, this, &MainWindow::showClusterPanels);
  connect(session, &StudioSession::failed, this, [this](const QString& message) {
    if (options_.remote) {
      clusterStateText_ = tr("%1: could not connect").arg(options_.clusterName);
      setClusterState(clusterStateText_, Theme::instance().colors().offline);
      statusBar()->showMessage(message);
      // Not modal: the other windows stay usable while the user reads why.
      auto* box = new QMessageBox(QMessageBox::Warning, tr("Could not connect"), message,
                                  QMessageBox::Close, this);
      box->setAttribute(Qt::WA_DeleteOnClose);
      box->open();
      return;
    }
    clusterStateText_ = tr("Cluster failed to start");
    setClusterState(clusterStateText_, Theme::instance().colors().offline);
    statusBar()->showMessage(message);
    QMessageBox::warning(this, tr("The cluster did not start"), message);
  });
  connect(session, &StudioSession::actionFinished, this, [this](bool ok, const QString& message) {
    statusBar()->showMessage(message, ok ? 5000 : 15000);
  });
}

void MainWindow::showClusterPanels() {
  client::ClusterClient* client = session_->client();
  widgets::ClusterFeed* feed = session_->feed();
  const bool controllable = session_->controllable();

  auto* cluster = new widgets::ClusterPanel(controllable);
  connect(cluster, &widgets::ClusterPanel::killRequested, session_, &StudioSession::killBroker);
  connect(cluster, &widgets::ClusterPanel::restartRequested, session_,
          &StudioSession::restartBroker);
  connect(cluster, &widgets::ClusterPanel::addBrokerRequested, session_, &StudioSession::addBroker);
  connect(cluster, &widgets::ClusterPanel::pauseRequested, session_, &StudioSession::pauseBroker);
  connect(cluster, &widgets::ClusterPanel::resumeRequested, session_, &StudioSession::resumeBroker);
  connect(feed, &widgets::ClusterFeed::viewUpdated, cluster, &widgets::ClusterPanel::showView);
  if (controllable) {
    auto* removal = new widgets::BrokerRemovalModel(client->embeddedControl(), cluster);
    connect(qApp, &QCoreApplication::aboutToQuit, removal, &widgets::BrokerRemovalModel::shutdown);
    connect(removal, &widgets::BrokerRemovalModel::removalStarted, this, [this](int id) {
      statusBar()->showMessage(tr("Removing broker %1: moving its replicas away…").arg(id));
    });
    connect(removal, &widgets::BrokerRemovalModel::removalFinished, this,
            [this](int, bool ok, const QString& message) {
              statusBar()->showMessage(message, ok ? 5000 : 15000);
            });
    cluster->setRemovalModel(removal);
  }
  setDockPanel("clusterDock", cluster);

  auto* leadership = new widgets::LeadershipPanel;
  connect(feed, &widgets::ClusterFeed::viewUpdated, leadership,
          &widgets::LeadershipPanel::showView);
  setDockPanel("leadershipDock", leadership);

  changes_ = new widgets::ClusterChangeModel(2000, this);
  changes_->append(client->observer().recentChanges());
  connect(feed, &widgets::ClusterFeed::changesArrived, changes_,
          &widgets::ClusterChangeModel::append);
  setDockPanel("eventsDock", new widgets::EventsPanel(changes_));
  installDataPanels(*this, *session_);
  QueryPanels::of(this)->install(session_);
  installVisualPanels(*this, *session_);
  if (!options_.remote) installLessons(*this, *session_);
  connect(feed, &widgets::ClusterFeed::feedError, this, &MainWindow::showConnectionProblem);
  connect(feed, &widgets::ClusterFeed::changesArrived, this,
          [this](const std::vector<client::ClusterChange>& changes) {
            for (const auto& c : changes)
              if (c.kind == "connection-lost")
                showConnectionProblem(QString::fromStdString(c.description));
          });

  connect(feed, &widgets::ClusterFeed::viewUpdated, this,
          [this, client](const widgets::ClusterViewPtr& view) {
            int alive = 0;
            for (const auto& b : view->brokers)
              alive += b.alive ? 1 : 0;
            clusterStateText_ = tr("%1: %2 of %3 brokers alive · bootstrap %4")
                                    .arg(QString::fromStdString(client->displayName()))
                                    .arg(alive)
                                    .arg(view->brokers.size())
                                    .arg(QString::fromStdString(client->bootstrapServers()));
            const auto& colors = Theme::instance().colors();
            setClusterState(clusterStateText_, alive == static_cast<int>(view->brokers.size())
                                                   ? colors.healthy
                                                   : colors.warning);
          });
}

// The feed keeps polling through an outage, so the next view that arrives clears this.
void MainWindow::showConnectionProblem(const QString& message) {
  clusterStateText_ = tr("%1: connection lost, reconnecting… (%2)")
                          .arg(QString::fromStdString(session_->client()->displayName()), message);
  setClusterState(clusterStateText_, Theme::instance().colors().offline);
}

void MainWindow::setDockPanel(const QString& dockObjectName, QWidget* panel) {
  QDockWidget* dock = docks_.value(dockObjectName);
  Q_ASSERT_X(dock, "setDockPanel", "dock is not in the catalogue");
  delete dock->widget();
  dock->setWidget(panel);
}

void MainWindow::setClusterState(const QString& text, const QColor& dot) {
  clusterStatus_->setText(
      QStringLiteral("<span style=\"color:%1\">●</span> %2").arg(dot.name(), text.toHtmlEscaped()));
  clusterStatus_->setAccessibleName(text);
}

void MainWindow::applyTheme(const QString& name) {
  Theme::instance().apply(Theme::fromName(name));
  QSettings().setValue(kThemeKey, name);
}

void MainWindow::showAbout() {
  QMessageBox::about(
      this, tr("About Runnel"),
      tr("<h3>Runnel Studio %1</h3>"
         "<p>A streaming studio with an embedded, Kafka-compatible cluster: watch the log, "
         "partitions, replication and consumer groups work, break them on purpose, and query the "
         "streams with SQL.</p><p>Built with Qt %2.</p>")
          .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

void MainWindow::chooseBrokerTo(bool kill) {
  const widgets::ClusterViewPtr view = session_ && session_->controllable() && session_->feed()
                                           ? session_->feed()->latest()
                                           : nullptr;
  if (!view) {
    statusBar()->showMessage(tr("The embedded cluster is not up yet"), 5000);
    return;
  }
  QStringList choices;
  QList<std::int32_t> ids;
  for (const client::BrokerView& b : view->brokers) {
    if (b.alive != kill || b.draining) continue;
    choices << tr("Broker %1  (%2:%3)").arg(b.id).arg(QString::fromStdString(b.host)).arg(b.port);
    ids << b.id;
  }
  if (choices.isEmpty()) {
    statusBar()->showMessage(
        kill ? tr("No live broker to kill") : tr("No dead broker to restart: kill one first"),
        5000);
    return;
  }
  bool ok = false;
  const QString picked =
      QInputDialog::getItem(this, kill ? tr("Kill Broker") : tr("Restart Broker"),
                            kill ? tr("Broker to kill (its partitions fail over to the others):")
                                 : tr("Broker to restart (it catches up from the leaders):"),
                            choices, 0, false, &ok);
  if (!ok) return;
  const std::int32_t id = ids.value(choices.indexOf(picked));
  if (kill)
    session_->killBroker(id);
  else
    session_->restartBroker(id);
}

void MainWindow::resetLayout() {
  restoreState(defaultState_, kLayoutVersion);
  for (const DockSpec& spec : dockCatalog())
    docks_.value(spec.objectName)->setVisible(spec.visibleByDefault);
}

void MainWindow::saveLayout() const {
  QSettings settings;
  settings.setValue(kGeometryKey, saveGeometry());
  settings.setValue(kStateKey, saveState(kLayoutVersion));
}

bool MainWindow::restoreLayout() {
  QSettings settings;
  const QByteArray geometry = settings.value(kGeometryKey).toByteArray();
  const QByteArray state = settings.value(kStateKey).toByteArray();
  bool restored = false;
  if (!geometry.isEmpty()) restored = restoreGeometry(geometry);
  if (!state.isEmpty()) restored = restoreState(state, kLayoutVersion) && restored;
  return restored;
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!options_.remote) saveLayout();
  event->accept();
}

}  // namespace runnel::studio
