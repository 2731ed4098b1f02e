// ConnectionHealth: what librdkafka last said about reaching the cluster (connection refused,
// authentication failed, all brokers down), shared by every handle of one RemoteClusterClient,
// so a timed-out call can say *why* ("cannot reach Kafka at host:9092: Connection refused")
// instead of a bare timeout. Also maps librdkafka error codes to Status codes.
// Thread-safety: all methods may be called from any thread (librdkafka's callbacks run on its
// own threads).
#pragma once

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "engine/common/status.h"

namespace runnel::remote {

class ConnectionHealth {
 public:
  explicit ConnectionHealth(std::string bootstrap) : bootstrap_(std::move(bootstrap)) {}

  const std::string& bootstrap() const { return bootstrap_; }

  // From librdkafka's error_cb: remembered as the likely cause of later failures.
  void onError(rd_kafka_resp_err_t err, std::string_view reason);
  // A request succeeded: the cluster is reachable again.
  void onSuccess();
  // The last connection-level problem ("" when none since the last success).
  std::string lastProblem() const;
  bool authenticationFailed() const;
  // librdkafka said every known broker is down (and nothing has succeeded since).
  bool allBrokersDown() const;

  // The Status for a failed call: `what` says what was attempted ("creating topic orders"),
  // `detail` is librdkafka's message. Connection-level failures name the bootstrap servers and
  // the last cause librdkafka reported.
  Status failure(rd_kafka_resp_err_t err, std::string_view what,
                 std::string_view detail = {}) const;

 private:
  const std::string bootstrap_;
  mutable std::mutex mu_;
  rd_kafka_resp_err_t lastErr_ = RD_KAFKA_RESP_ERR_NO_ERROR;  // guarded by mu_
  std::string lastReason_;                                    // guarded by mu_
  bool allDown_ = false;                                      // guarded by mu_
};

// True for errors that mean "no broker answered" rather than "the broker said no".
bool isConnectionError(rd_kafka_resp_err_t err);

}  // namespace runnel::remote
