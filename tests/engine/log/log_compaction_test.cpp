// Log compaction (cleanup.policy=compact): latest value per key, tombstones and their delete
// horizon, the active segment and min.compaction.lag.ms left alone, swaps that survive a crash.
#include <QtTest>

#include <map>
#include <random>

#include "engine/log/log_format.h"
#include "log_test_util.h"

using namespace runnel;
using namespace runnel::testing;

namespace {
constexpr std::int64_t kT0 = 1'700'000'000'000;

// Several records with explicit keys/values in one batch.
Bytes makeMixed(const std::vector<std::pair<std::string, std::optional<std::string>>>& kvs,
                std::int64_t ts, record::CompressionCodec codec = record::CompressionCodec::kNone) {
  record::RecordBatchBuilder b({.compression = codec});
  for (const auto& [k, v] : kvs)
    b.append(ts, asBytes(k), v ? std::optional(asBytes(*v)) : std::nullopt);
  return *b.build();
}

std::map<std::string, std::pair<std::int64_t, std::string>> latestByKey(
    const std::vector<DecodedRecord>& records) {
  std::map<std::string, std::pair<std::int64_t, std::string>> out;
  for (const auto& r : records)
    out[r.key] = {r.offset, r.value};
  return out;
}
}  // namespace

class LogCompactionTest : public QObject {
  Q_OBJECT
 private slots:
  void keepsTheLatestRecordPerKey() {
    LogFixture f;
    f.config.cleanupCompact = true;
    f.config.cleanupDelete = false;
    f.config.segmentBytes = 600;
    auto log = f.openOrFail();
    std::mt19937 rng(5);
    for (int round = 0; round < 40; ++round) {
      std::vector<std::pair<std::string, std::optional<std::string>>> kvs;
      const int n = 1 + static_cast<int>(rng() % 4);
      kvs.reserve(static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i)
        kvs.emplace_back("k" + std::to_string(rng() % 8), "v" + std::to_string(round * 10 + i));
      appendOrFail(*log,
                   makeMixed(kvs, kT0 + round, static_cast<record::CompressionCodec>(round % 5)));
    }
    QVERIFY(log->roll().isOk());
    appendOrFail(*log, makeMixed({{"k1", "active-1"}, {"k1", "active-2"}}, kT0 + 100));
    const auto before = readAll(*log);
    const auto expected = latestByKey(before);
    const std::uint64_t sizeBefore = log->sizeInBytes();

    auto result = log->compact();
    QVERIFY2(result.isOk(), result.status().toString().c_str());
    QVERIFY(result->segmentsCleaned >= 3);
    QVERIFY(result->recordsRemoved > 0);
    QVERIFY(result->bytesAfter < result->bytesBefore);
    QVERIFY(log->sizeInBytes() < sizeBefore);

    const auto after = readAll(*log);
    // One record per key in the cleaned part, at its original offset; the active segment as is.
    std::map<std::string, int> seen;
    for (const auto& r : after) {
      if (r.value.starts_with("active")) continue;
      ++seen[r.key];
      QCOMPARE(seen[r.key], 1);
    }
    QCOMPARE(after.back().value, std::string("active-2"));
    QCOMPARE(after[after.size() - 2].value, std::string("active-1"));
    QCOMPARE(latestByKey(after), expected);
    for (std::size_t i = 1; i < after.size(); ++i)
      QVERIFY(after[i].offset > after[i - 1].offset);
    QCOMPARE(log->logEndOffset(), before.back().offset + 1);
    QCOMPARE(log->logStartOffset(), 0);

    // Every offset still resolves: reads from a removed offset land on the next survivor.
    auto r = log->read(1, 1 << 20);
    QVERIFY(r.isOk() && !r->records.empty());
    // Compacting again changes nothing more (and rewrites nothing).
    auto again = log->compact();
    QCOMPARE(again->recordsRemoved, 0);
    QCOMPARE(again->segmentsCleaned, 0);
    QCOMPARE(latestByKey(readAll(*log)), expected);

    // Reopen, uncleanly and cleanly: the same log.
    log.reset();
    auto reopened = f.openOrFail();
    QCOMPARE(latestByKey(readAll(*reopened)), expected);
    QVERIFY(reopened->close().isOk());
    reopened.reset();
    auto clean = f.openOrFail();
    QCOMPARE(readAll(*clean).size(), after.size());
    QCOMPARE(appendOrFail(*clean, makeMixed({{"k2", "new"}}, kT0)).firstOffset,
             before.back().offset + 1);
  }

  void tombstonesLiveUntilTheirDeleteHorizon() {
    LogFixture f;
    f.config.cleanupCompact = true;
    f.config.deleteRetentionMs = 10'000;
    auto log = f.openOrFail();
    appendOrFail(*log, makeMixed({{"a", "1"}, {"b", "1"}}, kT0));
    appendOrFail(*log, makeMixed({{"a", std::nullopt}}, kT0 + 1));
    QVERIFY(log->roll().isOk());
    appendOrFail(*log, makeMixed({{"c", "1"}}, kT0 + 2));

    // First clean: a=1 goes, the tombstone stays and gets a delete horizon of now + 10 s.
    auto first = log->compact();
    QCOMPARE(first->recordsRemoved, 1);
    QCOMPARE(first->tombstonesRemoved, 0);
    auto records = readAll(*log);
    QCOMPARE(records.size(), 3u);
    QCOMPARE(records[1].key, std::string("a"));
    QCOMPARE(records[1].value, std::string("<null>"));
    auto stored = log->read(records[1].offset, 1 << 20);
    auto view = record::RecordBatchView::parse(stored->records);
    QVERIFY(view->hasDeleteHorizon());
    QCOMPARE(view->baseTimestamp(), f.clock.nowMs() + 10'000);
    QCOMPARE(records[1].timestamp, kT0 + 1);  // record timestamps are unchanged

    f.clock.advanceMs(5'000);
    QCOMPARE(log->compact()->tombstonesRemoved, 0);
    f.clock.advanceMs(6'000);
    auto late = log->compact();
    QCOMPARE(late->tombstonesRemoved, 1);
    records = readAll(*log);
    QCOMPARE(records.size(), 2u);
    QCOMPARE(records[0].key, std::string("b"));
    QCOMPARE(records[1].key, std::string("c"));
  }

  void leavesActiveAndRecentSegmentsAlone() {
    LogFixture f;
    f.config.cleanupCompact = true;
    f.config.minCompactionLagMs = 60'000;
    auto log = f.openOrFail();
    f.clock.setMs(kT0);
    appendOrFail(*log, makeMixed({{"a", "1"}, {"a", "2"}}, kT0 - 120'000));  // old enough
    QVERIFY(log->roll().isOk());
    appendOrFail(*log, makeMixed({{"a", "3"}, {"a", "4"}}, kT0 - 1'000));  // too recent
    QVERIFY(log->roll().isOk());
    appendOrFail(*log, makeMixed({{"a", "5"}, {"a", "6"}}, kT0));  // active
    auto result = log->compact();
    QCOMPARE(result->segmentsCleaned, 1);
    QCOMPARE(result->recordsRemoved, 1);
    std::vector<std::string> values;
    for (const auto& r : readAll(*log))
      values.push_back(r.value);
    QCOMPARE(values, (std::vector<std::string>{"2", "3", "4", "5", "6"}));
    // Nothing at or beyond the high watermark is cleaned either.
    f.clock.advanceMs(120'000);
    auto bounded = log->compact(/*highWatermark=*/3);
    QCOMPARE(bounded->segmentsCleaned, 0);  // only the already clean first segment qualifies
    QCOMPARE(bounded->recordsRemoved, 0);
    QCOMPARE(log->compact()->recordsRemoved, 2);  // "2" and "3" are superseded by "4" now
    values.clear();
    for (const auto& r : readAll(*log))
      values.push_back(r.value);
    QCOMPARE(values, (std::vector<std::string>{"4", "5", "6"}));

    // cleanup.policy=delete: compaction does nothing.
    LogConfig c = log->config();
    c.cleanupCompact = false;
    QVERIFY(log->updateConfig(c).isOk());
    QCOMPARE(log->compact()->segmentsCleaned, 0);
  }

  void interruptedSwapIsFinishedOnOpen() {
    LogFixture f;
    f.config.cleanupCompact = true;
    std::uint64_t firstBatchSize = 0;
    {
      auto log = f.openOrFail();
      appendOrFail(*log, makeMixed({{"a", "1"}}, kT0));
      firstBatchSize = log->sizeInBytes();
      appendOrFail(*log, makeMixed({{"a", "2"}}, kT0));
      QVERIFY(log->roll().isOk());
      appendOrFail(*log, makeMixed({{"b", "1"}}, kT0));
      QVERIFY(log->close().isOk());
    }
    const std::string seg0 = joinPath(f.dir, logfmt::logFileName(0));
    // A committed swap: the cleaned segment (here: only the first batch) as .log.swap, its
    // index swap missing (so the old index must not be trusted). Plus debris of an
    // uncommitted one, which must be thrown away.
    Bytes original = *readFileFully(f.memory, seg0);
    Bytes cleaned(original.begin(), original.begin() + static_cast<std::ptrdiff_t>(firstBatchSize));
    QVERIFY(writeFileAtomically(f.memory, seg0 + ".swap", cleaned).isOk());
    const std::string seg2index = joinPath(f.dir, logfmt::offsetIndexFileName(2));
    QVERIFY(writeFileAtomically(f.memory, seg2index + ".swap", asBytes("junk")).isOk());
    QVERIFY(writeFileAtomically(f.memory, joinPath(f.dir, logfmt::logFileName(2)) + ".cleaned",
                                asBytes("junk"))
                .isOk());

    auto log = f.openOrFail();
    std::vector<std::string> values;
    for (const auto& r : readAll(*log))
      values.push_back(r.key + "=" + r.value);
    QCOMPARE(values, (std::vector<std::string>{"a=1", "b=1"}));
    const auto names = *f.memory.listDir(f.dir);
    for (const auto& name : names) {
      QVERIFY2(!name.ends_with(".swap") && !name.ends_with(".cleaned"), name.c_str());
    }
  }
};

QTEST_APPLESS_MAIN(LogCompactionTest)
#include "log_compaction_test.moc"
