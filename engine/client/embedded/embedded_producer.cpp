#include "engine/client/embedded/embedded_producer.h"

#include <algorithm>

#include "engine/client/embedded/status_mapping.h"
#include "engine/common/crc32c.h"
#include "engine/record/record_batch_format.h"

namespace runnel::client::embedded {

using cluster::ErrorCode;

namespace {
// How long a topic's partition count is trusted before asking the controller again.
constexpr std::int64_t kMetadataMaxAgeNs = 1'000'000'000;
// Per-record bytes beyond key, value and headers (varints, attributes, deltas).
constexpr std::int64_t kRecordOverhead = 24;

record::CompressionCodec codecOf(Compression c) {
  switch (c) {
    case Compression::kGzip:
      return record::CompressionCodec::kGzip;
    case Compression::kSnappy:
      return record::CompressionCodec::kSnappy;
    case Compression::kLz4:
      return record::CompressionCodec::kLz4;
    case Compression::kZstd:
      return record::CompressionCodec::kZstd;
    case Compression::kNone:
      break;
  }
  return record::CompressionCodec::kNone;
}

std::optional<ByteView> viewOf(const std::optional<Bytes>& b) {
  if (!b) return std::nullopt;
  return ByteView(b->data(), b->size());
}

// Stamps the idempotence fields into a built batch and recomputes its CRC.
void stampProducer(Bytes& batch, std::int64_t producerId, std::int16_t epoch,
                   std::int32_t sequence) {
  storeBigEndian64(batch.data() + record::kProducerIdOffset,
                   static_cast<std::uint64_t>(producerId));
  storeBigEndian16(batch.data() + record::kProducerEpochOffset, static_cast<std::uint16_t>(epoch));
  storeBigEndian32(batch.data() + record::kBaseSequenceOffset,
                   static_cast<std::uint32_t>(sequence));
  const std::uint32_t crc = crc32c::value(
      ByteView(batch.data() + record::kCrcCoveredFrom, batch.size() - record::kCrcCoveredFrom));
  storeBigEndian32(batch.data() + record::kCrcOffset, crc);
}
}  // namespace

struct EmbeddedProducer::Batch {
  explicit Batch(record::RecordBatchOptions o) : builder(o) {}
  TopicPartition tp;
  record::RecordBatchBuilder builder;
  std::vector<SendCallback> callbacks;
  std::vector<std::int64_t> timestamps;
  Bytes bytes;                // built when the batch closes
  std::int64_t reserved = 0;  // buffer memory held
  std::int64_t createdNs = 0;
  std::int64_t retryAtNs = 0;
  int attempts = 0;
  std::int32_t baseSequence = -1;  // stamped on the first send
};

struct EmbeddedProducer::PartitionState {
  std::unique_ptr<Batch> open;
  std::deque<std::unique_ptr<Batch>> ready;  // the front one may be in flight
  bool inFlight = false;
  std::int64_t producerId = -1;
  std::int16_t epoch = 0;
  std::int32_t nextSequence = 0;
};

struct EmbeddedProducer::Response {
  cluster::TopicPartition tp;
  cluster::ProducePartitionResult result;
};

Result<std::unique_ptr<EmbeddedProducer>> EmbeddedProducer::create(cluster::Cluster& cluster,
                                                                   ProducerConfig config) {
  if (config.acks != 0 && config.acks != 1 && config.acks != -1) {
    return Status::invalidArgument("acks must be 0, 1 or all");
  }
  if (config.batchSize <= 0) return Status::invalidArgument("batch.size must be positive");
  std::unique_ptr<EmbeddedProducer> p(new EmbeddedProducer(cluster, std::move(config)));
  p->gate_->producer = p.get();
  p->sender_ = std::thread([raw = p.get()] { raw->run(); });
  return p;
}

EmbeddedProducer::EmbeddedProducer(cluster::Cluster& cluster, ProducerConfig config)
    : cluster_(cluster), config_(std::move(config)), rng_(std::random_device{}()) {}

EmbeddedProducer::~EmbeddedProducer() {
  (void)close(std::chrono::seconds(5));
}

std::int64_t EmbeddedProducer::nowNs() const {
  return cluster_.clock().monotonicNs();
}

std::uint64_t EmbeddedProducer::retries() const {
  std::lock_guard<std::mutex> lock(mu_);
  return retries_;
}

Result<std::int32_t> EmbeddedProducer::partitionCount(const std::string& topic) {
  // Called with mu_ held; the controller has its own lock and never calls back.
  auto it = partitionCounts_.find(topic);
  const std::int64_t now = nowNs();
  if (it != partitionCounts_.end() && now - it->second.second < kMetadataMaxAgeNs)
    return it->second.first;
  auto t = cluster_.controller().topic(topic);
  if (!t) {
    cluster::ApiError e = cluster_.controller().ensureTopic(topic);
    if (!e.ok() && e.code != ErrorCode::kTopicAlreadyExists) return toStatus(e);
    t = cluster_.controller().topic(topic);
    if (!t) return Status::notFound("unknown topic " + topic);
  }
  partitionCounts_[topic] = {t->partitionCount, now};
  return t->partitionCount;
}

Result<std::int32_t> EmbeddedProducer::partitionFor(const std::string& topic,
                                                    const std::optional<Bytes>& key) {
  std::lock_guard<std::mutex> lock(mu_);
  RUNNEL_ASSIGN_OR_RETURN(std::int32_t count, partitionCount(topic));
  if (count <= 0) return Status::notFound("topic " + topic + " has no partitions");
  if (key) return partitionForKey(ByteView(key->data(), key->size()), count);
  return sticky_[topic].current(count, rng_);
}

std::unique_ptr<EmbeddedProducer::Batch> EmbeddedProducer::newBatch(
    const cluster::TopicPartition& tp) {
  record::RecordBatchOptions o;
  o.compression = codecOf(config_.compression);
  auto b = std::make_unique<Batch>(o);
  b->tp = {tp.topic, tp.partition};
  b->createdNs = nowNs();
  return b;
}

void EmbeddedProducer::closeOpenBatch(PartitionState& state, const cluster::TopicPartition& tp) {
  if (!state.open) return;
  auto built = state.open->builder.build();
  std::unique_ptr<Batch> b = std::move(state.open);
  if (!built.isOk()) {
    // Never happens for valid records; fail them on the spot.
    for (auto& cb : b->callbacks) {
      if (cb) cb(built.status());
    }
    pendingRecords_ -= static_cast<std::int64_t>(b->callbacks.size());
    bufferUsed_ -= b->reserved;
    return;
  }
  b->bytes = std::move(built).value();
  state.ready.push_back(std::move(b));
  auto sit = sticky_.find(tp.topic);
  if (sit != sticky_.end()) {
    auto cit = partitionCounts_.find(tp.topic);
    if (cit != partitionCounts_.end())
      sit->second.onBatchComplete(tp.partition, cit->second.first, rng_);
  }
}

void EmbeddedProducer::send(ProducerRecord record, SendCallback callback) {
  std::int64_t size = kRecordOverhead +
                      static_cast<std::int64_t>(record.key ? record.key->size() : 0) +
                      static_cast<std::int64_t>(record.value ? record.value->size() : 0);
  for (const auto& h : record.headers)
    size += static_cast<std::int64_t>(h.key.size() + (h.value ? h.value->size() : 0) + 4);
  auto fail = [&](Status s) {
    if (callback) callback(std::move(s));
  };
  if (size > config_.maxRequestSize) {
    return fail(Status::invalidArgument("RECORD_TOO_LARGE: the record is " + std::to_string(size) +
                                        " bytes, more than max.request.size"));
  }
  std::unique_lock<std::mutex> lock(mu_);
  if (closing_) return fail(Status::aborted("the producer is closed"));
  auto count = partitionCount(record.topic);
  if (!count.isOk()) return fail(count.status());
  std::int32_t partition;
  if (record.partition) {
    partition = *record.partition;
    if (partition < 0 || partition >= *count) {
      return fail(Status::invalidArgument("partition " + std::to_string(partition) + " of " +
                                          record.topic + " does not exist"));
    }
  } else if (record.key) {
    partition = partitionForKey(ByteView(record.key->data(), record.key->size()), *count);
  } else {
    partition = sticky_[record.topic].current(*count, rng_);
  }
  // buffer.memory: wait for room (one record may always go when nothing is buffered).
  space_.wait(lock, [&] {
    return closing_ || bufferUsed_ == 0 || bufferUsed_ + size <= config_.bufferMemory;
  });
  if (closing_) return fail(Status::aborted("the producer is closed"));

  cluster::TopicPartition tp{record.topic, partition};
  auto& slot = partitions_[tp];
  if (!slot) slot = std::make_unique<PartitionState>();
  PartitionState& state = *slot;
  if (state.open && !state.open->builder.empty() &&
      static_cast<std::int64_t>(state.open->builder.uncompressedSize()) + size >
          config_.batchSize) {
    closeOpenBatch(state, tp);
    wake_.notify_one();
  }
  if (!state.open) {
    state.open = newBatch(tp);
    wake_.notify_one();  // the sender must learn the new linger deadline
  }
  const std::int64_t ts = record.timestampMs ? *record.timestampMs : cluster_.clock().nowMs();
  std::vector<record::RecordHeader> headers;
  headers.reserve(record.headers.size());
  for (const auto& h : record.headers)
    headers.push_back({h.key, viewOf(h.value)});
  state.open->builder.append(ts, viewOf(record.key), viewOf(record.value), headers);
  state.open->callbacks.push_back(std::move(callback));
  state.open->timestamps.push_back(ts);
  state.open->reserved += size;
  bufferUsed_ += size;
  ++pendingRecords_;
  if (static_cast<std::int64_t>(state.open->builder.uncompressedSize()) >= config_.batchSize) {
    closeOpenBatch(state, tp);
    wake_.notify_one();
  }
}

Status EmbeddedProducer::flush(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  ++flushers_;
  wake_.notify_one();
  const bool ok = done_.wait_for(lock, timeout, [&] { return pendingRecords_ == 0 || stopped_; });
  --flushers_;
  if (!ok)
    return Status::timedOut("flush: " + std::to_string(pendingRecords_) +
                            " record(s) still unacknowledged");
  return Status::ok();
}

Status EmbeddedProducer::close(std::chrono::milliseconds timeout) {
  Status flushed = Status::ok();
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (stopped_) return Status::ok();
  }
  flushed = flush(timeout);
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
    stopped_ = true;
  }
  wake_.notify_all();
  space_.notify_all();
  if (sender_.joinable()) sender_.join();
  {
    std::lock_guard<std::mutex> shut(gate_->mu);
    gate_->producer = nullptr;
  }
  // Whatever is left (flush timed out) fails; in-flight answers arriving later are ignored.
  std::vector<SendCallback> leftovers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [tp, state] : partitions_) {
      if (state->open) {
        for (auto& cb : state->open->callbacks)
          leftovers.push_back(std::move(cb));
        state->open.reset();
      }
      for (auto& b : state->ready) {
        for (auto& cb : b->callbacks)
          leftovers.push_back(std::move(cb));
      }
      state->ready.clear();
    }
    pendingRecords_ = 0;
    bufferUsed_ = 0;
  }
  done_.notify_all();
  for (auto& cb : leftovers) {
    if (cb) cb(Status::aborted("the producer was closed before the record was acknowledged"));
  }
  return flushed;
}

void EmbeddedProducer::run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopped_) {
    std::vector<Completion> completions;
    const std::int64_t sleepNs = step(lock, completions);
    if (!completions.empty()) {
      lock.unlock();
      for (auto& c : completions)
        c();
      lock.lock();
      // Only now may flush() return: its records' callbacks have run.
      pendingRecords_ -= retiring_;
      retiring_ = 0;
      done_.notify_all();
      space_.notify_all();
      continue;
    }
    if (stopped_) break;
    if (!responses_.empty()) continue;
    wake_.wait_for(lock, std::chrono::nanoseconds(sleepNs));
  }
}

std::int64_t EmbeddedProducer::step(std::unique_lock<std::mutex>& lock,
                                    std::vector<Completion>& completions) {
  while (!responses_.empty()) {
    Response r = std::move(responses_.front());
    responses_.pop_front();
    handleResponse(std::move(r), completions);
  }
  const std::int64_t now = nowNs();
  const std::int64_t lingerNs = static_cast<std::int64_t>(config_.lingerMs) * 1'000'000;
  const std::int64_t deliveryNs = static_cast<std::int64_t>(config_.deliveryTimeoutMs) * 1'000'000;
  std::int64_t sleepNs = 100'000'000;
  const bool urgent = flushers_ > 0 || closing_;
  std::map<std::int32_t, cluster::ProduceRequest> requests;
  for (auto& [tp, slot] : partitions_) {
    PartitionState& state = *slot;
    if (state.open && !state.open->builder.empty()) {
      const std::int64_t due = state.open->createdNs + lingerNs;
      if (urgent || due <= now) {
        closeOpenBatch(state, tp);
      } else {
        sleepNs = std::min(sleepNs, due - now);
      }
    }
    if (state.inFlight || state.ready.empty()) continue;
    Batch& b = *state.ready.front();
    if (now - b.createdNs >= deliveryNs) {
      auto batch = std::move(state.ready.front());
      state.ready.pop_front();
      failBatch(state, std::move(batch),
                Status::timedOut("delivery.timeout.ms passed before the record was acknowledged"),
                completions);
      continue;
    }
    if (b.retryAtNs > now) {
      sleepNs = std::min(sleepNs, b.retryAtNs - now);
      continue;
    }
    cluster::Broker* leader = cluster_.leaderOf(tp);
    if (leader == nullptr) {
      b.retryAtNs = now + static_cast<std::int64_t>(config_.retryBackoffMs) * 1'000'000;
      sleepNs = std::min(sleepNs, b.retryAtNs - now);
      continue;
    }
    if (config_.enableIdempotence && b.baseSequence < 0) {
      if (state.producerId < 0) {
        Status s = assignProducerId(state);
        if (!s.isOk()) {
          auto batch = std::move(state.ready.front());
          state.ready.pop_front();
          failBatch(state, std::move(batch), s, completions);
          continue;
        }
      }
      b.baseSequence = state.nextSequence;
      state.nextSequence += static_cast<std::int32_t>(b.callbacks.size());
      stampProducer(b.bytes, state.producerId, state.epoch, b.baseSequence);
    }
    if (b.attempts > 0) ++retries_;
    ++b.attempts;
    state.inFlight = true;
    auto& req = requests[leader->id()];
    req.acks = static_cast<std::int16_t>(config_.acks);
    req.timeoutMs = config_.requestTimeoutMs;
    req.partitions.push_back({tp.topic, tp.partition, b.bytes});
  }
  if (requests.empty()) return sleepNs;
  lock.unlock();
  for (auto& [brokerId, req] : requests) {
    cluster::Broker* broker = cluster_.broker(brokerId);
    broker->produce(std::move(req), [gate = gate_](cluster::ProduceResponse response) {
      std::lock_guard<std::mutex> open(gate->mu);
      if (gate->producer != nullptr) gate->producer->acceptAnswer(std::move(response));
    });
  }
  lock.lock();
  return 0;
}

void EmbeddedProducer::acceptAnswer(cluster::ProduceResponse response) {
  std::lock_guard<std::mutex> guard(mu_);
  if (stopped_) return;
  for (auto& p : response.partitions) {
    cluster::TopicPartition tp{p.topic, p.partition};
    responses_.push_back({std::move(tp), std::move(p)});
  }
  wake_.notify_one();
}

Status EmbeddedProducer::assignProducerId(PartitionState& state) {
  auto id = cluster_.metadata().allocateProducerIds(1);
  if (!id.isOk()) return id.status();
  state.producerId = *id;
  state.epoch = 0;
  state.nextSequence = 0;
  return Status::ok();
}

void EmbeddedProducer::handleResponse(Response response, std::vector<Completion>& completions) {
  auto it = partitions_.find(response.tp);
  if (it == partitions_.end() || !it->second->inFlight || it->second->ready.empty()) return;
  PartitionState& state = *it->second;
  state.inFlight = false;
  const cluster::ApiError& e = response.result.error;
  if (e.ok() || e.code == ErrorCode::kDuplicateSequenceNumber) {
    auto batch = std::move(state.ready.front());
    state.ready.pop_front();
    completeBatch(state, std::move(batch), response.result.baseOffset,
                  response.result.logAppendTimeMs, completions);
    return;
  }
  Batch& b = *state.ready.front();
  const bool retriable = kafka::isRetriable(e.code) || e.code == ErrorCode::kNetworkException;
  if (retriable && config_.acks != 0 && b.attempts <= config_.retries) {
    b.retryAtNs = nowNs() + static_cast<std::int64_t>(config_.retryBackoffMs) * 1'000'000;
    return;
  }
  auto batch = std::move(state.ready.front());
  state.ready.pop_front();
  failBatch(state, std::move(batch), toStatus(e), completions);
}

void EmbeddedProducer::completeBatch(PartitionState& state, std::unique_ptr<Batch> batch,
                                     std::int64_t baseOffset, std::int64_t logAppendTimeMs,
                                     std::vector<Completion>& completions) {
  (void)state;
  retiring_ += static_cast<std::int64_t>(batch->callbacks.size());
  bufferUsed_ -= batch->reserved;
  const bool known = config_.acks != 0 && baseOffset >= 0;
  std::shared_ptr<Batch> shared(std::move(batch));
  completions.push_back([shared, baseOffset, logAppendTimeMs, known] {
    for (std::size_t i = 0; i < shared->callbacks.size(); ++i) {
      if (!shared->callbacks[i]) continue;
      RecordMetadata md;
      md.topicPartition = shared->tp;
      md.offset = known ? baseOffset + static_cast<std::int64_t>(i) : -1;
      md.timestampMs = logAppendTimeMs >= 0 ? logAppendTimeMs : shared->timestamps[i];
      shared->callbacks[i](md);
    }
  });
}

void EmbeddedProducer::failBatch(PartitionState& state, std::unique_ptr<Batch> batch,
                                 const Status& why, std::vector<Completion>& completions) {
  retiring_ += static_cast<std::int64_t>(batch->callbacks.size());
  bufferUsed_ -= batch->reserved;
  // The leader may or may not hold the batch: continue under a fresh producer id so later
  // sequence numbers start clean (what Kafka's epoch bump achieves).
  if (config_.enableIdempotence && batch->baseSequence >= 0) state.producerId = -1;
  std::shared_ptr<Batch> shared(std::move(batch));
  completions.push_back([shared, why] {
    for (auto& cb : shared->callbacks) {
      if (cb) cb(why);
    }
  });
}

}  // namespace runnel::client::embedded
