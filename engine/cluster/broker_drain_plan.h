// BrokerDrainPlan: where the replicas of a broker being removed go. Every partition that still
// wants the broker gets a target replica list without it and with one other live broker instead,
// the least loaded first, so replication factors stay and the moved replicas spread evenly;
// the controller's reassignment machinery then carries the moves out (Cluster::removeBroker).
// Pure functions over plain values; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/cluster/topic_partition.h"
#include "engine/common/result.h"
#include "engine/meta/metadata_records.h"

namespace runnel::cluster {

struct DrainMove {
  TopicPartition tp;
  std::vector<std::int32_t> target;  // the new replica list, preferred leader first
  std::int32_t to = -1;              // the broker that takes the drained replica
};

struct BrokerDrainPlan {
  std::int32_t brokerId = -1;
  std::vector<DrainMove> moves;
  std::map<std::int32_t, int> movesPerBroker;  // receiving broker -> replicas it takes
};

// Plans draining `brokerId` (alive or not) onto `liveOthers`, the live brokers that stay. Where
// the broker is
// the preferred leader, the next replica becomes preferred and the newcomer goes last, so the
// leadership lands on a replica already in sync. InvalidArgument, naming the topic, when a
// partition's replication factor exceeds the brokers left, or when a partition has no live
// leader to copy from (its data would be lost).
Result<BrokerDrainPlan> planBrokerDrain(std::int32_t brokerId, bool brokerAlive,
                                        const std::vector<PartitionRecord>& partitions,
                                        const std::set<std::int32_t>& liveOthers);

// Whether the partition still names the broker anywhere (replicas, ISR, adding, removing).
bool partitionReferences(const PartitionRecord& p, std::int32_t brokerId);

// {1: 3, 4: 2} -> "3 to broker 1, 2 to broker 4".
std::string describeDrainTargets(const std::map<std::int32_t, int>& movesPerBroker);

}  // namespace runnel::cluster
