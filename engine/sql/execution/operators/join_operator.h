// JoinOperator: joins the rows of two sources, as Kafka Streams' joins do.
//  - stream-table: a stream row looks the table up by the join key (the table's key) at that
//    moment; table changes only update the lookup state and emit nothing. LEFT keeps unmatched
//    stream rows with NULLs for the table's columns.
//  - table-table: both tables are materialized by key; every change on either side re-computes
//    the joined row of its key (upsert, or a tombstone once an INNER/LEFT/RIGHT row stops
//    existing), carrying the row it replaces so table filters downstream can retract.
//  - stream-stream WITHIN (before, after): each side buffers its records by key until the join
//    window plus GRACE PERIOD has passed in stream time (one stream time over both inputs, the
//    largest event time seen); a record joins every buffered record of the other side in its
//    window. Outer joins emit a record that found no partner once its window closed. Records
//    arriving after that are late: dropped and counted.
// All state (table rows, stream buffers, stream time) lives in the query's StateStore under a
// reserved prefix, so it is committed with the input offsets and survives a restart.
// Left rows arrive through process(), right rows through rightInput(). Runs on the query's thread.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/sql/binder/bound_query.h"
#include "engine/sql/execution/exec_context.h"
#include "engine/sql/execution/operator.h"
#include "engine/sql/execution/state/state_store.h"

namespace runnel::sql {

class JoinOperator final : public Operator {
 public:
  JoinOperator(const BoundJoin& join, std::size_t leftWidth, StateStore& store,
               ExecContext& context);
  void process(Row row) override { processSide(Side::kLeft, std::move(row)); }
  Operator* rightInput() { return &rightInput_; }

 private:
  enum class Side : unsigned char { kLeft, kRight };
  class RightInput final : public Operator {
   public:
    explicit RightInput(JoinOperator& join) : join_(join) {}
    void process(Row row) override { join_.processSide(Side::kRight, std::move(row)); }

   private:
    JoinOperator& join_;
  };
  struct Stored {
    std::vector<Value> values;
    std::int64_t rowtime = 0;
    bool matched = false;
  };

  void processSide(Side side, Row row);
  void streamTable(Side side, const Row& row, const Value& key);
  void tableTable(Side side, Row row, const Value& key);
  void streamStream(Side side, const Row& row, const Value& key);
  void advanceStreamTime(std::int64_t t);

  bool outer(Side side) const;
  std::string prefix(Side side, const Value& key) const;
  std::optional<Stored> load(const std::string& stateKey) const;
  void save(const std::string& stateKey, const Stored& stored);
  // The joined row from each side's values (nullptr: that side is missing, NULLs).
  Row combine(const std::vector<Value>* left, const std::vector<Value>* right,
              const Value& key) const;

  const BoundJoin& join_;
  std::size_t leftWidth_;
  std::size_t rightWidth_;
  StateStore& store_;
  ExecContext& context_;
  RightInput rightInput_;
  std::int64_t streamTime_ = INT64_MIN;
  // Stream-stream buffers by the stream time at which their join window closes.
  std::set<std::pair<std::int64_t, std::string>> closing_;
};

}  // namespace runnel::sql
