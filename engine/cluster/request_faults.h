// RequestFaults: rules that make the Kafka front end answer chosen requests with an error code
// instead of serving them — "the next 3 Produce requests for payments get
// NOT_LEADER_OR_FOLLOWER", "30% of Fetch requests get REQUEST_TIMED_OUT". The Cluster holds them
// so the embedded control (client/) can set them and the Kafka handlers (kafka/) apply them; the
// error lands in the fields the API answers with (per partition where the response is per
// partition). A request touching a rule's topic is refused as a whole.
// Thread-safe: one leaf mutex; match() only reads an atomic while there are no rules.
#pragma once

#include <atomic>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/error_code.h"
#include "engine/common/result.h"
#include "engine/common/thread_annotations.h"

namespace runnel::cluster {

struct RequestFaultRule {
  std::int64_t id = 0;  // assigned by add()
  std::int16_t apiKey = 0;
  std::string topic;  // empty: every request of the API
  kafka::ErrorCode error = kafka::ErrorCode::kNone;
  std::int32_t count = 0;      // > 0: only the next `count` matching requests; 0: no limit
  double probability = 1.0;    // share of matching requests that get the error, in (0, 1]
  std::int32_t brokerId = -1;  // -1: every broker
  std::int64_t injected = 0;   // how many requests got it so far
};

// An API the front end can answer with an injected error, and how its answer carries errors.
struct InjectableApi {
  std::int16_t apiKey;
  std::string_view name;  // "Produce"
  bool perPartition;      // the error goes to every partition of the request
};
const std::vector<InjectableApi>& injectableApis();
// "Produce"; "API 42" for one not in injectableApis().
std::string apiName(std::int16_t apiKey);
// "Produce to payments on any broker answers NOT_LEADER_OR_FOLLOWER (next 3 requests)"
std::string describe(const RequestFaultRule& rule);

class RequestFaults {
 public:
  // Validates (a known API, a real error code, count >= 0, probability in (0, 1]) and returns
  // the rule's id.
  Result<std::int64_t> add(RequestFaultRule rule) EXCLUDES(mu_);
  bool remove(std::int64_t id) EXCLUDES(mu_);
  void clear() EXCLUDES(mu_);
  std::vector<RequestFaultRule> rules() const EXCLUDES(mu_);
  // The error a request of `apiKey` on `brokerId` touching `topics` must get, or kNone. The
  // first rule that fires counts it; a rule whose count is used up goes away.
  kafka::ErrorCode match(std::int16_t apiKey, std::int32_t brokerId,
                         const std::vector<std::string_view>& topics) EXCLUDES(mu_);

 private:
  mutable Mutex mu_;
  std::vector<RequestFaultRule> rules_ GUARDED_BY(mu_);
  std::int64_t nextId_ GUARDED_BY(mu_) = 1;
  std::mt19937_64 rng_ GUARDED_BY(mu_){0x5eed};
  std::atomic<bool> any_{false};
};

}  // namespace runnel::cluster
