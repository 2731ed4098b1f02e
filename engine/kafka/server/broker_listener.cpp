#include "engine/kafka/server/broker_listener.h"

#include <chrono>

#include "engine/common/logging.h"
#include "engine/kafka/server/connection.h"
#include "engine/kafka/server/poller.h"

namespace runnel::kafka {
namespace {

// Fairness between busy connections.
constexpr std::size_t kReadBudgetPerWake = std::size_t{1024} * 1024;

std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

BrokerListener::BrokerListener(ListenerOptions options, RequestDispatcher* dispatcher)
    : options_(std::move(options)), dispatcher_(dispatcher) {}

BrokerListener::~BrokerListener() {
  stop();
}

Status BrokerListener::start() {
  std::lock_guard lifecycle(lifecycleMutex_);
  if (running_) return Status::ok();
  RUNNEL_ASSIGN_OR_RETURN(const ListeningSocket listener,
                          listenTcp(options_.bindAddress, options_.port, options_.brokerId));
  auto wakeChannel = openWakeChannel();
  if (!wakeChannel.isOk()) {
    closeSocket(listener.handle);
    return wakeChannel.status();
  }
  poller_ = Poller::create();
  Status s = poller_->add(listener.handle, true, false);
  if (s.isOk()) s = poller_->add(wakeChannel->drain, true, false);
  if (!s.isOk()) {
    closeSocket(listener.handle);
    closeSocket(wakeChannel->drain);
    closeSocket(wakeChannel->signal);
    return s;
  }
  listenFd_ = listener.handle;
  wakeReadFd_ = wakeChannel->drain;
  completions_ = std::make_shared<CompletionQueue>();
  completions_->wakeWriteFd = wakeChannel->signal;
  boundPort_ = listener.port;
  running_ = true;
  ioThread_ = std::thread([this] { run(); });
  logger().info("broker {} listening on {}:{}", options_.brokerId, options_.bindAddress,
                boundPort_.load());
  return Status::ok();
}

void BrokerListener::setPaused(bool paused) {
  {
    std::lock_guard lock(pauseMutex_);
    paused_ = paused;
  }
  unpaused_.notify_all();
}

void BrokerListener::stop() {
  std::lock_guard lifecycle(lifecycleMutex_);
  if (!running_) return;
  {
    std::lock_guard lock(pauseMutex_);
    running_ = false;
  }
  unpaused_.notify_all();
  signalWake(completions_->wakeWriteFd);
  ioThread_.join();
  {
    std::lock_guard lock(completions_->mutex);
    completions_->open = false;
    completions_->items.clear();
  }
  // Closing the descriptors resets every client's connection: a killed broker says no goodbye.
  connections_.clear();
  idByFd_.clear();
  closeSocket(listenFd_);
  closeSocket(wakeReadFd_);
  closeSocket(completions_->wakeWriteFd);
  listenFd_ = wakeReadFd_ = kInvalidSocket;
  poller_.reset();
  boundPort_ = 0;
  {
    std::lock_guard lock(snapshotMutex_);
    clients_.clear();
  }
  logger().info("broker {} listener stopped", options_.brokerId);
}

std::vector<ConnectedClient> BrokerListener::clients() const {
  std::lock_guard lock(snapshotMutex_);
  std::vector<ConnectedClient> out;
  out.reserve(clients_.size());
  for (const auto& [id, client] : clients_)
    out.push_back(client);
  return out;
}

ListenerStats BrokerListener::stats() const {
  std::lock_guard lock(snapshotMutex_);
  return stats_;
}

void BrokerListener::run() {
  std::vector<PollEvent> events;
  while (running_) {
    if (paused_) {
      std::unique_lock lock(pauseMutex_);
      unpaused_.wait(lock, [this] { return !paused_ || !running_; });
      continue;
    }
    if (Status s = poller_->wait(200, events); !s.isOk()) {
      logger().error("broker {} listener: {}", options_.brokerId, s.toString());
      continue;
    }
    if (paused_) continue;  // readiness is level-triggered: it is still there after the pause
    for (const PollEvent& e : events) {
      if (e.fd == listenFd_) {
        acceptAll();
      } else if (e.fd == wakeReadFd_) {
        drainWake(wakeReadFd_);
      } else if (auto it = idByFd_.find(e.fd); it != idByFd_.end()) {
        Connection& c = *connections_.at(it->second);
        if (e.readable || e.hangup) serveReadable(c);
        if (e.writable && connections_.count(it->second)) flushAndWatch(c);
      }
    }
    applyCompletions();
  }
}

void BrokerListener::acceptAll() {
  for (;;) {
    auto accepted = acceptConnection(listenFd_);
    if (!accepted.isOk()) {
      logger().warn("broker {}: accept failed: {}", options_.brokerId, accepted.status().message());
      return;
    }
    const SocketHandle fd = accepted->handle;
    if (fd == kInvalidSocket) return;  // none pending
    if (static_cast<int>(connections_.size()) >= options_.maxConnections) {
      closeSocket(fd);
      std::lock_guard lock(snapshotMutex_);
      ++stats_.refusedOverLimit;
      continue;
    }
    const std::uint64_t id = nextConnectionId_++;
    auto c =
        std::make_unique<Connection>(fd, id, std::move(accepted->peer), options_.maxRequestBytes);
    c->info.brokerId = options_.brokerId;
    c->info.connectedAtMs = nowMs();
    if (!poller_->add(fd, true, false).isOk()) continue;  // the Connection closes fd
    idByFd_[fd] = id;
    publish(*c);
    connections_.emplace(id, std::move(c));
    std::lock_guard lock(snapshotMutex_);
    ++stats_.accepted;
  }
}

void BrokerListener::serveReadable(Connection& c) {
  const std::uint64_t id = c.id();
  if (c.inFlight() >= options_.maxInFlightPerConnection ||
      c.queuedBytes() >= options_.maxQueuedResponseBytes)
    return;
  std::uint64_t read = 0;
  Status s = c.readAvailable(kReadBudgetPerWake, &read);
  c.info.bytesIn += read;
  if (!s.isOk()) {
    const bool protocol = s.isInvalidArgument() || s.isResourceExhausted() || s.isCorruption();
    closeConnection(id, s.message(), protocol);
    return;
  }
  dispatchFrames(c);
  if (connections_.count(id)) flushAndWatch(c);
}

void BrokerListener::dispatchFrames(Connection& c) {
  const std::uint64_t id = c.id();
  while (c.inFlight() < options_.maxInFlightPerConnection && c.hasFrames()) {
    Bytes frame = *c.nextFrame();
    const std::uint64_t slot = c.reserveSlot();
    RequestContext context{id, options_.brokerId, c.info.peerAddress, &c.info.identity};
    std::weak_ptr<CompletionQueue> queue = completions_;
    ResponseCallback respond = [queue, id, slot](std::optional<Bytes> response) {
      auto q = queue.lock();
      if (!q) return;
      bool first = false;
      {
        std::lock_guard lock(q->mutex);
        if (!q->open) return;
        first = q->items.empty();
        q->items.push_back({id, slot, std::move(response)});
      }
      if (first) signalWake(q->wakeWriteFd);
    };
    c.info.requests++;
    c.info.lastRequestAtMs = nowMs();
    {
      std::lock_guard lock(snapshotMutex_);
      ++stats_.requests;
    }
    if (dispatcher_->dispatch(context, std::move(frame), std::move(respond)) ==
        DispatchOutcome::kCloseConnection) {
      closeConnection(id, "malformed request", true);
      return;
    }
  }
  publish(c);
}

void BrokerListener::applyCompletions() {
  std::vector<Completion> batch;
  {
    std::lock_guard lock(completions_->mutex);
    batch.swap(completions_->items);
  }
  std::vector<std::uint64_t> touched;
  for (Completion& done : batch) {
    auto it = connections_.find(done.connectionId);
    if (it == connections_.end()) continue;  // closed meanwhile
    it->second->complete(done.slot, std::move(done.response));
    touched.push_back(done.connectionId);
  }
  for (std::uint64_t id : touched) {
    auto it = connections_.find(id);
    if (it == connections_.end()) continue;
    Connection& c = *it->second;
    // Freed slots let buffered frames through, and maybe more reading.
    dispatchFrames(c);
    if (connections_.count(id)) flushAndWatch(c);
  }
}

void BrokerListener::flushAndWatch(Connection& c) {
  const std::uint64_t id = c.id();
  std::uint64_t written = 0;
  if (Status s = c.flush(&written); !s.isOk()) {
    closeConnection(id, s.message(), false);
    return;
  }
  c.info.bytesOut += written;
  const bool wantRead = c.inFlight() < options_.maxInFlightPerConnection &&
                        c.queuedBytes() < options_.maxQueuedResponseBytes;
  (void)poller_->modify(c.fd(), wantRead, c.hasOutput());
  publish(c);
}

void BrokerListener::closeConnection(std::uint64_t id, const std::string& reason,
                                     bool protocolError) {
  auto it = connections_.find(id);
  if (it == connections_.end()) return;
  Connection& c = *it->second;
  if (protocolError) {
    logger().warn("broker {}: closing connection {} from {} ({}): {}", options_.brokerId, id,
                  c.info.peerAddress,
                  c.info.identity.clientId.empty() ? "unknown client" : c.info.identity.clientId,
                  reason);
  } else {
    logger().debug("broker {}: connection {} from {} closed: {}", options_.brokerId, id,
                   c.info.peerAddress, reason);
  }
  poller_->remove(c.fd());
  idByFd_.erase(c.fd());
  connections_.erase(it);
  std::lock_guard lock(snapshotMutex_);
  clients_.erase(id);
  if (protocolError) ++stats_.closedForProtocolErrors;
}

void BrokerListener::publish(const Connection& c) {
  std::lock_guard lock(snapshotMutex_);
  clients_[c.id()] = c.info;
}

}  // namespace runnel::kafka
