// LiveResultView: one push query's live results — the current table (a row per key and window,
// updated in place) or the changelog (every change, + or −), with the row count, the row rate,
// pause/resume, stop, and export to CSV or JSON (written on a worker thread, with progress and
// Cancel, from a copy of the rows taken when asked). Fed by a LiveResult (≤ 30 batches a second).
// GUI thread only; owns its models; does not own the LiveResult.
#pragma once

#include <QWidget>
#include <memory>

class QAction;
class QLabel;
class QStackedWidget;
class QTableView;

namespace runnel::widgets {

class JobThread;
class LiveResult;
class LongOperation;
class ProgressStrip;
class ResultTableModel;

class LiveResultView : public QWidget {
  Q_OBJECT
 public:
  explicit LiveResultView(LiveResult* result, QWidget* parent = nullptr);
  ~LiveResultView() override;

  LiveResult* result() const { return result_; }
  ResultTableModel* tableModel() const { return table_; }
  ResultTableModel* changelogModel() const { return changelog_; }
  QLabel* statsLabel() const { return stats_; }
  void showChangelog(bool on);
  // Writes the visible view as CSV or JSON; returns false (with `error`) when it cannot.
  bool exportTo(const QString& path, bool json, QString* error = nullptr) const;
  // The same on a worker thread, followed by the progress strip (the CSV and JSON buttons' way).
  LongOperation* exportInBackground(const QString& path, bool json);
  ProgressStrip* progressStrip() const { return strip_; }

 signals:
  void stopRequested(const QString& queryId);
  // "Windows & Topology": show this query's windows and plan (ResultsPanel opens them).
  void insightRequested(const QString& queryId);

 private:
  void updateStats();
  void exportAs(bool json);

  LiveResult* result_;
  ResultTableModel* table_;
  ResultTableModel* changelog_;
  QStackedWidget* stack_;
  QTableView* tableView_;
  QTableView* changelogView_;
  QLabel* stats_;
  QAction* pause_;
  QAction* stop_;
  ProgressStrip* strip_;
  LongOperation* export_ = nullptr;
  std::unique_ptr<JobThread> writer_;  // last: goes first, before what its jobs report to
};

}  // namespace runnel::widgets
