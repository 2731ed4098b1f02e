// The SQL behaviour tests: every tests/sql/*.test script runs against a fresh engine on the
// in-memory cluster, driven synchronously (no query threads), so results are deterministic.
// The script format is described in tests/sql/README.md.
#include <QtTest>

#include <fstream>
#include <memory>
#include <sstream>

#include "engine/sql/execution/operators/source_operator.h"
#include "engine/sql/query_manager.h"
#include "tests/support/collecting_result_sink.h"
#include "tests/support/in_memory_cluster.h"

using namespace runnel;
using namespace runnel::sql;

namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r'))
    s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && s[i] == ' ')
    ++i;
  return s.substr(i);
}

// One script run: an engine over an in-memory cluster, restartable over the same cluster and
// state directory.
class ScriptRun {
 public:
  ScriptRun(std::string path, std::string stateDir)
      : path_(std::move(path)), stateDir_(std::move(stateDir)) {
    cluster_ = std::make_unique<testing::InMemoryCluster>(&clock_, 1);
  }

  // Empty on success; otherwise what went wrong, with the script line.
  std::string run() {
    std::ifstream in(path_);
    if (!in) return "cannot read " + path_;
    std::string line;
    while (std::getline(in, line))
      lines_.push_back(line);
    if (auto e = startEngine(); !e.empty()) return e;
    while (pos_ < lines_.size()) {
      const std::string header = trim(lines_[pos_]);
      const std::size_t at = pos_ + 1;
      ++pos_;
      if (header.empty() || header[0] == '#') continue;
      std::string error;
      if (header == "statement ok")
        error = statementOk();
      else if (header.rfind("statement error", 0) == 0)
        error = statementError(trim(header.substr(15)));
      else if (header.rfind("input ", 0) == 0)
        error = input(trim(header.substr(6)));
      else if (header.rfind("output ", 0) == 0)
        error = output(trim(header.substr(7)));
      else if (header == "query")
        error = query();
      else if (header == "pump")
        engine_->pumpUntilIdle();
      else if (header == "restart")
        error = restart();
      else if (header.rfind("advance ", 0) == 0)
        clock_.advanceMs(std::stoll(header.substr(8)));
      else
        error = "unknown directive '" + header + "'";
      if (!error.empty()) return path_ + ":" + std::to_string(at) + ": " + error;
    }
    engine_.reset();
    return {};
  }

 private:
  std::string startEngine() {
    EngineOptions options;
    options.stateDir = stateDir_;
    options.startThreads = false;
    engine_ = std::make_unique<QueryManager>(*cluster_, clock_, options);
    std::vector<std::string> notices;
    Status s = engine_->start(&notices);
    if (!s.isOk()) return "engine start failed: " + s.toString();
    for (const auto& n : notices)
      qWarning("%s", n.c_str());
    return {};
  }

  std::string restart() {
    engine_.reset();
    return startEngine();
  }

  // Lines up to the next blank line (or the end).
  std::vector<std::string> block() {
    std::vector<std::string> out;
    while (pos_ < lines_.size() && !trim(lines_[pos_]).empty())
      out.push_back(lines_[pos_++]);
    return out;
  }
  static std::string joinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines)
      out += l + "\n";
    return out;
  }

  std::string statementOk() {
    const std::string sql = joinLines(block());
    testing::CollectingResultSink sink;
    for (const auto& r : engine_->runScript(sql, &sink)) {
      if (!r.ok()) return "statement failed:\n" + sql + r.status.message();
      if (r.queryId && r.queryId->rfind("transient_", 0) == 0) (void)engine_->terminate(*r.queryId);
    }
    engine_->pumpUntilIdle();
    return {};
  }

  std::string statementError(const std::string& expected) {
    const std::string sql = joinLines(block());
    testing::CollectingResultSink sink;
    for (const auto& r : engine_->runScript(sql, &sink)) {
      if (r.queryId && r.queryId->rfind("transient_", 0) == 0) (void)engine_->terminate(*r.queryId);
      if (r.ok()) continue;
      if (r.status.message().find(expected) == std::string::npos)
        return "error does not mention '" + expected + "':\n" + r.status.message();
      return {};
    }
    return "statement succeeded but should have failed:\n" + sql;
  }

  std::string input(const std::string& topic) {
    for (const auto& raw : block()) {
      std::string line = trim(raw);
      std::optional<Bytes> key;
      std::int32_t partition = 0;
      std::int64_t ts = clock_.nowMs();
      for (;;) {
        auto take = [&](const char* prefix) -> std::optional<std::string> {
          if (line.rfind(prefix, 0) != 0) return std::nullopt;
          const std::size_t space = line.find(' ');
          std::string v = line.substr(std::strlen(prefix), space == std::string::npos
                                                               ? std::string::npos
                                                               : space - std::strlen(prefix));
          line = space == std::string::npos ? "" : trim(line.substr(space + 1));
          return v;
        };
        if (auto p = take("p="))
          partition = std::stoi(*p);
        else if (auto k = take("key="))
          key = *k == "null" ? std::nullopt : std::optional<Bytes>(toBytes(*k));
        else if (auto t = take("ts="))
          ts = std::stoll(*t);
        else
          break;
      }
      std::optional<Bytes> value;
      if (line != "null") value = toBytes(line);
      auto r = cluster_->append(topic, partition, key, value, ts);
      if (!r) return "cannot append to " + topic + ": " + r.status().toString();
    }
    engine_->pumpUntilIdle();
    return {};
  }

  std::string renderRecord(const client::ConsumerRecord& r, bool withTs) {
    std::string key = r.key ? std::string(asChars(*r.key)) : "null";
    std::string window;
    for (const auto& s : engine_->catalog().list()) {
      if (s.topic != r.topicPartition.topic) continue;
      auto row = SourceOperator::decode(s, r);
      if (!row) break;
      key.clear();
      for (int i : s.schema.keyIndexes())
        key += (key.empty() ? "" : ",") + row->values[static_cast<std::size_t>(i)].toString();
      if (s.keyColumns().empty()) key = "null";
      if (row->window)
        window = " window=" + std::to_string(row->window->start) + "," +
                 std::to_string(row->window->end);
      break;
    }
    std::string out = "key=" + key + window;
    if (withTs) out += " ts=" + std::to_string(r.timestampMs);
    return out + " value=" + (r.value ? std::string(asChars(*r.value)) : "null");
  }

  std::string output(const std::string& topic) {
    engine_->pumpUntilIdle();
    std::vector<std::string> expected;
    for (const auto& l : block())
      expected.push_back(trim(l));
    const auto records = cluster_->records(topic);
    std::vector<std::string> actual;
    for (std::size_t i = 0; i < records.size(); ++i) {
      const bool withTs = i < expected.size() && expected[i].find(" ts=") != std::string::npos;
      actual.push_back(renderRecord(records[i], withTs));
    }
    if (actual != expected)
      return "topic " + topic + " holds:\n" + joinLines(actual) + "expected:\n" +
             joinLines(expected);
    return {};
  }

  std::string query() {
    std::vector<std::string> sqlLines, expected;
    bool inResult = false;
    for (const auto& l : block()) {
      if (trim(l) == "----")
        inResult = true;
      else
        (inResult ? expected : sqlLines).push_back(trim(l));
    }
    testing::CollectingResultSink sink;
    const std::string sql = joinLines(sqlLines);
    auto results = engine_->runScript(sql, &sink);
    for (const auto& r : results)
      if (!r.ok()) return "query failed:\n" + sql + r.status.message();
    engine_->pumpUntilIdle();
    const auto actual = sink.lines();
    for (const auto& r : results)
      if (r.queryId) (void)engine_->terminate(*r.queryId);
    if (actual != expected)
      return "query returned:\n" + joinLines(actual) + "expected:\n" + joinLines(expected);
    return {};
  }

  std::string path_;
  std::string stateDir_;
  ManualClock clock_{1'700'000'000'000};
  std::unique_ptr<testing::InMemoryCluster> cluster_;
  std::unique_ptr<QueryManager> engine_;
  std::vector<std::string> lines_;
  std::size_t pos_ = 0;
};

}  // namespace

class SqlScriptTest : public QObject {
  Q_OBJECT

 private slots:
  void scripts_data() {
    QTest::addColumn<QString>("path");
    const QString root =
        qEnvironmentVariable("RUNNEL_SOURCE_DIR", QStringLiteral(RUNNEL_SOURCE_DIR_FALLBACK));
    QDir dir(root + "/tests/sql");
    const auto files = dir.entryList({"*.test"}, QDir::Files, QDir::Name);
    QVERIFY2(!files.isEmpty(), "no .test scripts found");
    for (const auto& f : files)
      QTest::newRow(f.toUtf8().constData()) << dir.filePath(f);
  }
  void scripts() {
    QFETCH(QString, path);
    QTemporaryDir state;
    QVERIFY(state.isValid());
    ScriptRun run(path.toStdString(), state.path().toStdString());
    const std::string error = run.run();
    QVERIFY2(error.empty(), error.c_str());
  }
};

QTEST_APPLESS_MAIN(SqlScriptTest)
#include "sql_script_test.moc"
