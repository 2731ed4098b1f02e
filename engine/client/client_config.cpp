#include "engine/client/client_config.h"

#include <charconv>
#include <limits>

namespace runnel::client {
namespace {

// Reads Kafka-style properties into typed fields, collecting the first error.
class PropertyReader {
 public:
  explicit PropertyReader(const Properties& props) : props_(props) {}

  template <typename Int>
  void integer(const char* name, Int& out, long long min, long long max) {
    const std::string* text = find(name);
    if (!text) return;
    long long v = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc() || end != text->data() + text->size() || v < min || v > max) {
      fail(std::string("'") + name + "' must be a whole number from " + std::to_string(min) +
           " to " + std::to_string(max) + ", not '" + *text + "'");
      return;
    }
    out = static_cast<Int>(v);
  }

  void boolean(const char* name, bool& out) {
    const std::string* text = find(name);
    if (!text) return;
    if (*text == "true")
      out = true;
    else if (*text == "false")
      out = false;
    else
      fail(std::string("'") + name + "' must be true or false, not '" + *text + "'");
  }

  void string(const char* name, std::string& out) {
    if (const std::string* text = find(name)) out = *text;
  }

  // One of `choices` (name -> value).
  template <typename T>
  void choice(const char* name, T& out, std::initializer_list<std::pair<const char*, T>> choices) {
    const std::string* text = find(name);
    if (!text) return;
    std::string allowed;
    for (const auto& [label, value] : choices) {
      if (*text == label) {
        out = value;
        return;
      }
      allowed += allowed.empty() ? label : std::string(", ") + label;
    }
    fail(std::string("'") + name + "' must be one of " + allowed + ", not '" + *text + "'");
  }

  // Everything not consumed goes to `extra` (passed through to remote clients).
  void rest(Properties& extra) const {
    for (const auto& [k, v] : props_)
      if (!used_.count(k)) extra[k] = v;
  }
  const Status& status() const { return status_; }

 private:
  const std::string* find(const char* name) {
    auto it = props_.find(name);
    if (it == props_.end()) return nullptr;
    used_[name] = true;
    return &it->second;
  }
  void fail(const std::string& message) {
    if (status_.isOk()) status_ = Status::invalidArgument(message);
  }

  const Properties& props_;
  std::map<std::string, bool> used_;
  Status status_;
};

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text) {
    if (c == ',') {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else if (c != ' ') {
      current.push_back(c);
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

}  // namespace

Result<ProducerConfig> ProducerConfig::fromProperties(const Properties& props) {
  ProducerConfig c;
  PropertyReader r(props);
  r.string("client.id", c.clientId);
  r.choice("acks", c.acks, {{"all", -1}, {"-1", -1}, {"0", 0}, {"1", 1}});
  r.integer("linger.ms", c.lingerMs, 0, 900000);
  r.integer("batch.size", c.batchSize, 0, 64LL * 1024 * 1024);
  r.integer("buffer.memory", c.bufferMemory, 1024, std::numeric_limits<std::int64_t>::max());
  r.boolean("enable.idempotence", c.enableIdempotence);
  r.integer("retries", c.retries, 0, INT32_MAX);
  r.integer("retry.backoff.ms", c.retryBackoffMs, 0, 3600000);
  r.integer("request.timeout.ms", c.requestTimeoutMs, 1, INT32_MAX);
  r.integer("delivery.timeout.ms", c.deliveryTimeoutMs, 1, INT32_MAX);
  r.integer("max.in.flight.requests.per.connection", c.maxInFlightPerPartition, 1, 1000);
  r.integer("max.request.size", c.maxRequestSize, 1, INT32_MAX);
  r.choice("compression.type", c.compression,
           {{"none", Compression::kNone},
            {"gzip", Compression::kGzip},
            {"snappy", Compression::kSnappy},
            {"lz4", Compression::kLz4},
            {"zstd", Compression::kZstd}});
  r.rest(c.extra);
  RUNNEL_RETURN_IF_ERROR(r.status());
  if (c.enableIdempotence && c.acks != -1) {
    return Status::invalidArgument(
        "enable.idempotence=true needs acks=all (set enable.idempotence=false for acks=" +
        std::to_string(c.acks) + ")");
  }
  return c;
}

Result<ConsumerConfig> ConsumerConfig::fromProperties(const Properties& props) {
  ConsumerConfig c;
  PropertyReader r(props);
  r.string("client.id", c.clientId);
  r.string("group.id", c.groupId);
  r.string("group.instance.id", c.groupInstanceId);
  r.choice("auto.offset.reset", c.autoOffsetReset,
           {{"latest", OffsetReset::kLatest},
            {"earliest", OffsetReset::kEarliest},
            {"none", OffsetReset::kNone}});
  r.boolean("enable.auto.commit", c.enableAutoCommit);
  r.integer("auto.commit.interval.ms", c.autoCommitIntervalMs, 0, INT32_MAX);
  r.integer("session.timeout.ms", c.sessionTimeoutMs, 1, INT32_MAX);
  r.integer("heartbeat.interval.ms", c.heartbeatIntervalMs, 1, INT32_MAX);
  r.integer("max.poll.interval.ms", c.maxPollIntervalMs, 1, INT32_MAX);
  r.integer("max.poll.records", c.maxPollRecords, 1, INT32_MAX);
  r.integer("fetch.min.bytes", c.fetchMinBytes, 0, INT32_MAX);
  r.integer("fetch.max.bytes", c.fetchMaxBytes, 0, INT32_MAX);
  r.integer("max.partition.fetch.bytes", c.maxPartitionFetchBytes, 0, INT32_MAX);
  r.integer("fetch.max.wait.ms", c.fetchMaxWaitMs, 0, INT32_MAX);
  r.choice("isolation.level", c.isolationLevel,
           {{"read_uncommitted", IsolationLevel::kReadUncommitted},
            {"read_committed", IsolationLevel::kReadCommitted}});
  std::string strategies;
  r.string("partition.assignment.strategy", strategies);
  if (!strategies.empty()) c.assignmentStrategies = splitList(strategies);
  r.rest(c.extra);
  RUNNEL_RETURN_IF_ERROR(r.status());
  if (c.heartbeatIntervalMs >= c.sessionTimeoutMs)
    return Status::invalidArgument("heartbeat.interval.ms must be lower than session.timeout.ms");
  return c;
}

}  // namespace runnel::client
