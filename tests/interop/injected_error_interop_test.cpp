// librdkafka against errors injected into runnel-server's Produce answers: a producer whose first
// requests are refused with the retriable NOT_LEADER_OR_FOLLOWER (injected through the control
// channel) retries and delivers every record exactly once; a non-retriable error fails the
// delivery instead of being retried forever.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

#include <QElapsedTimer>
#include <QtTest>

#include <map>
#include <memory>
#include <vector>

#include "tests/interop/rdkafka_test_util.h"
#include "tests/interop/server_process.h"

using namespace runnel::testing;

namespace {

constexpr int kRecords = 50;

class Deliveries : public RdKafka::DeliveryReportCb {
 public:
  void dr_cb(RdKafka::Message& m) override {
    const std::string value(static_cast<const char*>(m.payload()), m.len());
    if (m.err() != RdKafka::ERR_NO_ERROR)
      failed.emplace(value, m.err());
    else
      acked[value] = m.offset();
  }
  std::map<std::string, std::int64_t> acked;
  std::map<std::string, RdKafka::ErrorCode> failed;
};

std::unique_ptr<RdKafka::Producer> makeProducer(const std::string& bootstrap, Deliveries& d,
                                                bool idempotent) {
  auto conf = rdkafkaConfig({{"bootstrap.servers", bootstrap},
                             {"acks", "all"},
                             {"enable.idempotence", idempotent ? "true" : "false"},
                             {"linger.ms", "5"},
                             {"retry.backoff.ms", "20"},
                             {"message.timeout.ms", "20000"}});
  std::string err;
  if (conf->set("dr_cb", &d, err) != RdKafka::Conf::CONF_OK) qFatal("dr_cb: %s", err.c_str());
  std::unique_ptr<RdKafka::Producer> p(RdKafka::Producer::create(conf.get(), err));
  if (!p) qFatal("producer: %s", err.c_str());
  return p;
}

void produceAll(RdKafka::Producer& producer, const std::string& topic, const std::string& prefix) {
  for (int i = 0; i < kRecords; ++i) {
    const std::string value = prefix + std::to_string(i);
    while (producer.produce(topic, 0, RdKafka::Producer::RK_MSG_COPY,
                            const_cast<char*>(value.data()), value.size(), nullptr, 0, 0, nullptr,
                            nullptr) == RdKafka::ERR__QUEUE_FULL) {
      producer.poll(10);
    }
  }
}

}  // namespace

class InjectedErrorInteropTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QVERIFY2(!server_.bootstrap().empty(), server_.stderrText().c_str()); }

  void producerRetriesThroughARetriableErrorAndDeliversExactlyOnce() {
    const std::string bs = server_.bootstrap();
    QVERIFY(createTopicOverWire(bs, "injected", 1));
    QVERIFY(server_.command("inject Produce NOT_LEADER_OR_FOLLOWER 3 injected")
                .rfind("ok injected", 0) == 0);
    Deliveries deliveries;
    auto producer = makeProducer(bs, deliveries, /*idempotent=*/true);
    produceAll(*producer, "injected", "v");
    QCOMPARE(producer->flush(30000), RdKafka::ERR_NO_ERROR);
    QVERIFY2(deliveries.failed.empty(),
             deliveries.failed.empty() ? "" : deliveries.failed.begin()->first.c_str());
    QCOMPARE(int(deliveries.acked.size()), kRecords);
    // The three refusals were used up: the rule is gone.
    QCOMPARE(server_.command("faults"), std::string("ok faults"));
    producer.reset();

    // Exactly once: every value once, offsets 0..kRecords-1.
    auto conf = rdkafkaConfig({{"bootstrap.servers", bs},
                               {"group.id", "injected-check"},
                               {"enable.auto.commit", "false"},
                               {"enable.partition.eof", "true"}});
    std::string err;
    std::unique_ptr<RdKafka::KafkaConsumer> consumer(
        RdKafka::KafkaConsumer::create(conf.get(), err));
    QVERIFY2(consumer, err.c_str());
    std::vector<RdKafka::TopicPartition*> parts{
        RdKafka::TopicPartition::create("injected", 0, RdKafka::Topic::OFFSET_BEGINNING)};
    QCOMPARE(consumer->assign(parts), RdKafka::ERR_NO_ERROR);
    RdKafka::TopicPartition::destroy(parts);
    std::map<std::string, int> seen;
    bool atEnd = false;
    QElapsedTimer t;
    t.start();
    while (!atEnd && t.elapsed() < 20000) {
      std::unique_ptr<RdKafka::Message> m(consumer->consume(200));
      if (m->err() == RdKafka::ERR__PARTITION_EOF) {
        atEnd = int(seen.size()) >= kRecords;
        continue;
      }
      if (m->err() != RdKafka::ERR_NO_ERROR) continue;
      ++seen[std::string(static_cast<const char*>(m->payload()), m->len())];
    }
    consumer->close();
    QCOMPARE(int(seen.size()), kRecords);
    for (const auto& [value, times] : seen) {
      QVERIFY2(times == 1, value.c_str());
      QCOMPARE(seen.count(value), std::size_t(1));
    }
    for (const auto& [value, offset] : deliveries.acked)
      QVERIFY(offset >= 0 && offset < kRecords);
  }

  void nonRetriableErrorFailsTheDelivery() {
    const std::string bs = server_.bootstrap();
    QVERIFY(createTopicOverWire(bs, "refused", 1));
    QVERIFY(
        server_.command("inject Produce RECORD_LIST_TOO_LARGE 0 refused").rfind("ok injected", 0) ==
        0);
    Deliveries deliveries;
    auto producer = makeProducer(bs, deliveries, /*idempotent=*/false);
    produceAll(*producer, "refused", "r");
    producer->flush(30000);
    QCOMPARE(int(deliveries.failed.size()), kRecords);
    QCOMPARE(deliveries.failed.begin()->second, RdKafka::ERR_RECORD_LIST_TOO_LARGE);
    QCOMPARE(server_.command("heal"), std::string("ok healed"));
    QCOMPARE(server_.command("faults"), std::string("ok faults"));
  }

 private:
  ServerProcess server_{3};
};

QTEST_GUILESS_MAIN(InjectedErrorInteropTest)
#include "injected_error_interop_test.moc"
