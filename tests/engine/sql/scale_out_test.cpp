// Scale-out of a persistent query on the real in-process client: two QueryManagers on one
// embedded cluster (the same service) run the same CREATE TABLE ... AS SELECT ... GROUP BY. The
// second one learns the query from the command topic and joins its consumer group instead of
// starting another; they split the input partitions; statements run on either later reach the
// other through the command topic; when the first stops midway the second takes
// its partitions over with their state from the changelog. The sink's final counts must equal
// an independent count of the input: what one process alone produces.
#include <QtTest>

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "engine/client/embedded/embedded_cluster_client.h"
#include "engine/sql/execution/operators/source_operator.h"
#include "engine/sql/query_manager.h"

using namespace runnel;
using namespace runnel::sql;

namespace {

constexpr int kPartitions = 4;
constexpr int kCards = 37;

const char* kScript =
    "CREATE STREAM authorization_attempts (card_number STRING, amount DOUBLE) WITH "
    "(KAFKA_TOPIC='authorization_attempts', VALUE_FORMAT='JSON');\n"
    "SET 'auto.offset.reset' = 'earliest';\n"
    "CREATE TABLE card_counts AS SELECT card_number, COUNT(*) AS attempts FROM "
    "authorization_attempts GROUP BY card_number;\n";

std::string card(int i) {
  return "card-" + std::to_string((i * 7) % kCards);
}

void produce(client::ClusterClient& cluster, int from, int to) {
  auto producer = cluster.createProducer({}).value();
  for (int i = from; i < to; ++i) {
    client::ProducerRecord r;
    r.topic = "authorization_attempts";
    r.partition = i % kPartitions;  // cards land on every partition: stage 1 regroups them
    r.value = toBytes("{\"card_number\":\"" + card(i) + "\",\"amount\":" + std::to_string(i) + "}");
    producer->send(std::move(r));
  }
  QVERIFY(producer->flush(std::chrono::seconds(30)).isOk());
}

// The latest count per card in the sink (a table: the last record per key wins).
std::map<std::string, std::int64_t> sinkCounts(client::ClusterClient& cluster,
                                               const SourceInfo& sink) {
  std::map<std::string, std::int64_t> out;
  auto described = cluster.admin().describeTopics({sink.topic});
  if (!described) return out;
  client::ConsumerConfig cc;
  cc.autoOffsetReset = client::OffsetReset::kEarliest;
  cc.enableAutoCommit = false;
  auto consumer = cluster.createConsumer(cc).value();
  std::vector<client::TopicPartition> parts;
  for (const auto& p : described->at(0).partitions)
    parts.push_back({sink.topic, p.partition});
  (void)consumer->assign(parts);
  std::map<client::TopicPartition, std::int64_t> ends;
  for (const auto& tp : parts)
    ends[tp] = consumer->watermarks(tp, std::chrono::seconds(5))->second;
  for (int i = 0; i < 200; ++i) {
    bool done = true;
    for (const auto& tp : parts)
      done = done && *consumer->position(tp) >= ends[tp];
    if (done) break;
    auto records = consumer->poll(std::chrono::milliseconds(50));
    if (!records) break;
    for (const auto& r : *records) {
      auto row = SourceOperator::decode(sink, r);
      if (row && !row->tombstone) out[row->values[0].asString()] = row->values[1].asInt();
    }
  }
  return out;
}

std::set<client::TopicPartition> held(const QueryManager& engine) {
  const auto q = engine.queries();
  if (q.size() != 1) return {};
  return {q[0].partitions.begin(), q[0].partitions.end()};
}

template <typename F>
bool waitFor(F done, int ms) {
  for (int waited = 0; waited < ms; waited += 50) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

}  // namespace

class ScaleOutTest : public QObject {
  Q_OBJECT

 private slots:
  void twoEnginesShareAPersistentQuery() {
    QTemporaryDir dir;
    cluster::ClusterConfig config;
    config.brokers = 1;
    config.dataDir = dir.filePath("cluster").toStdString();
    config.basePort = 0;
    config.housekeepingIntervalMs = 20;
    group::GroupCoordinatorConfig groups;
    groups.initialRebalanceDelayMs = 0;
    auto opened = client::embedded::EmbeddedClusterClient::open(config, groups);
    QVERIFY2(opened.isOk(), opened.status().toString().c_str());
    auto& cluster = **opened;
    QVERIFY(cluster.admin().createTopic({"authorization_attempts", kPartitions, 1, {}, {}}).isOk());

    EngineOptions options;
    options.pollTimeoutMs = 20;
    options.commitIntervalMs = 200;
    options.sessionTimeoutMs = 6000;
    options.heartbeatIntervalMs = 100;
    auto first = std::make_unique<QueryManager>(cluster, *Clock::system(), options);
    QVERIFY(first->start().isOk());
    for (const auto& r : first->runScript(kScript))
      QVERIFY2(r.ok(), r.status.message().c_str());
    const auto queryId = first->queries().at(0).id;
    const auto sink = *first->catalog().find("CARD_COUNTS");
    QVERIFY(waitFor([&] { return held(*first).size() == std::size_t{2} * kPartitions; }, 10000));

    produce(cluster, 0, 1500);
    // A second engine of the same service: it replays the command topic and joins the group.
    QueryManager second(cluster, *Clock::system(), options);
    std::vector<std::string> notices;
    QVERIFY(second.start(&notices).isOk());
    QVERIFY2(notices.empty(), notices.empty() ? "" : notices[0].c_str());
    QCOMPARE(second.queries().size(), std::size_t(1));
    QCOMPARE(second.queries()[0].id, queryId);
    QVERIFY2(
        waitFor(
            [&] {
              auto a = held(*first), b = held(second);
              if (a.empty() || b.empty() || a.size() + b.size() != std::size_t{2} * kPartitions)
                return false;
              for (const auto& tp : a)
                if (b.count(tp)) return false;
              return true;
            },
            15000),
        "the two engines never split the partitions");
    // Range assignment: partition p of the source and of the repartition topic go together.
    const std::string repartition = "_runnel-sql-" + queryId + "-Aggregate-GroupBy-repartition";
    for (const auto& tp : held(second)) {
      const std::string other =
          tp.topic == repartition ? std::string("authorization_attempts") : repartition;
      QVERIFY(held(second).count({other, tp.partition}));
    }

    produce(cluster, 1500, 3000);
    QVERIFY(waitFor([&] { return first->queries()[0].stats.recordsIn > 0; }, 10000));
    QVERIFY(waitFor([&] { return second.queries()[0].stats.recordsIn > 0; }, 10000));
    // Both follow the command topic while they run: a query created on one runs on the other
    // too, and TERMINATE on one stops it on both.
    for (const auto& r : second.runScript("CREATE STREAM big_attempts AS SELECT * FROM "
                                          "authorization_attempts WHERE amount > 4000;"))
      QVERIFY2(r.ok(), r.status.message().c_str());
    QVERIFY(waitFor([&] { return first->queries().size() == 2; }, 10000));
    std::string created;
    for (const auto& q : first->queries())
      if (q.id != queryId) created = q.id;
    QVERIFY(created.rfind("CSAS_BIG_ATTEMPTS_", 0) == 0);
    for (const auto& r : first->runScript("TERMINATE " + created + ";"))
      QVERIFY2(r.ok(), r.status.message().c_str());
    QVERIFY(waitFor([&] { return second.queries().size() == 1; }, 10000));
    QCOMPARE(second.queries()[0].id, queryId);

    // The first engine stops midway; the second takes its partitions and their state over.
    first.reset();
    produce(cluster, 3000, 4500);
    QVERIFY(waitFor([&] { return held(second).size() == std::size_t{2} * kPartitions; }, 15000));

    std::map<std::string, std::int64_t> expected;
    for (int i = 0; i < 4500; ++i)
      ++expected[card(i)];
    std::map<std::string, std::int64_t> actual;
    QVERIFY(waitFor(
        [&] {
          actual = sinkCounts(cluster, sink);
          return actual == expected;
        },
        20000));
    QCOMPARE(actual.size(), std::size_t(kCards));

    // The state lives in a compacted changelog named after the service and the query.
    auto topics = cluster.admin().listTopics(true).value();
    const std::string changelog =
        "_runnel-sql-default_query_" + queryId + "-Aggregate-Aggregate-Materialize-changelog";
    QVERIFY2(std::find(topics.begin(), topics.end(), changelog) != topics.end(), changelog.c_str());
  }
};

QTEST_GUILESS_MAIN(ScaleOutTest)
#include "scale_out_test.moc"
