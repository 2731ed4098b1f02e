#include "engine/client/embedded/group_service.h"

#include <mutex>

namespace runnel::client::embedded {

namespace {
// Serialises attachTo(): clients of one cluster may be created from several threads.
std::mutex& attachMutex() {
  static std::mutex mu;
  return mu;
}
}  // namespace

Result<GroupService*> GroupService::attachTo(cluster::Cluster& cluster,
                                             group::GroupCoordinatorConfig config) {
  std::lock_guard<std::mutex> lock(attachMutex());
  if (auto* existing = cluster.findService<GroupService>()) return existing;
  if (!config.partitionExists) {
    cluster::Controller* controller = &cluster.controller();
    config.partitionExists = [controller](const std::string& topic, std::int32_t partition) {
      return controller->partitionExists({topic, partition});
    };
  }
  auto service = std::make_unique<GroupService>(cluster, std::move(config));
  RUNNEL_RETURN_IF_ERROR(service->coordinator_->startup());
  service->coordinator_->startTimerThread(std::chrono::milliseconds(20));
  GroupService* raw = service.get();
  cluster.attachService(std::move(service));
  return raw;
}

GroupService::GroupService(cluster::Cluster& cluster, group::GroupCoordinatorConfig config)
    : cluster_(cluster), offsets_(&cluster.metadata()) {
  coordinator_ = std::make_unique<group::GroupCoordinator>(
      std::move(config), &cluster.clock(), &offsets_,
      [this](const group::GroupEvent& e) { onGroupEvent(e); });
}

GroupService::~GroupService() {
  close();
}

std::int32_t GroupService::coordinatorId() const {
  for (std::int32_t id : cluster_.brokerIds()) {
    cluster::Broker* b = cluster_.broker(id);
    if (b != nullptr && b->alive()) return id;
  }
  return -1;
}

void GroupService::onBrokerStateChanged(std::int32_t brokerId, bool alive) {
  // One coordinator serves the whole process; brokers coming and going do not move groups.
  (void)brokerId, (void)alive;
}

void GroupService::contributeSnapshot(cluster::ClusterSnapshot& snapshot) const {
  if (closed_.load()) return;
  const std::int32_t coordinator = coordinatorId();
  for (const auto& g : coordinator_->snapshots()) {
    cluster::GroupSnapshot s;
    s.groupId = g.groupId;
    s.state = std::string(group::groupStateName(g.state));
    s.coordinator = coordinator;
    s.members = static_cast<int>(g.members.size());
    snapshot.groups.push_back(std::move(s));
  }
}

void GroupService::close() {
  if (closed_.exchange(true)) return;
  coordinator_->stopTimerThread();
  coordinator_->shutdown();
}

void GroupService::onGroupEvent(const group::GroupEvent& event) {
  if (event.kind != group::GroupEvent::Kind::kRebalanced &&
      event.kind != group::GroupEvent::Kind::kGroupEmpty) {
    return;
  }
  cluster::ClusterEvent e;
  e.kind = cluster::ClusterEventKind::kGroupRebalanced;
  e.timestampMs = cluster_.clock().nowMs();
  e.group = event.groupId;
  e.count = static_cast<std::int32_t>(event.snapshot.members.size());
  e.brokerId = coordinatorId();
  if (event.kind == group::GroupEvent::Kind::kRebalanced) {
    e.description = "group " + event.groupId + " rebalanced: generation " +
                    std::to_string(event.generationId) + ", " + std::to_string(e.count) +
                    " member(s)";
  } else {
    e.description = "group " + event.groupId + " is empty (generation " +
                    std::to_string(event.generationId) + ")";
  }
  cluster_.events().publish(std::move(e));
}

}  // namespace runnel::client::embedded
