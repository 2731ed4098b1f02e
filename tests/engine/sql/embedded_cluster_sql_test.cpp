// The same engine on the real in-process client over a 3-broker embedded cluster (replication,
// group coordinator, Java partitioner) instead of the in-memory test double, with query threads:
// the fraud statement's sink must match an independent count of the generator's records.
#include <QtTest>

#include <chrono>
#include <map>
#include <thread>
#include <tuple>

#include "engine/client/embedded/embedded_cluster_client.h"
#include "engine/datagen/card_authorizations.h"
#include "engine/datagen/generator.h"
#include "engine/sql/execution/operators/source_operator.h"
#include "engine/sql/formats/json_codec.h"
#include "engine/sql/query_manager.h"

using namespace runnel;
using namespace runnel::sql;

namespace {

using FraudRow = std::tuple<std::string, std::int64_t, std::int64_t>;
constexpr std::int64_t kWindowMs = std::int64_t{5} * 60 * 1000;

std::vector<client::ConsumerRecord> readAll(client::ClusterClient& c, const std::string& topic) {
  std::vector<client::ConsumerRecord> out;
  auto described = c.admin().describeTopics({topic});
  if (!described) return out;
  client::ConsumerConfig cc;
  cc.autoOffsetReset = client::OffsetReset::kEarliest;
  cc.enableAutoCommit = false;
  auto consumer = c.createConsumer(cc).value();
  std::vector<client::TopicPartition> parts;
  for (const auto& p : described->at(0).partitions)
    parts.push_back({topic, p.partition});
  (void)consumer->assign(parts);
  std::map<client::TopicPartition, std::int64_t> ends;
  for (const auto& tp : parts)
    ends[tp] = consumer->watermarks(tp, std::chrono::seconds(5))->second;
  for (int i = 0; i < 100; ++i) {
    bool done = true;
    for (const auto& tp : parts)
      done = done && *consumer->position(tp) >= ends[tp];
    if (done) break;
    auto records = consumer->poll(std::chrono::milliseconds(100));
    if (records) out.insert(out.end(), records->begin(), records->end());
  }
  return out;
}

}  // namespace

class EmbeddedClusterSqlTest : public QObject {
  Q_OBJECT

 private slots:
  void fraudQueryOnTheEmbeddedCluster() {
    QTemporaryDir dir;
    cluster::ClusterConfig config;
    config.brokers = 3;
    config.dataDir = dir.filePath("cluster").toStdString();
    config.basePort = 0;
    config.replicaFetchWaitMaxMs = 20;
    config.replicaFetchBackoffMs = 20;
    config.housekeepingIntervalMs = 20;
    group::GroupCoordinatorConfig groups;
    groups.initialRebalanceDelayMs = 0;
    auto opened = client::embedded::EmbeddedClusterClient::open(config, groups);
    QVERIFY2(opened.isOk(), opened.status().toString().c_str());
    auto& cluster = **opened;
    QVERIFY(cluster.admin().createTopic({"authorization_attempts", 3, 1, {}, {}}).isOk());

    EngineOptions options;
    options.stateDir = dir.filePath("state").toStdString();
    QDir().mkpath(QString::fromStdString(options.stateDir));
    options.pollTimeoutMs = 20;
    options.commitIntervalMs = 200;
    QueryManager engine(cluster, *Clock::system(), options);
    QVERIFY(engine.start().isOk());
    for (const auto& r : engine.runScript(
             "CREATE STREAM authorization_attempts (card_number STRING, amount DOUBLE, merchant "
             "STRING, country STRING, "
             "status STRING, attempt_id BIGINT) WITH (KAFKA_TOPIC='authorization_attempts', "
             "VALUE_FORMAT='JSON');\n"
             "SET 'auto.offset.reset' = 'earliest';\n"
             "CREATE STREAM possible_fraud AS\nSELECT card_number, count(*)\nFROM "
             "authorization_attempts\n"
             "WINDOW TUMBLING (SIZE 5 MINUTE)\nGROUP BY card_number\nHAVING count(*) > 3;"))
      QVERIFY2(r.ok(), r.status.message().c_str());

    datagen::CardAuthorizations source(11, {.cards = 200, .burstProbability = 0.03});
    auto producer = cluster.createProducer({}).value();
    QVERIFY(datagen::produceRecords(source, *producer, "authorization_attempts", 600,
                                    1'700'000'000'000, 1000)
                .isOk());

    const auto input = readAll(cluster, "authorization_attempts");
    QCOMPARE(input.size(), std::size_t(600));
    std::map<std::pair<std::string, std::int64_t>, std::int64_t> counts;
    std::vector<FraudRow> expected;
    for (const auto& r : input) {
      const std::string card = parseJson(asChars(*r.value))->field("card_number").asString();
      const std::int64_t w = r.timestampMs / kWindowMs * kWindowMs;
      if (++counts[{card, w}] > 3) expected.emplace_back(card, w, counts[{card, w}]);
    }
    std::sort(expected.begin(), expected.end());
    QVERIFY(expected.size() >= 3);

    const auto sink = *engine.catalog().find("POSSIBLE_FRAUD");
    std::vector<FraudRow> actual;
    for (int attempt = 0; attempt < 200 && actual != expected; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      actual.clear();
      for (const auto& r : readAll(cluster, sink.topic)) {
        auto row = SourceOperator::decode(sink, r);
        if (row && row->window)
          actual.emplace_back(row->values[0].asString(), row->window->start,
                              row->values[1].asInt());
      }
      std::sort(actual.begin(), actual.end());
    }
    QCOMPARE(actual.size(), expected.size());
    QVERIFY(actual == expected);
    const auto q = engine.queries();
    QCOMPARE(q.size(), std::size_t(1));
    QCOMPARE(q[0].state, QueryState::kRunning);
    QVERIFY2(q[0].error.empty(), q[0].error.c_str());
  }
};

QTEST_APPLESS_MAIN(EmbeddedClusterSqlTest)
#include "embedded_cluster_sql_test.moc"
