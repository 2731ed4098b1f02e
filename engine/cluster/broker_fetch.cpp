// Broker: Fetch (consumers and followers, long poll with minBytes/maxWait, response and
// partition byte limits), ListOffsets and DeleteRecords.
#include <algorithm>

#include "engine/cluster/broker.h"

namespace runnel::cluster {

// One fetch request in flight: shared by the immediate path and a delayed completion.
struct Broker::FetchPlan {
  FetchRequest request;
  bool follower = false;
  std::vector<std::shared_ptr<PartitionReplica>> replicas;  // null where the broker has none
  std::vector<ApiError> errors;
  std::vector<std::optional<DivergingEpoch>> diverging;
};

FetchResponse Broker::readPlan(FetchPlan& plan, bool recheckLeadership) {
  FetchResponse response;
  const std::size_t n = plan.request.partitions.size();
  response.partitions.resize(n);
  std::size_t budget = static_cast<std::size_t>(std::max(0, plan.request.maxBytes));
  bool gotData = false;
  std::uint64_t served = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const FetchPartition& p = plan.request.partitions[i];
    FetchPartitionResult& result = response.partitions[i];
    const auto& r = plan.replicas[i];
    ApiError error = plan.errors[i];
    if (error.ok() && recheckLeadership && r) error = r->checkLeader(p.currentLeaderEpoch);
    if (!error.ok() || plan.diverging[i] || !r) {
      result.topic = p.topic;
      result.partition = p.partition;
      result.error = std::move(error);
      result.divergingEpoch = plan.diverging[i];
      if (r) {
        result.highWatermark = r->highWatermark();
        result.lastStableOffset = result.highWatermark;
        result.logStartOffset = r->logStartOffset();
        result.logEndOffset = r->logEndOffset();
      }
      continue;
    }
    // Kafka's KIP-74: the first batch found is returned even beyond the limits, so a consumer
    // never stalls on a batch larger than its fetch size.
    const std::size_t limit =
        std::min<std::size_t>(budget, static_cast<std::size_t>(std::max(0, p.maxBytes)));
    result = r->read(p, plan.follower, limit, /*minOneBatch=*/!gotData);
    const std::size_t size = result.records.size();
    budget -= std::min(budget, size);
    gotData = gotData || size > 0;
    served += size;
  }
  if (!plan.follower) bytesOut_.fetch_add(served, std::memory_order_relaxed);
  return response;
}

void Broker::handleReplicaFetch(FetchRequest request, FetchCallback done) {
  fetch(std::move(request), std::move(done));
}

void Broker::fetch(FetchRequest request, FetchCallback done) {
  if (paused()) {
    return runWhenAnswering([this, r = std::move(request), d = std::move(done)]() mutable {
      fetch(std::move(r), std::move(d));
    });
  }
  CallGuard guard(*this);
  if (!guard) {
    FetchResponse r;
    r.error = downError();
    done(std::move(r));
    return;
  }
  auto plan = std::make_shared<FetchPlan>();
  plan->follower = request.replicaId >= 0;
  const std::size_t n = request.partitions.size();
  plan->replicas.resize(n);
  plan->errors.resize(n);
  plan->diverging.resize(n);
  Completions out;
  bool anyError = false;
  for (std::size_t i = 0; i < n; ++i) {
    const FetchPartition& p = request.partitions[i];
    const TopicPartition tp{p.topic, p.partition};
    auto r = replica(tp);
    if (!r) {
      plan->errors[i] = missingReplicaError(tp);
    } else if (plan->follower) {
      plan->errors[i] = r->onFollowerFetch(request.replicaId, p, plan->diverging[i], out);
    } else {
      plan->errors[i] = r->checkLeader(p.currentLeaderEpoch);
    }
    anyError = anyError || !plan->errors[i].ok() || plan->diverging[i].has_value();
    plan->replicas[i] = std::move(r);
  }
  // A follower's progress may have moved the high watermark: answer the producers waiting on it
  // before reading, so this response already carries the new high watermark.
  runCompletions(out);
  plan->request = std::move(request);

  FetchResponse response = readPlan(*plan, /*recheckLeadership=*/false);
  std::size_t bytes = 0;
  for (const auto& p : response.partitions)
    bytes += p.records.size();
  const std::size_t minBytes = static_cast<std::size_t>(std::max(1, plan->request.minBytes));
  Timer* timer = liveTimer_.load(std::memory_order_acquire);
  if (plan->request.maxWaitMs <= 0 || n == 0 || anyError || bytes >= minBytes || timer == nullptr) {
    done(std::move(response));
    return;
  }

  // Long poll: park until enough data arrives (appends and high-watermark moves wake us) or
  // maxWait passes.
  auto ready = [plan, minBytes] {
    std::size_t available = 0;
    for (std::size_t i = 0; i < plan->replicas.size(); ++i) {
      const auto& r = plan->replicas[i];
      if (!r || !r->hasDataAt(plan->request.partitions[i].fetchOffset, plan->follower)) continue;
      if (minBytes <= 1) return true;
      const FetchPartition& p = plan->request.partitions[i];
      available +=
          r->read(p, plan->follower, static_cast<std::size_t>(std::max(0, p.maxBytes)), true)
              .records.size();
      if (available >= minBytes) return true;
    }
    return false;
  };
  auto complete = [this, plan, done = std::move(done)]() mutable {
    done(readPlan(*plan, /*recheckLeadership=*/true));
  };
  auto op = std::make_shared<DelayedFetch>(std::move(ready), std::move(complete));
  for (const auto& r : plan->replicas) {
    if (r) r->addFetchWaiter(op);
  }
  timer->schedule(plan->request.maxWaitMs, [op] { op->forceComplete(); });
  op->tryComplete();  // data may have arrived while we registered
}

namespace {
// Answers each partition of a request with its replica, or with the error that says why this
// broker cannot (down, not a replica, unknown partition) — the same for every per-partition call.
template <typename Result, typename Request, typename Lookup, typename Answer>
std::vector<Result> answerEachPartition(const std::vector<Request>& partitions, Lookup lookup,
                                        Answer answer) {
  std::vector<Result> results;
  results.reserve(partitions.size());
  for (const auto& p : partitions) {
    auto [replica, error] = lookup(TopicPartition{p.topic, p.partition});
    if (!replica) {
      Result res;
      res.topic = p.topic;
      res.partition = p.partition;
      res.error = std::move(error);
      results.push_back(std::move(res));
      continue;
    }
    results.push_back(answer(*replica, p));
  }
  return results;
}
}  // namespace

std::pair<std::shared_ptr<PartitionReplica>, ApiError> Broker::lookupReplica(
    const CallGuard& guard, const TopicPartition& tp) const {
  if (!guard) return {nullptr, downError()};
  auto r = replica(tp);
  if (!r) return {nullptr, missingReplicaError(tp)};
  return {std::move(r), ApiError{}};
}

void Broker::listOffsets(std::vector<ListOffsetsPartition> partitions, ListOffsetsCallback done) {
  if (paused()) {
    return runWhenAnswering([this, r = std::move(partitions), d = std::move(done)]() mutable {
      listOffsets(std::move(r), std::move(d));
    });
  }
  CallGuard guard(*this);
  done(answerEachPartition<ListOffsetsPartitionResult>(
      partitions, [&](const TopicPartition& tp) { return lookupReplica(guard, tp); },
      [](PartitionReplica& r, const ListOffsetsPartition& p) { return r.listOffsets(p); }));
}

void Broker::deleteRecords(std::vector<DeleteRecordsPartition> partitions,
                           DeleteRecordsCallback done) {
  if (paused()) {
    return runWhenAnswering([this, r = std::move(partitions), d = std::move(done)]() mutable {
      deleteRecords(std::move(r), std::move(d));
    });
  }
  CallGuard guard(*this);
  done(answerEachPartition<DeleteRecordsPartitionResult>(
      partitions, [&](const TopicPartition& tp) { return lookupReplica(guard, tp); },
      [](PartitionReplica& r, const DeleteRecordsPartition& p) { return r.deleteRecords(p); }));
}

}  // namespace runnel::cluster
