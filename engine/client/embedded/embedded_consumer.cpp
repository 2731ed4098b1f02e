#include "engine/client/embedded/embedded_consumer.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>

#include "engine/client/embedded/status_mapping.h"
#include "engine/record/record_batch_view.h"
#include "engine/record/record_iterator.h"

namespace runnel::client::embedded {

using cluster::ErrorCode;
using Clock = std::chrono::steady_clock;

namespace {
// Longest single wait inside poll(), so heartbeats, wakeup() and joins stay prompt.
constexpr std::int32_t kSliceMs = 100;

cluster::TopicPartition toCluster(const TopicPartition& tp) {
  return {tp.topic, tp.partition};
}

template <typename T>
std::optional<T> awaitCallback(const std::function<void(std::function<void(T)>)>& call,
                               std::chrono::milliseconds limit) {
  struct Slot {
    std::mutex mu;
    std::condition_variable cv;
    std::optional<T> value;
  };
  auto slot = std::make_shared<Slot>();
  call([slot](T v) {
    std::lock_guard<std::mutex> lock(slot->mu);
    slot->value = std::move(v);
    slot->cv.notify_all();
  });
  std::unique_lock<std::mutex> lock(slot->mu);
  slot->cv.wait_for(lock, limit, [&] { return slot->value.has_value(); });
  return std::move(slot->value);
}
}  // namespace

Result<std::unique_ptr<EmbeddedConsumer>> EmbeddedConsumer::create(cluster::Cluster& cluster,
                                                                   GroupService* groups,
                                                                   ConsumerConfig config) {
  if (!config.groupId.empty() && groups == nullptr)
    return Status::invalidArgument("group.id set but no coordinator");
  return std::unique_ptr<EmbeddedConsumer>(
      new EmbeddedConsumer(cluster, groups, std::move(config)));
}

EmbeddedConsumer::EmbeddedConsumer(cluster::Cluster& cluster, GroupService* groups,
                                   ConsumerConfig config)
    : cluster_(cluster), groups_(groups), config_(std::move(config)) {
  if (groups_ != nullptr && !config_.groupId.empty()) {
    member_ = std::make_unique<GroupMember>(cluster_, groups_->coordinator(), config_);
  }
  nextAutoCommit_ = Clock::now() + std::chrono::milliseconds(config_.autoCommitIntervalMs);
}

EmbeddedConsumer::~EmbeddedConsumer() {
  (void)close();
}

Status EmbeddedConsumer::subscribe(const std::vector<std::string>& topics,
                                   RebalanceListener* listener) {
  if (closed_) return Status::aborted("the consumer is closed");
  if (!member_) return Status::invalidArgument("subscribe() needs group.id");
  if (!subscribed_ && !parts_.empty())
    return Status::invalidArgument("subscribe() after assign(): unsubscribe first");
  if (topics.empty()) return unsubscribe();
  RUNNEL_RETURN_IF_ERROR(member_->setSubscription(topics));
  listener_ = listener;
  subscribed_ = true;
  return Status::ok();
}

Status EmbeddedConsumer::assign(const std::vector<TopicPartition>& partitions) {
  if (closed_) return Status::aborted("the consumer is closed");
  if (subscribed_) return Status::invalidArgument("assign() while subscribed: unsubscribe first");
  std::map<TopicPartition, PartitionState> next;
  for (const auto& tp : partitions) {
    auto it = parts_.find(tp);
    next[tp] = it != parts_.end() ? it->second : PartitionState{};
  }
  parts_ = std::move(next);
  return Status::ok();
}

Status EmbeddedConsumer::unsubscribe() {
  if (subscribed_) {
    if (config_.enableAutoCommit) (void)maybeAutoCommit(true);
    if (listener_ != nullptr && !parts_.empty()) listener_->onPartitionsRevoked(assignment());
    member_->leave();
  }
  subscribed_ = false;
  listener_ = nullptr;
  parts_.clear();
  return Status::ok();
}

std::vector<TopicPartition> EmbeddedConsumer::assignment() const {
  std::vector<TopicPartition> out;
  for (const auto& [tp, s] : parts_)
    out.push_back(tp);
  return out;
}

std::vector<std::string> EmbeddedConsumer::subscription() const {
  return subscribed_ ? member_->subscription() : std::vector<std::string>{};
}

Status EmbeddedConsumer::driveGroup() {
  if (!subscribed_) return Status::ok();
  AssignmentChange change;
  Status s = member_->step(change);
  if (change.changed()) applyChange(change);
  return s;
}

void EmbeddedConsumer::applyChange(const AssignmentChange& change) {
  if (!change.revoked.empty()) {
    if (config_.enableAutoCommit) {
      OffsetMap offsets;
      for (const auto& tp : change.revoked) {
        auto it = parts_.find(tp);
        if (it != parts_.end() && it->second.position) offsets[tp] = {*it->second.position, "", -1};
      }
      if (!offsets.empty()) (void)commitSync(offsets, std::chrono::seconds(5));
    }
    if (listener_ != nullptr) listener_->onPartitionsRevoked(change.revoked);
    for (const auto& tp : change.revoked)
      parts_.erase(tp);
  }
  if (!change.lost.empty()) {
    if (listener_ != nullptr) listener_->onPartitionsLost(change.lost);
    for (const auto& tp : change.lost)
      parts_.erase(tp);
  }
  if (!change.assigned.empty()) {
    for (const auto& tp : change.assigned)
      parts_[tp] = PartitionState{};
    if (listener_ != nullptr) listener_->onPartitionsAssigned(change.assigned);
  }
}

Result<cluster::ListOffsetsPartitionResult> EmbeddedConsumer::listOffset(
    const TopicPartition& tp, std::int64_t timestamp, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    cluster::Broker* leader = cluster_.leaderOf(toCluster(tp));
    cluster::ApiError error{ErrorCode::kLeaderNotAvailable, "no live leader for " + tp.toString()};
    if (leader != nullptr) {
      auto answer = awaitCallback<std::vector<cluster::ListOffsetsPartitionResult>>(
          [&](auto done) {
            leader->listOffsets({{tp.topic, tp.partition, timestamp, cluster::kNoEpoch}}, done);
          },
          timeout);
      if (answer && !answer->empty()) {
        if (answer->front().error.ok()) return answer->front();
        error = answer->front().error;
      }
    }
    if (!kafka::isRetriable(error.code) ||
        Clock::now() + std::chrono::milliseconds(20) >= deadline) {
      return toStatus(error);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

Status EmbeddedConsumer::resetPosition(const TopicPartition& tp, PartitionState& state) {
  std::int64_t which;
  switch (config_.autoOffsetReset) {
    case OffsetReset::kEarliest:
      which = cluster::kEarliestTimestamp;
      break;
    case OffsetReset::kLatest:
      which = cluster::kLatestTimestamp;
      break;
    default:
      return Status::outOfRange("no offset for " + tp.toString() +
                                " and auto.offset.reset is none");
  }
  RUNNEL_ASSIGN_OR_RETURN(auto listed,
                          listOffset(tp, which, std::chrono::milliseconds(kSliceMs * 10)));
  state.position = listed.offset;
  return Status::ok();
}

Status EmbeddedConsumer::resolvePositions() {
  std::vector<TopicPartition> missing;
  for (const auto& [tp, s] : parts_) {
    if (!s.position) missing.push_back(tp);
  }
  if (missing.empty()) return Status::ok();
  if (member_) {
    std::vector<group::PartitionRef> refs;
    for (const auto& tp : missing)
      refs.push_back({tp.topic, tp.partition});
    auto fetched = groups_->coordinator().fetchOffsets(config_.groupId, refs);
    for (const auto& e : fetched.offsets) {
      if (e.offset < 0) continue;
      auto it = parts_.find({e.topic, e.partition});
      if (it != parts_.end()) it->second.position = e.offset;
    }
  }
  for (const auto& tp : missing) {
    auto& s = parts_[tp];
    if (!s.position) {
      Status r = resetPosition(tp, s);
      if (r.isOutOfRange() || r.isInvalidArgument()) return r;
    }
  }
  return Status::ok();
}

bool EmbeddedConsumer::anyBuffered() const {
  for (const auto& [tp, s] : parts_) {
    if (!s.paused && s.hasBuffered()) return true;
  }
  return false;
}

bool EmbeddedConsumer::needsFetch() const {
  for (const auto& [tp, s] : parts_) {
    if (!s.paused && s.position && !s.hasBuffered()) return true;
  }
  return false;
}

Status EmbeddedConsumer::fetchOnce(std::int32_t waitMs) {
  std::map<std::int32_t, cluster::FetchRequest> requests;
  for (const auto& [tp, s] : parts_) {
    if (s.paused || !s.position || s.hasBuffered()) continue;
    cluster::Broker* leader = cluster_.leaderOf(toCluster(tp));
    if (leader == nullptr) continue;
    auto& req = requests[leader->id()];
    req.maxWaitMs = waitMs;
    req.minBytes = config_.fetchMinBytes;
    req.maxBytes = config_.fetchMaxBytes;
    cluster::FetchPartition fp;
    fp.topic = tp.topic;
    fp.partition = tp.partition;
    fp.fetchOffset = *s.position;
    fp.maxBytes = config_.maxPartitionFetchBytes;
    req.partitions.push_back(fp);
    ++stats_.partitionFetches;
  }
  if (requests.empty()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(waitMs, 20)));
    return Status::ok();
  }
  struct Gather {
    std::mutex mu;
    std::condition_variable cv;
    std::vector<cluster::FetchResponse> responses;
  };
  auto gather = std::make_shared<Gather>();
  for (auto& [id, req] : requests) {
    cluster_.broker(id)->fetch(std::move(req), [gather](cluster::FetchResponse r) {
      std::lock_guard<std::mutex> lock(gather->mu);
      gather->responses.push_back(std::move(r));
      gather->cv.notify_all();
    });
  }
  std::vector<cluster::FetchResponse> responses;
  {
    std::unique_lock<std::mutex> lock(gather->mu);
    gather->cv.wait_for(lock, std::chrono::milliseconds(waitMs + 1000),
                        [&] { return gather->responses.size() == requests.size(); });
    responses = std::move(gather->responses);
  }
  for (const auto& r : responses) {
    if (!r.error.ok()) continue;  // the broker is down: the next round finds the new leader
    for (const auto& p : r.partitions) {
      TopicPartition tp{p.topic, p.partition};
      auto it = parts_.find(tp);
      // A partition seeked, paused or buffered since the request went out keeps its own state.
      if (it == parts_.end() || !it->second.position || it->second.paused ||
          it->second.hasBuffered()) {
        continue;
      }
      PartitionState& state = it->second;
      if (p.error.code == ErrorCode::kOffsetOutOfRange) {
        state.position.reset();
        state.dropBuffer();
        RUNNEL_RETURN_IF_ERROR(resetPosition(tp, state));
        continue;
      }
      if (!p.error.ok() || p.records.empty()) continue;  // leader moved, fenced: retried next round
      stats_.bytesFetched += p.records.size();
      auto batches = record::splitBatches(p.records, true);
      if (!batches.isOk()) continue;
      state.dropBuffer();
      std::int64_t end = *state.position;
      for (const auto& b : *batches) {
        if (b.isControl()) {
          end = std::max(end, b.nextOffset());
          continue;
        }
        record::RecordIterator iter(b);
        record::Record rec;
        const bool appendTime = b.timestampType() == record::TimestampType::kLogAppendTime;
        while (iter.next(rec)) {
          ++stats_.recordsDecoded;
          if (rec.offset < end) continue;
          ConsumerRecord cr;
          cr.topicPartition = tp;
          cr.offset = rec.offset;
          cr.timestampMs = appendTime ? b.maxTimestamp() : rec.timestamp;
          cr.timestampKind =
              appendTime ? TimestampKind::kLogAppendTime : TimestampKind::kCreateTime;
          cr.leaderEpoch = b.partitionLeaderEpoch();
          if (rec.key) cr.key = Bytes(rec.key->begin(), rec.key->end());
          if (rec.value) cr.value = Bytes(rec.value->begin(), rec.value->end());
          for (const auto& h : rec.headers) {
            Header hd{std::string(h.key), std::nullopt};
            if (h.value) hd.value = Bytes(h.value->begin(), h.value->end());
            cr.headers.push_back(std::move(hd));
          }
          end = rec.offset + 1;
          state.buffered.push_back(std::move(cr));
        }
      }
      state.bufferedEnd = end;
      // Nothing but control batches: step over them now, as there is nothing to hand out.
      if (state.buffered.empty()) state.position = std::max(*state.position, end);
    }
  }
  return Status::ok();
}

void EmbeddedConsumer::takeBuffered(std::vector<ConsumerRecord>& out) {
  const auto limit = static_cast<std::size_t>(std::max(1, config_.maxPollRecords));
  if (parts_.empty() || out.size() >= limit) return;
  // Start just after the partition served last, wrapping around once.
  auto start = lastServed_ ? parts_.upper_bound(*lastServed_) : parts_.begin();
  for (std::size_t visited = 0; visited < parts_.size() && out.size() < limit; ++visited) {
    if (start == parts_.end()) start = parts_.begin();
    auto& [tp, state] = *start++;
    if (state.paused || !state.hasBuffered()) continue;
    while (out.size() < limit && state.hasBuffered()) {
      ConsumerRecord& cr = state.buffered[state.next++];
      state.leaderEpoch = cr.leaderEpoch;
      state.position = cr.offset + 1;
      out.push_back(std::move(cr));
    }
    if (!state.hasBuffered()) {
      state.position = std::max(*state.position, state.bufferedEnd);
      state.dropBuffer();
    }
    lastServed_ = tp;
  }
}

Result<std::vector<ConsumerRecord>> EmbeddedConsumer::poll(std::chrono::milliseconds timeout) {
  if (closed_) return Status::aborted("the consumer is closed");
  const auto deadline = Clock::now() + timeout;
  const auto limit = static_cast<std::size_t>(std::max(1, config_.maxPollRecords));
  std::vector<ConsumerRecord> out;
  for (;;) {
    if (wakeup_.exchange(false)) return Status::aborted("wakeup() interrupted poll()");
    RUNNEL_RETURN_IF_ERROR(driveGroup());
    RUNNEL_RETURN_IF_ERROR(resolvePositions());
    RUNNEL_RETURN_IF_ERROR(maybeAutoCommit(false));
    takeBuffered(out);
    // Partitions with nothing buffered are fetched even when buffered records fill this poll,
    // without waiting, so that their data is ready for their turn in the next poll.
    if (needsFetch() || out.empty()) {
      const auto now = Clock::now();
      auto remaining =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
      std::int32_t waitMs =
          static_cast<std::int32_t>(std::clamp<std::int64_t>(remaining, 0, kSliceMs));
      waitMs = std::min(waitMs, config_.fetchMaxWaitMs);
      if (subscribed_ && !member_->stable()) waitMs = std::min(waitMs, 10);
      if (!out.empty() || anyBuffered()) waitMs = 0;
      RUNNEL_RETURN_IF_ERROR(fetchOnce(waitMs));
      if (out.size() < limit) takeBuffered(out);
    }
    if (!out.empty() || Clock::now() >= deadline) return out;
  }
}

Status EmbeddedConsumer::seek(const TopicPartition& partition, std::int64_t offset) {
  auto it = parts_.find(partition);
  if (it == parts_.end()) return Status::invalidArgument(partition.toString() + " is not assigned");
  if (offset < 0) return Status::invalidArgument("negative offset");
  it->second.position = offset;
  it->second.dropBuffer();
  return Status::ok();
}

Status EmbeddedConsumer::seekToBeginning(const std::vector<TopicPartition>& partitions) {
  for (const auto& tp : partitions.empty() ? assignment() : partitions) {
    auto it = parts_.find(tp);
    if (it == parts_.end()) return Status::invalidArgument(tp.toString() + " is not assigned");
    RUNNEL_ASSIGN_OR_RETURN(auto r,
                            listOffset(tp, cluster::kEarliestTimestamp, std::chrono::seconds(5)));
    it->second.position = r.offset;
    it->second.dropBuffer();
  }
  return Status::ok();
}

Status EmbeddedConsumer::seekToEnd(const std::vector<TopicPartition>& partitions) {
  for (const auto& tp : partitions.empty() ? assignment() : partitions) {
    auto it = parts_.find(tp);
    if (it == parts_.end()) return Status::invalidArgument(tp.toString() + " is not assigned");
    RUNNEL_ASSIGN_OR_RETURN(auto r,
                            listOffset(tp, cluster::kLatestTimestamp, std::chrono::seconds(5)));
    it->second.position = r.offset;
    it->second.dropBuffer();
  }
  return Status::ok();
}

Result<std::map<TopicPartition, std::optional<std::int64_t>>> EmbeddedConsumer::offsetsForTimes(
    const std::map<TopicPartition, std::int64_t>& timestamps, std::chrono::milliseconds timeout) {
  std::map<TopicPartition, std::optional<std::int64_t>> out;
  for (const auto& [tp, ts] : timestamps) {
    if (ts < 0) return Status::invalidArgument("negative timestamp for " + tp.toString());
    RUNNEL_ASSIGN_OR_RETURN(auto r, listOffset(tp, ts, timeout));
    out[tp] = r.offset >= 0 ? std::optional<std::int64_t>(r.offset) : std::nullopt;
  }
  return out;
}

Result<std::int64_t> EmbeddedConsumer::position(const TopicPartition& partition) {
  auto it = parts_.find(partition);
  if (it == parts_.end()) return Status::invalidArgument(partition.toString() + " is not assigned");
  if (!it->second.position) RUNNEL_RETURN_IF_ERROR(resolvePositions());
  if (!it->second.position)
    return Status::unavailable("no position yet for " + partition.toString());
  return *it->second.position;
}

Result<std::pair<std::int64_t, std::int64_t>> EmbeddedConsumer::watermarks(
    const TopicPartition& partition, std::chrono::milliseconds timeout) {
  RUNNEL_ASSIGN_OR_RETURN(auto low, listOffset(partition, cluster::kEarliestTimestamp, timeout));
  RUNNEL_ASSIGN_OR_RETURN(auto high, listOffset(partition, cluster::kLatestTimestamp, timeout));
  return std::make_pair(low.offset, high.offset);
}

OffsetMap EmbeddedConsumer::currentPositions() const {
  OffsetMap out;
  for (const auto& [tp, s] : parts_) {
    if (s.position) out[tp] = {*s.position, "", s.leaderEpoch};
  }
  return out;
}

Status EmbeddedConsumer::commitSync(const std::optional<OffsetMap>& offsets,
                                    std::chrono::milliseconds timeout) {
  (void)timeout;  // the coordinator answers in process, at once
  if (groups_ == nullptr || config_.groupId.empty())
    return Status::invalidArgument("commitSync() needs group.id");
  const OffsetMap toCommit = offsets ? *offsets : currentPositions();
  if (toCommit.empty()) return Status::ok();
  group::OffsetCommitRequest req;
  req.groupId = config_.groupId;
  if (subscribed_ && member_->generation() >= 0) {
    req.generationId = member_->generation();
    req.memberId = member_->memberId();
    if (!config_.groupInstanceId.empty()) req.groupInstanceId = config_.groupInstanceId;
  }
  for (const auto& [tp, o] : toCommit)
    req.offsets.push_back({tp.topic, tp.partition, o.offset, o.leaderEpoch, o.metadata});
  for (const auto& r : groups_->coordinator().commitOffsets(req)) {
    if (r.error != group::GroupError::kNone) {
      return toStatus(r.error, "committing " + r.topic + "-" + std::to_string(r.partition));
    }
  }
  return Status::ok();
}

Result<OffsetMap> EmbeddedConsumer::committed(const std::vector<TopicPartition>& partitions,
                                              std::chrono::milliseconds timeout) {
  (void)timeout;
  if (groups_ == nullptr || config_.groupId.empty())
    return Status::invalidArgument("committed() needs group.id");
  std::vector<group::PartitionRef> refs;
  for (const auto& tp : partitions)
    refs.push_back({tp.topic, tp.partition});
  auto fetched = groups_->coordinator().fetchOffsets(config_.groupId, refs);
  if (fetched.error != group::GroupError::kNone) return toStatus(fetched.error, "fetching offsets");
  OffsetMap out;
  for (const auto& e : fetched.offsets) {
    if (e.offset >= 0) out[{e.topic, e.partition}] = {e.offset, e.metadata, e.leaderEpoch};
  }
  return out;
}

Status EmbeddedConsumer::maybeAutoCommit(bool force) {
  if (!config_.enableAutoCommit || groups_ == nullptr || config_.groupId.empty())
    return Status::ok();
  const auto now = Clock::now();
  if (!force && now < nextAutoCommit_) return Status::ok();
  nextAutoCommit_ = now + std::chrono::milliseconds(config_.autoCommitIntervalMs);
  // A forced commit (close, unsubscribe) is the last chance: a cooperative member still owns
  // and reads its partitions during a rebalance, and the coordinator accepts its generation's
  // commits until the join completes, so it must not wait for a stable group.
  if (force) return commitSync(std::nullopt, std::chrono::seconds(5));
  if (subscribed_ && !member_->stable()) return Status::ok();
  Status s = commitSync(std::nullopt, std::chrono::seconds(5));
  // A commit racing a rebalance is retried at the next interval, as Kafka's async auto-commit.
  (void)s;
  return Status::ok();
}

Status EmbeddedConsumer::pause(const std::vector<TopicPartition>& partitions) {
  for (const auto& tp : partitions) {
    auto it = parts_.find(tp);
    if (it == parts_.end()) return Status::invalidArgument(tp.toString() + " is not assigned");
    it->second.paused = true;
    // As Kafka's consumer: the position stays, the next fetch after resume() starts there.
    it->second.dropBuffer();
  }
  return Status::ok();
}

Status EmbeddedConsumer::resume(const std::vector<TopicPartition>& partitions) {
  for (const auto& tp : partitions) {
    auto it = parts_.find(tp);
    if (it == parts_.end()) return Status::invalidArgument(tp.toString() + " is not assigned");
    it->second.paused = false;
  }
  return Status::ok();
}

ConsumerGroupMetadata EmbeddedConsumer::groupMetadata() const {
  ConsumerGroupMetadata md;
  md.groupId = config_.groupId;
  if (member_) {
    md.generationId = member_->generation();
    md.memberId = member_->memberId();
  }
  if (!config_.groupInstanceId.empty()) md.groupInstanceId = config_.groupInstanceId;
  return md;
}

void EmbeddedConsumer::wakeup() {
  wakeup_.store(true);
}

Status EmbeddedConsumer::close() {
  if (closed_) return Status::ok();
  Status s = Status::ok();
  if (config_.enableAutoCommit && !config_.groupId.empty()) s = maybeAutoCommit(true);
  if (subscribed_) member_->leave();
  subscribed_ = false;
  parts_.clear();
  closed_ = true;
  return s;
}

}  // namespace runnel::client::embedded
