// ClusterConfig: everything that shapes an embedded cluster — how many brokers, where their data
// lives, which Env and Clock they use, and the broker settings Kafka users know by name
// (replica.lag.time.max.ms, min.insync.replicas, ...), with Kafka's defaults unless noted.
// A plain value, copied into the Cluster at open(); env and clock are borrowed and must outlive it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "engine/common/clock.h"
#include "engine/common/env.h"
#include "engine/common/status.h"

namespace runnel::cluster {

inline constexpr int kMaxBrokers = 16;
// Broker ids of removed brokers are never given out again (Kafka's convention: an id names one
// broker's history), so ids outgrow the number of brokers; this bounds them.
inline constexpr int kMaxBrokerId = 1024;

struct ClusterConfig {
  // 1..16; ids are 1..brokers on the first open. Later opens start the brokers the metadata
  // store registered (added ones too, removed ones not), and more only if `brokers` grew.
  int brokers = 3;
  std::string dataDir;     // <dataDir>/metadata.db, <dataDir>/broker-<id>/...
  int basePort = 9092;     // broker i listens on basePort + i - 1 (0 = any free port)
  Env* env = nullptr;      // null: the real file system
  Clock* clock = nullptr;  // null: the system clock
  // Where the metadata database lives. Empty: <dataDir>/metadata.db with the real file system,
  // ":memory:" (gone at close) with any other Env, since SQLite does its own file I/O.
  std::string metadataPath;

  // Replication (Kafka's broker settings).
  std::int64_t replicaLagTimeMaxMs = 30000;         // replica.lag.time.max.ms
  std::int32_t replicaFetchWaitMaxMs = 500;         // replica.fetch.wait.max.ms
  std::int32_t replicaFetchMaxBytes = 1024 * 1024;  // replica.fetch.max.bytes (per partition)
  std::int32_t replicaFetchResponseMaxBytes = 10 * 1024 * 1024;  // replica.fetch.response.max.bytes
  std::int32_t replicaFetchBackoffMs = 1000;  // replica.fetch.backoff.ms (after an error)
  // broker.session.timeout.ms: a paused broker is fenced (its leaderships move) once it has not
  // answered for this long. 0: never fenced.
  std::int64_t brokerSessionTimeoutMs = 9000;

  // Topic defaults.
  std::map<std::string, std::string> defaultTopicConfigs;  // log settings (segment.bytes, ...)
  // default.replication.factor. Kafka's default is 1; a sandbox wants replication to show, so 3,
  // capped at the number of live brokers when a topic is created with the default.
  std::int16_t defaultReplicationFactor = 3;
  std::int32_t numPartitions = 1;            // num.partitions
  std::int32_t minInsyncReplicas = 1;        // min.insync.replicas
  bool uncleanLeaderElectionEnable = false;  // unclean.leader.election.enable
  bool autoLeaderRebalanceEnable = true;     // auto.leader.rebalance.enable
  bool autoCreateTopicsEnable = true;        // auto.create.topics.enable

  // Background work.
  std::int64_t housekeepingIntervalMs = 100;          // ISR shrink, expiry, flush checks
  std::int64_t logRetentionCheckIntervalMs = 300000;  // log.retention.check.interval.ms
  std::int64_t offsetsRetentionCheckIntervalMs = 600000;
  std::size_t eventHistory = 1000;  // events kept by the EventBus

  // Seeds replica placement's random start (Kafka picks it at random); unset = random.
  std::optional<std::uint32_t> placementSeed;

  // InvalidArgument naming the first bad setting.
  Status validate() const;
  Env* envOrDefault() const { return env ? env : Env::defaultEnv(); }
  Clock* clockOrDefault() const { return clock ? clock : Clock::system(); }
};

}  // namespace runnel::cluster
