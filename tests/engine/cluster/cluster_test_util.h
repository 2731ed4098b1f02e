// Helpers shared by the cluster suites: a small, fast cluster configuration, batch building,
// synchronous wrappers over the Broker's callback API with bounded waits, polling, and a tiny
// idempotent test producer that retries like a real client (the in-process Producer comes later
// in engine/client).
#pragma once

#include <QtTest>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/cluster/cluster.h"
#include "engine/record/record_batch_builder.h"
#include "engine/record/record_batch_view.h"
#include "engine/record/record_iterator.h"

namespace runnel::cluster::testing {

inline constexpr auto kWait = std::chrono::seconds(10);

inline ClusterConfig fastConfig(const std::string& dir, int brokers = 3) {
  ClusterConfig c;
  c.brokers = brokers;
  c.dataDir = dir;
  c.basePort = 19092;
  c.replicaLagTimeMaxMs = 5000;
  c.replicaFetchWaitMaxMs = 100;
  c.replicaFetchBackoffMs = 20;
  c.housekeepingIntervalMs = 20;
  c.placementSeed = 7;
  c.defaultTopicConfigs["segment.bytes"] = "1048576";
  return c;
}

inline std::unique_ptr<Cluster> openOrDie(ClusterConfig config) {
  auto c = Cluster::open(std::move(config));
  if (!c.isOk()) qFatal("opening the cluster failed: %s", c.status().toString().c_str());
  return std::move(c).value();
}

struct BatchSpec {
  std::int64_t producerId = -1;
  std::int16_t producerEpoch = -1;
  std::int32_t baseSequence = -1;
};

// A batch of `values` (one record each, key = value).
inline Bytes makeBatch(const std::vector<std::string>& values, BatchSpec spec = {}) {
  record::RecordBatchOptions o;
  o.producerId = spec.producerId;
  o.producerEpoch = spec.producerEpoch;
  o.baseSequence = spec.baseSequence;
  record::RecordBatchBuilder b(o);
  for (const auto& v : values) {
    ByteView bytes(reinterpret_cast<const std::uint8_t*>(v.data()), v.size());
    b.append(1'700'000'000'000, bytes, bytes);
  }
  auto built = b.build();
  if (!built.isOk()) qFatal("building a batch failed");
  return std::move(built).value();
}

inline std::vector<std::string> valuesOf(const std::string& prefix, int from, int count) {
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(std::max(0, count)));
  for (int i = from; i < from + count; ++i)
    out.push_back(prefix + std::to_string(i));
  return out;
}

template <typename T, typename Call>
std::optional<T> await(Call call, std::chrono::milliseconds limit = kWait) {
  auto promise = std::make_shared<std::promise<T>>();
  auto future = promise->get_future();
  call([promise](T value) { promise->set_value(std::move(value)); });
  if (future.wait_for(limit) != std::future_status::ready) return std::nullopt;
  return future.get();
}

inline ProducePartitionResult produce(Broker& broker, const std::string& topic, int partition,
                                      Bytes batch, std::int16_t acks = -1,
                                      std::int32_t timeoutMs = 5000) {
  ProduceRequest req;
  req.acks = acks;
  req.timeoutMs = timeoutMs;
  req.partitions.push_back({topic, partition, std::move(batch)});
  auto r = await<ProduceResponse>([&](auto cb) { broker.produce(std::move(req), cb); });
  if (!r) {
    ProducePartitionResult timedOut;
    timedOut.error = {ErrorCode::kRequestTimedOut, "the test gave up waiting"};
    return timedOut;
  }
  return r->partitions.at(0);
}

inline FetchPartitionResult fetch(Broker& broker, const std::string& topic, int partition,
                                  std::int64_t offset, std::int32_t maxWaitMs = 0,
                                  std::int32_t minBytes = 1, std::int32_t currentLeaderEpoch = -1,
                                  std::int32_t replicaId = -1) {
  FetchRequest req;
  req.replicaId = replicaId;
  req.maxWaitMs = maxWaitMs;
  req.minBytes = minBytes;
  FetchPartition p;
  p.topic = topic;
  p.partition = partition;
  p.fetchOffset = offset;
  p.currentLeaderEpoch = currentLeaderEpoch;
  req.partitions.push_back(p);
  auto r = await<FetchResponse>([&](auto cb) { broker.fetch(std::move(req), cb); });
  if (!r) qFatal("fetch did not answer");
  if (!r->error.ok()) {
    FetchPartitionResult failed;
    failed.error = r->error;
    return failed;
  }
  return r->partitions.at(0);
}

struct ReadRecord {
  std::int64_t offset;
  std::string value;
};

inline std::vector<ReadRecord> decode(const Bytes& records) {
  std::vector<ReadRecord> out;
  auto batches = record::splitBatches(records, true);
  if (!batches.isOk()) return out;
  for (const auto& b : *batches) {
    record::RecordIterator it(b);
    record::Record r;
    while (it.next(r))
      out.push_back({r.offset, r.value ? std::string(r.value->begin(), r.value->end()) : ""});
  }
  return out;
}

// Everything a consumer sees on `broker` (up to its high watermark), from `from`.
inline std::vector<ReadRecord> readAll(Broker& broker, const std::string& topic, int partition,
                                       std::int64_t from = 0) {
  std::vector<ReadRecord> out;
  std::int64_t offset = from;
  for (;;) {
    FetchPartitionResult r = fetch(broker, topic, partition, offset);
    if (!r.error.ok() || r.records.empty()) break;
    for (auto& rec : decode(r.records)) {
      if (rec.offset >= offset) out.push_back(std::move(rec));
    }
    if (out.empty() || out.back().offset + 1 <= offset) break;
    offset = out.back().offset + 1;
  }
  return out;
}

inline bool waitUntil(const std::function<bool()>& condition,
                      std::chrono::milliseconds limit = kWait) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return condition();
}

inline PartitionRecord state(Cluster& c, const std::string& topic, int partition) {
  auto p = c.controller().partition({topic, partition});
  if (!p) qFatal("no such partition");
  return *p;
}

inline NewTopic newTopic(const std::string& name, int partitions, int rf,
                         std::map<std::string, std::string> configs = {}) {
  NewTopic t;
  t.name = name;
  t.partitions = partitions;
  t.replicationFactor = static_cast<std::int16_t>(rf);
  t.configs = std::move(configs);
  return t;
}

inline NewTopic placedTopic(const std::string& name, Assignment assignment,
                            std::map<std::string, std::string> configs = {}) {
  NewTopic t;
  t.name = name;
  t.assignment = std::move(assignment);
  t.configs = std::move(configs);
  return t;
}

// Whether every replica in the ISR has the leader's log end (replication settled).
inline bool settled(Cluster& c, const std::string& topic, int partition) {
  PartitionRecord p = state(c, topic, partition);
  Broker* leader = c.leaderOf({topic, partition});
  if (!leader) return false;
  auto lr = leader->replica({topic, partition});
  if (!lr || lr->highWatermark() != lr->logEndOffset()) return false;
  for (int id : p.replicas) {
    Broker* b = c.broker(id);
    if (!b->alive()) continue;
    auto r = b->replica({topic, partition});
    if (!r || r->logEndOffset() != lr->logEndOffset()) return false;
  }
  return true;
}

}  // namespace runnel::cluster::testing
