// Shared helpers for the embedded client and widget suites: a small fast cluster in a temporary
// directory with the group coordinator attached (no initial rebalance delay), and byte helpers.
#pragma once

#include <QtTest>

#include <memory>
#include <string>

#include "engine/client/embedded/embedded_cluster_client.h"
#include "engine/client/embedded/group_service.h"
#include "engine/cluster/cluster.h"

namespace runnel::client::embedded::testing {

inline cluster::ClusterConfig fastConfig(const std::string& dir, int brokers = 3) {
  cluster::ClusterConfig c;
  c.brokers = brokers;
  c.dataDir = dir;
  c.basePort = 0;
  c.replicaLagTimeMaxMs = 5000;
  c.replicaFetchWaitMaxMs = 100;
  c.replicaFetchBackoffMs = 20;
  c.housekeepingIntervalMs = 20;
  c.placementSeed = 7;
  c.defaultTopicConfigs["segment.bytes"] = "1048576";
  return c;
}

inline std::unique_ptr<cluster::Cluster> openCluster(const std::string& dir, int brokers = 3) {
  auto c = cluster::Cluster::open(fastConfig(dir, brokers));
  if (!c.isOk()) qFatal("opening the cluster failed: %s", c.status().toString().c_str());
  return std::move(c).value();
}

inline group::GroupCoordinatorConfig fastGroups() {
  group::GroupCoordinatorConfig g;
  g.initialRebalanceDelayMs = 0;
  g.minSessionTimeoutMs = 100;
  return g;
}

// The cluster as the studio sees it, through the embedded client. A cluster that cannot open
// ends the suite: no case of it could run.
inline std::unique_ptr<EmbeddedClusterClient> openClient(const std::string& dir, int brokers = 3) {
  auto opened = EmbeddedClusterClient::open(fastConfig(dir, brokers), fastGroups());
  if (!opened.isOk())
    qFatal("opening the embedded cluster failed: %s", opened.status().toString().c_str());
  return std::move(opened).value();
}

inline Bytes bytesOf(const std::string& s) {
  return Bytes(s.begin(), s.end());
}
inline std::string stringOf(const std::optional<Bytes>& b) {
  return b ? std::string(b->begin(), b->end()) : "<null>";
}

inline void createTopic(cluster::Cluster& c, const std::string& name, int partitions, int rf = 3) {
  cluster::NewTopic t;
  t.name = name;
  t.partitions = partitions;
  t.replicationFactor = static_cast<std::int16_t>(rf);
  auto e = c.controller().createTopic(t);
  if (!e.ok()) qFatal("createTopic failed: %s", e.toString().c_str());
}

}  // namespace runnel::client::embedded::testing
