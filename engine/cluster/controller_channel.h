// What brokers and partition replicas need from the controller, as an interface so the broker
// side does not depend on the Controller class: ISR change requests (Kafka's AlterPartition),
// and whether a partition exists at all (UNKNOWN_TOPIC_OR_PARTITION vs NOT_LEADER_OR_FOLLOWER).
// Also the message the controller pushes to a broker for each partition it hosts.
// Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "engine/cluster/api_error.h"
#include "engine/cluster/topic_partition.h"
#include "engine/cluster/topic_settings.h"
#include "engine/common/uuid.h"
#include "engine/meta/metadata_records.h"

namespace runnel::cluster {

// A leader asks to change its partition's ISR. Refused when its epochs are stale.
struct AlterPartitionRequest {
  TopicPartition tp;
  std::int32_t leaderId = -1;
  std::int32_t leaderEpoch = 0;
  std::int32_t partitionEpoch = 0;
  std::vector<std::int32_t> newIsr;
};

// Runs on the controller's thread after the change was persisted (and pushed to the brokers) or
// refused. On success the record is the committed state.
using AlterPartitionCallback =
    std::function<void(const ApiError&, const std::optional<PartitionRecord>&)>;

// The controller's instruction for one replica: the partition's committed state and what the
// broker needs to open its log.
struct ReplicaAssignment {
  PartitionRecord state;
  Uuid topicId;
  TopicSettings settings;
};

class ControllerChannel {
 public:
  virtual ~ControllerChannel() = default;
  // Queued; `done` runs later on the controller's thread. Never blocks on the controller's lock.
  virtual void submitAlterPartition(AlterPartitionRequest request, AlterPartitionCallback done) = 0;
  virtual bool partitionExists(const TopicPartition& tp) const = 0;
};

}  // namespace runnel::cluster
