// librdkafka 2.0.2's C++ API against runnel-server: an idempotent producer with acks=all, a
// consumer reading everything back in order, a consumer group of three that rebalances when one
// member leaves (the two left own every partition), and commit-then-resume.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

#include <QtTest>

#include <map>
#include <memory>
#include <set>

#include "tests/interop/rdkafka_test_util.h"
#include "tests/interop/server_process.h"

using namespace runnel::testing;

namespace {

int produce(const std::string& bootstrap, const std::string& topic, int from, int count) {
  auto conf = rdkafkaConfig({{"bootstrap.servers", bootstrap},
                             {"acks", "all"},
                             {"enable.idempotence", "true"},
                             {"linger.ms", "5"},
                             {"message.timeout.ms", "30000"}});
  std::string err;
  std::unique_ptr<RdKafka::Producer> producer(RdKafka::Producer::create(conf.get(), err));
  if (!producer) qFatal("producer: %s", err.c_str());
  for (int i = from; i < from + count; ++i) {
    std::string key = "k" + std::to_string(i);
    std::string value = "v" + std::to_string(i);
    auto* headers = RdKafka::Headers::create();
    headers->add("seq", std::to_string(i));
    while (producer->produce(topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
                             value.data(), value.size(), key.data(), key.size(), 0, headers,
                             nullptr) == RdKafka::ERR__QUEUE_FULL) {
      producer->poll(10);
    }
  }
  producer->flush(30000);
  return producer->outq_len();
}

std::unique_ptr<RdKafka::KafkaConsumer> consumer(const std::string& bootstrap,
                                                 const std::string& group) {
  auto conf = rdkafkaConfig({{"bootstrap.servers", bootstrap},
                             {"group.id", group},
                             {"auto.offset.reset", "earliest"},
                             {"enable.auto.commit", "false"},
                             {"session.timeout.ms", "10000"},
                             {"heartbeat.interval.ms", "500"},
                             {"topic.metadata.refresh.interval.ms", "2000"}});
  std::string err;
  std::unique_ptr<RdKafka::KafkaConsumer> c(RdKafka::KafkaConsumer::create(conf.get(), err));
  if (!c) qFatal("consumer: %s", err.c_str());
  return c;
}

std::size_t assignedCount(RdKafka::KafkaConsumer& c) {
  std::vector<RdKafka::TopicPartition*> parts;
  c.assignment(parts);
  std::size_t n = parts.size();
  RdKafka::TopicPartition::destroy(parts);
  return n;
}

}  // namespace

class LibrdkafkaInteropTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QVERIFY2(!server_.bootstrap().empty(), server_.stderrText().c_str()); }

  void idempotentProduceAndConsume() {
    const std::string bs = server_.bootstrap();
    QCOMPARE(produce(bs, "rd-topic", 0, 200), 0);
    auto c = consumer(bs, "rd-reader");
    c->subscribe({"rd-topic"});
    std::vector<std::string> values;
    QElapsedTimer t;
    t.start();
    while (values.size() < 200 && t.elapsed() < 30000) {
      std::unique_ptr<RdKafka::Message> m(c->consume(200));
      if (m->err() != RdKafka::ERR_NO_ERROR) continue;
      values.emplace_back(static_cast<const char*>(m->payload()), m->len());
      QVERIFY(m->key() && *m->key() == "k" + values.back().substr(1));
      QVERIFY(m->headers() &&
              m->headers()->get_last("seq").value_string() == values.back().substr(1));
    }
    QCOMPARE(values.size(), std::size_t(200));
    for (int i = 0; i < 200; ++i)
      QCOMPARE(values[static_cast<std::size_t>(i)], "v" + std::to_string(i));
    c->close();
  }

  void groupOfThreeRebalancesAndResumes() {
    const std::string bs = server_.bootstrap();
    QVERIFY(createTopicOverWire(bs, "rd-group-topic", 6));
    QCOMPARE(produce(bs, "rd-group-topic", 0, 60), 0);
    std::vector<std::unique_ptr<RdKafka::KafkaConsumer>> members;
    for (int i = 0; i < 3; ++i) {
      members.push_back(consumer(bs, "rd-group"));
      members.back()->subscribe({"rd-group-topic"});
    }
    std::set<std::string> seen;
    auto pollAll = [&](std::size_t n) {
      for (std::size_t i = 0; i < n; ++i) {
        std::unique_ptr<RdKafka::Message> m(members[i]->consume(50));
        if (m->err() == RdKafka::ERR_NO_ERROR)
          seen.emplace(static_cast<const char*>(m->payload()), m->len());
      }
    };
    auto spread = [&](std::size_t n) {
      std::size_t total = 0;
      for (std::size_t i = 0; i < n; ++i) {
        std::size_t a = assignedCount(*members[i]);
        if (a == 0) return false;
        total += a;
      }
      return total == 6;
    };
    QElapsedTimer t;
    t.start();
    while ((!spread(3) || seen.size() < 60) && t.elapsed() < 30000)
      pollAll(3);
    QVERIFY2(spread(3), "three members share six partitions");
    QCOMPARE(seen.size(), std::size_t(60));
    for (auto& m : members)
      QCOMPARE(m->commitSync(), RdKafka::ERR_NO_ERROR);

    members[2]->close();
    members.pop_back();
    t.restart();
    while (!spread(2) && t.elapsed() < 30000)
      pollAll(2);
    QVERIFY2(spread(2), "the two remaining members own every partition");
    for (auto& m : members)
      m->close();
    members.clear();

    // Offsets were committed: a new member sees only what comes next.
    QCOMPARE(produce(bs, "rd-group-topic", 60, 10), 0);
    members.push_back(consumer(bs, "rd-group"));
    members.back()->subscribe({"rd-group-topic"});
    seen.clear();
    t.restart();
    while (seen.size() < 10 && t.elapsed() < 30000)
      pollAll(1);
    std::set<std::string> want;
    for (int i = 60; i < 70; ++i)
      want.insert("v" + std::to_string(i));
    QCOMPARE(seen, want);
    members.back()->close();
  }

 private:
  ServerProcess server_{3};
};

QTEST_GUILESS_MAIN(LibrdkafkaInteropTest)
#include "librdkafka_interop_test.moc"
