// KafkaHandle: one librdkafka client instance (rd_kafka_t) configured from the cluster's
// RemoteConfig plus per-client settings, with librdkafka's errors feeding the shared
// ConnectionHealth and its log lines going to the engine's logger instead of stderr.
// Owns the rd_kafka_t (destroyed with the handle, which joins librdkafka's threads).
// Thread-safety: librdkafka handles are thread-safe; this wrapper adds no state after create().
#pragma once

#include <librdkafka/rdkafka.h>

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

#include "engine/client/client_config.h"
#include "engine/client/consumer.h"
#include "engine/common/result.h"
#include "engine/remote/connection_health.h"
#include "engine/remote/remote_config.h"

namespace runnel::remote {

class KafkaHandle {
 public:
  // What librdkafka's callbacks get back as their opaque.
  struct Callbacks {
    std::shared_ptr<ConnectionHealth> health;
    void* owner = nullptr;  // the RemoteProducer / RemoteConsumer using the handle
  };

  // `settings` (derived from the client's config) come first, then the cluster's properties,
  // then `extra` (the client config's pass-through), so later ones win. `setup` may install
  // more callbacks on the conf (delivery reports, rebalances).
  static Result<std::unique_ptr<KafkaHandle>> create(
      rd_kafka_type_t type, const RemoteConfig& cluster, const client::Properties& settings,
      const client::Properties& extra, std::shared_ptr<ConnectionHealth> health, void* owner,
      const std::function<void(rd_kafka_conf_t*)>& setup = {});
  ~KafkaHandle();
  KafkaHandle(const KafkaHandle&) = delete;
  KafkaHandle& operator=(const KafkaHandle&) = delete;

  rd_kafka_t* get() const { return rk_; }
  // Serves the handle's callbacks (errors, logs) on a thread of its own, for handles nobody
  // polls (the admin's): without it librdkafka's connection errors would never be heard.
  void startServing();
  ConnectionHealth& health() const { return *callbacks_->health; }
  static void* ownerOf(void* opaque) { return static_cast<Callbacks*>(opaque)->owner; }

 private:
  KafkaHandle(rd_kafka_t* rk, std::unique_ptr<Callbacks> callbacks)
      : rk_(rk), callbacks_(std::move(callbacks)) {}

  rd_kafka_t* rk_;
  std::unique_ptr<Callbacks> callbacks_;
  std::atomic<bool> stop_{false};
  std::thread server_;
};

// Frees librdkafka objects with the right function (for std::unique_ptr).
struct RdKafkaDeleter {
  void operator()(rd_kafka_topic_partition_list_t* p) const {
    rd_kafka_topic_partition_list_destroy(p);
  }
  void operator()(rd_kafka_event_t* p) const { rd_kafka_event_destroy(p); }
  void operator()(rd_kafka_queue_t* p) const { rd_kafka_queue_destroy(p); }
  void operator()(const rd_kafka_metadata_t* p) const { rd_kafka_metadata_destroy(p); }
  void operator()(rd_kafka_AdminOptions_t* p) const { rd_kafka_AdminOptions_destroy(p); }
  void operator()(rd_kafka_message_t* p) const { rd_kafka_message_destroy(p); }
  void operator()(rd_kafka_topic_t* p) const { rd_kafka_topic_destroy(p); }
};
using PartitionListPtr = std::unique_ptr<rd_kafka_topic_partition_list_t, RdKafkaDeleter>;
using EventPtr = std::unique_ptr<rd_kafka_event_t, RdKafkaDeleter>;
using QueuePtr = std::unique_ptr<rd_kafka_queue_t, RdKafkaDeleter>;
using MetadataPtr = std::unique_ptr<const rd_kafka_metadata_t, RdKafkaDeleter>;
using AdminOptionsPtr = std::unique_ptr<rd_kafka_AdminOptions_t, RdKafkaDeleter>;
using MessagePtr = std::unique_ptr<rd_kafka_message_t, RdKafkaDeleter>;
using TopicPtr = std::unique_ptr<rd_kafka_topic_t, RdKafkaDeleter>;

inline PartitionListPtr newPartitionList(int size) {
  return PartitionListPtr(rd_kafka_topic_partition_list_new(size));
}

// The committed offsets (with metadata) in a librdkafka partition list, skipping partitions
// without one (negative offsets), as the client interfaces report them.
void addCommittedOffsets(const rd_kafka_topic_partition_list_t& list, client::OffsetMap& out);

// A fresh Metadata answer (all topics or none), or the reason there is none.
Result<MetadataPtr> fetchMetadata(rd_kafka_t* rk, ConnectionHealth& health, bool allTopics,
                                  int timeoutMs, std::string_view what);

}  // namespace runnel::remote
