// ElectLeaders (key 43), versions 0-2: preferred-leader election through the Controller, for the
// partitions named or (null list) every partition. Errors per partition: ELECTION_NOT_NEEDED
// (the preferred replica already leads; left out when electing everything, as Kafka does),
// PREFERRED_LEADER_NOT_AVAILABLE, UNKNOWN_TOPIC_OR_PARTITION.
// Not implemented: unclean elections (election type 1) answer INVALID_REQUEST per partition;
// the controller elects unclean leaders itself when a topic allows it.
#include "engine/cluster/cluster.h"
#include "engine/kafka/handlers/handler_registry.h"
#include "engine/kafka/handlers/handler_support.h"
#include "engine/kafka/messages/elect_leaders.h"

namespace runnel::kafka {
namespace {

constexpr std::int8_t kPreferredElection = 0;

void handleElectLeaders(HandlerCall& call) {
  auto& request = static_cast<ElectLeadersRequest&>(*call.body);
  ElectLeadersResponse response;
  const bool all = !request.topicPartitions;
  std::vector<cluster::ElectionResult> results;
  if (request.electionType != kPreferredElection) {
    for (const auto& t :
         request.topicPartitions.value_or(std::vector<ElectLeadersRequest::TopicPartitions>{})) {
      for (std::int32_t p : t.partitions) {
        results.push_back({{t.topic, p},
                           {ErrorCode::kInvalidRequest,
                            "only preferred-leader elections (type 0) are supported"}});
      }
    }
  } else {
    std::vector<cluster::TopicPartition> wanted;
    if (!all) {
      for (const auto& t : *request.topicPartitions) {
        for (std::int32_t p : t.partitions)
          wanted.push_back({t.topic, p});
      }
    }
    // An explicit empty list elects nothing (an empty `wanted` would mean everything).
    if (all || !wanted.empty())
      results = call.context->cluster->controller().electPreferredLeaders(wanted);
  }
  for (const auto& r : results) {
    if (all && r.error.code == ErrorCode::kElectionNotNeeded) continue;
    if (response.replicaElectionResults.empty() ||
        response.replicaElectionResults.back().topic != r.tp.topic) {
      ElectLeadersResponse::ReplicaElectionResult topic;
      topic.topic = r.tp.topic;
      response.replicaElectionResults.push_back(std::move(topic));
    }
    ElectLeadersResponse::PartitionResult result;
    result.partitionId = r.tp.partition;
    result.errorCode = wire(r.error);
    result.errorMessage = r.error.ok() ? std::nullopt : std::optional<std::string>(r.error.message);
    response.replicaElectionResults.back().partitionResult.push_back(std::move(result));
  }
  call.reply(&response);
}

}  // namespace

void registerElectLeaders(HandlerRegistry& r) {
  r.add({ElectLeadersRequest::kApiKey, 0, 2, handleElectLeaders});
}

}  // namespace runnel::kafka
