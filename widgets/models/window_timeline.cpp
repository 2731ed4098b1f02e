#include "widgets/models/window_timeline.h"

#include <algorithm>

#include "engine/sql/execution/window_trace.h"

namespace runnel::widgets {

WindowTimeline::WindowTimeline(std::shared_ptr<sql::WindowTrace> trace, QString queryId,
                               QObject* parent)
    : QObject(parent), trace_(std::move(trace)), queryId_(std::move(queryId)) {
  const sql::WindowTraceSpec& s = trace_->spec();
  spec_.kind = s.kind == sql::WindowKind::kSession   ? TimelineWindowKind::Session
               : s.kind == sql::WindowKind::kHopping ? TimelineWindowKind::Hopping
                                                     : TimelineWindowKind::Tumbling;
  spec_.sizeMs = s.sizeMs;
  spec_.advanceMs = s.advanceMs;
  spec_.graceMs = s.graceMs;
  spec_.emitFinal = s.emitFinal;
  timer_.setInterval(kDrainIntervalMs);
  connect(&timer_, &QTimer::timeout, this, [this] { drain(); });
  timer_.start();
}

WindowTimeline::~WindowTimeline() = default;

int WindowTimeline::drain() {
  const auto events = trace_->since(lastSeq_);
  if (events.empty()) return 0;
  for (const auto& e : events)
    apply(e);
  lastSeq_ = events.back().seq;
  // Forget the quietest keys beyond the bound, so memory stays flat on any key count.
  if (keys_.size() > std::size_t(kMaxKeys)) {
    std::vector<std::pair<qint64, std::string>> order;
    for (const auto& [k, v] : keys_)
      order.emplace_back(v->activity, k);
    std::sort(order.begin(), order.end());
    for (std::size_t i = 0; i + kMaxKeys < order.size(); ++i)
      keys_.erase(order[i].second);
  }
  emit changed();
  return int(events.size());
}

TimelineKey& WindowTimeline::keyFor(const std::string& key) {
  auto& slot = keys_[key];
  if (!slot) {
    slot = std::make_unique<TimelineKey>();
    slot->key = QString::fromStdString(key);
  }
  ++slot->activity;
  return *slot;
}

void WindowTimeline::trim(TimelineKey& k) {
  while (k.records.size() > std::size_t(kMaxItemsPerKey))
    k.records.pop_front();
  while (k.windows.size() > std::size_t(kMaxItemsPerKey))
    k.windows.pop_front();
  while (k.emits.size() > std::size_t(kMaxItemsPerKey))
    k.emits.pop_front();
}

void WindowTimeline::apply(const sql::WindowEvent& e) {
  if (!hasStreamTime_ || e.streamTime > streamTime_) streamTime_ = e.streamTime;
  hasStreamTime_ = true;
  TimelineKey& k = keyFor(e.key);
  auto findWindow = [&k](const sql::WindowBounds& w) -> TimelineWindow* {
    for (auto it = k.windows.rbegin(); it != k.windows.rend(); ++it)
      if (it->start == w.start && it->end == w.end) return &*it;
    return nullptr;
  };
  switch (e.kind) {
    case sql::WindowEventKind::kRecord: {
      ++records_;
      int carried = 0;
      for (const auto& gone : e.mergedAway) {
        auto it = std::find_if(k.windows.begin(), k.windows.end(), [&](const TimelineWindow& w) {
          return w.start == gone.start && w.end == gone.end;
        });
        if (it == k.windows.end()) continue;
        carried += it->records;
        k.windows.erase(it);
      }
      for (const auto& w : e.windows) {
        TimelineWindow* found = findWindow(w);
        if (!found) {
          k.windows.push_back({w.start, w.end, 0, false});
          found = &k.windows.back();
          // Keep windows in start order: a session may open before ones already drawn.
          std::sort(k.windows.begin(), k.windows.end(),
                    [](const TimelineWindow& a, const TimelineWindow& b) {
                      return a.start != b.start ? a.start < b.start : a.end < b.end;
                    });
          found = findWindow(w);
        }
        found->records += 1 + carried;
        carried = 0;
      }
      TimelineRecord r;
      r.eventTime = e.eventTime;
      r.offset = e.offset;
      r.arrivedAt = e.streamTime;
      k.records.push_back(r);
      break;
    }
    case sql::WindowEventKind::kLate: {
      ++late_;
      TimelineRecord r;
      r.eventTime = e.eventTime;
      r.offset = e.offset;
      r.late = true;
      r.arrivedAt = e.streamTime;
      if (!e.windows.empty()) {
        r.windowStart = e.windows.back().start;
        r.windowEnd = e.windows.back().end;
      }
      r.reason = QString::fromStdString(e.reason);
      k.records.push_back(r);
      break;
    }
    case sql::WindowEventKind::kEmit: {
      ++emits_;
      TimelineEmit m;
      m.windowStart = e.windows.at(0).start;
      m.windowEnd = e.windows.at(0).end;
      m.eventTime = e.eventTime;
      m.streamTime = e.streamTime;
      m.final = e.final;
      m.tombstone = e.tombstone;
      m.passesHaving = e.passesHaving;
      m.values = QString::fromStdString(e.values);
      k.emits.push_back(m);
      break;
    }
    case sql::WindowEventKind::kClose:
      if (TimelineWindow* w = findWindow(e.windows.at(0))) w->closed = true;
      --k.activity;  // a close is not activity of the key
      break;
  }
  trim(k);
}

QList<const TimelineKey*> WindowTimeline::keys(const QString& filter) const {
  QList<const TimelineKey*> out;
  for (const auto& [name, k] : keys_)
    if (filter.isEmpty() || k->key.contains(filter, Qt::CaseInsensitive)) out << k.get();
  std::sort(out.begin(), out.end(), [](const TimelineKey* a, const TimelineKey* b) {
    return a->activity != b->activity ? a->activity > b->activity : a->key < b->key;
  });
  return out;
}

const TimelineKey* WindowTimeline::key(const QString& key) const {
  auto it = keys_.find(key.toStdString());
  return it == keys_.end() ? nullptr : it->second.get();
}

QString WindowTimeline::formatDuration(qint64 ms) {
  if (ms % 1000 != 0 || ms == 0) return QStringLiteral("%1 ms").arg(ms);
  qint64 s = ms / 1000;
  QStringList parts;
  const qint64 days = s / 86400;
  s %= 86400;
  const qint64 hours = s / 3600;
  s %= 3600;
  const qint64 minutes = s / 60;
  s %= 60;
  if (days) parts << QStringLiteral("%1 d").arg(days);
  if (hours) parts << QStringLiteral("%1 h").arg(hours);
  if (minutes) parts << QStringLiteral("%1 min").arg(minutes);
  if (s) parts << QStringLiteral("%1 s").arg(s);
  return parts.join(QLatin1Char(' '));
}

}  // namespace runnel::widgets
