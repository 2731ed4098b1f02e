// ReplicaFetcher: a broker's follower side of replication. One thread fetches, through the
// Transport, from every leader the broker follows — one request per leader carrying all its
// partitions that are not already in a request, so a partition newly followed (a failover)
// is fetched at once rather than after a long poll parked for the others — and applies what
// comes back (appends, divergence truncation, high watermark). Leaders hold a request up to
// replica.fetch.wait.max.ms when there is nothing new (long poll), so an idle cluster does not
// spin.
// Thread-safe: follow()/unfollow() come from the controller's pushes; responses arrive on other
// brokers' threads and are queued for the fetcher thread. Owned by its Broker; stop() before the
// broker's replicas go away. Callbacks that outlive the fetcher find it closed and drop their data.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <thread>
#include <vector>

#include "engine/cluster/cluster_config.h"
#include "engine/cluster/partition_replica.h"
#include "engine/cluster/transport.h"
#include "engine/common/clock.h"
#include "engine/common/thread_annotations.h"

namespace runnel::cluster {

class ReplicaFetcher {
 public:
  ReplicaFetcher(std::int32_t brokerId, const ClusterConfig& config, Transport& transport,
                 Clock& clock);
  ~ReplicaFetcher();
  ReplicaFetcher(const ReplicaFetcher&) = delete;
  ReplicaFetcher& operator=(const ReplicaFetcher&) = delete;

  void start();
  // Stops the thread; in-flight answers are dropped when they arrive. Idempotent.
  void stop();

  // Starts (or moves) fetching `replica` from `leaderId`; clears any backoff.
  void follow(std::shared_ptr<PartitionReplica> replica, std::int32_t leaderId);
  void unfollow(const TopicPartition& tp);
  // A paused fetcher sends nothing (its broker is paused); unpausing fetches at once.
  void setPaused(bool paused);

  std::uint64_t bytesFetched() const { return bytesFetched_.load(std::memory_order_relaxed); }
  std::size_t partitionCount() const;

 private:
  struct Followed {
    std::shared_ptr<PartitionReplica> replica;
    std::int32_t leaderId = -1;
    std::int64_t retryAtNs = 0;
    bool inFlight = false;
    std::uint64_t generation = 0;  // bumped by follow(), so stale answers do not clear inFlight
  };
  struct LeaderLink {
    std::int64_t retryAtNs = 0;  // backoff after the link failed
  };
  struct Arrival {
    std::int32_t leaderId;
    std::vector<std::shared_ptr<PartitionReplica>> replicas;  // aligned with the request
    std::vector<FollowerPosition> positions;
    std::vector<std::uint64_t> generations;
    FetchResponse response;
  };
  // Shared with in-flight callbacks so they can outlive the fetcher.
  struct Mailbox {
    Mutex mu;
    CondVar wake;
    std::deque<Arrival> arrivals GUARDED_BY(mu);
    bool closed GUARDED_BY(mu) = false;
    bool changed GUARDED_BY(mu) = false;
  };

  void run();
  void sendFetches(std::int64_t nowNs);
  void process(Arrival arrival, std::int64_t nowNs);
  std::int64_t nextRetryNs() const;

  const std::int32_t brokerId_;
  const ClusterConfig& config_;
  Transport& transport_;
  Clock& clock_;
  std::shared_ptr<Mailbox> currentMailbox() const EXCLUDES(mu_);

  mutable Mutex mu_;
  std::shared_ptr<Mailbox> mailbox_ GUARDED_BY(mu_);  // replaced by each start()
  std::map<TopicPartition, Followed> followed_ GUARDED_BY(mu_);
  std::map<std::int32_t, LeaderLink> leaders_ GUARDED_BY(mu_);
  std::uint64_t nextGeneration_ GUARDED_BY(mu_) = 1;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> paused_{false};
  std::atomic<std::uint64_t> bytesFetched_{0};
  std::thread thread_;
};

}  // namespace runnel::cluster
