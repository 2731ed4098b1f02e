#include "widgets/models/log_strip_model.h"

#include <algorithm>
#include <cmath>

namespace runnel::widgets {

LogStripModel::LogStripModel(QObject* parent) : QObject(parent) {}

int LogStripModel::partitionCount(const QString& topic) const {
  for (const auto& [name, count] : partitionCounts_)
    if (name == topic) return count;
  return 0;
}

void LogStripModel::select(const QString& topic, int partition) {
  if (topic == topic_ && partition == partition_) return;
  topic_ = topic;
  partition_ = std::max(0, partition);
  state_ = LogStripState{};
  follow_ = true;
  if (auto view = lastView_) showView(view);
  updateWindow();
  emit changed();
}

void LogStripModel::showView(const ClusterViewPtr& view) {
  if (!view) return;
  lastView_ = view;
  QStringList topics;
  QVector<QPair<QString, int>> counts;
  for (const auto& t : view->topics) {
    if (t.internal) continue;
    topics << QString::fromStdString(t.name);
    counts.append({QString::fromStdString(t.name), t.partitions});
  }
  if (topics != topics_) {
    topics_ = topics;
    partitionCounts_ = counts;
    emit topicsChanged();
  } else {
    partitionCounts_ = counts;
  }
  if (topic_.isEmpty() && !topics_.isEmpty()) topic_ = topics_.front();

  const std::string topic = topic_.toStdString();
  LogStripState next;
  for (const auto& p : view->partitions) {
    if (p.topic != topic || p.partition != partition_) continue;
    next.known = true;
    next.logStart = std::max<qint64>(0, p.logStartOffset);
    next.highWatermark = std::max<qint64>(next.logStart, p.highWatermark);
    next.logEnd = std::max<qint64>(next.highWatermark, p.logEndOffset);
    next.leader = p.leader;
    for (std::int64_t base : p.segmentBaseOffsets)
      next.segmentBases.append(base);
    break;
  }
  for (const auto& g : view->groups) {
    for (const auto& gp : g.partitions) {
      if (gp.topicPartition.topic != topic || gp.topicPartition.partition != partition_) continue;
      if (gp.committedOffset < 0) continue;
      LogStripMarker m;
      m.group = QString::fromStdString(g.groupId);
      m.offset = gp.committedOffset;
      m.lag = gp.lag >= 0 ? gp.lag : std::max<qint64>(0, next.highWatermark - gp.committedOffset);
      m.hasMembers = !g.members.empty();
      next.markers.append(m);
    }
  }
  std::sort(next.markers.begin(), next.markers.end(),
            [](const LogStripMarker& a, const LogStripMarker& b) { return a.offset < b.offset; });
  state_ = std::move(next);
  updateWindow();
  emit changed();
}

void LogStripModel::setVisibleCells(int cells) {
  cells = std::max(1, cells);
  if (cells == cells_) return;
  cells_ = cells;
  updateWindow();
  emit changed();
}

void LogStripModel::setZoom(qint64 recordsPerCell) {
  zoom_ = std::max<qint64>(kFitWholeLog, recordsPerCell);
  updateWindow();
  emit changed();
}

qint64 LogStripModel::recordsPerCell() const {
  if (zoom_ >= 1) return zoom_;
  // Fit: the whole log plus one free cell for the next write.
  const qint64 span = std::max<qint64>(1, state_.logEnd - state_.logStart + 1);
  return std::max<qint64>(1, (span + cells_ - 1) / cells_);
}

void LogStripModel::setFollowLive(bool follow) {
  if (follow == follow_) return;
  follow_ = follow;
  updateWindow();
  emit changed();
}

void LogStripModel::scrollTo(qint64 offset) {
  follow_ = false;
  const qint64 rpc = recordsPerCell();
  first_ = std::max<qint64>(0, offset / rpc * rpc);
  emit changed();
}

void LogStripModel::updateWindow() {
  const qint64 rpc = recordsPerCell();
  if (zoom_ == kFitWholeLog) {
    first_ = state_.logStart / rpc * rpc;
    return;
  }
  if (!follow_) return;
  // The log end sits in the last cell (the slot the next record lands in), unless the whole
  // log fits, in which case it starts at the left edge.
  const qint64 lastCellStart = state_.logEnd / rpc * rpc;
  const qint64 first = lastCellStart - static_cast<qint64>(cells_ - 1) * rpc;
  first_ = std::max(state_.logStart / rpc * rpc, first);
  first_ = std::max<qint64>(0, first_);
}

double LogStripModel::positionOf(qint64 offset) const {
  return static_cast<double>(offset - first_) / static_cast<double>(recordsPerCell());
}

int LogStripModel::cellOf(qint64 offset) const {
  if (offset < first_) return -1;
  const qint64 cell = (offset - first_) / recordsPerCell();
  return cell < cells_ ? static_cast<int>(cell) : -1;
}

qint64 LogStripModel::offsetAt(int cell) const {
  return first_ + static_cast<qint64>(cell) * recordsPerCell();
}

}  // namespace runnel::widgets
