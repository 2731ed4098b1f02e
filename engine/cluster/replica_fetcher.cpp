#include "engine/cluster/replica_fetcher.h"

#include <algorithm>
#include <chrono>

#include "engine/common/logging.h"

namespace runnel::cluster {
namespace {
constexpr std::int64_t kMsNs = 1'000'000;
constexpr auto kIdleSlice = std::chrono::milliseconds(50);
}  // namespace

ReplicaFetcher::ReplicaFetcher(std::int32_t brokerId, const ClusterConfig& config,
                               Transport& transport, Clock& clock)
    : brokerId_(brokerId),
      config_(config),
      transport_(transport),
      clock_(clock),
      mailbox_(std::make_shared<Mailbox>()) {}

std::shared_ptr<ReplicaFetcher::Mailbox> ReplicaFetcher::currentMailbox() const {
  MutexLock lock(mu_);
  return mailbox_;
}

ReplicaFetcher::~ReplicaFetcher() {
  stop();
}

void ReplicaFetcher::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  {
    MutexLock lock(mu_);
    mailbox_ = std::make_shared<Mailbox>();
  }
  thread_ = std::thread([this] { run(); });
}

void ReplicaFetcher::setPaused(bool paused) {
  paused_.store(paused, std::memory_order_release);
  if (paused) return;
  if (std::shared_ptr<Mailbox> box = currentMailbox()) {
    MutexLock lock(box->mu);
    box->changed = true;
    box->wake.signalAll();
  }
}

void ReplicaFetcher::stop() {
  stopping_ = true;
  std::shared_ptr<Mailbox> box = currentMailbox();
  {
    // Answers still in flight find the mailbox closed; a restart makes a fresh one.
    MutexLock lock(box->mu);
    box->closed = true;
    box->arrivals.clear();
    box->wake.signalAll();
  }
  if (thread_.joinable()) thread_.join();
  MutexLock lock(mu_);
  followed_.clear();
  leaders_.clear();
}

void ReplicaFetcher::follow(std::shared_ptr<PartitionReplica> replica, std::int32_t leaderId) {
  {
    MutexLock lock(mu_);
    Followed& f = followed_[replica->tp()];
    f.replica = std::move(replica);
    f.leaderId = leaderId;
    f.retryAtNs = 0;
    f.inFlight = false;
    f.generation = nextGeneration_++;
    leaders_[leaderId];
  }
  std::shared_ptr<Mailbox> box = currentMailbox();
  MutexLock lock(box->mu);
  box->changed = true;
  box->wake.signal();
}

void ReplicaFetcher::unfollow(const TopicPartition& tp) {
  MutexLock lock(mu_);
  followed_.erase(tp);
}

std::size_t ReplicaFetcher::partitionCount() const {
  MutexLock lock(mu_);
  return followed_.size();
}

std::int64_t ReplicaFetcher::nextRetryNs() const {
  MutexLock lock(mu_);
  std::int64_t next = INT64_MAX;
  for (const auto& [tp, f] : followed_) {
    if (f.inFlight) continue;
    auto it = leaders_.find(f.leaderId);
    next = std::min(next, std::max(f.retryAtNs, it == leaders_.end() ? 0 : it->second.retryAtNs));
  }
  return next;
}

void ReplicaFetcher::run() {
  std::shared_ptr<Mailbox> box = currentMailbox();
  while (!stopping_) {
    if (paused_.load(std::memory_order_acquire)) {
      // Answers already on their way wait in the mailbox too.
      MutexLock lock(box->mu);
      if (paused_.load(std::memory_order_acquire) && !box->closed)
        box->wake.waitFor(box->mu, kIdleSlice);
      if (box->closed) break;
      continue;
    }
    sendFetches(clock_.monotonicNs());
    std::deque<Arrival> arrivals;
    {
      MutexLock lock(box->mu);
      if (box->arrivals.empty() && !box->changed && !box->closed) {
        const std::int64_t wait = nextRetryNs() - clock_.monotonicNs();
        if (wait > 0) {
          box->wake.waitFor(box->mu, std::min<std::chrono::nanoseconds>(
                                         std::chrono::nanoseconds(wait), kIdleSlice));
        }
      }
      if (box->closed) break;
      if (paused_.load(std::memory_order_acquire)) continue;
      box->changed = false;
      arrivals.swap(box->arrivals);
    }
    for (auto& a : arrivals)
      process(std::move(a), clock_.monotonicNs());
  }
}

void ReplicaFetcher::sendFetches(std::int64_t nowNs) {
  if (paused_.load(std::memory_order_acquire)) return;
  struct Outgoing {
    std::int32_t leaderId;
    FetchRequest request;
    std::vector<std::shared_ptr<PartitionReplica>> replicas;
    std::vector<FollowerPosition> positions;
    std::vector<std::uint64_t> generations;
  };
  std::vector<Outgoing> outgoing;
  {
    MutexLock lock(mu_);
    std::map<std::int32_t, Outgoing> byLeader;
    for (auto& [tp, f] : followed_) {
      LeaderLink& link = leaders_[f.leaderId];
      if (f.inFlight || link.retryAtNs > nowNs || f.retryAtNs > nowNs) continue;
      std::optional<FollowerPosition> pos = f.replica->followerPosition();
      if (!pos || pos->leaderId != f.leaderId) continue;
      Outgoing& o = byLeader[f.leaderId];
      o.leaderId = f.leaderId;
      FetchPartition p;
      p.topic = tp.topic;
      p.partition = tp.partition;
      p.fetchOffset = pos->fetchOffset;
      p.currentLeaderEpoch = pos->leaderEpoch;
      p.lastFetchedEpoch = pos->lastFetchedEpoch;
      p.logStartOffset = pos->logStartOffset;
      p.maxBytes = config_.replicaFetchMaxBytes;
      o.request.partitions.push_back(std::move(p));
      o.replicas.push_back(f.replica);
      o.positions.push_back(*pos);
      o.generations.push_back(f.generation);
      f.inFlight = true;
    }
    for (auto& [leader, o] : byLeader) {
      o.request.replicaId = brokerId_;
      o.request.maxWaitMs = config_.replicaFetchWaitMaxMs;
      o.request.minBytes = 1;
      o.request.maxBytes = config_.replicaFetchResponseMaxBytes;
      outgoing.push_back(std::move(o));
    }
  }
  std::shared_ptr<Mailbox> box = currentMailbox();
  for (auto& o : outgoing) {
    auto deliver = [box, leader = o.leaderId, replicas = std::move(o.replicas),
                    positions = std::move(o.positions),
                    generations = std::move(o.generations)](FetchResponse response) mutable {
      MutexLock lock(box->mu);
      if (box->closed) return;
      box->arrivals.push_back(Arrival{leader, std::move(replicas), std::move(positions),
                                      std::move(generations), std::move(response)});
      box->wake.signal();
    };
    transport_.replicaFetch(brokerId_, o.leaderId, std::move(o.request), std::move(deliver));
  }
}

void ReplicaFetcher::process(Arrival arrival, std::int64_t nowNs) {
  const std::int64_t backoffNs = config_.replicaFetchBackoffMs * kMsNs;
  Completions completions;
  std::vector<TopicPartition> failed;
  bool linkFailed = !arrival.response.error.ok();
  if (!linkFailed) {
    const std::size_t n = std::min(arrival.replicas.size(), arrival.response.partitions.size());
    for (std::size_t i = 0; i < n; ++i) {
      FollowerApplyOutcome o = arrival.replicas[i]->applyFetched(
          arrival.positions[i], arrival.response.partitions[i], completions);
      bytesFetched_.fetch_add(o.bytesAppended, std::memory_order_relaxed);
      if (!o.error.ok()) {
        logger().debug("broker {}: fetching {} from broker {} failed: {}", brokerId_,
                       arrival.replicas[i]->tp().toString(), arrival.leaderId, o.error.toString());
        failed.push_back(arrival.replicas[i]->tp());
      }
    }
  }
  {
    MutexLock lock(mu_);
    if (linkFailed) leaders_[arrival.leaderId].retryAtNs = nowNs + backoffNs;
    for (std::size_t i = 0; i < arrival.replicas.size(); ++i) {
      auto it = followed_.find(arrival.replicas[i]->tp());
      if (it == followed_.end() || it->second.generation != arrival.generations[i]) continue;
      it->second.inFlight = false;
    }
    for (const auto& tp : failed) {
      auto it = followed_.find(tp);
      if (it != followed_.end() && it->second.leaderId == arrival.leaderId)
        it->second.retryAtNs = nowNs + backoffNs;
    }
  }
  runCompletions(completions);
}

}  // namespace runnel::cluster
