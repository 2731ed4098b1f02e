// TextResultSink: a ResultSink that turns a push query's rows into printable lines for
// runnel-sql — a header with the column names, then one line per row ("| a | 4 |"), the window
// as its first cells for windowed results, and "(deleted)" after tombstones; or one JSON object
// per row. Lines go to a callback, called on the query's thread.
// Thread-safety: the callback must be safe to call from a query thread; the sink keeps no state
// shared with other threads besides what the callback touches.
#pragma once

#include <functional>
#include <string>

#include "engine/sql/execution/result_sink.h"

namespace runnel::sql {

class TextResultSink final : public ResultSink {
 public:
  enum class Style { kTable, kJson };
  using LineCallback = std::function<void(const std::string& line)>;

  TextResultSink(Style style, LineCallback onLine, std::function<void(const Status&)> onEnd = {})
      : style_(style), onLine_(std::move(onLine)), onEndCallback_(std::move(onEnd)) {}

  void onStart(const std::string& queryId, const Schema& columns, bool table,
               WindowKind window) override;
  void onRow(const ResultRow& row) override;
  void onEnd(const Status& status) override {
    if (onEndCallback_) onEndCallback_(status);
  }

 private:
  Style style_;
  LineCallback onLine_;
  std::function<void(const Status&)> onEndCallback_;
  Schema columns_;
  bool windowed_ = false;
};

}  // namespace runnel::sql
