#include "engine/cluster/cluster.h"

#include <algorithm>
#include <set>

#include "engine/common/logging.h"

namespace runnel::cluster {

Cluster::Cluster(ClusterConfig config)
    : config_(std::move(config)), env_(config_.envOrDefault()), clock_(config_.clockOrDefault()) {}

Result<std::unique_ptr<Cluster>> Cluster::open(ClusterConfig config) {
  RUNNEL_RETURN_IF_ERROR(config.validate());
  std::unique_ptr<Cluster> c(new Cluster(std::move(config)));
  const ClusterConfig& cfg = c->config_;
  RUNNEL_RETURN_IF_ERROR(c->env_->createDir(cfg.dataDir));
  std::string metaPath = cfg.metadataPath;
  if (metaPath.empty())
    metaPath = c->env_ == Env::defaultEnv() ? joinPath(cfg.dataDir, "metadata.db") : ":memory:";
  RUNNEL_ASSIGN_OR_RETURN(c->store_, MetadataStore::open(metaPath));
  c->events_ = std::make_unique<EventBus>(cfg.eventHistory);
  c->transport_ = std::make_unique<Transport>(*c->clock_, cfg.placementSeed.value_or(0));
  Cluster* self = c.get();
  c->controller_ =
      std::make_unique<Controller>(cfg, *c->store_, *c->events_, *c->clock_,
                                   [self](std::int32_t id) { return self->broker(id); });
  RUNNEL_RETURN_IF_ERROR(c->controller_->load());
  std::vector<std::int32_t> ids;
  std::set<std::int32_t> removed;
  RUNNEL_RETURN_IF_ERROR(c->loadRegistry(ids, removed));
  // The configured count seeds a new store; ids it names that were never registered or
  // removed join later too (the setting grew).
  for (std::int32_t id = 1; id <= cfg.brokers; ++id) {
    if (static_cast<int>(ids.size()) >= kMaxBrokers) break;
    if (!removed.count(id) && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  {
    MutexLock lock(c->lifecycleMu_);
    c->removedIds_ = removed;
    for (std::int32_t id : ids)
      c->createBrokerLocked(id);
    for (std::int32_t id : removed)
      c->highestId_.store(std::max(c->highestId_.load(), id), std::memory_order_release);
    RUNNEL_RETURN_IF_ERROR(c->persistRegistryLocked());
  }
  for (std::int32_t id : ids) {
    Status s = c->broker(id)->start(c->controller_->assignmentsFor(id));
    if (!s.isOk()) return s.withContext("starting broker " + std::to_string(id));
  }
  c->controller_->start();
  c->controller_->clusterStarted(ids);
  logger().info("cluster {} open: {} brokers in {}", c->clusterId(), ids.size(), cfg.dataDir);
  return c;
}

Cluster::~Cluster() {
  Status s = close();
  if (!s.isOk()) logger().warn("closing the cluster: {}", s.toString());
}

Status Cluster::close() {
  std::unique_ptr<Timer> sessionTimer;
  {
    MutexLock lock(lifecycleMu_);
    sessionTimer = std::move(sessionTimer_);
  }
  if (sessionTimer) sessionTimer->stop();  // outside the lock: a fence takes it
  MutexLock lock(lifecycleMu_);
  if (closed_) return Status::ok();
  closed_ = true;
  for (auto& s : services_)
    s->close();
  Status result;
  // Stop the controller's queue first so no ISR change lands on a half-stopped cluster.
  if (controller_) controller_->stop();
  for (std::int32_t id : brokerIds()) {
    Status s = broker(id)->shutdown();
    if (!s.isOk() && result.isOk()) result = s;
  }
  if (transport_) transport_->stop();
  return result;
}

std::vector<std::int32_t> Cluster::brokerIds() const {
  std::vector<std::int32_t> ids;
  const std::int32_t highest = highestId_.load(std::memory_order_acquire);
  for (std::int32_t id = 1; id <= highest; ++id) {
    if (broker(id)) ids.push_back(id);
  }
  return ids;
}

Broker* Cluster::broker(std::int32_t id) const {
  if (id < 1 || id > kMaxBrokerId) return nullptr;
  return slots_[static_cast<std::size_t>(id - 1)].load(std::memory_order_acquire);
}

void Cluster::createBrokerLocked(std::int32_t id) {
  BrokerContext ctx{&config_, env_, clock_, transport_.get(), controller_.get(), events_.get()};
  owned_.push_back(std::make_unique<Broker>(id, ctx));
  slots_[static_cast<std::size_t>(id - 1)].store(owned_.back().get(), std::memory_order_release);
  brokerCount_.fetch_add(1, std::memory_order_acq_rel);
  if (id > highestId_.load(std::memory_order_acquire))
    highestId_.store(id, std::memory_order_release);
  controller_->registerBroker(id);
}

Broker* Cluster::leaderOf(const TopicPartition& tp) const {
  auto p = controller_->partition(tp);
  if (!p || p->leader < 0) return nullptr;
  Broker* b = broker(p->leader);
  return b && b->alive() ? b : nullptr;
}

void Cluster::notifyServices(std::int32_t id, bool alive) {
  for (auto& s : services_)
    s->onBrokerStateChanged(id, alive);
}

Status Cluster::killBroker(std::int32_t id) {
  {
    MutexLock lock(lifecycleMu_);
    if (closed_) return Status::aborted("the cluster is closed");
    Broker* b = broker(id);
    if (!b) return Status::notFound("no broker " + std::to_string(id));
    if (!b->alive()) return Status::ok();
    const bool fenced = b->fenced();
    b->kill();
    // A fenced broker is already gone for the controller; the front end still hears it died.
    if (fenced)
      events_->publish(brokerDiedEvent(clock_->nowMs(), id, 0));
    else
      controller_->brokerDied(id);
  }
  notifyServices(id, false);
  return Status::ok();
}

Status Cluster::startBroker(std::int32_t id) {
  Broker* b = broker(id);
  if (!b) return Status::notFound("no broker " + std::to_string(id));
  if (b->alive()) return Status::ok();
  return b->start(controller_->assignmentsFor(id));
}

Status Cluster::restartBroker(std::int32_t id) {
  {
    MutexLock lock(lifecycleMu_);
    if (closed_) return Status::aborted("the cluster is closed");
    Broker* b = broker(id);
    if (!b) return Status::notFound("no broker " + std::to_string(id));
    if (b->alive()) return Status::ok();
    RUNNEL_RETURN_IF_ERROR(startBroker(id));
    controller_->brokerStarted(id);
  }
  notifyServices(id, true);
  return Status::ok();
}

Result<std::int32_t> Cluster::addBroker() {
  std::int32_t id = 0;
  {
    MutexLock lock(lifecycleMu_);
    if (closed_) return Status::aborted("the cluster is closed");
    if (brokerCount() >= kMaxBrokers) {
      return Status::resourceExhausted("a cluster has at most " + std::to_string(kMaxBrokers) +
                                       " brokers");
    }
    id = highestId_.load(std::memory_order_acquire) + 1;
    if (id > kMaxBrokerId) {
      return Status::resourceExhausted("every broker id up to " + std::to_string(kMaxBrokerId) +
                                       " has been used (removed ids are not reused)");
    }
    if (config_.basePort > 0 && config_.basePort + id - 1 > 65535) {
      return Status::resourceExhausted("broker " + std::to_string(id) + "'s port " +
                                       std::to_string(config_.basePort + id - 1) +
                                       " would be above 65535");
    }
    createBrokerLocked(id);
    RUNNEL_RETURN_IF_ERROR(persistRegistryLocked());
    RUNNEL_RETURN_IF_ERROR(startBroker(id));
    controller_->brokerStarted(id, /*added=*/true);
  }
  notifyServices(id, true);
  return id;
}

void Cluster::attachService(std::unique_ptr<ClusterService> service) {
  services_.push_back(std::move(service));
}

ClusterSnapshot Cluster::snapshot() const {
  ClusterSnapshot s;
  s.clusterId = store_->clusterId();
  s.takenAtMs = clock_->nowMs();
  const std::vector<PartitionRecord> parts = controller_->partitions();
  std::set<std::int32_t> alive;
  for (std::int32_t id : brokerIds()) {
    if (broker(id)->alive()) alive.insert(id);
  }
  s.controllerId = alive.empty() ? -1 : *alive.begin();
  const std::optional<Removal> removing = removal();
  for (std::int32_t id : brokerIds()) {
    const Broker* b = broker(id);
    BrokerSnapshot bs;
    bs.id = id;
    bs.port = b->port();
    bs.alive = alive.count(id) > 0;
    bs.controller = id == s.controllerId;
    bs.paused = b->paused();
    bs.fenced = b->fenced();
    if (removing && removing->brokerId == id) {
      bs.draining = true;
      bs.drainReplicasToMove = removing->replicasToMove;
      bs.drainReplicasMoved = removing->replicasMoved;
    }
    const BrokerStats st = b->stats();
    bs.bytesIn = st.bytesIn;
    bs.bytesOut = st.bytesOut;
    bs.bytesInPerSec = bs.alive ? st.bytesInPerSec : 0;
    bs.bytesOutPerSec = bs.alive ? st.bytesOutPerSec : 0;
    for (const auto& p : parts) {
      if (p.leader == id) ++bs.leaderCount;
      if (std::find(p.replicas.begin(), p.replicas.end(), id) != p.replicas.end())
        ++bs.replicaCount;
    }
    s.brokers.push_back(bs);
  }
  for (const auto& t : controller_->topics()) {
    s.topics.push_back(
        {t.name, t.id.toString(), t.partitionCount, t.replicationFactor, t.internal, t.configs});
  }
  for (const auto& p : parts) {
    PartitionSnapshot ps;
    ps.topic = p.topic;
    ps.partition = p.partition;
    ps.leader = p.leader;
    ps.leaderEpoch = p.leaderEpoch;
    ps.replicas = p.replicas;
    ps.isr = p.isr;
    for (std::int32_t r : p.replicas) {
      if (!alive.count(r)) ps.offlineReplicas.push_back(r);
    }
    ps.addingReplicas = p.addingReplicas;
    ps.removingReplicas = p.removingReplicas;
    // Offsets come from the leader; an offline partition shows its best surviving copy.
    std::vector<std::int32_t> sources;
    if (p.leader >= 0) sources.push_back(p.leader);
    sources.insert(sources.end(), p.replicas.begin(), p.replicas.end());
    for (std::int32_t id : sources) {
      if (!alive.count(id)) continue;
      auto r = broker(id)->replica(TopicPartition{p.topic, p.partition});
      if (!r) continue;
      ps.logStartOffset = r->logStartOffset();
      ps.highWatermark = r->highWatermark();
      ps.logEndOffset = r->logEndOffset();
      ps.sizeBytes = r->log().sizeInBytes();
      ps.segmentBaseOffsets = r->log().segmentBaseOffsets();
      break;
    }
    s.partitions.push_back(std::move(ps));
  }
  s.faults = transport_->activeFaults();
  for (const auto& svc : services_)
    svc->contributeSnapshot(s);
  return s;
}

}  // namespace runnel::cluster
