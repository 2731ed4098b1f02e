#include "engine/client/embedded/embedded_cluster_control.h"

namespace runnel::client::embedded {

Status EmbeddedClusterControl::killBroker(std::int32_t brokerId) {
  return cluster_.killBroker(brokerId);
}
Status EmbeddedClusterControl::restartBroker(std::int32_t brokerId) {
  return cluster_.restartBroker(brokerId);
}
Result<std::int32_t> EmbeddedClusterControl::addBroker() {
  return cluster_.addBroker();
}

Result<BrokerRemovalPlan> EmbeddedClusterControl::planBrokerRemoval(std::int32_t brokerId) {
  RUNNEL_ASSIGN_OR_RETURN(auto plan, cluster_.planRemoval(brokerId));
  return BrokerRemovalPlan{brokerId, static_cast<int>(plan.moves.size()), plan.movesPerBroker};
}

Status EmbeddedClusterControl::removeBroker(std::int32_t brokerId) {
  return cluster_.removeBroker(brokerId);
}

Status EmbeddedClusterControl::checkLink(std::int32_t a, std::int32_t b) const {
  if (a == b) return Status::invalidArgument("a link joins two different brokers");
  if (cluster_.broker(a) == nullptr || cluster_.broker(b) == nullptr) {
    return Status::notFound("no broker " + std::to_string(cluster_.broker(a) == nullptr ? a : b));
  }
  return Status::ok();
}

Status EmbeddedClusterControl::cutLink(std::int32_t a, std::int32_t b, bool oneWay) {
  RUNNEL_RETURN_IF_ERROR(checkLink(a, b));
  cluster_.transport().cut(
      a, b, oneWay ? cluster::LinkDirection::kOneWay : cluster::LinkDirection::kBoth);
  return Status::ok();
}

Status EmbeddedClusterControl::delayLink(std::int32_t a, std::int32_t b, std::int32_t delayMs) {
  RUNNEL_RETURN_IF_ERROR(checkLink(a, b));
  if (delayMs < 0) return Status::invalidArgument("negative delay");
  cluster_.transport().setDelay(a, b, delayMs);
  return Status::ok();
}

Status EmbeddedClusterControl::dropOnLink(std::int32_t a, std::int32_t b, double dropRate) {
  RUNNEL_RETURN_IF_ERROR(checkLink(a, b));
  if (dropRate < 0 || dropRate > 1)
    return Status::invalidArgument("drop rate must be within [0, 1]");
  cluster_.transport().setDropRate(a, b, dropRate);
  return Status::ok();
}

Status EmbeddedClusterControl::healLink(std::int32_t a, std::int32_t b) {
  RUNNEL_RETURN_IF_ERROR(checkLink(a, b));
  cluster_.transport().heal(a, b);
  return Status::ok();
}

Status EmbeddedClusterControl::isolateBroker(std::int32_t brokerId) {
  if (cluster_.broker(brokerId) == nullptr)
    return Status::notFound("no broker " + std::to_string(brokerId));
  cluster_.transport().isolate(brokerId);
  return Status::ok();
}

Status EmbeddedClusterControl::pauseBroker(std::int32_t brokerId) {
  return cluster_.pauseBroker(brokerId);
}

Status EmbeddedClusterControl::resumeBroker(std::int32_t brokerId) {
  return cluster_.resumeBroker(brokerId);
}

Result<std::int64_t> EmbeddedClusterControl::injectError(const InjectedError& error) {
  cluster::RequestFaultRule rule;
  rule.apiKey = error.apiKey;
  rule.topic = error.topic;
  if (!kafka::isKnownErrorCode(error.errorCode))
    return Status::invalidArgument("unknown error code " + std::to_string(error.errorCode));
  rule.error = kafka::errorCodeFromWire(error.errorCode);
  rule.count = error.count;
  rule.probability = error.probability;
  return cluster_.requestFaults().add(std::move(rule));
}

Status EmbeddedClusterControl::removeInjectedError(std::int64_t ruleId) {
  if (!cluster_.requestFaults().remove(ruleId))
    return Status::notFound("no injected error " + std::to_string(ruleId));
  return Status::ok();
}

std::vector<InjectableApiInfo> EmbeddedClusterControl::injectableApis() const {
  std::vector<InjectableApiInfo> out;
  for (const cluster::InjectableApi& api : cluster::injectableApis())
    out.push_back({api.apiKey, std::string(api.name)});
  return out;
}

std::vector<ActiveFault> EmbeddedClusterControl::activeFaults() const {
  std::vector<ActiveFault> out;
  for (const cluster::RequestFaultRule& r : cluster_.requestFaults().rules())
    out.push_back({"request-error", cluster::describe(r), r.brokerId, -1, r.id});
  for (std::int32_t id : cluster_.brokerIds()) {
    const cluster::Broker* b = cluster_.broker(id);
    if (!b->paused()) continue;
    out.push_back({"broker-paused",
                   "broker " + std::to_string(id) + " paused" +
                       (b->fenced() ? " (fenced: its leaders moved)" : ": answers nothing"),
                   id, -1});
  }
  for (const auto& f : cluster_.transport().activeFaults()) {
    // An isolation is the one fault without a far end.
    if (f.to == 0 && f.cut && f.bothWays) {
      out.push_back({"broker-isolated", f.description, f.from, -1});
      continue;
    }
    std::string kind = f.cut ? "link-cut" : (f.dropRate > 0 ? "link-drop" : "link-delay");
    out.push_back({kind, f.description, f.from, f.to});
  }
  return out;
}

void EmbeddedClusterControl::clearFaults() {
  cluster_.transport().healAll();
  cluster_.requestFaults().clear();
  for (std::int32_t id : cluster_.brokerIds()) {
    if (cluster_.broker(id)->paused()) (void)cluster_.resumeBroker(id);
  }
}

}  // namespace runnel::client::embedded
