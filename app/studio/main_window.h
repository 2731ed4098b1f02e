// The studio's main window: the query workspace in the middle, dock panels around it (built
// from dockCatalog()), the File/View/Cluster/Query/Help menus, and a status bar showing the
// embedded cluster's state. Saves and restores its geometry and dock layout with QSettings.
// GUI thread only; owns its docks and panels; does not own the LogModel's buffer.
#pragma once

#include <QHash>
#include <QMainWindow>

#include "app/studio/studio_options.h"

class QActionGroup;
class QDockWidget;
class QLabel;
class QTabWidget;

namespace runnel::widgets {
class ClusterChangeModel;
class LogModel;
}  // namespace runnel::widgets

namespace runnel::studio {

class StudioSession;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  // Bump when dock object names or areas change, so an old saved layout is not restored.
  static constexpr int kLayoutVersion = 2;

  MainWindow(StudioOptions options, widgets::LogModel* logModel, QString logFilePath,
             QWidget* parent = nullptr);

  QDockWidget* dock(const QString& objectName) const { return docks_.value(objectName); }
  QList<QDockWidget*> docks() const { return docks_.values(); }
  QTabWidget* workspace() const { return workspace_; }
  QLabel* clusterStatusLabel() const { return clusterStatus_; }

  // Shows the session's cluster in the panels (and its state in the status bar) once it opens.
  void attachSession(StudioSession* session);
  StudioSession* session() const { return session_; }

  // Puts a live panel in a catalogued dock, replacing (and deleting) the placeholder or the
  // previous panel. Feature installers call it once the session has opened.
  void setDockPanel(const QString& dockObjectName, QWidget* panel);

 signals:
  // File > Connect to Kafka Cluster…: the studio shows its connection dialog.
  void connectToClusterRequested();

 public:
  bool isRemote() const { return options_.remote; }
  // Docks whose panels need the embedded cluster (demo data, faults, lessons, listener clients);
  // a remote window hides them and leaves them out of the menus.
  static bool isEmbeddedOnlyDock(const QString& objectName);

  void resetLayout();
  void saveLayout() const;
  bool restoreLayout();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildDocks(widgets::LogModel* logModel);
  void buildMenus();
  void buildStatusBar();
  void addQueryTab();
  void applyTheme(const QString& name);
  void showAbout();
  void setClusterState(const QString& text, const QColor& dot);
  void showClusterPanels();
  // Cluster > Kill/Restart Broker…: asks which broker (live ones to kill, dead ones to restart).
  void chooseBrokerTo(bool kill);
  void showConnectionProblem(const QString& message);

  StudioOptions options_;
  QString logFilePath_;
  QTabWidget* workspace_ = nullptr;
  QLabel* clusterStatus_ = nullptr;
  QLabel* dataDirLabel_ = nullptr;
  QActionGroup* themeGroup_ = nullptr;
  QHash<QString, QDockWidget*> docks_;
  StudioSession* session_ = nullptr;
  widgets::ClusterChangeModel* changes_ = nullptr;
  QString clusterStateText_;
  QByteArray defaultState_;
};

}  // namespace runnel::studio
