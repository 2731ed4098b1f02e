// ResultsPanel: the Query Results dock — a "Queries" tab listing every query the SQL engine runs
// (persistent and push, with records in/out and input rate, a Terminate button and a Windows &
// Topology button), then one tab per push query with its live rows (LiveResultView) and one per
// query opened in a QueryInsightView. Closing a live tab stops its query.
// GUI thread only; does not own the session; owns its views.
#pragma once

#include <QWidget>

class QPushButton;
class QTabWidget;
class QTableView;

namespace runnel::widgets {

class LiveResult;
class LiveResultView;
class QueryInsightView;
class RunningQueriesModel;
class SqlSession;

class ResultsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ResultsPanel(SqlSession* session, QWidget* parent = nullptr);

  // Shows a push query's rows in a new tab (made current). The panel owns the result from now.
  LiveResultView* addResult(LiveResult* result);
  QTabWidget* tabs() const { return tabs_; }
  RunningQueriesModel* queriesModel() const { return queries_; }
  QTableView* queriesView() const { return queriesView_; }
  // Terminates the query selected in the Queries tab.
  void terminateSelected();
  // Opens (or shows) the Windows and Topology tabs of a running query.
  QueryInsightView* openInsight(const QString& queryId);

 private:
  SqlSession* session_;
  QTabWidget* tabs_;
  RunningQueriesModel* queries_;
  QTableView* queriesView_;
  QPushButton* terminate_;
  QPushButton* insight_;
};

}  // namespace runnel::widgets
