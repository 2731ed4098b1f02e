// RemoteProducer: the Producer interface over a librdkafka producer. Settings map to their
// librdkafka names (acks, linger.ms, batch.size, enable.idempotence, ...), the partitioner is
// murmur2 like the Java client's, and a background thread serves delivery reports so send
// callbacks run on the producer's own thread, as the interface promises.
// Thread-safety: every method may be called from any thread.
// Lifetime: owned by whoever created it; must be destroyed before its RemoteClusterClient.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "engine/client/client_config.h"
#include "engine/client/producer.h"
#include "engine/remote/kafka_handle.h"

namespace runnel::remote {

class RemoteProducer final : public client::Producer {
 public:
  static Result<std::unique_ptr<RemoteProducer>> create(const RemoteConfig& cluster,
                                                        const client::ProducerConfig& config,
                                                        std::shared_ptr<ConnectionHealth> health);
  ~RemoteProducer() override;

  void send(client::ProducerRecord record, client::SendCallback callback = {}) override;
  Status flush(std::chrono::milliseconds timeout) override;
  Result<std::int32_t> partitionFor(const std::string& topic,
                                    const std::optional<Bytes>& key) override;
  Status close(std::chrono::milliseconds timeout) override;

  // Called by librdkafka's delivery-report callback.
  void delivered(const rd_kafka_message_t& message);

 private:
  RemoteProducer() = default;
  void pollLoop();
  rd_kafka_topic_t* topicHandle(const std::string& topic);  // requires mu_

  std::unique_ptr<KafkaHandle> handle_;
  std::thread poller_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> closed_{false};

  std::mutex mu_;
  std::condition_variable idle_;
  std::int64_t inFlight_ = 0;  // guarded by mu_: sent, callback not yet run
  struct CachedCount {
    std::int32_t partitions = 0;
    std::chrono::steady_clock::time_point fetched;
  };
  std::map<std::string, CachedCount> partitionCounts_;  // guarded by mu_
  std::map<std::string, TopicPtr> topics_;              // guarded by mu_
  std::uint32_t nextKeyless_ = 0;                       // guarded by mu_
};

}  // namespace runnel::remote
