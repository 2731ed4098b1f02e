// Scale-out of a persistent query across processes: runnel-server, and two `runnel-sql
// --bootstrap` processes of the same service running CREATE TABLE card_counts AS SELECT
// card_number, COUNT(*) ... GROUP BY over a 4-partition topic. The first creates the query; the
// second learns it from the command topic and joins its consumer group; the first is killed
// (SIGKILL) midway. The second takes its partitions over with their changelog state, and the
// sink's final counts must equal an independent count of the input: what one process produces.
#include <QtTest>

#include <chrono>
#include <map>
#include <thread>

#include "engine/remote/remote_cluster_client.h"
#include "engine/sql/formats/json_codec.h"
#include "tests/interop/server_process.h"

using namespace runnel;

namespace {

constexpr int kPartitions = 4;
constexpr int kCards = 29;
const std::string kGroup = "_runnel-sql-default_query_CTAS_CARD_COUNTS_1";

const char* kScript =
    "CREATE STREAM authorization_attempts (card_number STRING, amount DOUBLE) WITH "
    "(KAFKA_TOPIC='authorization_attempts', VALUE_FORMAT='JSON');\n"
    "SET 'auto.offset.reset' = 'earliest';\n"
    "CREATE TABLE card_counts AS SELECT card_number, COUNT(*) AS attempts FROM "
    "authorization_attempts GROUP BY card_number;\n";

std::string card(int i) {
  return "card-" + std::to_string((i * 5) % kCards);
}

std::unique_ptr<remote::RemoteClusterClient> openRemote(const std::string& bootstrap) {
  remote::RemoteConfig config;
  config.bootstrapServers = bootstrap;
  config.properties = {{"fetch.wait.max.ms", "50"}};
  auto opened = remote::RemoteClusterClient::open(config);
  if (!opened.isOk()) qFatal("%s", opened.status().toString().c_str());
  return std::move(*opened);
}

bool produce(client::ClusterClient& cluster, int from, int to) {
  auto producer = cluster.createProducer({}).value();
  for (int i = from; i < to; ++i) {
    client::ProducerRecord r;
    r.topic = "authorization_attempts";
    r.partition = i % kPartitions;
    r.value = toBytes("{\"card_number\":\"" + card(i) + "\",\"amount\":1.5}");
    producer->send(std::move(r));
  }
  return producer->flush(std::chrono::seconds(30)).isOk();
}

// The latest count per card in the sink topic (the last record of a key wins).
std::map<std::string, std::int64_t> sinkCounts(client::ClusterClient& c) {
  std::map<std::string, std::int64_t> out;
  auto described = c.admin().describeTopics({"CARD_COUNTS"});
  if (!described) return out;
  client::ConsumerConfig cc;
  cc.autoOffsetReset = client::OffsetReset::kEarliest;
  cc.enableAutoCommit = false;
  auto consumer = c.createConsumer(cc).value();
  std::vector<client::TopicPartition> parts;
  for (const auto& p : described->at(0).partitions)
    parts.push_back({"CARD_COUNTS", p.partition});
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
    if (!records) break;
    for (const auto& r : *records) {
      if (!r.key || !r.value) continue;
      auto v = sql::parseJson(asChars(*r.value));
      if (v.isOk()) out[std::string(asChars(*r.key))] = v->field("ATTEMPTS").asInt();
    }
  }
  return out;
}

std::size_t groupMembers(client::ClusterClient& c) {
  auto groups = c.admin().describeConsumerGroups({kGroup});
  if (!groups || groups->empty() || groups->at(0).state != "Stable") return 0;
  return groups->at(0).members.size();
}

template <typename F>
bool waitFor(F done, int ms) {
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < ms) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

// One runnel-sql process reading statements from its standard input, kept open.
class SqlProcess {
 public:
  SqlProcess(const std::string& bootstrap, const QString& dataDir) {
    process_.setProgram(QStringLiteral(RUNNEL_SQL_PATH));
    process_.setArguments({"--bootstrap", QString::fromStdString(bootstrap), "--data-dir", dataDir,
                           "-o", "json", "--session-timeout", "6000", "-X",
                           "fetch.wait.max.ms=50"});
    process_.start();
    process_.waitForStarted(10000);
  }
  ~SqlProcess() {
    if (process_.state() == QProcess::Running) {
      process_.kill();
      process_.waitForFinished(5000);
    }
  }
  void write(const char* text) {
    process_.write(text);
    process_.waitForBytesWritten(5000);
  }
  // Waits for `text` on standard output.
  bool waitForOutput(const QString& text, int ms) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
      out_ += QString::fromUtf8(process_.readAllStandardOutput());
      if (out_.contains(text)) return true;
      process_.waitForReadyRead(100);
    }
    return false;
  }
  void kill() {
    process_.kill();
    process_.waitForFinished(5000);
  }
  int shutdown() {
    process_.closeWriteChannel();
    if (!process_.waitForFinished(20000)) return -1;
    return process_.exitStatus() == QProcess::NormalExit ? process_.exitCode() : -1;
  }
  QString errors() { return QString::fromUtf8(process_.readAllStandardError()); }

 private:
  QProcess process_;
  QString out_;
};

}  // namespace

class SqlScaleOutInteropTest : public QObject {
  Q_OBJECT

 private slots:
  void twoProcessesShareAQueryAndSurviveAKill() {
    QElapsedTimer elapsed;
    elapsed.start();
    ServerProcess server(1);
    QVERIFY2(!server.bootstrap().empty(), server.stderrText().c_str());
    auto cluster = openRemote(server.bootstrap());
    QVERIFY(
        cluster->admin().createTopic({"authorization_attempts", kPartitions, 1, {}, {}}).isOk());
    QTemporaryDir dir;

    SqlProcess first(server.bootstrap(), dir.filePath("a"));
    first.write(kScript);
    QVERIFY2(first.waitForOutput("CTAS_CARD_COUNTS_1", 20000), qPrintable(first.errors()));
    QVERIFY(produce(*cluster, 0, 1000));

    // Same cluster, same service: it replays the query from the command topic and joins.
    SqlProcess second(server.bootstrap(), dir.filePath("b"));
    QVERIFY2(waitFor([&] { return groupMembers(*cluster) == 2; }, 20000),
             qPrintable(second.errors()));
    QVERIFY(produce(*cluster, 1000, 2000));
    // Both have been at work before the first one dies.
    QVERIFY(waitFor([&] { return !sinkCounts(*cluster).empty(); }, 10000));
    const qint64 killedAt = elapsed.elapsed();
    first.kill();
    QVERIFY(produce(*cluster, 2000, 3000));

    std::map<std::string, std::int64_t> expected;
    for (int i = 0; i < 3000; ++i)
      ++expected[card(i)];
    std::map<std::string, std::int64_t> actual;
    const bool equal = waitFor(
        [&] {
          actual = sinkCounts(*cluster);
          return actual == expected;
        },
        25000);
    if (!equal) {
      for (const auto& [k, n] : expected)
        qWarning("%s expected %lld got %lld", k.c_str(), (long long)n, (long long)actual[k]);
    }
    QVERIFY2(equal, qPrintable(second.errors()));
    qInfo("the survivor caught up %lld ms after the kill; suite %lld ms",
          (long long)(elapsed.elapsed() - killedAt), (long long)elapsed.elapsed());
    QCOMPARE(groupMembers(*cluster), std::size_t(1));
    QCOMPARE(second.shutdown(), 0);
  }
};

QTEST_GUILESS_MAIN(SqlScaleOutInteropTest)
#include "sql_scale_out_interop_test.moc"
