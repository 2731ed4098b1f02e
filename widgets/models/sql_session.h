// SqlSession: the studio's SQL engine — owns a QueryManager over the session's cluster and runs
// everything on worker threads: scripts (statement by statement, each isolated so errors keep
// the script's line and column), catalog snapshots for completion, the list of running queries
// (polled once a second) and TERMINATE. Results come back by queued signals; push queries come
// back as LiveResults. Lives on the GUI thread; the cluster client must outlive it. Destroying
// it waits for the workers, then stops every query.
#pragma once

#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "engine/client/cluster_client.h"
#include "widgets/models/sql_completer.h"
#include "widgets/models/sql_script_text.h"
#include "widgets/models/topology_graph.h"

namespace runnel::sql {
class QueryManager;
}

namespace runnel::widgets {

class LiveResult;
class LiveResultFeed;
class WindowTimeline;

struct SqlStatementOutcome {
  QString statement;
  bool ok = true;
  QString message;
  QStringList notices;
  QString error;        // the engine's message: "line 3:6: ..." plus the line and a caret
  int errorLine = 0;    // 1-based line and column in the script; 0 when the error has none
  int errorColumn = 0;  // code points
  QStringList tableColumns;
  QList<QStringList> tableRows;
  QString queryId;
  bool push = false;
};

struct SqlQueryRow {
  QString id;
  bool persistent = true;
  QString state;
  QString sql;
  QString sink;
  qint64 recordsIn = 0;
  qint64 recordsOut = 0;
  double recordsPerSecond = 0;
  QString error;
};

class SqlSession : public QObject {
  Q_OBJECT
 public:
  SqlSession(client::ClusterClient& cluster, QString stateDir, QObject* parent = nullptr);
  ~SqlSession() override;

  // Starts the engine (replays the command topic) on the worker; emits ready() or failed().
  void start();
  bool isReady() const { return ready_; }

  // Runs `script` (all of it, or the one statement `only`) on the worker. Emits
  // statementFinished() per statement, pushStarted() for each push query, then runFinished().
  // Returns the run's id.
  int run(const QString& script, std::optional<SqlStatementRange> only = std::nullopt);
  bool busy() const { return pendingRuns_ > 0; }

  void terminate(const QString& queryId);
  // The Windows and Topology views of a running query, fetched on the worker: windowsReady()
  // hands over a WindowTimeline (parented to the session until a view adopts it),
  // topologyReady() its plan as a graph; failures (no such query, no window) come back as
  // insightFailed().
  void observeWindows(const QString& queryId);
  void fetchTopology(const QString& queryId);
  void refreshQueries();
  const QList<SqlQueryRow>& queries() const { return queries_; }
  const SqlCatalogSnapshot& catalog() const { return catalog_; }

  // "line 3:6: ..." -> (3, 6); (0, 0) when the text carries no position.
  static std::pair<int, int> errorPosition(const QString& message);

 signals:
  void ready();
  void failed(const QString& message);
  void statementFinished(int runId, const runnel::widgets::SqlStatementOutcome& outcome);
  void pushStarted(int runId, runnel::widgets::LiveResult* result);
  void runFinished(int runId, int failures);
  void catalogChanged(const runnel::widgets::SqlCatalogSnapshot& catalog);
  void queriesChanged();
  void windowsReady(const QString& queryId, runnel::widgets::WindowTimeline* timeline);
  void topologyReady(const QString& queryId, const runnel::widgets::TopologyGraph& graph);
  void insightFailed(const QString& queryId, const QString& message);

 private:
  SqlCatalogSnapshot snapshot() const;  // worker

  client::ClusterClient& cluster_;
  QString stateDir_;
  // Destroyed after engine_ (members go in reverse order): queries hold raw sink pointers.
  std::mutex feedsMu_;
  std::vector<std::shared_ptr<LiveResultFeed>> feeds_;
  std::unique_ptr<sql::QueryManager> engine_;
  QThreadPool statements_;  // one thread: statements run in order
  QThreadPool polls_;       // one thread: the query list never waits for a long statement
  QTimer pollTimer_;
  bool ready_ = false;
  bool pollInFlight_ = false;
  int nextRun_ = 1;
  int pendingRuns_ = 0;
  QList<SqlQueryRow> queries_;
  SqlCatalogSnapshot catalog_;
};

}  // namespace runnel::widgets

Q_DECLARE_METATYPE(runnel::widgets::SqlStatementOutcome)
Q_DECLARE_METATYPE(runnel::widgets::SqlCatalogSnapshot)
