// LiveResult: one push query's rows on their way to the studio's result views. The engine calls
// its sink (LiveResultFeed) on the query's thread; rows are rendered to text there and queued
// under a mutex; on the GUI thread a timer drains the queue at most 30 times a second and emits
// one batch, whatever the row rate, so the views update in bulk. Pausing stops draining (rows
// wait in the queue, nothing is lost). Also counts rows and the recent row rate.
// LiveResult lives on the GUI thread; the feed is shared with the engine (it outlives the query).
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <deque>
#include <memory>

namespace runnel::widgets {

struct LiveRow {
  QString key;        // key columns and window: rows with the same key replace each other
  QStringList cells;  // window start/end first for windowed results, then SELECT order
  bool tombstone = false;
  qint64 rowtime = 0;
};

struct LiveResultHeader {
  QString queryId;
  QStringList columns;  // as LiveRow::cells
  QList<bool> keyColumn;
  bool table = false;  // rows are changes to a table
  bool windowed = false;
};

class LiveResultFeed;

class LiveResult : public QObject {
  Q_OBJECT
 public:
  static constexpr int kDrainIntervalMs = 33;  // ≤ 30 batches a second

  LiveResult(std::shared_ptr<LiveResultFeed> feed, QString sql, QObject* parent = nullptr);
  ~LiveResult() override;

  const QString& sql() const { return sql_; }
  const LiveResultHeader& header() const { return header_; }
  qint64 rowCount() const { return rows_; }
  double rowsPerSecond() const { return rate_; }
  bool ended() const { return ended_; }
  QString endError() const { return endError_; }
  bool paused() const { return paused_; }
  void setPaused(bool paused);

  // Drains the queue now (tests; the timer does it otherwise).
  void drain();

 signals:
  void started(const runnel::widgets::LiveResultHeader& header);
  void rowsArrived(const QList<runnel::widgets::LiveRow>& rows);
  void finished(const QString& error);  // empty when it ended normally
  void statsChanged();

 private:
  std::shared_ptr<LiveResultFeed> feed_;
  QString sql_;
  QTimer timer_;
  LiveResultHeader header_;
  bool paused_ = false;
  bool ended_ = false;
  QString endError_;
  qint64 rows_ = 0;
  double rate_ = 0;
  std::deque<std::pair<qint64, qint64>> recent_;  // (ms, rows) for the rate
  QElapsedTimer clock_;
};

}  // namespace runnel::widgets

Q_DECLARE_METATYPE(runnel::widgets::LiveResultHeader)
Q_DECLARE_METATYPE(runnel::widgets::LiveRow)
