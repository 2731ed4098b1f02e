// RateHistoryModel: the numbers behind the Charts panel — records produced and consumed per
// second (from the growth of high watermarks and of groups' committed offsets between cluster
// views), each group's total lag, and each persistent query's input rate, over a rolling window.
// Samples at most every kMinSampleMs however often views arrive, and forgets what is older than the
// window. GUI thread only.
#pragma once

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QVector>
#include <deque>
#include <map>

#include "widgets/models/cluster_feed.h"

namespace runnel::widgets {

class RateHistoryModel : public QObject {
  Q_OBJECT
 public:
  static constexpr qint64 kMinSampleMs = 1000;  // commits come in bursts: smooth over a second

  explicit RateHistoryModel(qint64 windowMs = 120'000, QObject* parent = nullptr);

  // `nowMs` lets tests feed views at chosen times; by default the view's own timestamp.
  void showView(const ClusterViewPtr& view);
  void addView(const client::ClusterView& view, qint64 nowMs);

  qint64 windowMs() const { return windowMs_; }
  qint64 latestMs() const { return latestMs_; }
  // Points are (ms since the epoch, value).
  const QVector<QPointF>& produceRate() const { return produce_; }
  const QVector<QPointF>& consumeRate() const { return consume_; }
  const std::map<QString, QVector<QPointF>>& lagByGroup() const { return lag_; }

  // Records read per second by each running persistent query, as the SQL engine reports them
  // (about once a second); a query that stops gets no more points and leaves with the window.
  void addQueryRates(const std::map<QString, double>& ratesByQuery, qint64 nowMs);
  const std::map<QString, QVector<QPointF>>& queryRates() const { return queryRates_; }

 signals:
  void updated();

 private:
  void trim();

  const qint64 windowMs_;
  qint64 latestMs_ = 0;
  bool havePrevious_ = false;
  qint64 previousMs_ = 0;
  qint64 previousProduced_ = 0;
  std::map<QString, qint64> previousCommitted_;  // per "group/topic/partition"
  QVector<QPointF> produce_;
  QVector<QPointF> consume_;
  std::map<QString, QVector<QPointF>> lag_;
  qint64 previousQueryMs_ = 0;
  std::map<QString, QVector<QPointF>> queryRates_;
};

}  // namespace runnel::widgets
