// LogStripModel: what the log strip draws for one partition — log start, high watermark, log end,
// segment boundaries and each consumer group's committed position with its lag — and the
// window of offsets on screen (which offset each cell holds, how many records a cell stands for,
// following the live end or parked). It keeps offsets only, never records, so it costs the same
// at a million records per second. Fed ClusterViews (≤ 30 a second) by the ClusterFeed.
// GUI thread only.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include "widgets/models/cluster_feed.h"

namespace runnel::widgets {

struct LogStripMarker {
  QString group;
  qint64 offset = -1;  // committed: the next record the group will read
  qint64 lag = -1;
  bool hasMembers = false;
};

struct LogStripState {
  bool known = false;  // the selected partition is in the latest view
  qint64 logStart = 0;
  qint64 highWatermark = 0;
  qint64 logEnd = 0;
  QVector<qint64> segmentBases;  // oldest first
  QVector<LogStripMarker> markers;
  int leader = -1;
};

class LogStripModel : public QObject {
  Q_OBJECT
 public:
  // recordsPerCell() == kFitWholeLog squeezes log start .. log end into the visible cells.
  static constexpr qint64 kFitWholeLog = 0;

  explicit LogStripModel(QObject* parent = nullptr);

  void showView(const ClusterViewPtr& view);

  QStringList topics() const { return topics_; }
  int partitionCount(const QString& topic) const;
  void select(const QString& topic, int partition);
  QString topic() const { return topic_; }
  int partition() const { return partition_; }
  const LogStripState& state() const { return state_; }

  // The window: how many cells fit, how many records each holds, and where it starts.
  void setVisibleCells(int cells);
  int visibleCells() const { return cells_; }
  void setZoom(qint64 recordsPerCell);  // kFitWholeLog or >= 1
  qint64 zoom() const { return zoom_; }
  qint64 recordsPerCell() const;  // effective, >= 1
  void setFollowLive(bool follow);
  bool followLive() const { return follow_; }
  // Parks the window so it starts at `offset` (stops following).
  void scrollTo(qint64 offset);
  qint64 firstOffset() const { return first_; }

  // Geometry, in cells from the left edge: where `offset` begins (may be < 0 or > cells).
  double positionOf(qint64 offset) const;
  // The cell holding `offset`, or -1 when it is off screen.
  int cellOf(qint64 offset) const;
  // The first offset a cell holds.
  qint64 offsetAt(int cell) const;

 signals:
  void changed();
  void topicsChanged();

 private:
  void updateWindow();

  QStringList topics_;
  QVector<QPair<QString, int>> partitionCounts_;
  QString topic_;
  int partition_ = 0;
  LogStripState state_;
  ClusterViewPtr lastView_;
  int cells_ = 40;
  qint64 zoom_ = 1;
  bool follow_ = true;
  qint64 first_ = 0;
};

}  // namespace runnel::widgets
