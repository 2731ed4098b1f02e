// The SQL engine on a remote cluster: the fraud query (possible_fraud) run by a QueryManager on
// a RemoteClusterClient in process, and by `runnel-sql --bootstrap` as a separate process, both
// against runnel-server's Kafka listener; the sink rows must equal an independent count of the
// input (every attempt beyond the third of a card in a 5-minute window emits a row).
#include <QtTest>

#include <map>
#include <thread>
#include <tuple>

#include "engine/datagen/card_authorizations.h"
#include "engine/datagen/generator.h"
#include "engine/remote/remote_cluster_client.h"
#include "engine/sql/execution/operators/source_operator.h"
#include "engine/sql/formats/json_codec.h"
#include "engine/sql/query_manager.h"
#include "tests/interop/server_process.h"

using namespace runnel;
using namespace runnel::sql;

namespace {

using FraudRow = std::tuple<std::string, std::int64_t, std::int64_t>;
constexpr std::int64_t kWindowMs = std::int64_t{5} * 60 * 1000;

const char* kFraudScript =
    "CREATE STREAM authorization_attempts (card_number STRING, amount DOUBLE, merchant STRING, "
    "country STRING, status STRING, attempt_id BIGINT) WITH "
    "(KAFKA_TOPIC='authorization_attempts', VALUE_FORMAT='JSON');\n"
    "SET 'auto.offset.reset' = 'earliest';\n"
    "CREATE STREAM possible_fraud AS SELECT card_number, count(*) FROM authorization_attempts "
    "WINDOW TUMBLING (SIZE 5 MINUTE) GROUP BY card_number HAVING count(*) > 3;\n";

std::unique_ptr<remote::RemoteClusterClient> openRemote(const std::string& bootstrap) {
  remote::RemoteConfig config;
  config.bootstrapServers = bootstrap;
  // Passed through to librdkafka: a query's second stage (the repartition topic) waits on
  // fetches at the end of the log; short waits keep the suite fast.
  config.properties = {{"fetch.wait.max.ms", "50"}};
  auto opened = remote::RemoteClusterClient::open(config);
  if (!opened.isOk()) qFatal("%s", opened.status().toString().c_str());
  return std::move(*opened);
}

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

// What possible_fraud must hold for this input, counted independently of the engine.
std::vector<FraudRow> expectedFraud(const std::vector<client::ConsumerRecord>& input) {
  std::map<std::pair<std::string, std::int64_t>, std::int64_t> counts;
  std::vector<FraudRow> expected;
  for (const auto& r : input) {
    const std::string card = parseJson(asChars(*r.value))->field("card_number").asString();
    const std::int64_t w = r.timestampMs / kWindowMs * kWindowMs;
    if (++counts[{card, w}] > 3) expected.emplace_back(card, w, counts[{card, w}]);
  }
  std::sort(expected.begin(), expected.end());
  return expected;
}

}  // namespace

class RemoteSqlInteropTest : public QObject {
  Q_OBJECT

 private slots:
  void fraudQueryInProcess() {
    ServerProcess server(3);
    QVERIFY2(!server.bootstrap().empty(), server.stderrText().c_str());
    auto cluster = openRemote(server.bootstrap());
    QVERIFY(cluster->admin().createTopic({"authorization_attempts", 3, 3, {}, {}}).isOk());

    QTemporaryDir dir;
    EngineOptions options;
    options.stateDir = dir.filePath("state").toStdString();
    QDir().mkpath(QString::fromStdString(options.stateDir));
    options.pollTimeoutMs = 20;
    options.commitIntervalMs = 200;
    QueryManager engine(*cluster, *Clock::system(), options);
    Status started = engine.start();
    QVERIFY2(started.isOk(), started.toString().c_str());
    for (const auto& r : engine.runScript(kFraudScript))
      QVERIFY2(r.ok(), r.status.message().c_str());

    datagen::CardAuthorizations source(11, {.cards = 200, .burstProbability = 0.03});
    auto producer = cluster->createProducer({}).value();
    QVERIFY(datagen::produceRecords(source, *producer, "authorization_attempts", 600,
                                    1'700'000'000'000, 1000)
                .isOk());

    const auto input = readAll(*cluster, "authorization_attempts");
    QCOMPARE(input.size(), std::size_t(600));
    const auto expected = expectedFraud(input);
    QVERIFY(expected.size() >= 3);

    const auto sink = *engine.catalog().find("POSSIBLE_FRAUD");
    std::vector<FraudRow> actual;
    for (int attempt = 0; attempt < 100 && actual != expected; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      actual.clear();
      for (const auto& r : readAll(*cluster, sink.topic)) {
        auto row = SourceOperator::decode(sink, r);
        if (row && row->window)
          actual.emplace_back(row->values[0].asString(), row->window->start,
                              row->values[1].asInt());
      }
      std::sort(actual.begin(), actual.end());
    }
    const auto q = engine.queries();
    if (actual != expected) {
      qWarning("in %lld out %lld skipped %lld late %lld produceErrors %lld",
               (long long)q[0].stats.recordsIn, (long long)q[0].stats.recordsOut,
               (long long)q[0].stats.skipped, (long long)q[0].stats.late,
               (long long)q[0].stats.produceErrors);
      for (const auto& e : q[0].stats.errors)
        qWarning("error: %s", e.c_str());
    }
    QCOMPARE(actual.size(), expected.size());
    QVERIFY(actual == expected);
    QCOMPARE(q.size(), std::size_t(1));
    QCOMPARE(q[0].state, QueryState::kRunning);
    QVERIFY2(q[0].error.empty(), q[0].error.c_str());
    // SHOW TOPICS lists the cluster's topics, not the engine's command log.
    auto shown = engine.runScript("SHOW TOPICS;");
    QVERIFY(shown.size() == 1 && shown[0].ok());
  }

  void fraudQueryFromRunnelSql() {
    ServerProcess server(3);
    QVERIFY2(!server.bootstrap().empty(), server.stderrText().c_str());
    auto cluster = openRemote(server.bootstrap());
    QVERIFY(cluster->admin().createTopic({"authorization_attempts", 3, 3, {}, {}}).isOk());

    // Known input: c1 five times and c3 four times within one window each, c2 twice.
    std::string script = kFraudScript;
    auto insert = [&](const std::string& card, std::int64_t ts, int id) {
      script +=
          "INSERT INTO authorization_attempts (ROWTIME, card_number, amount, merchant, "
          "country, status, attempt_id) VALUES (" +
          std::to_string(ts) + ", '" + card + "', 9.5, 'm', 'NL', 'APPROVED', " +
          std::to_string(id) + ");\n";
    };
    const std::int64_t w1 = 1'699'999'800'000;  // a window start
    const std::int64_t w2 = w1 + 2 * kWindowMs;
    int id = 0;
    for (int i = 0; i < 5; ++i)
      insert("c1", w1 + std::int64_t{1000} * i, ++id);
    for (int i = 0; i < 2; ++i)
      insert("c2", w1 + std::int64_t{1000} * i, ++id);
    for (int i = 0; i < 4; ++i)
      insert("c3", w2 + std::int64_t{1000} * i, ++id);
    script += "SELECT * FROM possible_fraud EMIT CHANGES LIMIT 3;\n";

    QTemporaryDir dir;
    const QString file = dir.filePath("fraud.sql");
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(script.c_str());
    f.close();
    QString errors;
    auto out = runTool(
        QStringLiteral(RUNNEL_SQL_PATH),
        {"--bootstrap", QString::fromStdString(server.bootstrap()), "-X", "client.rack=interop",
         "--data-dir", dir.filePath("sql"), "-f", file, "-o", "json", "--push-timeout", "20"},
        {}, 40000, &errors);
    QVERIFY2(out.has_value(), qPrintable(errors));
    int c1 = 0, c3 = 0;
    for (const auto& line : QString::fromStdString(*out).split('\n')) {
      if (line.contains("\"c1\"")) ++c1;
      if (line.contains("\"c3\"")) ++c3;
    }
    QVERIFY2(c1 == 2 && c3 == 1, out->c_str());

    // The sink topic on the server holds exactly the expected rows.
    const auto input = readAll(*cluster, "authorization_attempts");
    QCOMPARE(input.size(), std::size_t(11));
    const auto expected = expectedFraud(input);
    QCOMPARE(expected.size(), std::size_t(3));
    auto topics = cluster->admin().listTopics(false).value();
    auto sinkTopic = std::find_if(topics.begin(), topics.end(), [](const std::string& t) {
      return QString::fromStdString(t).compare("possible_fraud", Qt::CaseInsensitive) == 0;
    });
    QVERIFY(sinkTopic != topics.end());
    std::vector<std::pair<std::string, std::int64_t>> rows;
    for (const auto& r : readAll(*cluster, *sinkTopic)) {
      auto v = parseJson(asChars(*r.value));
      QVERIFY(v.isOk());
      std::int64_t count = -1;
      for (const auto& [k, x] : v->asStruct()) {
        if (x.kind() == TypeKind::kBigint || x.kind() == TypeKind::kInteger) count = x.asInt();
      }
      rows.emplace_back(std::string(asChars(*r.key)), count);
    }
    QCOMPARE(rows.size(), expected.size());
    std::multiset<std::int64_t> counts;
    for (const auto& [k, c] : rows)
      counts.insert(c);
    QCOMPARE(counts, (std::multiset<std::int64_t>{4, 4, 5}));

    // An unreachable cluster: a clear message and a failing exit code, not a hang.
    QString refused;
    auto none =
        runTool(QStringLiteral(RUNNEL_SQL_PATH),
                {"--bootstrap", "127.0.0.1:1", "--data-dir", dir.filePath("sql2"), "-f", file}, {},
                30000, &refused);
    QVERIFY(!none.has_value());
    QVERIFY2(refused.contains("127.0.0.1:1") && refused.contains("refused"), qPrintable(refused));
  }
};

QTEST_GUILESS_MAIN(RemoteSqlInteropTest)
#include "remote_sql_interop_test.moc"
