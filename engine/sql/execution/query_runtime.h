// QueryRuntime: one running query — its consumer (assigned every partition of its input topics:
// the source, a joined source, the internal repartition topic), its producer, its operator
// pipelines built from the physical plan, and its state store. pollOnce() consumes one batch and
// pushes it through; checkpoint() makes the state and the input offsets durable together, after
// draining the repartition topic so that restarting can skip whatever stage 1 will produce again
// (see docs in the README: "State and restarts"). The QueryManager drives a runtime from a
// thread of its own, or synchronously in tests (pumpUntilIdle).
// Thread-safety: start/pollOnce/checkpoint/close on one thread at a time; stats() and wakeup()
// from any thread.
// Lifetime: the cluster client, clock and result sink must outlive the runtime.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/client/cluster_client.h"
#include "engine/common/clock.h"
#include "engine/sql/binder/bound_query.h"
#include "engine/sql/execution/exec_context.h"
#include "engine/sql/execution/operators/aggregate_operator.h"
#include "engine/sql/execution/operators/source_operator.h"
#include "engine/sql/execution/result_sink.h"
#include "engine/sql/planner/physical_plan.h"

namespace runnel::sql {

struct QueryStats {
  std::int64_t recordsIn = 0;
  std::int64_t recordsOut = 0;
  std::int64_t skipped = 0;
  std::int64_t late = 0;
  std::int64_t produceErrors = 0;
  std::vector<std::string> errors;  // most recent last
};

class QueryRuntime {
 public:
  struct Config {
    std::string queryId;
    std::shared_ptr<const BoundQuery> query;
    PhysicalPlan plan;
    std::optional<SourceInfo> sink;  // persistent queries
    ResultSink* result = nullptr;    // push queries
    std::string statePath;           // "" keeps state in memory
    bool persistent = false;
    client::OffsetReset offsetReset = client::OffsetReset::kLatest;
    std::int64_t commitIntervalMs = 2000;
  };

  QueryRuntime(client::ClusterClient& cluster, Clock& clock, Config config);
  ~QueryRuntime();
  QueryRuntime(const QueryRuntime&) = delete;
  QueryRuntime& operator=(const QueryRuntime&) = delete;

  Status start();
  // Consumes what is available (waiting up to `timeout`), returns how many records it read.
  Result<std::size_t> pollOnce(std::chrono::milliseconds timeout);
  Status checkpoint();
  // Checkpoints (persistent queries), then closes the consumer and producer.
  Status close();
  bool finished() const { return context_.finished(); }
  void wakeup();

  QueryStats stats() const;
  const Config& config() const { return config_; }

 private:
  Status buildPipelines();
  void route(const client::ConsumerRecord& record);
  Result<OffsetTable> positions();

  client::ClusterClient& cluster_;
  Clock& clock_;
  Config config_;
  ExecContext context_;
  std::unique_ptr<client::Producer> producer_;
  std::unique_ptr<client::Consumer> consumer_;
  std::unique_ptr<StateStore> store_;
  std::vector<std::unique_ptr<Operator>> operators_;
  SourceOperator* source_ = nullptr;             // stage 0
  SourceOperator* repartitionSource_ = nullptr;  // stage 1, when repartitioning
  SourceOperator* rightSource_ = nullptr;        // the joined source
  AggregateOperator* aggregate_ = nullptr;
  std::vector<client::TopicPartition> sourcePartitions_;
  std::vector<client::TopicPartition> repartitionPartitions_;
  std::int64_t lastCheckpointNs_ = 0;
  bool started_ = false;
  bool closed_ = false;
};

}  // namespace runnel::sql
