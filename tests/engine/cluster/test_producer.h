// TestProducer: a tiny idempotent producer over the Broker API for the failover and fault
// tests — one batch in flight, acks=all, retried with the same sequence numbers on retriable
// errors (asking the controller for the current leader each time), like a real client would.
// Records every acknowledged value with its offset. Driven from one test thread.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "cluster_test_util.h"

namespace runnel::cluster::testing {

struct AckedRecord {
  std::string value;
  std::int64_t offset;
};

class TestProducer {
 public:
  TestProducer(Cluster& cluster, std::string topic, std::int64_t producerId, std::string prefix)
      : cluster_(cluster),
        topic_(std::move(topic)),
        producerId_(producerId),
        prefix_(std::move(prefix)) {}

  // Sends `count` records (one batch) to `partition` and retries until acknowledged, a fatal
  // error, `stop` or `deadline`. Returns false on a fatal error (fatal() says which).
  bool send(int partition, int count, const std::atomic<bool>& stop,
            std::chrono::steady_clock::time_point deadline) {
    std::int32_t& seq = nextSeq_[partition];
    std::vector<std::string> values;
    values.reserve(static_cast<std::size_t>(std::max(0, count)));
    for (int i = 0; i < count; ++i)
      values.push_back(prefix_ + "-" + std::to_string(partition) + "-" + std::to_string(seq + i));
    while (!stop.load() && std::chrono::steady_clock::now() < deadline) {
      Broker* leader = cluster_.leaderOf({topic_, partition});
      if (!leader) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        continue;
      }
      auto r = produce(*leader, topic_, partition, makeBatch(values, {producerId_, 0, seq}), -1,
                       /*timeoutMs=*/1500);
      ++attempts_;
      if (r.error.ok()) {
        for (int i = 0; i < count; ++i)
          acked_[partition].push_back({values[static_cast<std::size_t>(i)], r.baseOffset + i});
        seq += count;
        return true;
      }
      switch (r.error.code) {
        case ErrorCode::kNotLeaderOrFollower:
        case ErrorCode::kNotEnoughReplicas:
        case ErrorCode::kNotEnoughReplicasAfterAppend:
        case ErrorCode::kRequestTimedOut:
        case ErrorCode::kLeaderNotAvailable:
          ++retries_;
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
          continue;
        default:
          fatal_ = r.error.toString();
          return false;
      }
    }
    return true;  // gave up: stopping or out of time (the batch may or may not be in the log)
  }

  const std::map<int, std::vector<AckedRecord>>& acked() const { return acked_; }
  const std::string& fatal() const { return fatal_; }
  int retries() const { return retries_; }
  int attempts() const { return attempts_; }
  const std::string& prefix() const { return prefix_; }

 private:
  Cluster& cluster_;
  const std::string topic_;
  const std::int64_t producerId_;
  const std::string prefix_;
  std::map<int, std::int32_t> nextSeq_;
  std::map<int, std::vector<AckedRecord>> acked_;
  std::string fatal_;
  int retries_ = 0;
  int attempts_ = 0;
};

// Checks a partition's committed log against what producers were told: every acknowledged
// record exactly once at its acknowledged offset, each producer's records in order, offsets
// without gaps. Returns an empty string when all is well, else the first problem.
inline std::string checkPartition(const std::vector<ReadRecord>& log,
                                  const std::vector<const TestProducer*>& producers,
                                  int partition) {
  std::map<std::string, std::int64_t> where;
  for (std::size_t i = 0; i < log.size(); ++i) {
    if (i > 0 && log[i].offset != log[i - 1].offset + 1) {
      return "gap in partition " + std::to_string(partition) + " after offset " +
             std::to_string(log[i - 1].offset);
    }
    if (!where.emplace(log[i].value, log[i].offset).second) {
      return "record " + log[i].value + " appears twice (offsets " +
             std::to_string(where[log[i].value]) + " and " + std::to_string(log[i].offset) + ")";
    }
  }
  for (const TestProducer* p : producers) {
    auto it = p->acked().find(partition);
    if (it == p->acked().end()) continue;
    std::int64_t previous = -1;
    for (const AckedRecord& a : it->second) {
      auto found = where.find(a.value);
      if (found == where.end()) return "acknowledged record " + a.value + " is missing";
      if (found->second != a.offset) {
        return "record " + a.value + " acknowledged at " + std::to_string(a.offset) +
               " but found at " + std::to_string(found->second);
      }
      if (found->second <= previous) return "record " + a.value + " is out of order";
      previous = found->second;
    }
  }
  return {};
}

// A TestProducer sending on its own thread until finish() (or the first record it cannot get
// acknowledged), round-robin over `partitions`: load for the failover, reassignment and removal
// tests. The 25 s deadline only bounds a hung test.
class BackgroundProducer {
 public:
  BackgroundProducer(Cluster& c, const std::string& topic, std::int64_t producerId,
                     int partitions = 1)
      : producer_(c, topic, producerId, "p"), thread_([this, partitions] {
          const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(25);
          for (int i = 0; !stop_; ++i) {
            if (!producer_.send(i % partitions, 10, stop_, deadline)) break;
            ++sent_;
          }
        }) {}
  ~BackgroundProducer() { finish(); }
  BackgroundProducer(const BackgroundProducer&) = delete;
  BackgroundProducer& operator=(const BackgroundProducer&) = delete;
  void finish() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  int sent() const { return sent_.load(); }
  const TestProducer& producer() const { return producer_; }

 private:
  TestProducer producer_;
  std::atomic<bool> stop_{false};
  std::atomic<int> sent_{0};
  std::thread thread_;
};

}  // namespace runnel::cluster::testing
