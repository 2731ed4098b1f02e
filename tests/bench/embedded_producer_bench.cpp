// embedded_producer_bench: how many small records per second the in-process EmbeddedProducer
// pushes into a 3-broker embedded cluster (acks=all, idempotent), against a baseline measured
// in the same run: encoding the same records into RecordBatch v2 with no cluster at all.
// Usage: embedded_producer_bench [records] [partitions]. Not a test; prints figures.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

#include "engine/client/embedded/embedded_producer.h"
#include "engine/record/record_batch_builder.h"

using namespace runnel;
using SteadyClock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  const int records = argc > 1 ? std::atoi(argv[1]) : 2'000'000;
  const int partitions = argc > 2 ? std::atoi(argv[2]) : 6;
  const Bytes value(20, 'v');

  // Baseline: batch encoding alone (16 KiB batches).
  auto t0 = SteadyClock::now();
  std::size_t encoded = 0;
  {
    record::RecordBatchBuilder b;
    for (int i = 0; i < records; ++i) {
      b.append(1'700'000'000'000 + i, std::nullopt, ByteView(value.data(), value.size()));
      if (b.uncompressedSize() >= 16384) {
        encoded += b.build()->size();
        b = record::RecordBatchBuilder();
      }
    }
  }
  const double baseSec = std::chrono::duration<double>(SteadyClock::now() - t0).count();
  const double baseRate = records / baseSec;

  const auto dir = std::filesystem::temp_directory_path() /
                   ("runnel-producer-bench-" + std::to_string(::getpid()));
  cluster::ClusterConfig cc;
  cc.brokers = 3;
  cc.dataDir = dir.string();
  cc.basePort = 0;
  cc.replicaFetchWaitMaxMs = 100;
  auto c = cluster::Cluster::open(cc);
  if (!c.isOk()) {
    std::fprintf(stderr, "open: %s\n", c.status().toString().c_str());
    return 1;
  }
  cluster::NewTopic t;
  t.name = "bench";
  t.partitions = partitions;
  t.replicationFactor = 3;
  (void)(*c)->controller().createTopic(t);
  client::ProducerConfig pc;
  pc.acks = -1;
  pc.lingerMs = 5;
  pc.batchSize = 65536;
  auto p = client::embedded::EmbeddedProducer::create(**c, pc);
  if (!p.isOk()) return 1;
  t0 = SteadyClock::now();
  for (int i = 0; i < records; ++i) {
    client::ProducerRecord r;
    r.topic = "bench";
    r.value = value;
    (*p)->send(std::move(r), {});
  }
  Status flushed = (*p)->flush(std::chrono::seconds(120));
  const double sec = std::chrono::duration<double>(SteadyClock::now() - t0).count();
  const double rate = records / sec;
  std::printf("records: %d x %zu-byte values, %d partitions, RF 3, acks=all, idempotent\n", records,
              value.size(), partitions);
  std::printf("baseline (batch encoding only): %.0f records/s (%zu bytes)\n", baseRate, encoded);
  std::printf("EmbeddedProducer -> 3 brokers:   %.0f records/s (%.2fx of baseline)%s\n", rate,
              rate / baseRate, flushed.isOk() ? "" : " FLUSH TIMED OUT");
  (void)(*p)->close(std::chrono::seconds(5));
  p->reset();
  (void)(*c)->close();
  c->reset();
  std::filesystem::remove_all(dir);
  return 0;
}
