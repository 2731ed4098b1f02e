// QueryPanels: the studio's SQL features wired together — the query tabs in the workspace
// (QueryTab), the SQL engine (SqlSession over the session's cluster, state in
// <data dir>/sql-state), the saved scripts and history (<data dir>/workspace.sqlite) and the
// Query Results dock (ResultsPanel). MainWindow asks for query tabs at any time; install() runs
// once the cluster is open and attaches every tab, present and future.
// GUI thread only; parented to (and found through) the main window.
#pragma once

#include <QObject>
#include <QPointer>
#include <memory>

class QTabWidget;

namespace runnel::widgets {
class QueryTab;
class ResultsPanel;
class ScriptStore;
class SqlSession;
}  // namespace runnel::widgets

namespace runnel::studio {

class MainWindow;
class StudioSession;

class QueryPanels : public QObject {
  Q_OBJECT
 public:
  // The window's query panels, created on first use.
  static QueryPanels* of(MainWindow* window, const QString& dataDirectory = {});
  ~QueryPanels() override;

  // A new query tab in the workspace, made current; the first one starts with the
  // fraud script (embedded) or remoteStarterScript() (remote).
  widgets::QueryTab* addTab();
  // Starts the SQL engine on the session's cluster and puts the results panel in resultsDock.
  void install(StudioSession* session);

  widgets::QueryTab* currentTab() const;
  widgets::SqlSession* sql() const { return sql_; }
  widgets::ResultsPanel* results() const;
  widgets::ScriptStore* store() const { return store_.get(); }

  void runStatement();
  void runAll();
  void terminateAll();

  // The first tab's script: declares the demo stream, runs the fraud query, watches its table.
  static QString starterScript();
  // The first tab's script in a remote window: lists topics and shows how to declare one.
  static QString remoteStarterScript();

 private:
  QueryPanels(MainWindow* window, QString dataDirectory);

  MainWindow* window_;
  QString dataDirectory_;
  std::unique_ptr<widgets::ScriptStore> store_;
  widgets::SqlSession* sql_ = nullptr;
  QPointer<widgets::ResultsPanel> results_;
  int tabsMade_ = 0;
};

}  // namespace runnel::studio
