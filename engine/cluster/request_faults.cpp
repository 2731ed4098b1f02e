#include "engine/cluster/request_faults.h"

#include <algorithm>
#include <cmath>

namespace runnel::cluster {

const std::vector<InjectableApi>& injectableApis() {
  static const std::vector<InjectableApi> apis = {
      {0, "Produce", true},          {1, "Fetch", true},
      {2, "ListOffsets", true},      {3, "Metadata", true},
      {8, "OffsetCommit", true},     {10, "FindCoordinator", false},
      {11, "JoinGroup", false},      {12, "Heartbeat", false},
      {13, "LeaveGroup", false},     {14, "SyncGroup", false},
      {22, "InitProducerId", false},
  };
  return apis;
}

std::string apiName(std::int16_t apiKey) {
  for (const InjectableApi& api : injectableApis()) {
    if (api.apiKey == apiKey) return std::string(api.name);
  }
  return "API " + std::to_string(apiKey);
}

std::string describe(const RequestFaultRule& rule) {
  std::string s = apiName(rule.apiKey);
  if (!rule.topic.empty()) s += " for " + rule.topic;
  s += rule.brokerId < 0 ? " on any broker" : " on broker " + std::to_string(rule.brokerId);
  s += " answers " + std::string(kafka::errorCodeName(rule.error));
  if (rule.count > 0) {
    s += " (next " + std::to_string(rule.count) + (rule.count == 1 ? " request)" : " requests)");
  } else if (rule.probability < 1.0) {
    s += " (" + std::to_string(std::lround(rule.probability * 100)) + "% of requests)";
  }
  if (rule.injected > 0) s += ", " + std::to_string(rule.injected) + " so far";
  return s;
}

Result<std::int64_t> RequestFaults::add(RequestFaultRule rule) {
  const auto& apis = injectableApis();
  if (std::none_of(apis.begin(), apis.end(),
                   [&](const InjectableApi& a) { return a.apiKey == rule.apiKey; })) {
    return Status::invalidArgument("errors cannot be injected into API key " +
                                   std::to_string(rule.apiKey));
  }
  if (rule.error == kafka::ErrorCode::kNone || !kafka::isKnownErrorCode(toWire(rule.error)))
    return Status::invalidArgument("pick an error code other than NONE");
  if (rule.count < 0) return Status::invalidArgument("the count must not be negative");
  if (!(rule.probability > 0 && rule.probability <= 1))
    return Status::invalidArgument("the probability must be within (0, 1]");
  MutexLock lock(mu_);
  rule.id = nextId_++;
  rule.injected = 0;
  rules_.push_back(std::move(rule));
  any_.store(true, std::memory_order_release);
  return rules_.back().id;
}

bool RequestFaults::remove(std::int64_t id) {
  MutexLock lock(mu_);
  auto it = std::find_if(rules_.begin(), rules_.end(),
                         [id](const RequestFaultRule& r) { return r.id == id; });
  if (it == rules_.end()) return false;
  rules_.erase(it);
  any_.store(!rules_.empty(), std::memory_order_release);
  return true;
}

void RequestFaults::clear() {
  MutexLock lock(mu_);
  rules_.clear();
  any_.store(false, std::memory_order_release);
}

std::vector<RequestFaultRule> RequestFaults::rules() const {
  MutexLock lock(mu_);
  return rules_;
}

kafka::ErrorCode RequestFaults::match(std::int16_t apiKey, std::int32_t brokerId,
                                      const std::vector<std::string_view>& topics) {
  if (!any_.load(std::memory_order_acquire)) return kafka::ErrorCode::kNone;
  MutexLock lock(mu_);
  for (auto it = rules_.begin(); it != rules_.end(); ++it) {
    RequestFaultRule& r = *it;
    if (r.apiKey != apiKey || (r.brokerId >= 0 && r.brokerId != brokerId)) continue;
    if (!r.topic.empty() && std::find(topics.begin(), topics.end(), r.topic) == topics.end())
      continue;
    if (r.probability < 1.0 && std::uniform_real_distribution<double>(0, 1)(rng_) >= r.probability)
      continue;
    const kafka::ErrorCode error = r.error;
    ++r.injected;
    if (r.count > 0 && --r.count == 0) {
      rules_.erase(it);
      any_.store(!rules_.empty(), std::memory_order_release);
    }
    return error;
  }
  return kafka::ErrorCode::kNone;
}

}  // namespace runnel::cluster
