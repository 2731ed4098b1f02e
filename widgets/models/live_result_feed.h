// LiveResultFeed: the engine-side half of a LiveResult — a ResultSink that renders each row to
// text on the query's thread and queues it for the GUI thread to take in batches.
// Thread-safety: the sink methods run on a query thread, take() on the GUI thread; one mutex.
// Shared (shared_ptr) by the LiveResult and the SqlSession, which keeps it until the engine
// has stopped the query.
#pragma once

#include <QList>
#include <mutex>
#include <optional>

#include "engine/sql/execution/result_sink.h"
#include "widgets/models/live_result.h"

namespace runnel::widgets {

class LiveResultFeed final : public sql::ResultSink {
 public:
  void onStart(const std::string& queryId, const sql::Schema& columns, bool table,
               sql::WindowKind window) override;
  void onRow(const sql::ResultRow& row) override;
  void onEnd(const Status& status) override;

  struct Batch {
    std::optional<LiveResultHeader> header;  // until taken once
    QList<LiveRow> rows;
    bool ended = false;
    QString error;
  };
  Batch take();
  bool started() const;

 private:
  mutable std::mutex mu_;
  std::optional<LiveResultHeader> header_;
  bool headerTaken_ = false;
  std::vector<int> keyIndexes_;
  bool windowed_ = false;
  QList<LiveRow> queue_;
  bool ended_ = false;
  QString error_;
};

}  // namespace runnel::widgets
