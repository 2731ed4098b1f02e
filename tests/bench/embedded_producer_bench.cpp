// embedded_producer_bench: how many small records per second the in-process EmbeddedProducer
// pushes into a 3-broker embedded cluster (acks=all, idempotent), against a baseline measured
// in the same run: encoding the same records into RecordBatch v2 with no cluster at all.
// Usage: embedded_producer_bench [records] [partitions]. Not a test; prints figures.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/client/embedded/embedded_producer.h"
#include "engine/record/record_batch_builder.h"
#include "tests/bench/bench_cluster.h"

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

  auto bench = bench::BenchCluster::open("producer-bench");
  if (!bench || !bench->createTopic("bench", partitions)) return 1;
  client::ProducerConfig pc;
  pc.acks = -1;
  pc.lingerMs = 5;
  pc.batchSize = 65536;
  auto p = client::embedded::EmbeddedProducer::create(bench->cluster(), pc);
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
  return 0;
}
