#include "engine/cluster/broker_drain_plan.h"

#include <algorithm>
#include <string>

#include "engine/cluster/broker_id_list.h"
#include "engine/cluster/cluster_event.h"

namespace runnel::cluster {
namespace {

// The replicas the partition is heading for: the target of a reassignment in progress, else
// its replicas.
std::vector<std::int32_t> wantedReplicas(const PartitionRecord& p) {
  std::vector<std::int32_t> out;
  for (std::int32_t r : p.replicas) {
    if (!containsBroker(p.removingReplicas, r)) out.push_back(r);
  }
  return out;
}

std::string partitionName(const TopicPartition& tp) {
  return "partition " + std::to_string(tp.partition) + " of topic '" + tp.topic + "'";
}

}  // namespace

bool partitionReferences(const PartitionRecord& p, std::int32_t brokerId) {
  return containsBroker(p.replicas, brokerId) || containsBroker(p.isr, brokerId) ||
         containsBroker(p.addingReplicas, brokerId) || containsBroker(p.removingReplicas, brokerId);
}

Result<BrokerDrainPlan> planBrokerDrain(std::int32_t brokerId, bool brokerAlive,
                                        const std::vector<PartitionRecord>& partitions,
                                        const std::set<std::int32_t>& liveOthers) {
  const std::string who = "broker " + std::to_string(brokerId);
  const auto remaining = static_cast<std::int32_t>(liveOthers.size());
  // Checked for every partition first, so the refusal names the topic whatever the order.
  for (const PartitionRecord& p : partitions) {
    const std::vector<std::int32_t> wanted = wantedReplicas(p);
    if (!containsBroker(wanted, brokerId)) continue;
    const auto rf = static_cast<std::int32_t>(wanted.size());
    if (rf > remaining) {
      return Status::invalidArgument(
          "cannot remove " + who + ": topic '" + p.topic + "' has replication factor " +
          std::to_string(rf) + " but only " + std::to_string(remaining) + " live broker" +
          (remaining == 1 ? "" : "s") + " would remain " +
          formatIdSet({liveOthers.begin(), liveOthers.end()}) + "; add a broker first");
    }
    const bool leaderLive = p.leader == brokerId ? brokerAlive : liveOthers.count(p.leader) > 0;
    if (!leaderLive) {
      return Status::invalidArgument("cannot remove " + who + ": " +
                                     partitionName({p.topic, p.partition}) +
                                     " has no live leader to copy its records from" +
                                     (brokerAlive ? std::string() : "; restart " + who + " first"));
    }
  }
  BrokerDrainPlan plan;
  plan.brokerId = brokerId;
  // Load = replicas a broker holds now, plus those the plan gives it.
  std::map<std::int32_t, int> load;
  for (std::int32_t id : liveOthers)
    load[id] = 0;
  for (const PartitionRecord& p : partitions) {
    for (std::int32_t r : p.replicas) {
      if (auto it = load.find(r); it != load.end()) ++it->second;
    }
  }
  for (const PartitionRecord& p : partitions) {
    std::vector<std::int32_t> wanted = wantedReplicas(p);
    if (!containsBroker(wanted, brokerId)) continue;
    std::int32_t best = -1;
    for (const auto& [id, n] : load) {
      if (containsBroker(wanted, id)) continue;
      if (best < 0 || n < load[best]) best = id;
    }
    if (best < 0) {
      return Status::invalidArgument("cannot remove " + who + ": no live broker can take its " +
                                     partitionName({p.topic, p.partition}));
    }
    ++load[best];
    DrainMove move{{p.topic, p.partition}, {}, best};
    if (wanted.front() == brokerId) {
      move.target.assign(wanted.begin() + 1, wanted.end());
      move.target.push_back(best);
    } else {
      move.target = wanted;
      std::replace(move.target.begin(), move.target.end(), brokerId, best);
    }
    ++plan.movesPerBroker[best];
    plan.moves.push_back(std::move(move));
  }
  return plan;
}

std::string describeDrainTargets(const std::map<std::int32_t, int>& movesPerBroker) {
  std::string out;
  for (const auto& [id, n] : movesPerBroker) {
    if (!out.empty()) out += ", ";
    out += std::to_string(n) + " to broker " + std::to_string(id);
  }
  return out;
}

}  // namespace runnel::cluster
