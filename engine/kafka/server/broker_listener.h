// BrokerListener: one broker's Kafka listener — a TCP socket on 127.0.0.1:port and a single I/O
// thread that serves every connection (epoll/poll, no thread per connection). It cuts requests
// out of the byte stream, hands them to a RequestDispatcher, and writes responses back in
// request order. A malformed, truncated or oversized frame closes that one connection with a
// logged reason; the broker and every other connection carry on.
// Thread-safety: start/stop/port/clients may be called from any thread. Responses may be
// delivered from any thread. Lifetime: the dispatcher must outlive the listener; stop() (or the
// destructor) closes the socket and every connection at once, as a killed broker does.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "engine/common/status.h"
#include "engine/kafka/server/connected_client.h"
#include "engine/kafka/server/listener_options.h"
#include "engine/kafka/server/request_dispatcher.h"
#include "engine/kafka/server/socket_ops.h"

namespace runnel::kafka {

class Connection;
class Poller;

struct ListenerStats {
  std::uint64_t accepted = 0;
  std::uint64_t closedForProtocolErrors = 0;
  std::uint64_t refusedOverLimit = 0;
  std::uint64_t requests = 0;
};

class BrokerListener {
 public:
  BrokerListener(ListenerOptions options, RequestDispatcher* dispatcher);
  ~BrokerListener();
  BrokerListener(const BrokerListener&) = delete;
  BrokerListener& operator=(const BrokerListener&) = delete;

  // Binds and starts serving. Fails with a clear message if the port is taken.
  Status start();
  // Closes the listening socket and every connection, abruptly. Idempotent.
  void stop();
  bool running() const { return running_.load(); }
  // A paused listener reads, accepts and writes nothing — as a stopped process: connections stay
  // open, the kernel queues what clients send, and answers already computed wait. Unpausing
  // serves everything in order.
  void setPaused(bool paused);
  bool paused() const { return paused_.load(); }
  // The bound port (useful with port 0); 0 when not running.
  int port() const { return boundPort_.load(); }
  std::int32_t brokerId() const { return options_.brokerId; }

  std::vector<ConnectedClient> clients() const;
  ListenerStats stats() const;

 private:
  struct Completion {
    std::uint64_t connectionId;
    std::uint64_t slot;
    std::optional<Bytes> response;
  };
  // Shared with response callbacks, which may outlive a stopped listener: they then find it
  // closed and drop the response.
  struct CompletionQueue {
    std::mutex mutex;
    std::vector<Completion> items;  // guarded by mutex
    bool open = true;               // guarded by mutex
    SocketHandle wakeWriteFd = kInvalidSocket;
  };

  void run();
  void acceptAll();
  void serveReadable(Connection& c);
  void dispatchFrames(Connection& c);
  void applyCompletions();
  void flushAndWatch(Connection& c);
  void closeConnection(std::uint64_t id, const std::string& reason, bool protocolError);
  void publish(const Connection& c);

  const ListenerOptions options_;
  RequestDispatcher* const dispatcher_;
  std::atomic<bool> running_{false};
  std::atomic<bool> paused_{false};
  std::mutex pauseMutex_;
  std::condition_variable unpaused_;  // also notified by stop()
  std::atomic<int> boundPort_{0};
  std::mutex lifecycleMutex_;  // serialises start() and stop()
  std::thread ioThread_;

  // Owned by the I/O thread while running.
  SocketHandle listenFd_ = kInvalidSocket;
  SocketHandle wakeReadFd_ = kInvalidSocket;
  std::unique_ptr<Poller> poller_;
  std::unordered_map<SocketHandle, std::uint64_t> idByFd_;
  std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> connections_;
  std::uint64_t nextConnectionId_ = 1;
  std::shared_ptr<CompletionQueue> completions_;

  mutable std::mutex snapshotMutex_;  // guards clients_ and stats_
  std::unordered_map<std::uint64_t, ConnectedClient> clients_;
  ListenerStats stats_;
};

}  // namespace runnel::kafka
