// One writer, many readers: readers run lock-free against the real file system while the writer
// appends, rolls segments, enforces retention and truncates; every batch a reader gets must be
// whole (CRC valid) and offsets must follow on from where it asked.
#include <QtTest>

#include <atomic>
#include <random>
#include <thread>

#include "log_test_util.h"

using namespace runnel;
using namespace runnel::testing;

namespace {
constexpr std::int64_t kT0 = 1'700'000'000'000;

struct ReaderStats {
  std::int64_t records = 0;
  std::int64_t reads = 0;
  std::string error;  // first problem seen
};

// Reads from the start to `finalEnd`, checking continuity; restarts at the log start when
// retention or truncation moved the ground under it.
void readUntil(const PartitionLog& log, const std::atomic<std::int64_t>& finalEnd, unsigned seed,
               ReaderStats& stats) {
  std::mt19937 rng(seed);
  std::int64_t next = 0;
  for (;;) {
    const std::int64_t target = finalEnd.load();
    if (target >= 0 && next >= target) return;
    auto r = log.read(next, 200 + rng() % 20'000);
    ++stats.reads;
    if (!r.isOk()) {
      if (!r.status().isOutOfRange()) {
        stats.error = r.status().toString();
        return;
      }
      next = std::max(log.logStartOffset(), std::min(next, log.logEndOffset()));
      continue;
    }
    if (r->records.empty()) {
      std::this_thread::yield();
      continue;
    }
    auto batches = record::splitBatches(r->records);
    if (!batches.isOk()) {
      stats.error = "unsplittable read: " + batches.status().toString();
      return;
    }
    std::int64_t expect = r->firstOffset;
    if (expect > next) {
      stats.error = "read from " + std::to_string(next) + " started at " + std::to_string(expect);
      return;
    }
    for (const auto& b : *batches) {
      if (!b.validate().isOk() || b.baseOffset() != expect) {
        stats.error = "bad batch at " + std::to_string(b.baseOffset()) + " (expected " +
                      std::to_string(expect) + "): " + b.validate().toString();
        return;
      }
      stats.records += b.recordCount();
      expect = b.nextOffset();
    }
    if (expect != r->nextOffset) {
      stats.error = "nextOffset " + std::to_string(r->nextOffset) + " does not follow the batches";
      return;
    }
    next = expect;
  }
}

}  // namespace

class LogConcurrencyTest : public QObject {
  Q_OBJECT
 private slots:
  void readersNeverSeePartialBatches_data() {
    QTest::addColumn<bool>("withTruncation");
    QTest::newRow("appends, rolls, retention") << false;
    QTest::newRow("with truncation") << true;
  }
  void readersNeverSeePartialBatches() {
    QFETCH(bool, withTruncation);
    QTemporaryDir tmp;
    ManualClock clock(kT0);
    LogConfig config;
    config.segmentBytes = std::int64_t{96} * 1024;
    config.indexIntervalBytes = 512;
    config.retentionBytes = std::int64_t{384} * 1024;
    auto opened =
        PartitionLog::open({Env::defaultEnv(), &clock, tmp.filePath("p-0").toStdString(), config});
    QVERIFY2(opened.isOk(), opened.status().toString().c_str());
    auto log = std::move(opened).value();

    std::atomic<std::int64_t> finalEnd{-1};
    constexpr int kReaders = 3;
    std::vector<ReaderStats> stats(kReaders);
    std::vector<std::thread> readers;
    readers.reserve(kReaders);
    for (int i = 0; i < kReaders; ++i) {
      readers.emplace_back(
          [&, i] { readUntil(*log, finalEnd, static_cast<unsigned>(i + 1), stats[i]); });
    }

    std::mt19937 rng(99);
    Status writerError;
    for (int i = 0; i < 1500 && writerError.isOk(); ++i) {
      Bytes batch = makeBatch(1 + static_cast<int>(rng() % 10), kT0 + i, "key-",
                              record::CompressionCodec::kNone, static_cast<int>(rng() % 200));
      auto info = log->appendAsLeader(batch, i / 500);
      if (!info.isOk()) writerError = info.status();
      if (i % 200 == 199) {
        auto retention = log->enforceRetention();
        if (!retention.isOk()) writerError = retention.status();
      }
      if (withTruncation && i % 150 == 149) {
        writerError =
            log->truncateTo(log->logEndOffset() - 1 - static_cast<std::int64_t>(rng() % 30));
      }
    }
    QVERIFY2(writerError.isOk(), writerError.toString().c_str());
    finalEnd = log->logEndOffset();
    for (auto& t : readers)
      t.join();
    for (const auto& s : stats) {
      QVERIFY2(s.error.empty(), s.error.c_str());
      QVERIFY(s.records > 0);
    }
    QVERIFY(log->segmentCount() > 1);
    QVERIFY(log->logStartOffset() > 0);  // retention ran
    // After all that, the log still reads back completely and consistently.
    const auto all = readAll(*log, 1 << 16);
    QCOMPARE(all.front().offset, log->logStartOffset());
    QCOMPARE(all.back().offset, log->logEndOffset() - 1);
    for (std::size_t i = 1; i < all.size(); ++i)
      QCOMPARE(all[i].offset, all[i - 1].offset + 1);
  }
};

QTEST_APPLESS_MAIN(LogConcurrencyTest)
#include "log_concurrency_test.moc"
