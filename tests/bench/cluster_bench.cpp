// Cluster benchmark: produce and consume throughput of a 3-broker cluster (RF=3, acks=all,
// 6 partitions, 100-byte records in large batches from several producer threads), set against a
// single PartitionLog's append rate measured in the same run, and leader failover time (kill ->
// first acknowledged acks=all produce), median over 20 kills.
// Usage: cluster_bench [seconds per phase, default 3] [phases, default "pcf": produce, consume,
// failover] [data dir, default a temporary one].

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "engine/cluster/cluster.h"
#include "engine/log/partition_log.h"
#include "engine/record/record_batch_builder.h"
#include "engine/record/record_batch_view.h"
#include "tests/bench/process_cpu_time.h"

using namespace runnel;
using namespace runnel::cluster;
using Clock_ = std::chrono::steady_clock;

namespace {

constexpr int kRecordBytes = 100;
constexpr int kRecordsPerBatch = 2000;
constexpr int kPartitions = 6;
constexpr int kProducerThreads = 3;
constexpr int kInFlightPerPartition = 8;

Bytes makeBatch() {
  record::RecordBatchBuilder b;
  std::string value(kRecordBytes, 'v');
  for (int i = 0; i < kRecordsPerBatch; ++i) {
    value[0] = static_cast<char>('a' + i % 26);
    b.append(1'700'000'000'000 + i, std::nullopt,
             ByteView(reinterpret_cast<const std::uint8_t*>(value.data()), value.size()));
  }
  return std::move(b.build()).value();
}

double seconds(Clock_::duration d) {
  return std::chrono::duration<double>(d).count();
}

// CPU seconds (user + system) used by the whole process so far: on a shared machine the wall
// clock says more about the neighbours than about us, so rates are also given per CPU-second.
double cpuSeconds() {
  return bench::processCpuSeconds();
}

double baselineAppendRate(const std::string& dir, double runSeconds, const Bytes& batch) {
  PartitionLog::Options o;
  o.env = Env::defaultEnv();
  o.clock = runnel::Clock::system();
  o.dir = dir + "/baseline-0";
  auto log = PartitionLog::open(o);
  if (!log.isOk()) {
    std::fprintf(stderr, "baseline log: %s\n", log.status().toString().c_str());
    std::exit(1);
  }
  std::int64_t records = 0;
  const auto start = Clock_::now();
  Bytes copy;
  while (seconds(Clock_::now() - start) < runSeconds) {
    copy = batch;
    auto r = (*log)->appendAsLeader(std::span<std::uint8_t>(copy.data(), copy.size()), 0);
    if (!r.isOk()) std::exit(2);
    records += r->recordCount;
  }
  return static_cast<double>(records) / seconds(Clock_::now() - start);
}

// Keeps kInFlightPerPartition acks=all produces in flight per partition for `runSeconds`.
double produceRate(Cluster& c, double runSeconds, const Bytes& batch, std::int64_t& produced) {
  std::atomic<std::int64_t> acked{0};
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  threads.reserve(kProducerThreads);
  const auto start = Clock_::now();
  for (int t = 0; t < kProducerThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mutex mu;
      std::condition_variable cv;
      int inFlight = 0;
      std::vector<int> mine;
      for (int p = t; p < kPartitions; p += kProducerThreads)
        mine.push_back(p);
      while (seconds(Clock_::now() - start) < runSeconds) {
        for (int p : mine) {
          {
            std::unique_lock lock(mu);
            cv.wait(lock, [&] {
              return inFlight < kInFlightPerPartition * static_cast<int>(mine.size());
            });
            ++inFlight;
          }
          Broker* leader = c.leaderOf({"bench", p});
          ProduceRequest req;
          req.acks = -1;
          req.partitions.push_back({"bench", p, batch});
          leader->produce(std::move(req), [&](ProduceResponse r) {
            if (r.partitions[0].error.ok()) {
              acked += kRecordsPerBatch;
            } else {
              ++errors;
            }
            std::lock_guard lock(mu);
            --inFlight;
            cv.notify_all();
          });
        }
      }
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return inFlight == 0; });
    });
  }
  for (auto& t : threads)
    t.join();
  const double elapsed = seconds(Clock_::now() - start);
  if (errors) std::fprintf(stderr, "%d produce errors\n", errors.load());
  produced = acked;
  return static_cast<double>(acked) / elapsed;
}

double consumeRate(Cluster& c, std::int64_t& consumed) {
  std::int64_t records = 0;
  const auto start = Clock_::now();
  for (int p = 0; p < kPartitions; ++p) {
    Broker* leader = c.leaderOf({"bench", p});
    std::int64_t offset = 0;
    for (;;) {
      FetchRequest req;
      req.maxWaitMs = 0;
      req.partitions.push_back({"bench", p, offset, -1, -1, -1, 8 << 20});
      std::mutex mu;
      std::condition_variable cv;
      bool done = false;
      FetchResponse resp;
      leader->fetch(std::move(req), [&](FetchResponse r) {
        std::lock_guard lock(mu);
        resp = std::move(r);
        done = true;
        cv.notify_all();
      });
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return done; });
      auto batches = record::splitBatches(resp.partitions[0].records, true);
      if (!batches.isOk() || batches->empty()) break;
      for (const auto& b : *batches)
        records += b.recordCount();
      offset = batches->back().nextOffset();
    }
  }
  consumed = records;
  return static_cast<double>(records) / seconds(Clock_::now() - start);
}

bool produceOnce(Cluster& c, const std::string& topic) {
  Broker* leader = c.leaderOf({topic, 0});
  if (!leader) return false;
  record::RecordBatchBuilder b;
  std::string v(kRecordBytes, 'f');
  b.append(0, std::nullopt, ByteView(reinterpret_cast<const std::uint8_t*>(v.data()), v.size()));
  ProduceRequest req;
  req.acks = -1;
  req.timeoutMs = 2000;
  req.partitions.push_back({topic, 0, std::move(b.build()).value()});
  std::mutex mu;
  std::condition_variable cv;
  bool done = false, ok = false;
  leader->produce(std::move(req), [&](ProduceResponse r) {
    std::lock_guard lock(mu);
    ok = r.partitions[0].error.ok();
    done = true;
    cv.notify_all();
  });
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return done; });
  return ok;
}

double failoverMedianMs(Cluster& c, int kills) {
  std::vector<double> ms;
  for (int i = 0; i < kills; ++i) {
    while (!produceOnce(c, "failover"))
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const std::int32_t victim = c.controller().partition({"failover", 0})->leader;
    const auto start = Clock_::now();
    if (!c.killBroker(victim).isOk()) std::exit(3);
    while (!produceOnce(c, "failover")) {
    }
    ms.push_back(seconds(Clock_::now() - start) * 1000);
    if (!c.restartBroker(victim).isOk()) std::exit(4);
    // Let the restarted broker rejoin the ISR before the next kill.
    for (int w = 0; w < 2000 && c.controller().partition({"failover", 0})->isr.size() < 3; ++w) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  std::sort(ms.begin(), ms.end());
  std::printf("failover ms: min %.1f, median %.1f, max %.1f\n", ms.front(), ms[ms.size() / 2],
              ms.back());
  return ms[ms.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const double runSeconds = argc > 1 ? std::atof(argv[1]) : 3.0;
  const std::string phases = argc > 2 ? argv[2] : "pcf";
  std::string dir =
      argc > 3 ? argv[3]
               : (std::filesystem::temp_directory_path() / "runnel-cluster-bench").string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  spdlog::set_level(spdlog::level::warn);
  const Bytes batch = makeBatch();
  std::printf("records of %d bytes, %d per batch (%zu bytes a batch)\n", kRecordBytes,
              kRecordsPerBatch, batch.size());

  double cpu0 = cpuSeconds();
  auto wall0 = Clock_::now();
  const double baseline = baselineAppendRate(dir, runSeconds, batch);
  const double baselineCpu = baseline * seconds(Clock_::now() - wall0) / (cpuSeconds() - cpu0);
  std::printf(
      "baseline: one PartitionLog appendAsLeader: %.2f M records/s (%.2f M per CPU-second)\n",
      baseline / 1e6, baselineCpu / 1e6);

  ClusterConfig config;
  config.dataDir = dir + "/cluster";
  config.brokers = 3;
  config.basePort = 0;
  auto opened = Cluster::open(config);
  if (!opened.isOk()) {
    std::fprintf(stderr, "%s\n", opened.status().toString().c_str());
    return 1;
  }
  auto& c = **opened;
  NewTopic t;
  t.name = "bench";
  t.partitions = kPartitions;
  t.replicationFactor = 3;
  if (!c.controller().createTopic(t).ok()) return 1;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));

  std::int64_t produced = 0, consumed = 0;
  double produce = 0, median = 0;
  if (phases.find('p') != std::string::npos) {
    cpu0 = cpuSeconds();
    produce = produceRate(c, runSeconds, batch, produced);
    const double produceCpu = static_cast<double>(produced) / (cpuSeconds() - cpu0);
    std::printf(
        "produce: 3 brokers, RF=3, acks=all, %d partitions, %d threads: %.2f M records/s (%.0f "
        "MB/s), "
        "%.2fx the single-log append rate; %.2f M records per CPU-second (%.2fx the single "
        "log's)\n",
        kPartitions, kProducerThreads, produce / 1e6, produce * kRecordBytes / 1e6,
        produce / baseline, produceCpu / 1e6, produceCpu / baselineCpu);
  }
  if (phases.find('c') != std::string::npos) {
    cpu0 = cpuSeconds();
    const double consume = consumeRate(c, consumed);
    std::printf("consume: %.2f M records per CPU-second\n",
                static_cast<double>(consumed) / (cpuSeconds() - cpu0) / 1e6);
    std::printf("consume: %.2f M records/s (%lld records, all %s)\n", consume / 1e6,
                static_cast<long long>(consumed),
                consumed >= produced ? "acknowledged ones present" : "NOT PRESENT");
  }
  if (phases.find('f') != std::string::npos) {
    NewTopic f;
    f.name = "failover";
    f.partitions = 1;
    f.replicationFactor = 3;
    f.configs["min.insync.replicas"] = "2";
    if (!c.controller().createTopic(f).ok()) return 1;
    median = failoverMedianMs(c, 20);
    std::printf("failover: median %.1f ms over 20 kills (target <= 50 ms)\n", median);
  }
  std::printf("targets: produce >= 2 M records/s: %s; failover <= 50 ms: %s\n",
              produce >= 2e6 ? "met" : "NOT met", median <= 50 ? "met" : "NOT met");
  (void)c.close();
  std::filesystem::remove_all(dir);
  return 0;
}
