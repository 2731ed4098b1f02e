// sql_bench: the fraud statement (possible_fraud: count(*) per card_number in 5-minute tumbling
// windows, HAVING count(*) > 3) over N JSON authorization attempts already in the log of a
// 1-broker embedded cluster, single-threaded (QueryManager pumped on this thread), in events/s.
// Baselines measured in the same run over the same records:
//  - a hand-written C++ loop that reads the same log through the same consumer API, parses
//    each JSON value and counts per (card, window) in a hash map, emitting every count > 3;
//  - reading the log alone (no parsing), the floor of both loops above;
//  - SQLite (in memory) running the equivalent GROUP BY ... HAVING over the same records loaded
//    into a table: once with the JSON text (json_extract), once with the card pre-extracted.
// All three must agree on the rows. Usage: sql_bench [records=10000000] [--unkeyed] [--sql-only]
// (--unkeyed: the topic is not keyed by card, so GROUP BY goes through a repartition topic;
// --sql-only: no baselines, for profiling the engine).
// Not a test; prints figures (docs/BENCHMARKS.md).
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/client/embedded/embedded_cluster_client.h"
#include "engine/common/environment.h"
#include "engine/sql/execution/result_sink.h"
#include "engine/sql/query_manager.h"
#include "tests/bench/process_cpu_time.h"

using namespace runnel;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr std::int64_t kStartMs = 1'700'000'000'000;
constexpr std::int64_t kWindowMs = std::int64_t{5} * 60 * 1000;
constexpr std::int64_t kStepMs = 2;  // ~1.5 attempts per card and window for 100,000 cards
constexpr std::uint64_t kCards = 100'000;
const char* kTopic = "authorization_attempts";

double seconds(SteadyClock::time_point since) {
  return std::chrono::duration<double>(SteadyClock::now() - since).count();
}

// CPU seconds of the whole process (this thread plus the broker threads serving its fetches):
// on a shared, loaded machine the fair measure; wall time is printed beside it.
double cpuNow() {
  return bench::processCpuSeconds();
}

// Record i, deterministic: a random card, except that every block of 1,000 records starts with
// a burst of 5 attempts on one card (fraud the query must find).
struct Attempt {
  std::string card;
  std::string json;
  std::int64_t ts;
};

Attempt attempt(std::uint64_t i) {
  std::uint64_t x = (i + 1) * 0x9E3779B97F4A7C15ULL;
  x ^= x >> 31;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 29;
  const std::uint64_t card = i % 1000 < 5 ? (i / 1000) * 7919 % kCards : x % kCards;
  char cardText[20];
  std::snprintf(cardText, sizeof cardText, "4000%012llu", static_cast<unsigned long long>(card));
  static const char* kCountries[] = {"US", "GB", "DE", "FR", "NL"};
  char json[256];
  std::snprintf(json, sizeof json,
                "{\"card_number\":\"%s\",\"amount\":%llu.%02llu,\"merchant\":\"m%llu\","
                "\"country\":\"%s\",\"status\":\"%s\",\"attempt_id\":%llu}",
                cardText, static_cast<unsigned long long>(x % 500),
                static_cast<unsigned long long>(x % 100),
                static_cast<unsigned long long>((x >> 20) % 5000), kCountries[(x >> 40) % 5],
                (x >> 44) % 10 == 0 ? "DECLINED" : "APPROVED", static_cast<unsigned long long>(i));
  return {cardText, json, kStartMs + static_cast<std::int64_t>(i) * kStepMs};
}

// The hand-written loop's JSON reader: a flat object of string and number fields, every field
// parsed (as the SQL engine deserializes every column), card_number kept.
struct ParsedAttempt {
  std::string_view card;
  double amount = 0;
  std::string_view merchant, country, status;
  long long attemptId = 0;
};

bool parseAttempt(std::string_view s, ParsedAttempt& out) {
  std::size_t i = 0;
  auto skipWs = [&] {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))
      ++i;
  };
  auto readString = [&](std::string_view& v) {
    if (i >= s.size() || s[i] != '"') return false;
    const std::size_t start = ++i;
    while (i < s.size() && s[i] != '"') {
      if (s[i] == '\\') ++i;
      ++i;
    }
    if (i >= s.size()) return false;
    v = s.substr(start, i - start);
    ++i;
    return true;
  };
  skipWs();
  if (i >= s.size() || s[i++] != '{') return false;
  for (;;) {
    skipWs();
    std::string_view key;
    if (!readString(key)) return false;
    skipWs();
    if (i >= s.size() || s[i++] != ':') return false;
    skipWs();
    if (i < s.size() && s[i] == '"') {
      std::string_view v;
      if (!readString(v)) return false;
      if (key == "card_number")
        out.card = v;
      else if (key == "merchant")
        out.merchant = v;
      else if (key == "country")
        out.country = v;
      else if (key == "status")
        out.status = v;
    } else {
      char* end = nullptr;
      const double d = std::strtod(s.data() + i, &end);
      if (end == s.data() + i) return false;
      i = static_cast<std::size_t>(end - s.data());
      if (key == "amount")
        out.amount = d;
      else if (key == "attempt_id")
        out.attemptId = static_cast<long long>(d);
    }
    skipWs();
    if (i < s.size() && s[i] == ',') {
      ++i;
      continue;
    }
    return i < s.size() && s[i] == '}';
  }
}

// Reading the log alone (same consumer API and settings, no parsing): the floor every contender
// that reads the log pays, printed so the figures show how much of each is parsing and counting.
Result<std::size_t> readOnly(client::ClusterClient& cluster, std::size_t n) {
  client::ConsumerConfig cc;
  cc.enableAutoCommit = false;
  cc.autoOffsetReset = client::OffsetReset::kEarliest;
  RUNNEL_ASSIGN_OR_RETURN(auto consumer, cluster.createConsumer(cc));
  RUNNEL_ASSIGN_OR_RETURN(auto described, cluster.admin().describeTopics({kTopic}));
  std::vector<client::TopicPartition> parts;
  for (const auto& p : described.at(0).partitions)
    parts.push_back({kTopic, p.partition});
  RUNNEL_RETURN_IF_ERROR(consumer->assign(parts));
  RUNNEL_RETURN_IF_ERROR(consumer->seekToBeginning(parts));
  std::size_t records = 0, bytes = 0;
  while (records < n) {
    RUNNEL_ASSIGN_OR_RETURN(auto batch, consumer->poll(std::chrono::milliseconds(100)));
    for (const auto& rec : batch) {
      ++records;
      bytes += rec.value ? rec.value->size() : 0;
    }
  }
  (void)consumer->close();
  return bytes;
}

struct HandResult {
  std::size_t records = 0;
  std::size_t fraudUpdates = 0;  // every count > 3, as EMIT CHANGES emits them
  std::size_t fraudGroups = 0;   // (card, window) ending above 3
};

Result<HandResult> handLoop(client::ClusterClient& cluster, std::size_t n) {
  client::ConsumerConfig cc;
  cc.enableAutoCommit = false;
  cc.autoOffsetReset = client::OffsetReset::kEarliest;
  RUNNEL_ASSIGN_OR_RETURN(auto consumer, cluster.createConsumer(cc));
  RUNNEL_ASSIGN_OR_RETURN(auto described, cluster.admin().describeTopics({kTopic}));
  std::vector<client::TopicPartition> parts;
  for (const auto& p : described.at(0).partitions)
    parts.push_back({kTopic, p.partition});
  RUNNEL_RETURN_IF_ERROR(consumer->assign(parts));
  RUNNEL_RETURN_IF_ERROR(consumer->seekToBeginning(parts));
  std::unordered_map<std::string, std::int64_t> counts;
  counts.reserve(n / 2);
  HandResult r;
  std::string key;
  while (r.records < n) {
    RUNNEL_ASSIGN_OR_RETURN(auto records, consumer->poll(std::chrono::milliseconds(100)));
    for (const auto& rec : records) {
      ++r.records;
      if (!rec.value) continue;
      ParsedAttempt a;
      const std::string_view text(reinterpret_cast<const char*>(rec.value->data()),
                                  rec.value->size());
      if (!parseAttempt(text, a)) continue;
      const std::int64_t window = rec.timestampMs - rec.timestampMs % kWindowMs;
      key.assign(a.card);
      key.append(reinterpret_cast<const char*>(&window), sizeof window);
      const std::int64_t c = ++counts[key];
      if (c > 3) ++r.fraudUpdates;
    }
  }
  for (const auto& [k, c] : counts)
    r.fraudGroups += c > 3 ? 1 : 0;
  (void)consumer->close();
  return r;
}

// SQLite: load (not timed), then the GROUP BY (timed). Returns seconds and the fraud groups.
struct SqliteResult {
  double jsonSeconds = 0;
  double columnSeconds = 0;
  std::size_t groupsJson = 0;
  std::size_t groupsColumn = 0;
};

bool sqliteRun(std::size_t n, SqliteResult& out) {
  sqlite3* db = nullptr;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) return false;
  sqlite3_exec(db,
               "CREATE TABLE attempts (ts INTEGER, value TEXT, card TEXT);"
               "BEGIN;",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO attempts VALUES (?, ?, ?)", -1, &insert, nullptr);
  for (std::size_t i = 0; i < n; ++i) {
    const Attempt a = attempt(i);
    sqlite3_bind_int64(insert, 1, a.ts);
    sqlite3_bind_text(insert, 2, a.json.data(), static_cast<int>(a.json.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 3, a.card.data(), static_cast<int>(a.card.size()), SQLITE_TRANSIENT);
    sqlite3_step(insert);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  sqlite3_exec(db, "COMMIT;", nullptr, nullptr, nullptr);
  auto run = [&](const char* sql, std::size_t& groups) {
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &q, nullptr) != SQLITE_OK) {
      std::fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
      return -1.0;
    }
    const double t = cpuNow();
    while (sqlite3_step(q) == SQLITE_ROW)
      ++groups;
    const double s = cpuNow() - t;
    sqlite3_finalize(q);
    return s;
  };
  out.jsonSeconds =
      run("SELECT json_extract(value, '$.card_number') AS c, ts - ts % 300000 AS w, COUNT(*) "
          "FROM attempts GROUP BY c, w HAVING COUNT(*) > 3",
          out.groupsJson);
  out.columnSeconds =
      run("SELECT card, ts - ts % 300000 AS w, COUNT(*) FROM attempts GROUP BY card, w "
          "HAVING COUNT(*) > 3",
          out.groupsColumn);
  sqlite3_close(db);
  return out.jsonSeconds >= 0 && out.columnSeconds >= 0;
}

std::size_t topicSize(client::ClusterClient& cluster, const std::string& topic) {
  auto described = cluster.admin().describeTopics({topic});
  if (!described) return 0;
  client::ConsumerConfig cc;
  auto consumer = cluster.createConsumer(cc);
  if (!consumer) return 0;
  std::size_t total = 0;
  for (const auto& p : described->at(0).partitions) {
    auto marks = (*consumer)->watermarks({topic, p.partition}, std::chrono::seconds(5));
    if (marks) total += static_cast<std::size_t>(marks->second - marks->first);
  }
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = 10'000'000;
  bool unkeyed = false;
  bool sqlOnly = false;  // no baselines (for profiling the engine)
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--unkeyed") == 0)
      unkeyed = true;
    else if (std::strcmp(argv[i], "--sql-only") == 0)
      sqlOnly = true;
    else
      n = static_cast<std::size_t>(std::atoll(argv[i]));
  }
  const auto dir =
      std::filesystem::temp_directory_path() / ("runnel-sql-bench-" + std::to_string(processId()));
  std::filesystem::create_directories(dir / "state");
  cluster::ClusterConfig config;
  config.brokers = 1;
  config.dataDir = (dir / "cluster").string();
  config.basePort = 0;
  group::GroupCoordinatorConfig groups;
  groups.initialRebalanceDelayMs = 0;
  auto opened = client::embedded::EmbeddedClusterClient::open(config, groups);
  if (!opened) {
    std::fprintf(stderr, "open: %s\n", opened.status().toString().c_str());
    return 1;
  }
  auto& cluster = **opened;
  if (Status s = cluster.admin().createTopic({kTopic, 1, 1, {}, {}}); !s.isOk()) {
    std::fprintf(stderr, "create topic: %s\n", s.toString().c_str());
    return 1;
  }

  // Load the log (not timed as part of any contender).
  auto t = SteadyClock::now();
  {
    client::ProducerConfig pc;
    pc.acks = 1;
    pc.lingerMs = 5;
    pc.batchSize = 256 * 1024;
    auto producer = cluster.createProducer(pc);
    if (!producer) return 1;
    for (std::size_t i = 0; i < n; ++i) {
      Attempt a = attempt(i);
      client::ProducerRecord r;
      r.topic = kTopic;
      r.partition = 0;
      if (!unkeyed) r.key = Bytes(a.card.begin(), a.card.end());
      r.value = Bytes(a.json.begin(), a.json.end());
      r.timestampMs = a.ts;
      (*producer)->send(std::move(r));
    }
    if (Status s = (*producer)->flush(std::chrono::minutes(10)); !s.isOk()) {
      std::fprintf(stderr, "flush: %s\n", s.toString().c_str());
      return 1;
    }
    (void)(*producer)->close(std::chrono::seconds(10));
  }
  std::printf("loaded %zu records (%s) in %.1f s\n", n, unkeyed ? "no key" : "keyed by card",
              seconds(t));

  // The SQL engine, pumped on this thread.
  double sqlSeconds = 0;
  double sqlCpu = 0;
  std::size_t sinkRows = 0;
  sql::QueryStats stats;
  {
    sql::EngineOptions options;
    options.startThreads = false;
    options.stateDir = (dir / "state").string();
    options.pollTimeoutMs = 10;
    sql::QueryManager engine(cluster, *Clock::system(), options);
    if (!engine.start().isOk()) return 1;
    const std::string ddl =
        std::string("CREATE STREAM authorization_attempts (card_number STRING") +
        (unkeyed ? "" : " KEY") +
        ", amount DOUBLE, merchant STRING, country STRING, status STRING, attempt_id BIGINT) "
        "WITH (KAFKA_TOPIC='authorization_attempts', VALUE_FORMAT='JSON');\n"
        "SET 'auto.offset.reset' = 'earliest';";
    for (const auto& r : engine.runScript(ddl))
      if (!r.ok()) {
        std::fprintf(stderr, "%s\n", r.status.toString().c_str());
        return 1;
      }
    t = SteadyClock::now();
    sqlCpu = cpuNow();
    auto results = engine.runScript(
        "CREATE STREAM possible_fraud AS\n"
        "SELECT card_number, count(*)\n"
        "FROM authorization_attempts\n"
        "WINDOW TUMBLING (SIZE 5 MINUTE)\n"
        "GROUP BY card_number\n"
        "HAVING count(*) > 3;");
    if (!results.at(0).ok()) {
      std::fprintf(stderr, "%s\n", results[0].status.toString().c_str());
      return 1;
    }
    const double startSeconds = seconds(t);
    int pumps = 0;
    // pumpUntilIdle stops at the first empty poll; the log may answer a zero-wait fetch empty.
    while (engine.queries().at(0).stats.recordsIn < static_cast<std::int64_t>(n) &&
           engine.queries().at(0).state == sql::QueryState::kRunning)
      engine.pumpUntilIdle(1'000'000'000), ++pumps;
    const double pumpSeconds = seconds(t);
    (void)engine.checkpointAll();
    sqlSeconds = seconds(t);
    sqlCpu = cpuNow() - sqlCpu;
    std::printf(
        "SQL engine: statement %.2f s, pumped until %.2f s (%d pumps), final checkpoint "
        "until %.2f s\n",
        startSeconds, pumpSeconds, pumps, sqlSeconds);
    stats = engine.queries().at(0).stats;
    engine.stop();
    sinkRows = topicSize(cluster, "POSSIBLE_FRAUD");
  }

  if (sqlOnly) {
    std::printf("SQL engine   : %.2f CPU-s (%.2f s wall)  %.0f events/s  (sink rows %zu)\n", sqlCpu,
                sqlSeconds, static_cast<double>(n) / sqlCpu, sinkRows);
    opened->reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return 0;
  }

  t = SteadyClock::now();
  double handCpu = cpuNow();
  auto hand = handLoop(cluster, n);
  const double handSeconds = seconds(t);
  handCpu = cpuNow() - handCpu;
  if (!hand) {
    std::fprintf(stderr, "hand loop: %s\n", hand.status().toString().c_str());
    return 1;
  }

  double readCpu = cpuNow();
  auto read = readOnly(cluster, n);
  readCpu = cpuNow() - readCpu;
  if (!read) {
    std::fprintf(stderr, "read: %s\n", read.status().toString().c_str());
    return 1;
  }

  SqliteResult lite;
  if (!sqliteRun(n, lite)) return 1;

  const double sqlRate = static_cast<double>(n) / sqlCpu;
  const double handRate = static_cast<double>(n) / handCpu;
  std::printf("events/s per CPU-second (wall seconds beside):\n");
  std::printf(
      "SQL engine   : %.2f CPU-s (%.2f s wall)  %.0f events/s  (read %lld, skipped %lld, "
      "sink rows %zu)\n",
      sqlCpu, sqlSeconds, sqlRate, static_cast<long long>(stats.recordsIn),
      static_cast<long long>(stats.skipped), sinkRows);
  std::printf(
      "hand loop    : %.2f CPU-s (%.2f s wall)  %.0f events/s  (fraud updates %zu, groups "
      "%zu)\n",
      handCpu, handSeconds, handRate, hand->fraudUpdates, hand->fraudGroups);
  std::printf("log read only: %.2f CPU-s  %.0f events/s  (%zu value bytes)\n", readCpu,
              static_cast<double>(n) / readCpu, *read);
  std::printf("SQLite JSON  : %.2f CPU-s  %.0f events/s  (groups %zu)\n", lite.jsonSeconds,
              static_cast<double>(n) / lite.jsonSeconds, lite.groupsJson);
  std::printf("SQLite column: %.2f CPU-s  %.0f events/s  (groups %zu)\n", lite.columnSeconds,
              static_cast<double>(n) / lite.columnSeconds, lite.groupsColumn);
  std::printf("SQL / hand loop     : %.2f  (target >= 0.50)\n", sqlRate / handRate);
  std::printf("SQL / SQLite JSON   : %.2fx (target >= 5x)\n", lite.jsonSeconds / sqlCpu);
  std::printf("SQL / SQLite column : %.2fx\n", lite.columnSeconds / sqlCpu);
  const bool agree = sinkRows == hand->fraudUpdates && hand->fraudGroups == lite.groupsJson &&
                     lite.groupsJson == lite.groupsColumn;
  std::printf("results agree: %s\n", agree ? "yes" : "NO");
  opened->reset();  // the cluster closes its logs before their directory goes
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return agree ? 0 : 2;
}
