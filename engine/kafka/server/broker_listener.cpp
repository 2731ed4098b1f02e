#include "engine/kafka/server/broker_listener.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

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

bool setNonBlocking(int fd) {
  const int flags = fcntl(fd, F_GETFL, 0);
  return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

std::string peerName(const sockaddr_in& addr) {
  char host[INET_ADDRSTRLEN] = {};
  inet_ntop(AF_INET, &addr.sin_addr, host, sizeof host);
  return std::string(host) + ":" + std::to_string(ntohs(addr.sin_port));
}

void wake(int fd) {
  const std::uint8_t byte = 1;
  [[maybe_unused]] auto n = ::write(fd, &byte, 1);  // a full pipe already means "wake up"
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
  const std::string where = options_.bindAddress + ":" + std::to_string(options_.port);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(options_.port));
  if (inet_pton(AF_INET, options_.bindAddress.c_str(), &addr.sin_addr) != 1) {
    return Status::invalidArgument("cannot listen on '" + options_.bindAddress +
                                   "': not an IPv4 address");
  }
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Status::ioError(std::string("socket: ") + std::strerror(errno));
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);  // a restarted broker rebinds at once
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EADDRINUSE) {
      return Status::unavailable(
          "broker " + std::to_string(options_.brokerId) + " cannot listen on " + where +
          ": the port is in use (is another Kafka or Runnel running? try --port)");
    }
    return Status::ioError("cannot listen on " + where + ": " + std::strerror(err));
  }
  if (::listen(fd, 1024) != 0 || !setNonBlocking(fd)) {
    const int err = errno;
    ::close(fd);
    return Status::ioError("cannot listen on " + where + ": " + std::strerror(err));
  }
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);

  int pipeFds[2];
  if (::pipe(pipeFds) != 0) {
    ::close(fd);
    return Status::ioError(std::string("pipe: ") + std::strerror(errno));
  }
  setNonBlocking(pipeFds[0]);
  setNonBlocking(pipeFds[1]);
  poller_ = Poller::create();
  Status s = poller_->add(fd, true, false);
  if (s.isOk()) s = poller_->add(pipeFds[0], true, false);
  if (!s.isOk()) {
    ::close(fd);
    ::close(pipeFds[0]);
    ::close(pipeFds[1]);
    return s;
  }
  listenFd_ = fd;
  wakeReadFd_ = pipeFds[0];
  completions_ = std::make_shared<CompletionQueue>();
  completions_->wakeWriteFd = pipeFds[1];
  boundPort_ = ntohs(addr.sin_port);
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
  wake(completions_->wakeWriteFd);
  ioThread_.join();
  {
    std::lock_guard lock(completions_->mutex);
    completions_->open = false;
    completions_->items.clear();
  }
  // Closing the descriptors resets every client's connection: a killed broker says no goodbye.
  connections_.clear();
  idByFd_.clear();
  ::close(listenFd_);
  ::close(wakeReadFd_);
  ::close(completions_->wakeWriteFd);
  listenFd_ = wakeReadFd_ = -1;
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
        std::uint8_t drain[256];
        while (::read(wakeReadFd_, drain, sizeof drain) > 0) {
        }
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
    sockaddr_in peer{};
    socklen_t len = sizeof peer;
    const int fd = ::accept(listenFd_, reinterpret_cast<sockaddr*>(&peer), &len);
    if (fd < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
        logger().warn("broker {}: accept failed: {}", options_.brokerId, std::strerror(errno));
      return;
    }
    if (static_cast<int>(connections_.size()) >= options_.maxConnections) {
      ::close(fd);
      std::lock_guard lock(snapshotMutex_);
      ++stats_.refusedOverLimit;
      continue;
    }
    setNonBlocking(fd);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#if defined(SO_NOSIGPIPE)
    setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
    const std::uint64_t id = nextConnectionId_++;
    auto c = std::make_unique<Connection>(fd, id, peerName(peer), options_.maxRequestBytes);
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
      if (first) wake(q->wakeWriteFd);
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
