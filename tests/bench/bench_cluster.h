// A throwaway embedded cluster for the benchmarks: opened in its own temporary directory, closed
// and deleted with the object. One per bench run; not thread-safe itself (the cluster inside is).
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "engine/cluster/cluster.h"
#include "engine/common/environment.h"

namespace runnel::bench {

class BenchCluster {
 public:
  // Null (with the reason on stderr) when the cluster cannot open; `name` keeps the directories of
  // different benches apart, the pid those of concurrent runs.
  static std::unique_ptr<BenchCluster> open(const std::string& name, int brokers = 3) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("runnel-" + name + "-" + std::to_string(processId()));
    cluster::ClusterConfig config;
    config.brokers = brokers;
    config.dataDir = dir.string();
    config.basePort = 0;
    config.replicaFetchWaitMaxMs = 100;
    auto opened = cluster::Cluster::open(config);
    if (!opened.isOk()) {
      std::fprintf(stderr, "opening the cluster failed: %s\n", opened.status().toString().c_str());
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
      return nullptr;
    }
    return std::unique_ptr<BenchCluster>(new BenchCluster(dir, std::move(opened).value()));
  }

  ~BenchCluster() {
    (void)cluster_->close();
    cluster_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  BenchCluster(const BenchCluster&) = delete;
  BenchCluster& operator=(const BenchCluster&) = delete;

  cluster::Cluster& cluster() { return *cluster_; }

  bool createTopic(const std::string& name, int partitions, int replicationFactor = 3) {
    cluster::NewTopic topic;
    topic.name = name;
    topic.partitions = partitions;
    topic.replicationFactor = static_cast<std::int16_t>(replicationFactor);
    const cluster::ApiError created = cluster_->controller().createTopic(topic);
    if (!created.ok())
      std::fprintf(stderr, "creating %s failed: %s\n", name.c_str(), created.toString().c_str());
    return created.ok();
  }

 private:
  BenchCluster(std::filesystem::path dir, std::unique_ptr<cluster::Cluster> cluster)
      : dir_(std::move(dir)), cluster_(std::move(cluster)) {}

  std::filesystem::path dir_;
  std::unique_ptr<cluster::Cluster> cluster_;
};

}  // namespace runnel::bench
