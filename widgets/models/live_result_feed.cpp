#include "widgets/models/live_result_feed.h"

#include "engine/sql/types/value.h"

namespace runnel::widgets {

void LiveResultFeed::onStart(const std::string& queryId, const sql::Schema& columns, bool table,
                             sql::WindowKind window) {
  LiveResultHeader h;
  h.queryId = QString::fromStdString(queryId);
  h.table = table;
  h.windowed = window != sql::WindowKind::kNone;
  if (h.windowed) {
    h.columns << QStringLiteral("WINDOWSTART") << QStringLiteral("WINDOWEND");
    h.keyColumn << true << true;
  }
  for (const auto& c : columns.columns) {
    h.columns << QString::fromStdString(c.name);
    h.keyColumn << (c.role == sql::ColumnRole::kKey);
  }
  std::lock_guard<std::mutex> lock(mu_);
  keyIndexes_ = columns.keyIndexes();
  windowed_ = h.windowed;
  header_ = std::move(h);
}

void LiveResultFeed::onRow(const sql::ResultRow& row) {
  LiveRow r;
  r.tombstone = row.tombstone;
  r.rowtime = row.rowtime;
  std::vector<int> keys;
  bool windowed = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    keys = keyIndexes_;
    windowed = windowed_;
  }
  if (windowed) {
    const auto w = row.window.value_or(sql::WindowBounds{});
    r.cells << QString::fromStdString(sql::formatTimestamp(w.start))
            << QString::fromStdString(sql::formatTimestamp(w.end));
    r.key = QString::number(w.start) + QLatin1Char('/') + QString::number(w.end);
  }
  for (const auto& v : row.values)
    r.cells << QString::fromStdString(v.toString());
  for (int k : keys)
    if (k >= 0 && std::size_t(k) < row.values.size())
      r.key += QLatin1Char('\x1f') + QString::fromStdString(row.values[std::size_t(k)].toLiteral());
  std::lock_guard<std::mutex> lock(mu_);
  queue_.push_back(std::move(r));
}

void LiveResultFeed::onEnd(const Status& status) {
  std::lock_guard<std::mutex> lock(mu_);
  ended_ = true;
  if (!status.isOk()) error_ = QString::fromStdString(status.message());
}

LiveResultFeed::Batch LiveResultFeed::take() {
  std::lock_guard<std::mutex> lock(mu_);
  Batch b;
  if (header_ && !headerTaken_) {
    b.header = header_;
    headerTaken_ = true;
  }
  b.rows.swap(queue_);
  b.ended = ended_;
  b.error = error_;
  return b;
}

bool LiveResultFeed::started() const {
  std::lock_guard<std::mutex> lock(mu_);
  return header_.has_value();
}

}  // namespace runnel::widgets
