#include "widgets/models/live_result.h"

#include "widgets/models/live_result_feed.h"

namespace runnel::widgets {
namespace {
constexpr qint64 kRateWindowMs = 3000;
}

LiveResult::LiveResult(std::shared_ptr<LiveResultFeed> feed, QString sql, QObject* parent)
    : QObject(parent), feed_(std::move(feed)), sql_(std::move(sql)) {
  qRegisterMetaType<LiveResultHeader>();
  qRegisterMetaType<LiveRow>();
  clock_.start();
  timer_.setInterval(kDrainIntervalMs);
  connect(&timer_, &QTimer::timeout, this, &LiveResult::drain);
  timer_.start();
}

LiveResult::~LiveResult() = default;

void LiveResult::setPaused(bool paused) {
  if (paused_ == paused) return;
  paused_ = paused;
  emit statsChanged();
  if (!paused_) drain();
}

void LiveResult::drain() {
  if (paused_ || ended_) {
    if (ended_) timer_.stop();
    return;
  }
  LiveResultFeed::Batch batch = feed_->take();
  if (batch.header) {
    header_ = *batch.header;
    emit started(*batch.header);
  }
  const qint64 now = clock_.elapsed();
  if (!batch.rows.isEmpty()) {
    rows_ += batch.rows.size();
    recent_.emplace_back(now, batch.rows.size());
    emit rowsArrived(batch.rows);
  }
  while (!recent_.empty() && recent_.front().first < now - kRateWindowMs)
    recent_.pop_front();
  qint64 recentRows = 0;
  for (const auto& [ms, n] : recent_)
    recentRows += n;
  const double rate =
      double(recentRows) * 1000.0 / double(std::min<qint64>(now + 1, kRateWindowMs));
  const bool changed = !batch.rows.isEmpty() || rate != rate_;
  rate_ = rate;
  if (batch.ended) {
    ended_ = true;
    endError_ = batch.error;
    timer_.stop();
    emit statsChanged();
    emit finished(endError_);
    return;
  }
  if (changed) emit statsChanged();
}

}  // namespace runnel::widgets
