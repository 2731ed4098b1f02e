#include "widgets/models/rate_history_model.h"

#include <QDateTime>
#include <algorithm>

namespace runnel::widgets {

RateHistoryModel::RateHistoryModel(qint64 windowMs, QObject* parent)
    : QObject(parent), windowMs_(windowMs) {}

void RateHistoryModel::showView(const ClusterViewPtr& view) {
  if (!view) return;
  addView(*view, view->takenAtMs > 0 ? view->takenAtMs : QDateTime::currentMSecsSinceEpoch());
}

void RateHistoryModel::addView(const client::ClusterView& view, qint64 nowMs) {
  if (havePrevious_ && nowMs - previousMs_ < kMinSampleMs) return;
  qint64 produced = 0;
  std::map<std::string, bool> internal;
  for (const auto& t : view.topics)
    internal[t.name] = t.internal;
  for (const auto& p : view.partitions) {
    if (!internal[p.topic] && p.highWatermark > 0) produced += p.highWatermark;
  }
  std::map<QString, qint64> committed;
  std::map<QString, qint64> lagNow;
  for (const auto& g : view.groups) {
    const QString group = QString::fromStdString(g.groupId);
    qint64 lag = 0;
    for (const auto& gp : g.partitions) {
      if (gp.committedOffset >= 0)
        committed[group + QLatin1Char('/') + QString::fromStdString(gp.topicPartition.topic) +
                  QLatin1Char('/') + QString::number(gp.topicPartition.partition)] =
            gp.committedOffset;
      if (gp.lag > 0) lag += gp.lag;
    }
    lagNow[group] = lag;
  }
  if (havePrevious_) {
    const double seconds = static_cast<double>(nowMs - previousMs_) / 1000.0;
    // A topic deleted or a log truncated makes the sum shrink: that is not negative traffic.
    const double produceRate =
        std::max<double>(0, static_cast<double>(produced - previousProduced_)) / seconds;
    qint64 consumedDelta = 0;
    for (const auto& [key, offset] : committed) {
      auto it = previousCommitted_.find(key);
      if (it != previousCommitted_.end() && offset > it->second)
        consumedDelta += offset - it->second;
    }
    produce_.append(QPointF(static_cast<double>(nowMs), produceRate));
    consume_.append(
        QPointF(static_cast<double>(nowMs), static_cast<double>(consumedDelta) / seconds));
  }
  for (const auto& [group, lag] : lagNow)
    lag_[group].append(QPointF(static_cast<double>(nowMs), static_cast<double>(lag)));
  havePrevious_ = true;
  previousMs_ = nowMs;
  previousProduced_ = produced;
  previousCommitted_ = std::move(committed);
  latestMs_ = nowMs;
  trim();
  emit updated();
}

void RateHistoryModel::addQueryRates(const std::map<QString, double>& ratesByQuery, qint64 nowMs) {
  if (previousQueryMs_ > 0 && nowMs - previousQueryMs_ < kMinSampleMs) return;
  previousQueryMs_ = nowMs;
  for (const auto& [query, rate] : ratesByQuery)
    queryRates_[query].append(QPointF(static_cast<double>(nowMs), std::max(0.0, rate)));
  latestMs_ = std::max(latestMs_, nowMs);
  trim();
  emit updated();
}

void RateHistoryModel::trim() {
  const double cutoff = static_cast<double>(latestMs_ - windowMs_);
  auto trimSeries = [cutoff](QVector<QPointF>& s) {
    auto it =
        std::find_if(s.begin(), s.end(), [cutoff](const QPointF& p) { return p.x() >= cutoff; });
    s.erase(s.begin(), it);
  };
  trimSeries(produce_);
  trimSeries(consume_);
  for (auto* byName : {&lag_, &queryRates_}) {
    for (auto it = byName->begin(); it != byName->end();) {
      trimSeries(it->second);
      it = it->second.isEmpty() ? byName->erase(it) : std::next(it);
    }
  }
}

}  // namespace runnel::widgets
