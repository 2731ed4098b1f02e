// Producer: sends records to a cluster, Kafka's way — partitioned by murmur2 of the key (sticky
// batching for null keys), accumulated per partition up to batch.size or linger.ms, retried on
// retriable errors, idempotent by default so retries never duplicate. The same interface is
// implemented in process (over the embedded cluster) and with librdkafka (remote clusters).
// Thread-safety: every method may be called from any thread. Callbacks run on the producer's
// own I/O thread: keep them short and never call flush() or close() from one.
// Lifetime: destroying a producer closes it (waiting for in-flight sends up to a short timeout).
#pragma once

#include <chrono>
#include <functional>

#include "engine/client/client_records.h"
#include "engine/common/result.h"

namespace runnel::client {

using SendCallback = std::function<void(const Result<RecordMetadata>&)>;

class Producer {
 public:
  virtual ~Producer() = default;

  // Queues a record and returns at once (blocks only while buffer.memory is exhausted). The
  // callback receives the record's offset once acknowledged per `acks`, or the final error
  // (after retries, or when delivery.timeout.ms passes).
  virtual void send(ProducerRecord record, SendCallback callback = {}) = 0;
  // Sends everything queued now and waits for the outcome; TimedOut if it takes longer.
  virtual Status flush(std::chrono::milliseconds timeout) = 0;
  // The partition a key would go to, as the default partitioner decides (Java-compatible).
  virtual Result<std::int32_t> partitionFor(const std::string& topic,
                                            const std::optional<Bytes>& key) = 0;
  // Flushes (up to `timeout`), then stops; later sends fail with Aborted.
  virtual Status close(std::chrono::milliseconds timeout) = 0;
};

}  // namespace runnel::client
