// WindowTimeline: what the Windows view draws for one windowed query — per key, its windows
// (bounds, record count, closed or not), the records that fell into them, the late records
// dropped (with why), and the rows emitted (EMIT CHANGES updates, the EMIT FINAL result),
// plus the window clause and the stream time. Fed by the engine's WindowTrace: a timer drains
// new trace events at most 30 times a second and emits changed() once per batch, whatever the
// record rate. Bounded: the most recent items per key, and the most active keys.
// Lives on the GUI thread (reading the trace takes its mutex briefly, never waits on the query).
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <deque>
#include <memory>
#include <unordered_map>

namespace runnel::sql {
class WindowTrace;
struct WindowEvent;
}  // namespace runnel::sql

namespace runnel::widgets {

enum class TimelineWindowKind { Tumbling, Hopping, Session };

struct TimelineSpec {
  TimelineWindowKind kind = TimelineWindowKind::Tumbling;
  qint64 sizeMs = 0;  // the gap for sessions
  qint64 advanceMs = 0;
  qint64 graceMs = 0;
  bool emitFinal = false;
};

struct TimelineWindow {
  qint64 start = 0;
  qint64 end = 0;  // exclusive for time windows; a session's last record
  int records = 0;
  bool closed = false;
};

struct TimelineRecord {
  qint64 eventTime = 0;
  qint64 offset = -1;
  bool late = false;
  qint64 arrivedAt = 0;    // the stream time when it came (late records: after their window closed)
  qint64 windowStart = 0;  // late records: the window that decided
  qint64 windowEnd = 0;
  QString reason;
};

struct TimelineEmit {
  qint64 windowStart = 0;
  qint64 windowEnd = 0;
  qint64 eventTime = 0;   // the record that caused it (updates)
  qint64 streamTime = 0;  // when it came out
  bool final = false;
  bool tombstone = false;
  bool passesHaving = true;
  QString values;
};

struct TimelineKey {
  QString key;
  qint64 activity = 0;  // events seen, for "most active first"
  std::deque<TimelineWindow> windows;
  std::deque<TimelineRecord> records;
  std::deque<TimelineEmit> emits;
};

class WindowTimeline : public QObject {
  Q_OBJECT
 public:
  static constexpr int kDrainIntervalMs = 33;  // ≤ 30 updates a second
  static constexpr int kMaxKeys = 400;
  static constexpr int kMaxItemsPerKey = 300;

  WindowTimeline(std::shared_ptr<sql::WindowTrace> trace, QString queryId,
                 QObject* parent = nullptr);
  ~WindowTimeline() override;

  const QString& queryId() const { return queryId_; }
  const TimelineSpec& spec() const { return spec_; }
  qint64 streamTime() const { return streamTime_; }
  bool hasStreamTime() const { return hasStreamTime_; }
  qint64 lateCount() const { return late_; }
  qint64 recordCount() const { return records_; }
  qint64 emitCount() const { return emits_; }

  // The keys in display order (most active first), keeping those containing `filter`.
  QList<const TimelineKey*> keys(const QString& filter = {}) const;
  const TimelineKey* key(const QString& key) const;
  int keyCount() const { return int(keys_.size()); }

  // Takes new trace events now (tests; the timer does it otherwise). Returns how many.
  int drain();

  // "5 min", "1 h 30 min", "250 ms".
  static QString formatDuration(qint64 ms);

 signals:
  void changed();

 private:
  void apply(const sql::WindowEvent& event);
  TimelineKey& keyFor(const std::string& key);
  void trim(TimelineKey& key);

  std::shared_ptr<sql::WindowTrace> trace_;
  QString queryId_;
  TimelineSpec spec_;
  QTimer timer_;
  quint64 lastSeq_ = 0;
  qint64 streamTime_ = 0;
  bool hasStreamTime_ = false;
  qint64 late_ = 0;
  qint64 records_ = 0;
  qint64 emits_ = 0;
  std::unordered_map<std::string, std::unique_ptr<TimelineKey>> keys_;
};

}  // namespace runnel::widgets
