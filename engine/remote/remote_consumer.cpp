#include "engine/remote/remote_consumer.h"

#include <algorithm>
#include <cstring>
#include <random>

#include "engine/common/logging.h"

namespace runnel::remote {

namespace {

using client::TopicPartition;

void onRebalance(rd_kafka_t* /*rk*/, rd_kafka_resp_err_t err,
                 rd_kafka_topic_partition_list_t* partitions, void* opaque) {
  static_cast<RemoteConsumer*>(KafkaHandle::ownerOf(opaque))->rebalanced(err, partitions);
}

PartitionListPtr toList(const std::vector<TopicPartition>& tps) {
  auto list = newPartitionList(static_cast<int>(tps.size()));
  for (const auto& tp : tps)
    rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition);
  return list;
}

std::vector<TopicPartition> fromList(const rd_kafka_topic_partition_list_t* list) {
  std::vector<TopicPartition> out;
  if (!list) return out;
  for (int i = 0; i < list->cnt; ++i)
    out.push_back({list->elems[i].topic, list->elems[i].partition});
  return out;
}

std::vector<std::string> assignors(const std::vector<std::string>& wanted) {
  // librdkafka cannot mix eager and cooperative assignors: prefer the eager ones, like the
  // Java client does with its default "range, cooperative-sticky".
  std::vector<std::string> eager;
  bool cooperative = false;
  for (const auto& a : wanted) {
    if (a == "range" || a == "roundrobin") eager.push_back(a);
    if (a == "cooperative-sticky") cooperative = true;
  }
  if (!eager.empty()) return eager;
  if (cooperative) return {"cooperative-sticky"};
  return {"range"};
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v)
    out += (out.empty() ? "" : ",") + s;
  return out;
}

Bytes copyBytes(const void* p, std::size_t n) {
  const auto* b = static_cast<const std::uint8_t*>(p);
  return Bytes(b, b + n);
}

}  // namespace

Result<std::unique_ptr<RemoteConsumer>> RemoteConsumer::create(
    const RemoteConfig& cluster, const client::ConsumerConfig& config,
    std::shared_ptr<ConnectionHealth> health) {
  std::unique_ptr<RemoteConsumer> c(new RemoteConsumer());
  c->config_ = config;
  c->groupless_ = config.groupId.empty();
  std::string groupId = config.groupId;
  if (c->groupless_) {
    // librdkafka's consumer needs a group.id even for assign(); this one never joins or commits.
    std::random_device rd;
    groupId = "_runnel-assign-" + config.clientId + "-" + std::to_string(rd());
  }
  const bool autoCommit = config.enableAutoCommit && !c->groupless_;
  client::Properties settings = {
      {"client.id", config.clientId},
      {"group.id", groupId},
      {"auto.offset.reset", config.autoOffsetReset == client::OffsetReset::kEarliest ? "earliest"
                            : config.autoOffsetReset == client::OffsetReset::kLatest ? "latest"
                                                                                     : "error"},
      {"enable.auto.commit", autoCommit ? "true" : "false"},
      // Only what poll() returned counts as consumed (not what librdkafka prefetched or what a
      // seek skipped).
      {"enable.auto.offset.store", "false"},
      {"auto.commit.interval.ms", std::to_string(config.autoCommitIntervalMs)},
      {"session.timeout.ms", std::to_string(config.sessionTimeoutMs)},
      {"heartbeat.interval.ms", std::to_string(config.heartbeatIntervalMs)},
      {"max.poll.interval.ms",
       std::to_string(std::max(config.maxPollIntervalMs, config.sessionTimeoutMs))},
      {"fetch.min.bytes", std::to_string(config.fetchMinBytes)},
      {"fetch.max.bytes", std::to_string(config.fetchMaxBytes)},
      {"max.partition.fetch.bytes", std::to_string(config.maxPartitionFetchBytes)},
      {"fetch.wait.max.ms", std::to_string(config.fetchMaxWaitMs)},
      {"isolation.level", config.isolationLevel == client::IsolationLevel::kReadCommitted
                              ? "read_committed"
                              : "read_uncommitted"},
      {"partition.assignment.strategy", join(assignors(config.assignmentStrategies))},
      {"enable.partition.eof", "false"},
  };
  if (!config.groupInstanceId.empty()) settings["group.instance.id"] = config.groupInstanceId;
  RUNNEL_ASSIGN_OR_RETURN(
      c->handle_, KafkaHandle::create(RD_KAFKA_CONSUMER, cluster, settings, config.extra,
                                      std::move(health), c.get(), [](rd_kafka_conf_t* conf) {
                                        rd_kafka_conf_set_rebalance_cb(conf, onRebalance);
                                      }));
  rd_kafka_poll_set_consumer(c->handle_->get());
  return c;
}

RemoteConsumer::~RemoteConsumer() {
  // The listener may be gone already (declared after the consumer): only an explicit close()
  // tells it about the final revocation.
  listener_ = nullptr;
  (void)close();
}

Status RemoteConsumer::checkOpen() const {
  if (closed_) return Status::aborted("the consumer is closed");
  return Status::ok();
}

bool RemoteConsumer::isAssigned(const TopicPartition& tp) const {
  return std::find(assignment_.begin(), assignment_.end(), tp) != assignment_.end();
}

Status RemoteConsumer::subscribe(const std::vector<std::string>& topics,
                                 client::RebalanceListener* listener) {
  RUNNEL_RETURN_IF_ERROR(checkOpen());
  if (groupless_) return Status::invalidArgument("subscribe() needs a group.id");
  if (mode_ == Mode::kAssigned) RUNNEL_RETURN_IF_ERROR(unsubscribe());
  auto list = newPartitionList(static_cast<int>(topics.size()));
  for (const auto& t : topics)
    rd_kafka_topic_partition_list_add(list.get(), t.c_str(), RD_KAFKA_PARTITION_UA);
  rd_kafka_resp_err_t err = rd_kafka_subscribe(handle_->get(), list.get());
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    return handle_->health().failure(err, "subscribing to " + join(topics));
  mode_ = Mode::kSubscribed;
  listener_ = listener;
  subscription_ = topics;
  return Status::ok();
}

Status RemoteConsumer::assign(const std::vector<TopicPartition>& partitions) {
  RUNNEL_RETURN_IF_ERROR(checkOpen());
  if (mode_ == Mode::kSubscribed)
    return Status::invalidArgument("assign() on a subscribed consumer: unsubscribe() first");
  std::map<TopicPartition, std::int64_t> kept;
  for (const auto& tp : partitions) {
    auto it = positions_.find(tp);
    if (it != positions_.end()) kept.insert(*it);
  }
  positions_ = std::move(kept);
  std::set<TopicPartition> stillPaused;
  for (const auto& tp : partitions) {
    if (paused_.count(tp)) stillPaused.insert(tp);
  }
  paused_ = std::move(stillPaused);
  for (auto it = held_.begin(); it != held_.end();) {
    if (std::find(partitions.begin(), partitions.end(), it->first) == partitions.end())
      it = held_.erase(it);
    else
      ++it;
  }
  assignment_ = partitions;
  mode_ = partitions.empty() ? Mode::kNone : Mode::kAssigned;
  return applyAssignment();
}

Status RemoteConsumer::applyAssignment() {
  dirty_ = false;
  auto list = toList(assignment_);
  for (int i = 0; i < list->cnt; ++i) {
    auto& e = list->elems[i];
    auto it = positions_.find({e.topic, e.partition});
    if (it != positions_.end()) {
      e.offset = it->second;
    } else if (groupless_) {
      e.offset = config_.autoOffsetReset == client::OffsetReset::kEarliest
                     ? RD_KAFKA_OFFSET_BEGINNING
                     : RD_KAFKA_OFFSET_END;
    } else {
      e.offset = RD_KAFKA_OFFSET_INVALID;  // the committed offset, else auto.offset.reset
    }
  }
  rd_kafka_resp_err_t err =
      rd_kafka_assign(handle_->get(), assignment_.empty() ? nullptr : list.get());
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    return handle_->health().failure(err, "assigning partitions");
  if (!paused_.empty()) {
    auto p = toList({paused_.begin(), paused_.end()});
    rd_kafka_pause_partitions(handle_->get(), p.get());
  }
  return Status::ok();
}

Status RemoteConsumer::unsubscribe() {
  RUNNEL_RETURN_IF_ERROR(checkOpen());
  if (mode_ == Mode::kSubscribed) {
    rd_kafka_unsubscribe(handle_->get());
    // Serve the revocation now, so the listener hears about it before unsubscribe() returns.
    for (int i = 0; i < 20 && !assignment_.empty(); ++i) {
      MessagePtr m(rd_kafka_consumer_poll(handle_->get(), 50));
    }
  }
  if (mode_ == Mode::kAssigned) rd_kafka_assign(handle_->get(), nullptr);
  mode_ = Mode::kNone;
  listener_ = nullptr;
  subscription_.clear();
  assignment_.clear();
  positions_.clear();
  pendingSeeks_.clear();
  paused_.clear();
  held_.clear();
  dirty_ = false;
  return Status::ok();
}

void RemoteConsumer::rebalanced(rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts) {
  rd_kafka_t* rk = handle_->get();
  const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
  const std::vector<TopicPartition> tps = fromList(parts);
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    if (!cooperative) assignment_.clear();
    for (const auto& tp : tps) {
      if (!isAssigned(tp)) assignment_.push_back(tp);
      positions_.erase(tp);
      paused_.erase(tp);
      held_.erase(tp);
    }
    if (listener_) listener_->onPartitionsAssigned(tps);
    // Seeks made by the listener start the fetch right there.
    for (int i = 0; i < parts->cnt; ++i) {
      auto it = pendingSeeks_.find({parts->elems[i].topic, parts->elems[i].partition});
      if (it == pendingSeeks_.end()) continue;
      parts->elems[i].offset = it->second;
      pendingSeeks_.erase(it);
    }
    if (cooperative) {
      if (rd_kafka_error_t* e = rd_kafka_incremental_assign(rk, parts)) {
        logger().warn("kafka consumer: incremental assign failed: {}", rd_kafka_error_string(e));
        rd_kafka_error_destroy(e);
      }
    } else {
      rd_kafka_assign(rk, parts);
    }
    logger().info("kafka consumer {}: assigned {} partitions", config_.clientId, tps.size());
    return;
  }
  const bool lost = rd_kafka_assignment_lost(rk) != 0;
  if (listener_) {
    if (lost)
      listener_->onPartitionsLost(tps);
    else
      listener_->onPartitionsRevoked(tps);
  }
  for (const auto& tp : tps) {
    positions_.erase(tp);
    pendingSeeks_.erase(tp);
    paused_.erase(tp);
    held_.erase(tp);
    assignment_.erase(std::remove(assignment_.begin(), assignment_.end(), tp), assignment_.end());
  }
  if (cooperative) {
    if (rd_kafka_error_t* e = rd_kafka_incremental_unassign(rk, parts)) rd_kafka_error_destroy(e);
  } else {
    assignment_.clear();
    rd_kafka_assign(rk, nullptr);
  }
}

Status RemoteConsumer::applyPendingSeeks() {
  if (pendingSeeks_.empty()) return Status::ok();
  auto list = newPartitionList(static_cast<int>(pendingSeeks_.size()));
  for (const auto& [tp, off] : pendingSeeks_)
    rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset = off;
  rd_kafka_error_t* e = rd_kafka_seek_partitions(handle_->get(), list.get(), 5000);
  if (e) {
    // Not fetching yet (just assigned): try again on the next poll.
    rd_kafka_error_destroy(e);
    return Status::ok();
  }
  for (int i = 0; i < list->cnt; ++i) {
    if (list->elems[i].err == RD_KAFKA_RESP_ERR_NO_ERROR)
      pendingSeeks_.erase({list->elems[i].topic, list->elems[i].partition});
  }
  return Status::ok();
}

Result<std::vector<client::ConsumerRecord>> RemoteConsumer::poll(
    std::chrono::milliseconds timeout) {
  RUNNEL_RETURN_IF_ERROR(checkOpen());
  std::vector<client::ConsumerRecord> out;
  if (wakeup_.exchange(false)) return Status::aborted("consumer woken up");
  if (dirty_) RUNNEL_RETURN_IF_ERROR(applyAssignment());
  RUNNEL_RETURN_IF_ERROR(applyPendingSeeks());
  rd_kafka_t* rk = handle_->get();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::map<TopicPartition, std::int64_t> consumed;
  for (auto it = held_.begin(); it != held_.end();) {
    if (paused_.count(it->first)) {
      ++it;
      continue;
    }
    while (!it->second.empty() && static_cast<std::int32_t>(out.size()) < config_.maxPollRecords) {
      positions_[it->first] = it->second.front().offset + 1;
      consumed[it->first] = it->second.front().offset + 1;
      out.push_back(std::move(it->second.front()));
      it->second.pop_front();
    }
    it = it->second.empty() ? held_.erase(it) : std::next(it);
  }
  for (;;) {
    if (static_cast<std::int32_t>(out.size()) >= config_.maxPollRecords) break;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    // Slices, so wakeup() is noticed promptly; no wait at all once records are in hand.
    const int wait =
        out.empty() ? static_cast<int>(std::clamp<std::int64_t>(left.count(), 0, 100)) : 0;
    MessagePtr m(rd_kafka_consumer_poll(rk, wait));
    if (wakeup_.exchange(false)) return Status::aborted("consumer woken up");
    if (!m) {
      if (!out.empty() || left.count() <= 0) break;
      if (dirty_) RUNNEL_RETURN_IF_ERROR(applyAssignment());
      continue;
    }
    if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      const std::string topic = m->rkt ? rd_kafka_topic_name(m->rkt) : "";
      switch (m->err) {
        case RD_KAFKA_RESP_ERR__PARTITION_EOF:
          continue;
        case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
        case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
        case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
        case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
        case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
        case RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET:
        case RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE:
        case RD_KAFKA_RESP_ERR__FATAL:
          if (!out.empty()) break;  // hand over what we have; the error comes back next time
          return handle_->health().failure(
              m->err, "reading" + (topic.empty() ? std::string() : " topic " + topic),
              rd_kafka_message_errstr(m.get()));
        default:
          // Broker down, connection lost...: librdkafka reconnects and refetches by itself.
          handle_->health().onError(m->err, rd_kafka_message_errstr(m.get()));
          logger().info("kafka consumer {}: {}", config_.clientId,
                        rd_kafka_message_errstr(m.get()));
          continue;
      }
      break;
    }
    TopicPartition tp{rd_kafka_topic_name(m->rkt), m->partition};
    if (!isAssigned(tp)) continue;
    auto pos = positions_.find(tp);
    if (pos != positions_.end() && m->offset < pos->second) continue;  // prefetched before a seek
    client::ConsumerRecord r;
    r.topicPartition = tp;
    r.offset = m->offset;
    rd_kafka_timestamp_type_t type;
    r.timestampMs = rd_kafka_message_timestamp(m.get(), &type);
    r.timestampKind = type == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME
                          ? client::TimestampKind::kLogAppendTime
                          : client::TimestampKind::kCreateTime;
    if (m->key) r.key = copyBytes(m->key, m->key_len);
    if (m->payload) r.value = copyBytes(m->payload, m->len);
    rd_kafka_headers_t* hdrs = nullptr;
    if (rd_kafka_message_headers(m.get(), &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR && hdrs) {
      const char* name;
      const void* value;
      std::size_t size;
      for (std::size_t i = 0;
           rd_kafka_header_get_all(hdrs, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
           ++i) {
        client::Header h{name, std::nullopt};
        if (value) h.value = copyBytes(value, size);
        r.headers.push_back(std::move(h));
      }
    }
    auto& held = held_[tp];
    if (paused_.count(tp) || !held.empty()) {
      // Fetched before pause() took effect: keep it for after resume().
      if (held.empty() || m->offset > held.back().offset) held.push_back(std::move(r));
      continue;
    }
    held_.erase(tp);
    positions_[tp] = m->offset + 1;
    consumed[tp] = m->offset + 1;
    out.push_back(std::move(r));
    if (static_cast<std::int32_t>(out.size()) >= config_.maxPollRecords) break;
  }
  if (!out.empty()) handle_->health().onSuccess();
  if (config_.enableAutoCommit && !groupless_ && !consumed.empty()) {
    auto list = newPartitionList(static_cast<int>(consumed.size()));
    for (const auto& [tp, next] : consumed)
      rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset = next;
    rd_kafka_offsets_store(rk, list.get());
  }
  return out;
}

Status RemoteConsumer::seek(const TopicPartition& tp, std::int64_t offset) {
  RUNNEL_RETURN_IF_ERROR(checkOpen());
  if (!isAssigned(tp))
    return Status::invalidArgument("seek: " + tp.toString() + " is not assigned");
  if (offset < 0) return Status::invalidArgument("seek: negative offset for " + tp.toString());
  positions_[tp] = offset;
  held_.erase(tp);
  if (mode_ == Mode::kSubscribed)
    pendingSeeks_[tp] = offset;
  else
    dirty_ = true;
  return Status::ok();
}

Status RemoteConsumer::seekToBeginning(const std::vector<TopicPartition>& partitions) {
  for (const auto& tp : partitions) {
    RUNNEL_ASSIGN_OR_RETURN(auto marks, watermarks(tp, std::chrono::seconds(30)));
    RUNNEL_RETURN_IF_ERROR(seek(tp, marks.first));
  }
  return Status::ok();
}

Status RemoteConsumer::seekToEnd(const std::vector<TopicPartition>& partitions) {
  for (const auto& tp : partitions) {
    RUNNEL_ASSIGN_OR_RETURN(auto marks, watermarks(tp, std::chrono::seconds(30)));
    RUNNEL_RETURN_IF_ERROR(seek(tp, marks.second));
  }
  return Status::ok();
}

Result<std::map<TopicPartition, std::optional<std::int64_t>>> RemoteConsumer::offsetsForTimes(
    const std::map<TopicPartition, std::int64_t>& timestamps, std::chrono::milliseconds timeout) {
  RUNNEL_RETURN_IF_ERROR(checkOpen());
  std::map<TopicPartition, std::optional<std::int64_t>> out;
  if (timestamps.empty()) return out;
  auto list = newPartitionList(static_cast<int>(timestamps.size()));
  for (const auto& [tp, ts] : timestamps)
    rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset = ts;
  rd_kafka_resp_err_t err =
      rd_kafka_offsets_for_times(handle_->get(), list.get(), static_cast<int>(timeout.count()));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    return handle_->health().failure(err, "looking up offsets for timestamps");
  for (int i = 0; i < list->cnt; ++i) {
    const auto& e = list->elems[i];
    if (e.err != RD_KAFKA_RESP_ERR_NO_ERROR)
      return handle_->health().failure(e.err, std::string("looking up offsets of ") + e.topic);
    out[{e.topic, e.partition}] =
        e.offset >= 0 ? std::optional<std::int64_t>(e.offset) : std::nullopt;
  }
  return out;
}

Result<std::int64_t> RemoteConsumer::position(const TopicPartition& tp) {
  RUNNEL_RETURN_IF_ERROR(checkOpen());
  if (!isAssigned(tp))
    return Status::invalidArgument("position: " + tp.toString() + " is not assigned");
  auto it = positions_.find(tp);
  if (it != positions_.end()) return it->second;
  if (auto h = held_.find(tp); h != held_.end() && !h->second.empty())
    return h->second.front().offset;
  // Unknown yet: resolve it the way the fetch will (committed offset, else the reset policy),
  // then pin the fetch to it so position() and poll() agree.
  std::int64_t resolved = -1;
  if (!groupless_) {
    RUNNEL_ASSIGN_OR_RETURN(auto c, committed({tp}, std::chrono::seconds(30)));
    auto found = c.find(tp);
    if (found != c.end()) resolved = found->second.offset;
  }
  if (resolved < 0) {
    if (config_.autoOffsetReset == client::OffsetReset::kNone)
      return Status::outOfRange("no committed offset for " + tp.toString() +
                                " and auto.offset.reset is none");
    RUNNEL_ASSIGN_OR_RETURN(auto marks, watermarks(tp, std::chrono::seconds(30)));
    resolved =
        config_.autoOffsetReset == client::OffsetReset::kEarliest ? marks.first : marks.second;
  }
  RUNNEL_RETURN_IF_ERROR(seek(tp, resolved));
  return resolved;
}

Result<std::pair<std::int64_t, std::int64_t>> RemoteConsumer::watermarks(
    const TopicPartition& tp, std::chrono::milliseconds timeout) {
  RUNNEL_RETURN_IF_ERROR(checkOpen());
  std::int64_t lo = -1, hi = -1;
  rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(
      handle_->get(), tp.topic.c_str(), tp.partition, &lo, &hi, static_cast<int>(timeout.count()));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    return handle_->health().failure(err, "reading the offsets of " + tp.toString());
  return std::make_pair(lo, hi);
}

Status RemoteConsumer::commitSync(const std::optional<client::OffsetMap>& offsets,
                                  std::chrono::milliseconds timeout) {
  (void)timeout;  // librdkafka's commit is bounded by its own request timeouts
  RUNNEL_RETURN_IF_ERROR(checkOpen());
  if (groupless_) return Status::invalidArgument("commitSync() needs a group.id");
  client::OffsetMap what;
  if (offsets) {
    what = *offsets;
  } else {
    for (const auto& tp : assignment_) {
      auto it = positions_.find(tp);
      if (it != positions_.end()) what[tp] = {it->second, "", -1};
    }
  }
  if (what.empty()) return Status::ok();
  auto list = newPartitionList(static_cast<int>(what.size()));
  for (const auto& [tp, om] : what) {
    auto* e = rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition);
    e->offset = om.offset;
    if (!om.metadata.empty()) {
      e->metadata = std::malloc(om.metadata.size());
      std::memcpy(e->metadata, om.metadata.data(), om.metadata.size());
      e->metadata_size = om.metadata.size();
    }
  }
  rd_kafka_resp_err_t err = rd_kafka_commit(handle_->get(), list.get(), 0);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    return handle_->health().failure(err, "committing offsets of group " + config_.groupId);
  for (int i = 0; i < list->cnt; ++i) {
    if (list->elems[i].err != RD_KAFKA_RESP_ERR_NO_ERROR)
      return handle_->health().failure(
          list->elems[i].err, std::string("committing the offset of ") + list->elems[i].topic);
  }
  return Status::ok();
}

Result<client::OffsetMap> RemoteConsumer::committed(const std::vector<TopicPartition>& partitions,
                                                    std::chrono::milliseconds timeout) {
  RUNNEL_RETURN_IF_ERROR(checkOpen());
  client::OffsetMap out;
  if (groupless_ || partitions.empty()) return out;
  auto list = toList(partitions);
  rd_kafka_resp_err_t err =
      rd_kafka_committed(handle_->get(), list.get(), static_cast<int>(timeout.count()));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    return handle_->health().failure(err,
                                     "reading the committed offsets of group " + config_.groupId);
  addCommittedOffsets(*list, out);
  return out;
}

Status RemoteConsumer::pause(const std::vector<TopicPartition>& partitions) {
  RUNNEL_RETURN_IF_ERROR(checkOpen());
  for (const auto& tp : partitions) {
    if (!isAssigned(tp))
      return Status::invalidArgument("pause: " + tp.toString() + " is not assigned");
    paused_.insert(tp);
  }
  auto list = toList(partitions);
  rd_kafka_pause_partitions(handle_->get(), list.get());
  return Status::ok();
}

Status RemoteConsumer::resume(const std::vector<TopicPartition>& partitions) {
  RUNNEL_RETURN_IF_ERROR(checkOpen());
  for (const auto& tp : partitions)
    paused_.erase(tp);
  auto list = toList(partitions);
  rd_kafka_resume_partitions(handle_->get(), list.get());
  return Status::ok();
}

client::ConsumerGroupMetadata RemoteConsumer::groupMetadata() const {
  client::ConsumerGroupMetadata md;
  if (groupless_) return md;
  md.groupId = config_.groupId;
  if (char* id = rd_kafka_memberid(handle_->get())) {
    md.memberId = id;
    rd_kafka_mem_free(handle_->get(), id);
  }
  if (!config_.groupInstanceId.empty()) md.groupInstanceId = config_.groupInstanceId;
  return md;
}

Status RemoteConsumer::close() {
  if (closed_) return Status::ok();
  closed_ = true;
  rd_kafka_resp_err_t err = rd_kafka_consumer_close(handle_->get());
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__DESTROY)
    return handle_->health().failure(err, "closing the consumer");
  return Status::ok();
}

}  // namespace runnel::remote
