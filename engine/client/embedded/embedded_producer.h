// EmbeddedProducer: the in-process Producer over the embedded Cluster. send() partitions a record
// (murmur2 of the key; sticky for null keys) and appends it to its partition's open RecordBatch
// v2; a sender thread closes batches when full (batch.size) or lingered (linger.ms), sends them
// to each partition's current leader (Broker::produce, grouped per broker), retries retriable
// errors with back-off until delivery.timeout.ms (the leader is looked up afresh each attempt,
// so NOT_LEADER_OR_FOLLOWER follows the new leader), and completes callbacks in order.
// Idempotence: each partition carries a producer id (allocated from the cluster's metadata
// store, Kafka's InitProducerId), an epoch and sequence numbers stamped into the batch header;
// one batch per partition is in flight at a time, so a retry always carries the sequence the
// leader expects next and a batch the leader already has is answered as a duplicate, never
// written twice. A batch that finally fails gives its partition a fresh producer id.
// Thread-safety: every method may be called from any thread; callbacks run on the sender thread.
// Lifetime: borrows the Cluster, which must outlive it; destruction closes it.
#pragma once

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>
#include <vector>

#include "engine/client/embedded/partitioner.h"
#include "engine/client/producer.h"
#include "engine/client/client_config.h"
#include "engine/cluster/cluster.h"
#include "engine/record/record_batch_builder.h"

namespace runnel::client::embedded {

class EmbeddedProducer final : public Producer {
 public:
  static Result<std::unique_ptr<EmbeddedProducer>> create(cluster::Cluster& cluster,
                                                          ProducerConfig config);
  ~EmbeddedProducer() override;

  void send(ProducerRecord record, SendCallback callback) override;
  Status flush(std::chrono::milliseconds timeout) override;
  Result<std::int32_t> partitionFor(const std::string& topic,
                                    const std::optional<Bytes>& key) override;
  Status close(std::chrono::milliseconds timeout) override;

  // Batches sent again after a retriable error (for tests and the studio's metrics).
  std::uint64_t retries() const;

 private:
  struct Batch;
  struct PartitionState;
  struct Response;
  using Completion = std::function<void()>;

  EmbeddedProducer(cluster::Cluster& cluster, ProducerConfig config);
  Result<std::int32_t> partitionCount(const std::string& topic);
  std::unique_ptr<Batch> newBatch(const cluster::TopicPartition& tp);
  void closeOpenBatch(PartitionState& state, const cluster::TopicPartition& tp);
  void run();
  // One pass of the sender: handles answers, closes lingered batches, sends what may go.
  // Returns how long it may sleep.
  std::int64_t step(std::unique_lock<std::mutex>& lock, std::vector<Completion>& completions);
  void handleResponse(Response response, std::vector<Completion>& completions);
  void completeBatch(PartitionState& state, std::unique_ptr<Batch> batch, std::int64_t baseOffset,
                     std::int64_t logAppendTimeMs, std::vector<Completion>& completions);
  void failBatch(PartitionState& state, std::unique_ptr<Batch> batch, const Status& why,
                 std::vector<Completion>& completions);
  Status assignProducerId(PartitionState& state);
  std::int64_t nowNs() const;

  cluster::Cluster& cluster_;
  const ProducerConfig config_;

  mutable std::mutex mu_;
  std::condition_variable wake_;   // the sender: work arrived
  std::condition_variable space_;  // send(): buffer memory freed
  std::condition_variable done_;   // flush(): records completed
  std::unordered_map<cluster::TopicPartition, std::unique_ptr<PartitionState>,
                     cluster::TopicPartitionHash>
      partitions_;
  std::map<std::string, std::pair<std::int32_t, std::int64_t>>
      partitionCounts_;  // count, fetched at (ns)
  std::map<std::string, StickyPartition> sticky_;
  std::mt19937 rng_;
  std::deque<Response> responses_;
  std::int64_t bufferUsed_ = 0;
  std::int64_t pendingRecords_ = 0;
  std::int64_t retiring_ = 0;  // completed records whose callbacks the sender has yet to run
  std::int32_t flushers_ = 0;
  bool closing_ = false;
  bool stopped_ = false;
  std::uint64_t retries_ = 0;
  std::thread sender_;

  // Brokers answer on their own threads, and an acks=all answer can come after this producer
  // is destroyed (at the request timeout, or when a broker dies): answers reach it only through
  // this gate, which close() shuts before the producer may go away. Lock order: gate, then mu_.
  struct AnswerGate {
    std::mutex mu;
    EmbeddedProducer* producer = nullptr;  // null once closed; guarded by mu
  };
  std::shared_ptr<AnswerGate> gate_ = std::make_shared<AnswerGate>();
  void acceptAnswer(cluster::ProduceResponse response);
};

}  // namespace runnel::client::embedded
