// Transport: the in-process network between brokers. Follower replicas fetch from leaders through
// it, and it can misbehave on purpose, per directed link: add delay, drop a share of requests
// (seeded RNG, so a failing run replays), cut a link (a network partition), one way or both, and
// heal it. activeFaults() lists every fault in force, for the studio's fault panel.
// A dropped or cut request or response comes back to the sender as NETWORK_EXCEPTION (after the
// link's delay), as a timed-out connection would, only sooner.
// Thread-safe. Endpoints (brokers) register and unregister as they start and die; each must stay
// alive until the Transport is stopped, since delayed deliveries may still reach it (a broker that
// is down refuses them itself). Delays run on the Transport's own timer thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/cluster/broker_requests.h"
#include "engine/cluster/timer.h"
#include "engine/common/clock.h"
#include "engine/common/thread_annotations.h"

namespace runnel::cluster {

// What a broker offers other brokers over the Transport.
class TransportEndpoint {
 public:
  virtual ~TransportEndpoint() = default;
  virtual void handleReplicaFetch(FetchRequest request, FetchCallback done) = 0;
};

enum class LinkDirection { kBoth, kOneWay };  // kOneWay: only from -> to

struct LinkFault {
  int from = 0;
  int to = 0;
  bool bothWays = false;  // the same fault applies to to -> from
  bool cut = false;
  std::int64_t delayMs = 0;
  double dropRate = 0;
  std::string description;  // "link 1 ↔ 3 cut", "link 2 → 1: 50 ms delay, 10% dropped"
};

class Transport {
 public:
  explicit Transport(Clock& clock, std::uint64_t seed = 0);
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  void registerEndpoint(int brokerId, TransportEndpoint* endpoint) EXCLUDES(mu_);
  void unregisterEndpoint(int brokerId) EXCLUDES(mu_);
  // Drops pending delayed deliveries and stops the timer thread.
  void stop();

  // Sends a replica fetch from broker `from` to broker `to`; `done` runs exactly once, on the
  // thread that completes it (the caller's, the leader's, or the timer's).
  void replicaFetch(int from, int to, FetchRequest request, FetchCallback done) EXCLUDES(mu_);

  // ---- faults ----
  void setDelay(int from, int to, std::int64_t delayMs,
                LinkDirection direction = LinkDirection::kBoth) EXCLUDES(mu_);
  void setDropRate(int from, int to, double rate, LinkDirection direction = LinkDirection::kBoth)
      EXCLUDES(mu_);
  void cut(int from, int to, LinkDirection direction = LinkDirection::kBoth) EXCLUDES(mu_);
  // Clears every fault of the link (in the given direction(s)).
  void heal(int from, int to, LinkDirection direction = LinkDirection::kBoth) EXCLUDES(mu_);
  // Cuts every link to and from `brokerId`, including links to brokers added later.
  void isolate(int brokerId) EXCLUDES(mu_);
  void healAll() EXCLUDES(mu_);
  std::vector<LinkFault> activeFaults() const EXCLUDES(mu_);
  void setSeed(std::uint64_t seed) EXCLUDES(mu_);

  std::uint64_t requestsSent() const EXCLUDES(mu_);
  std::uint64_t messagesLost() const EXCLUDES(mu_);

 private:
  struct Link {
    bool cut = false;
    std::int64_t delayMs = 0;
    double dropRate = 0;
    bool healthy() const { return !cut && delayMs == 0 && dropRate == 0; }
    bool operator==(const Link&) const = default;
  };
  struct Hop {
    bool lost = false;
    std::int64_t delayMs = 0;
    std::string why;
  };
  Hop travel(int from, int to) REQUIRES(mu_);
  void editLink(int from, int to, LinkDirection direction, const std::function<void(Link&)>& edit)
      REQUIRES(mu_);
  void deliverRequest(int from, int to, FetchRequest request, FetchCallback done) EXCLUDES(mu_);
  void deliverResponse(int from, int to, FetchResponse response, FetchCallback done) EXCLUDES(mu_);

  Timer timer_;
  mutable Mutex mu_;
  std::map<int, TransportEndpoint*> endpoints_ GUARDED_BY(mu_);
  std::map<std::pair<int, int>, Link> links_ GUARDED_BY(mu_);  // only faulty links
  std::set<int> isolated_ GUARDED_BY(mu_);
  std::mt19937_64 rng_ GUARDED_BY(mu_);
  std::uint64_t sent_ GUARDED_BY(mu_) = 0;
  std::uint64_t lost_ GUARDED_BY(mu_) = 0;
};

}  // namespace runnel::cluster
