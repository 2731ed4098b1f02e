#include "engine/remote/remote_producer.h"

#include <cstring>

namespace runnel::remote {

namespace {

const char* compressionName(client::Compression c) {
  switch (c) {
    case client::Compression::kGzip:
      return "gzip";
    case client::Compression::kSnappy:
      return "snappy";
    case client::Compression::kLz4:
      return "lz4";
    case client::Compression::kZstd:
      return "zstd";
    case client::Compression::kNone:
      break;
  }
  return "none";
}

struct Delivery {
  RemoteProducer* producer;
  client::SendCallback callback;
};

void onDelivery(rd_kafka_t* /*rk*/, const rd_kafka_message_t* message, void* opaque) {
  static_cast<RemoteProducer*>(KafkaHandle::ownerOf(opaque))->delivered(*message);
}

// librdkafka tells null (nullptr) from empty (non-null, length 0).
const std::uint8_t kEmpty[1] = {0};

}  // namespace

Result<std::unique_ptr<RemoteProducer>> RemoteProducer::create(
    const RemoteConfig& cluster, const client::ProducerConfig& config,
    std::shared_ptr<ConnectionHealth> health) {
  client::Properties settings = {
      {"client.id", config.clientId},
      {"acks", std::to_string(config.acks)},
      {"linger.ms", std::to_string(config.lingerMs)},
      {"batch.size", std::to_string(config.batchSize)},
      {"queue.buffering.max.kbytes",
       std::to_string(std::max<std::int64_t>(1, config.bufferMemory / 1024))},
      {"enable.idempotence", config.enableIdempotence ? "true" : "false"},
      {"retries", std::to_string(config.retries)},
      {"retry.backoff.ms", std::to_string(config.retryBackoffMs)},
      {"request.timeout.ms", std::to_string(config.requestTimeoutMs)},
      {"delivery.timeout.ms", std::to_string(config.deliveryTimeoutMs)},
      {"max.in.flight.requests.per.connection", std::to_string(config.maxInFlightPerPartition)},
      {"message.max.bytes", std::to_string(std::max(config.maxRequestSize, 1000))},
      {"compression.type", compressionName(config.compression)},
      // The Java client's partitioning, so keys land where other Kafka clients put them.
      {"partitioner", "murmur2_random"},
      // A typo in a topic name is an error, as on the embedded cluster, not a new topic.
      {"allow.auto.create.topics", "false"},
  };
  std::unique_ptr<RemoteProducer> p(new RemoteProducer());
  RUNNEL_ASSIGN_OR_RETURN(
      p->handle_, KafkaHandle::create(RD_KAFKA_PRODUCER, cluster, settings, config.extra,
                                      std::move(health), p.get(), [](rd_kafka_conf_t* conf) {
                                        rd_kafka_conf_set_dr_msg_cb(conf, onDelivery);
                                      }));
  p->poller_ = std::thread([raw = p.get()] { raw->pollLoop(); });
  return p;
}

RemoteProducer::~RemoteProducer() {
  (void)close(std::chrono::seconds(5));
}

void RemoteProducer::pollLoop() {
  while (!stop_.load()) {
    rd_kafka_poll(handle_->get(), 100);
  }
}

void RemoteProducer::delivered(const rd_kafka_message_t& m) {
  std::unique_ptr<Delivery> d(static_cast<Delivery*>(m._private));
  if (d && d->callback) {
    if (m.err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      handle_->health().onSuccess();
      client::RecordMetadata md;
      md.topicPartition = {m.rkt ? rd_kafka_topic_name(m.rkt) : "", m.partition};
      md.offset = m.offset;
      rd_kafka_timestamp_type_t type;
      md.timestampMs = rd_kafka_message_timestamp(&m, &type);
      d->callback(md);
    } else {
      const std::string topic = m.rkt ? rd_kafka_topic_name(m.rkt) : "";
      d->callback(handle_->health().failure(
          m.err, "producing to " + topic + " partition " + std::to_string(m.partition),
          rd_kafka_message_errstr(&m)));
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (--inFlight_ == 0) idle_.notify_all();
}

void RemoteProducer::send(client::ProducerRecord record, client::SendCallback callback) {
  if (closed_.load()) {
    if (callback) callback(Status::aborted("the producer is closed"));
    return;
  }
  std::vector<rd_kafka_vu_t> vus;
  rd_kafka_headers_t* headers = nullptr;
  if (!record.headers.empty()) {
    headers = rd_kafka_headers_new(record.headers.size());
    for (const auto& h : record.headers) {
      rd_kafka_header_add(headers, h.key.data(), static_cast<ssize_t>(h.key.size()),
                          h.value ? (h.value->empty() ? kEmpty : h.value->data()) : nullptr,
                          h.value ? h.value->size() : 0);
    }
  }
  auto* delivery = new Delivery{this, std::move(callback)};
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++inFlight_;
  }
  const std::uint8_t* key =
      record.key ? (record.key->empty() ? kEmpty : record.key->data()) : nullptr;
  const std::size_t keySize = record.key ? record.key->size() : 0;
  const std::size_t valueSize = record.value ? record.value->size() : 0;
  const std::int32_t partition = record.partition ? *record.partition : RD_KAFKA_PARTITION_UA;
  const std::int64_t timestamp = record.timestampMs ? *record.timestampMs : 0;
  void* value = record.value ? (record.value->empty() ? const_cast<std::uint8_t*>(kEmpty)
                                                      : static_cast<void*>(record.value->data()))
                             : nullptr;
  rd_kafka_resp_err_t err;
  for (;;) {
    err = rd_kafka_producev(
        handle_->get(), RD_KAFKA_V_TOPIC(record.topic.c_str()), RD_KAFKA_V_PARTITION(partition),
        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(key, keySize),
        RD_KAFKA_V_VALUE(value, valueSize), RD_KAFKA_V_TIMESTAMP(timestamp),
        RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_OPAQUE(delivery), RD_KAFKA_V_END);
    // buffer.memory exhausted: wait for room, like the Java client's blocking send().
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL || closed_.load()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return;  // librdkafka owns the headers now
  if (headers) rd_kafka_headers_destroy(headers);
  if (delivery->callback)
    delivery->callback(handle_->health().failure(err, "producing to " + record.topic));
  delete delivery;
  std::lock_guard<std::mutex> lock(mu_);
  if (--inFlight_ == 0) idle_.notify_all();
}

Status RemoteProducer::flush(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  rd_kafka_resp_err_t err = rd_kafka_flush(handle_->get(), static_cast<int>(timeout.count()));
  // The poll thread may still be running the last callbacks: wait for them too.
  std::unique_lock<std::mutex> lock(mu_);
  const bool done = idle_.wait_until(lock, deadline, [&] { return inFlight_ == 0; });
  if (err == RD_KAFKA_RESP_ERR__TIMED_OUT || !done) {
    return Status::timedOut("flush to Kafka at " + handle_->health().bootstrap() +
                            " did not complete within " + std::to_string(timeout.count()) +
                            " ms (" + std::to_string(inFlight_) + " records unacknowledged)" +
                            (handle_->health().lastProblem().empty()
                                 ? std::string()
                                 : ": " + handle_->health().lastProblem()));
  }
  return Status::ok();
}

rd_kafka_topic_t* RemoteProducer::topicHandle(const std::string& topic) {
  auto it = topics_.find(topic);
  if (it == topics_.end())
    it =
        topics_.emplace(topic, TopicPtr(rd_kafka_topic_new(handle_->get(), topic.c_str(), nullptr)))
            .first;
  return it->second.get();
}

Result<std::int32_t> RemoteProducer::partitionFor(const std::string& topic,
                                                  const std::optional<Bytes>& key) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  auto& cached = partitionCounts_[topic];
  // The sink operator asks for every record: cache, but notice new partitions eventually.
  if (cached.partitions <= 0 || now - cached.fetched > std::chrono::seconds(30)) {
    rd_kafka_topic_t* rkt = topicHandle(topic);
    const rd_kafka_metadata_t* raw = nullptr;
    rd_kafka_resp_err_t err = rd_kafka_metadata(handle_->get(), 0, rkt, &raw, 10000);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
      return handle_->health().failure(err, "looking up the partitions of " + topic);
    MetadataPtr md(raw);
    std::int32_t count = 0;
    for (int i = 0; i < md->topic_cnt; ++i) {
      if (topic != md->topics[i].topic) continue;
      if (md->topics[i].err != RD_KAFKA_RESP_ERR_NO_ERROR)
        return handle_->health().failure(md->topics[i].err, "looking up topic " + topic);
      count = md->topics[i].partition_cnt;
    }
    if (count <= 0)
      return Status::notFound("topic " + topic + " has no partitions on Kafka at " +
                              handle_->health().bootstrap());
    cached = {count, now};
  }
  if (!key)
    return static_cast<std::int32_t>(nextKeyless_++ %
                                     static_cast<std::uint32_t>(cached.partitions));
  return rd_kafka_msg_partitioner_murmur2(topicHandle(topic), key->empty() ? kEmpty : key->data(),
                                          key->size(), cached.partitions, nullptr, nullptr);
}

Status RemoteProducer::close(std::chrono::milliseconds timeout) {
  if (closed_.exchange(true)) return Status::ok();
  Status s = flush(timeout);
  stop_.store(true);
  if (poller_.joinable()) poller_.join();
  // Whatever is still queued fails now, with its callback, rather than vanishing.
  rd_kafka_purge(handle_->get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  rd_kafka_poll(handle_->get(), 0);
  {
    std::lock_guard<std::mutex> lock(mu_);
    topics_.clear();
  }
  return s;
}

}  // namespace runnel::remote
