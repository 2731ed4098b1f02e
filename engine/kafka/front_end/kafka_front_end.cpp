#include "engine/kafka/front_end/kafka_front_end.h"

#include <chrono>

#include "engine/cluster/broker.h"
#include "engine/common/logging.h"

namespace runnel::kafka {

namespace {

// Hands every frame to the capture before the real dispatcher, which takes it by value.
class CapturingDispatcher final : public RequestDispatcher {
 public:
  CapturingDispatcher(RequestDispatcher* inner, RequestCapture* capture)
      : inner_(inner), capture_(capture) {}
  DispatchOutcome dispatch(const RequestContext& context, Bytes frame,
                           ResponseCallback respond) override {
    capture_->record(frame);
    return inner_->dispatch(context, std::move(frame), std::move(respond));
  }

 private:
  RequestDispatcher* inner_;
  RequestCapture* capture_;
};

}  // namespace

KafkaFrontEnd::KafkaFrontEnd(cluster::Cluster& cluster, FrontEndOptions options)
    : cluster_(cluster), options_(std::move(options)) {
  advertisedHost_ = options_.advertisedHost;
  if (advertisedHost_.empty()) {
    advertisedHost_ = options_.bindAddress == "0.0.0.0" ? "127.0.0.1" : options_.bindAddress;
  }
}

Result<std::unique_ptr<KafkaFrontEnd>> KafkaFrontEnd::start(cluster::Cluster& cluster,
                                                            FrontEndOptions options) {
  std::unique_ptr<KafkaFrontEnd> fe(new KafkaFrontEnd(cluster, std::move(options)));
  group::GroupCoordinator* coordinator = fe->options_.coordinator;
  if (!coordinator) {
    fe->ownOffsets_ = std::make_unique<group::MetadataOffsetStore>(&cluster.metadata());
    group::GroupCoordinatorConfig config = fe->options_.groupConfig;
    if (!config.partitionExists) {
      cluster::Cluster* c = &cluster;
      config.partitionExists = [c](const std::string& topic, std::int32_t partition) {
        return c->controller().partitionExists({topic, partition});
      };
    }
    fe->ownCoordinator_ = std::make_unique<group::GroupCoordinator>(
        config, cluster.config().clockOrDefault(), fe->ownOffsets_.get());
    RUNNEL_RETURN_IF_ERROR(fe->ownCoordinator_->startup());
    fe->ownCoordinator_->startTimerThread();
    coordinator = fe->ownCoordinator_.get();
  }
  if (!fe->options_.captureDirectory.empty()) {
    RUNNEL_ASSIGN_OR_RETURN(fe->capture_, RequestCapture::open(fe->options_.captureDirectory));
  }
  registerAllHandlers(fe->registry_);
  // Producer ids from the wall clock: a restarted server never hands out an id it gave before.
  auto nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
  fe->nextProducerId_.store(static_cast<std::int64_t>(nowMs) * 1000);
  fe->context_.cluster = &cluster;
  fe->context_.groups = coordinator;
  fe->context_.nextProducerId = &fe->nextProducerId_;
  KafkaFrontEnd* self = fe.get();
  fe->context_.addressOf = [self](std::int32_t id) {
    return BrokerAddress{self->advertisedHost_, self->listening(id) ? self->port(id) : 0};
  };

  for (std::int32_t id : cluster.brokerIds()) {
    cluster::Broker* b = cluster.broker(id);
    if (b && b->alive()) RUNNEL_RETURN_IF_ERROR(fe->open(id));
  }
  fe->subscription_ =
      cluster.events().subscribe([self](const cluster::ClusterEvent& e) { self->onEvent(e); });
  return fe;
}

KafkaFrontEnd::~KafkaFrontEnd() {
  stop();
}

void KafkaFrontEnd::stop() {
  std::map<std::int32_t, Endpoint> endpoints;
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    stopped_ = true;
  }
  if (subscription_) cluster_.events().unsubscribe(subscription_);
  {
    std::lock_guard lock(mu_);
    for (auto& [id, e] : endpoints_)
      e.listener->stop();
  }
  // Waiting JoinGroup/SyncGroup callbacks answer into closed listeners, which drop them.
  if (ownCoordinator_) {
    ownCoordinator_->stopTimerThread();
    ownCoordinator_->shutdown();
  }
}

Status KafkaFrontEnd::open(std::int32_t brokerId) {
  std::lock_guard lock(mu_);
  if (stopped_) return Status::ok();
  Endpoint& e = endpoints_[brokerId];
  if (e.listener && e.listener->running()) return Status::ok();
  if (!e.dispatcher) {
    e.dispatcher = std::make_unique<KafkaDispatcher>(&registry_, &context_, brokerId);
    if (capture_)
      e.capturing = std::make_unique<CapturingDispatcher>(e.dispatcher.get(), capture_.get());
  }
  ListenerOptions lo;
  lo.brokerId = brokerId;
  lo.bindAddress = options_.bindAddress;
  lo.port = e.port ? e.port : (options_.basePort ? options_.basePort + brokerId - 1 : 0);
  RequestDispatcher* dispatcher = e.capturing ? e.capturing.get() : e.dispatcher.get();
  e.listener = std::make_unique<BrokerListener>(lo, dispatcher);
  RUNNEL_RETURN_IF_ERROR(e.listener->start());
  e.port = e.listener->port();
  // The studio's broker cards and the cluster snapshot show where clients really connect.
  if (cluster::Broker* broker = cluster_.broker(brokerId)) broker->setListenerPort(e.port);
  return Status::ok();
}

void KafkaFrontEnd::setPaused(std::int32_t brokerId, bool paused) {
  std::lock_guard lock(mu_);
  auto it = endpoints_.find(brokerId);
  if (it != endpoints_.end() && it->second.listener) it->second.listener->setPaused(paused);
}

void KafkaFrontEnd::close(std::int32_t brokerId) {
  std::lock_guard lock(mu_);
  auto it = endpoints_.find(brokerId);
  if (it != endpoints_.end() && it->second.listener) it->second.listener->stop();
}

void KafkaFrontEnd::onEvent(const cluster::ClusterEvent& event) {
  switch (event.kind) {
    case cluster::ClusterEventKind::kBrokerDied:
      // A fenced broker is only paused: its sockets stay open.
      if (cluster::Broker* b = cluster_.broker(event.brokerId); b && b->alive()) break;
      close(event.brokerId);
      break;
    case cluster::ClusterEventKind::kBrokerRemoved:
      close(event.brokerId);
      break;
    case cluster::ClusterEventKind::kBrokerPaused:
    case cluster::ClusterEventKind::kBrokerResumed:
      setPaused(event.brokerId, event.kind == cluster::ClusterEventKind::kBrokerPaused);
      break;
    case cluster::ClusterEventKind::kBrokerRestarted:
    case cluster::ClusterEventKind::kBrokerAdded:
      if (Status s = open(event.brokerId); !s.isOk()) {
        runnel::logger().error("kafka: could not reopen broker {}'s listener: {}", event.brokerId,
                               s.toString());
      }
      break;
    default:
      break;
  }
}

int KafkaFrontEnd::port(std::int32_t brokerId) const {
  std::lock_guard lock(mu_);
  auto it = endpoints_.find(brokerId);
  return it == endpoints_.end() ? 0 : it->second.port;
}

bool KafkaFrontEnd::listening(std::int32_t brokerId) const {
  std::lock_guard lock(mu_);
  auto it = endpoints_.find(brokerId);
  return it != endpoints_.end() && it->second.listener && it->second.listener->running();
}

std::string KafkaFrontEnd::bootstrapServers() const {
  std::lock_guard lock(mu_);
  std::string out;
  for (const auto& [id, e] : endpoints_) {
    if (!e.listener || !e.listener->running()) continue;
    if (!out.empty()) out += ',';
    out += advertisedHost_ + ":" + std::to_string(e.port);
  }
  return out;
}

std::vector<ConnectedClient> KafkaFrontEnd::clients() const {
  std::lock_guard lock(mu_);
  std::vector<ConnectedClient> out;
  for (const auto& [id, e] : endpoints_) {
    if (!e.listener) continue;
    auto c = e.listener->clients();
    out.insert(out.end(), c.begin(), c.end());
  }
  return out;
}

}  // namespace runnel::kafka
