// End to end: the fraud statement, exactly as written, over the card-authorization generator's
// records (with recorded bursts) on the in-memory cluster. The sink topic must hold exactly the
// (card_number, window, count) rows an independent count of the input predicts — every update
// with count > 3, in order — and a restart in the middle must neither lose nor double count.
#include <QtTest>

#include <map>
#include <tuple>

#include "engine/datagen/card_authorizations.h"
#include "engine/datagen/generator.h"
#include "engine/sql/execution/operators/source_operator.h"
#include "engine/sql/formats/json_codec.h"
#include "engine/sql/query_manager.h"
#include "tests/support/in_memory_cluster.h"

using namespace runnel;
using namespace runnel::sql;

namespace {

constexpr const char* kCreateSource =
    "CREATE STREAM authorization_attempts (card_number STRING, amount DOUBLE, merchant STRING, "
    "country STRING, "
    "status STRING, attempt_id BIGINT) WITH (KAFKA_TOPIC='authorization_attempts', "
    "VALUE_FORMAT='JSON');\n"
    "SET 'auto.offset.reset' = 'earliest';";

constexpr const char* kFraudQuery =
    "CREATE STREAM possible_fraud AS\n"
    "SELECT card_number, count(*)\n"
    "FROM authorization_attempts\n"
    "WINDOW TUMBLING (SIZE 5 MINUTE)\n"
    "GROUP BY card_number\n"
    "HAVING count(*) > 3;";

constexpr std::int64_t kWindowMs = std::int64_t{5} * 60 * 1000;
constexpr std::int64_t kStartMs = 1'700'000'000'000;

using FraudRow = std::tuple<std::string, std::int64_t, std::int64_t>;  // card, window start, count

// What the sink must hold, computed directly from the input records: per (card, window), the
// running count; every update above 3 is one row.
std::vector<FraudRow> expectedRows(const std::vector<client::ConsumerRecord>& input) {
  std::vector<client::ConsumerRecord> ordered = input;
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.timestampMs < b.timestampMs; });
  std::map<std::pair<std::string, std::int64_t>, std::int64_t> counts;
  std::vector<FraudRow> out;
  for (const auto& r : ordered) {
    auto v = parseJson(asChars(*r.value));
    const std::string card = v->field("card_number").asString();
    const std::int64_t window = r.timestampMs / kWindowMs * kWindowMs;
    const std::int64_t n = ++counts[{card, window}];
    if (n > 3) out.emplace_back(card, window, n);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<FraudRow> sinkRows(testing::InMemoryCluster& cluster, const QueryManager& engine) {
  auto sink = engine.catalog().find("POSSIBLE_FRAUD");
  std::vector<FraudRow> out;
  if (!sink) return out;
  for (const auto& r : cluster.records(sink->topic)) {
    auto row = SourceOperator::decode(*sink, r);
    if (!row || !row->window) {
      qWarning("undecodable sink record at offset %lld", static_cast<long long>(r.offset));
      continue;
    }
    out.emplace_back(row->values[0].asString(), row->window->start, row->values[1].asInt());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

class FraudQueryTest : public QObject {
  Q_OBJECT

 private slots:
  void fraudQueryMatchesTheGenerator() {
    ManualClock clock(kStartMs);
    testing::InMemoryCluster cluster(&clock, 3);
    QVERIFY(cluster.createTopic("authorization_attempts", 3).isOk());
    QTemporaryDir state;
    EngineOptions options;
    options.stateDir = state.path().toStdString();
    options.startThreads = false;
    QueryManager engine(cluster, clock, options);
    QVERIFY(engine.start().isOk());
    for (const auto& r : engine.runScript(kCreateSource))
      QVERIFY2(r.ok(), r.status.message().c_str());
    auto results = engine.runScript(kFraudQuery);
    QCOMPARE(results.size(), std::size_t(1));
    QVERIFY2(results[0].ok(), results[0].status.message().c_str());
    QVERIFY(!results[0].notices.empty());
    QVERIFY(results[0].notices[0].find("CREATE TABLE") != std::string::npos);
    QCOMPARE(engine.catalog().find("POSSIBLE_FRAUD")->type, SourceType::kTable);

    datagen::CardAuthorizations source(42);
    auto producer = cluster.createProducer({}).value();
    QVERIFY(
        datagen::produceRecords(source, *producer, "authorization_attempts", 3000, kStartMs, 1000)
            .isOk());
    engine.pumpUntilIdle();

    const auto input = cluster.records("authorization_attempts");
    const auto expected = expectedRows(input);
    const auto actual = sinkRows(cluster, engine);
    QVERIFY(source.bursts().size() >= 10);
    QVERIFY(expected.size() >= 10);
    QCOMPARE(actual.size(), expected.size());
    QVERIFY(actual == expected);
    // Every recorded burst of 4+ attempts inside one window is reported.
    for (const auto& burst : source.bursts()) {
      bool reported = false;
      for (const auto& [card, window, count] : actual)
        reported = reported || card == burst.cardNumber;
      if (burst.attempts >= 8) QVERIFY2(reported, burst.cardNumber.c_str());
    }
    const auto q = engine.queries();
    QCOMPARE(q.size(), std::size_t(1));
    QCOMPARE(q[0].stats.recordsIn,
             std::int64_t(6000));  // each record: the source, then the repartition topic
    QCOMPARE(q[0].stats.skipped, std::int64_t(0));
  }

  void restartNeitherLosesNorDoubleCounts() {
    ManualClock clock(kStartMs);
    testing::InMemoryCluster cluster(&clock, 3);
    QVERIFY(cluster.createTopic("authorization_attempts", 3).isOk());
    QTemporaryDir state;
    EngineOptions options;
    options.stateDir = state.path().toStdString();
    options.startThreads = false;
    datagen::CardAuthorizations source(7);
    auto producer = cluster.createProducer({}).value();
    {
      QueryManager engine(cluster, clock, options);
      QVERIFY(engine.start().isOk());
      for (const auto& r : engine.runScript(kCreateSource))
        QVERIFY(r.ok());
      for (const auto& r : engine.runScript(kFraudQuery))
        QVERIFY2(r.ok(), r.status.message().c_str());
      QVERIFY(
          datagen::produceRecords(source, *producer, "authorization_attempts", 1500, kStartMs, 1000)
              .isOk());
      engine.pumpUntilIdle();
    }  // stops the query: checkpoint, then close
    QVERIFY(datagen::produceRecords(source, *producer, "authorization_attempts", 1500,
                                    kStartMs + std::int64_t{1500} * 1000, 1000)
                .isOk());
    QueryManager engine(cluster, clock, options);
    std::vector<std::string> notices;
    QVERIFY(engine.start(&notices).isOk());
    QVERIFY(notices.empty());
    QVERIFY(engine.catalog().contains("AUTHORIZATION_ATTEMPTS"));
    QCOMPARE(engine.queries().size(), std::size_t(1));
    engine.pumpUntilIdle();
    const auto expected = expectedRows(cluster.records("authorization_attempts"));
    QVERIFY(expected.size() >= 10);
    QVERIFY(sinkRows(cluster, engine) == expected);
  }
};

QTEST_APPLESS_MAIN(FraudQueryTest)
#include "fraud_query_test.moc"
