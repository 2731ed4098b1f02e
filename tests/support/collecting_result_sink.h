// CollectingResultSink: a ResultSink for tests that keeps every row a push query delivered and
// renders them as text ("[0,300000) 4111-... | 4", "- " before tombstones).
// Thread-safety: rows may arrive on a query thread while the test reads: one mutex.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "engine/sql/execution/result_sink.h"

namespace runnel::testing {

class CollectingResultSink final : public sql::ResultSink {
 public:
  void onStart(const std::string& queryId, const sql::Schema& columns, bool table,
               sql::WindowKind window) override {
    std::lock_guard<std::mutex> lock(mu_);
    queryId_ = queryId;
    columns_ = columns;
    table_ = table;
    (void)window;
  }
  void onRow(const sql::ResultRow& row) override {
    std::lock_guard<std::mutex> lock(mu_);
    rows_.push_back(row);
  }
  void onEnd(const Status& status) override {
    std::lock_guard<std::mutex> lock(mu_);
    ended_ = true;
    endStatus_ = status;
  }

  std::vector<sql::ResultRow> rows() const {
    std::lock_guard<std::mutex> lock(mu_);
    return rows_;
  }
  std::vector<std::string> lines() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::string> out;
    for (const auto& r : rows_)
      out.push_back(render(r));
    return out;
  }
  bool ended() const {
    std::lock_guard<std::mutex> lock(mu_);
    return ended_;
  }
  sql::Schema columns() const {
    std::lock_guard<std::mutex> lock(mu_);
    return columns_;
  }
  void clear() {
    std::lock_guard<std::mutex> lock(mu_);
    rows_.clear();
    ended_ = false;
  }

  static std::string render(const sql::ResultRow& r) {
    std::string out = r.tombstone ? "- " : "";
    if (r.window)
      out += "[" + std::to_string(r.window->start) + "," + std::to_string(r.window->end) + ") ";
    for (std::size_t i = 0; i < r.values.size(); ++i)
      out += (i ? " | " : "") + r.values[i].toString();
    return out;
  }

 private:
  mutable std::mutex mu_;
  std::string queryId_;
  sql::Schema columns_;
  bool table_ = false;
  std::vector<sql::ResultRow> rows_;
  bool ended_ = false;
  Status endStatus_;
};

}  // namespace runnel::testing
