#include "engine/kafka/handlers/handler_registry.h"

namespace runnel::kafka {

void registerAllHandlers(HandlerRegistry& r) {
  registerApiVersions(r);
  registerMetadata(r);
  registerProduce(r);
  registerFetch(r);
  registerListOffsets(r);
  registerFindCoordinator(r);
  registerJoinGroup(r);
  registerSyncGroup(r);
  registerHeartbeat(r);
  registerLeaveGroup(r);
  registerOffsetCommit(r);
  registerOffsetFetch(r);
  registerInitProducerId(r);
  registerCreateTopics(r);
  registerDeleteTopics(r);
  registerListGroups(r);
  registerDescribeGroups(r);
  registerCreatePartitions(r);
  registerDeleteRecords(r);
  registerOffsetDelete(r);
  registerDescribeCluster(r);
  registerDescribeConfigs(r);
  registerAlterConfigs(r);
  registerIncrementalAlterConfigs(r);
  registerElectLeaders(r);
  registerAlterPartitionReassignments(r);
  registerListPartitionReassignments(r);
}

}  // namespace runnel::kafka
