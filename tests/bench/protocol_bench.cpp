// protocol_bench: a librdkafka producer sends 100-byte messages over loopback to a 3-broker
// embedded cluster with Kafka listeners (RF 3, acks=all), then a librdkafka consumer reads them
// back; messages/s for both. Baselines measured in the same run: the in-process EmbeddedProducer
// into the same cluster (same record count, size, partitions, acks), and the same librdkafka
// client against librdkafka's own 3-broker mock cluster (rdkafka_mock.h).
// Usage: protocol_bench [messages] [partitions]. Not a test; prints figures (docs/BENCHMARKS.md).
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/client/embedded/embedded_producer.h"
#include "engine/kafka/front_end/kafka_front_end.h"
#include "tests/bench/bench_cluster.h"
#include "tests/bench/process_cpu_time.h"

using namespace runnel;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kValueBytes = 100;

struct Rates {
  double produced = 0;    // messages/s, from the first send to the last acknowledgement
  double consumed = 0;    // messages/s, from subscribing to the last message read
  double produceCpu = 0;  // CPU seconds of the whole process (client and brokers) while producing
  long failed = 0;        // delivery reports with an error
  long read = 0;
};

// User + system CPU seconds of this process: brokers and clients share it, so on a loaded machine
// messages per CPU-second is steadier than messages per second.
double cpuSeconds() {
  return bench::processCpuSeconds();
}

double secondsSince(SteadyClock::time_point t0) {
  return std::chrono::duration<double>(SteadyClock::now() - t0).count();
}

bool set(rd_kafka_conf_t* conf, const char* key, const std::string& value) {
  char err[256];
  if (rd_kafka_conf_set(conf, key, value.c_str(), err, sizeof err) == RD_KAFKA_CONF_OK) return true;
  std::fprintf(stderr, "config %s: %s\n", key, err);
  return false;
}

void onDelivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
  if (m->err) static_cast<std::atomic<long>*>(opaque)->fetch_add(1);
}

// Produces `count` messages with acks=all, then consumes them from the beginning.
// The consumer stops after `consumeSeconds` (librdkafka's mock broker serves fetches slowly; its
// rate is then taken over what it read).
bool runClient(const std::string& bootstrap, const std::string& topic, int partitions, long count,
               double consumeSeconds, Rates* out) {
  std::atomic<long> failed{0};
  rd_kafka_conf_t* pconf = rd_kafka_conf_new();
  bool ok = set(pconf, "bootstrap.servers", bootstrap) && set(pconf, "acks", "all") &&
            set(pconf, "linger.ms", "5") && set(pconf, "batch.num.messages", "10000") &&
            set(pconf, "batch.size", "1000000") &&
            set(pconf, "queue.buffering.max.messages", "1000000") &&
            set(pconf, "queue.buffering.max.kbytes", "2097151");
  if (!ok) return false;
  rd_kafka_conf_set_dr_msg_cb(pconf, onDelivery);
  rd_kafka_conf_set_opaque(pconf, &failed);
  char err[256];
  rd_kafka_t* producer = rd_kafka_new(RD_KAFKA_PRODUCER, pconf, err, sizeof err);
  if (!producer) {
    std::fprintf(stderr, "producer: %s\n", err);
    return false;
  }
  std::vector<char> value(kValueBytes, 'v');
  // Warm up: metadata and connections before the clock starts.
  rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic.c_str()),
                    RD_KAFKA_V_VALUE(value.data(), value.size()),
                    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
  rd_kafka_flush(producer, 30000);
  const long total = count + 1;

  auto t0 = SteadyClock::now();
  const double cpu0 = cpuSeconds();
  for (long i = 0; i < count; ++i) {
    const int partition = static_cast<int>(i % partitions);
    for (;;) {
      rd_kafka_resp_err_t e = rd_kafka_producev(
          producer, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(partition),
          RD_KAFKA_V_VALUE(value.data(), value.size()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
          RD_KAFKA_V_END);
      if (e == RD_KAFKA_RESP_ERR_NO_ERROR) break;
      if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        std::fprintf(stderr, "produce: %s\n", rd_kafka_err2str(e));
        rd_kafka_destroy(producer);
        return false;
      }
      rd_kafka_poll(producer, 1);
    }
    if ((i & 0xffff) == 0) rd_kafka_poll(producer, 0);
  }
  const bool flushed = rd_kafka_flush(producer, 120000) == RD_KAFKA_RESP_ERR_NO_ERROR;
  out->produced = static_cast<double>(count) / secondsSince(t0);
  out->produceCpu = cpuSeconds() - cpu0;
  out->failed = failed.load();
  rd_kafka_destroy(producer);
  if (!flushed) {
    std::fprintf(stderr, "flush timed out\n");
    return false;
  }

  rd_kafka_conf_t* cconf = rd_kafka_conf_new();
  ok = set(cconf, "bootstrap.servers", bootstrap) && set(cconf, "group.id", "protocol-bench") &&
       set(cconf, "enable.auto.commit", "false") && set(cconf, "fetch.wait.max.ms", "10") &&
       set(cconf, "queued.min.messages", "1000000");
  if (!ok) return false;
  rd_kafka_t* consumer = rd_kafka_new(RD_KAFKA_CONSUMER, cconf, err, sizeof err);
  if (!consumer) {
    std::fprintf(stderr, "consumer: %s\n", err);
    return false;
  }
  rd_kafka_poll_set_consumer(consumer);
  rd_kafka_topic_partition_list_t* assignment = rd_kafka_topic_partition_list_new(partitions);
  for (int p = 0; p < partitions; ++p)
    rd_kafka_topic_partition_list_add(assignment, topic.c_str(), p)->offset =
        RD_KAFKA_OFFSET_BEGINNING;
  t0 = SteadyClock::now();
  rd_kafka_assign(consumer, assignment);
  rd_kafka_topic_partition_list_destroy(assignment);
  long read = 0;
  while (read < total && secondsSince(t0) < consumeSeconds) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer, 100);
    if (!m) continue;
    if (!m->err) ++read;
    rd_kafka_message_destroy(m);
  }
  out->consumed = static_cast<double>(read) / secondsSince(t0);
  out->read = read;
  rd_kafka_consumer_close(consumer);
  rd_kafka_destroy(consumer);
  return read == total;
}

bool runMock(int partitions, long count, Rates* out) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char err[256];
  rd_kafka_t* owner = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!owner) return false;
  rd_kafka_mock_cluster_t* mock = rd_kafka_mock_cluster_new(owner, 3);
  if (!mock) {
    rd_kafka_destroy(owner);
    return false;
  }
  rd_kafka_mock_topic_create(mock, "bench-mock", partitions, 3);
  const bool ok =
      runClient(rd_kafka_mock_cluster_bootstraps(mock), "bench-mock", partitions, count, 15, out);
  rd_kafka_mock_cluster_destroy(mock);
  rd_kafka_destroy(owner);
  return ok;
}

double runEmbedded(bench::BenchCluster& bench, int partitions, long count, double* cpu) {
  if (!bench.createTopic("bench-embedded", partitions)) return 0;
  client::ProducerConfig pc;
  pc.acks = -1;
  pc.lingerMs = 5;
  pc.batchSize = 1'000'000;
  auto p = client::embedded::EmbeddedProducer::create(bench.cluster(), pc);
  if (!p.isOk()) return 0;
  const Bytes value(kValueBytes, 'v');
  auto t0 = SteadyClock::now();
  const double cpu0 = cpuSeconds();
  for (long i = 0; i < count; ++i) {
    client::ProducerRecord r;
    r.topic = "bench-embedded";
    r.partition = static_cast<int>(i % partitions);
    r.value = value;
    (*p)->send(std::move(r), {});
  }
  Status flushed = (*p)->flush(std::chrono::seconds(120));
  const double rate = static_cast<double>(count) / secondsSince(t0);
  *cpu = cpuSeconds() - cpu0;
  (void)(*p)->close(std::chrono::seconds(5));
  return flushed.isOk() ? rate : 0;
}

}  // namespace

int main(int argc, char** argv) {
  const long count = argc > 1 ? std::atol(argv[1]) : 1'000'000;
  const int partitions = argc > 2 ? std::atoi(argv[2]) : 6;

  Rates mock;
  (void)runMock(partitions, count, &mock);  // its consumer may stop early; see runClient

  auto bench = bench::BenchCluster::open("protocol-bench");
  if (!bench) return 1;
  kafka::FrontEndOptions fo;
  fo.basePort = 0;
  auto fe = kafka::KafkaFrontEnd::start(bench->cluster(), fo);
  if (!fe.isOk()) {
    std::fprintf(stderr, "front end: %s\n", fe.status().toString().c_str());
    return 1;
  }
  if (!bench->createTopic("bench-wire", partitions)) return 1;
  Rates wire;
  const bool wireOk =
      runClient((*fe)->bootstrapServers(), "bench-wire", partitions, count, 120, &wire);
  double embeddedCpu = 0;
  const double embedded = runEmbedded(*bench, partitions, count, &embeddedCpu);

  std::printf("messages: %ld x %zu bytes, %d partitions, RF 3, acks=all, 3 brokers, loopback\n",
              count, kValueBytes, partitions);
  std::printf(
      "librdkafka -> librdkafka mock cluster: produce %.0f msg/s, consume %.0f msg/s "
      "(%ld read)\n",
      mock.produced, mock.consumed, mock.read);
  std::printf("EmbeddedProducer (in-process):         produce %.0f msg/s\n", embedded);
  std::printf("librdkafka -> Runnel Kafka listeners:  produce %.0f msg/s, consume %.0f msg/s%s\n",
              wire.produced, wire.consumed, wireOk ? "" : " (INCOMPLETE)");
  std::printf("  produce: %.2fx of in-process, %.2fx of mock; consume: %.2fx of mock\n",
              embedded > 0 ? wire.produced / embedded : 0.0,
              mock.produced > 0 ? wire.produced / mock.produced : 0.0,
              mock.consumed > 0 ? wire.consumed / mock.consumed : 0.0);
  std::printf(
      "  CPU seconds while producing (whole process): mock %.2f, in-process %.2f, "
      "Runnel over the wire %.2f\n",
      mock.produceCpu, embeddedCpu, wire.produceCpu);
  if (wire.failed || mock.failed)
    std::printf("  failed deliveries: runnel %ld, mock %ld\n", wire.failed, mock.failed);
  (*fe)->stop();
  fe->reset();
  return wireOk ? 0 : 1;
}
