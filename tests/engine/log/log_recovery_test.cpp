// Crash recovery and failure handling: lost unsynced data, torn and corrupted tails (seeded
// random damage), damage below the recovery point, lost indexes, a full disk, an unwritable
// directory; what a restart after a clean or an unclean stop scans and rebuilds.
#include <QtTest>

#include <algorithm>
#include <map>
#include <random>

#include <spdlog/sinks/ringbuffer_sink.h>

#include "engine/common/fault_injection_env.h"
#include "engine/common/logging.h"
#include "engine/log/log_format.h"
#include "log_test_util.h"

using namespace runnel;
using namespace runnel::testing;

namespace {
constexpr std::int64_t kT0 = 1'700'000'000'000;

std::vector<std::int64_t> segmentBases(LogFixture& f) {
  std::vector<std::int64_t> out;
  const auto names = *f.memory.listDir(f.dir);  // a named copy: the Result is a temporary
  for (const auto& name : names) {
    if (auto base = logfmt::parseBaseOffset(name, logfmt::kLogSuffix)) out.push_back(*base);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Every index file of the log with its contents.
std::map<std::string, Bytes> indexFiles(LogFixture& f) {
  std::map<std::string, Bytes> out;
  const auto names = *f.memory.listDir(f.dir);
  for (const auto& name : names) {
    const std::string_view n = name;
    if (n.ends_with(logfmt::kOffsetIndexSuffix) || n.ends_with(logfmt::kTimeIndexSuffix))
      out[name] = *readFileFully(f.memory, joinPath(f.dir, name));
  }
  return out;
}

Status rewriteFile(Env& env, const std::string& path, const std::function<void(Bytes&)>& change) {
  RUNNEL_ASSIGN_OR_RETURN(Bytes bytes, readFileFully(env, path));
  change(bytes);
  RUNNEL_ASSIGN_OR_RETURN(auto file, env.newWritableFile(path));
  RUNNEL_RETURN_IF_ERROR(file->append(bytes));
  return file->close();
}
}  // namespace

class LogRecoveryTest : public QObject {
  Q_OBJECT
 private slots:
  void crashLosesOnlyUnsyncedData() {
    MemoryEnv base;
    base.createDir("/data");
    FaultInjectionEnv faulty(&base);
    LogFixture f;
    f.env = &faulty;
    {
      auto log = f.openOrFail();
      for (int i = 0; i < 4; ++i)
        appendOrFail(*log, makeBatch(5, kT0), 1);
      QVERIFY(log->flush().isOk());
      for (int i = 0; i < 4; ++i)
        appendOrFail(*log, makeBatch(5, kT0), 2);
      QCOMPARE(log->logEndOffset(), 40);
    }  // dropped without close(): nothing more is synced
    QVERIFY(faulty.simulateCrash().isOk());
    auto log = f.openOrFail();
    QCOMPARE(log->logEndOffset(), 20);
    QCOMPARE(offsetsOf(readAll(*log)), range(0, 20));
    // The epoch checkpoint was synced with epoch 2 at 20; nothing of epoch 2 survived.
    QCOMPARE(log->epochEntries(), (std::vector<EpochEntry>{{1, 0}}));
    QCOMPARE(appendOrFail(*log, makeBatch(5, kT0), 3).firstOffset, 20);
  }

  void tornTailIsTruncatedWithAWarning() {
    auto ring = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(16);
    addLogSink(ring);
    LogFixture f;
    {
      auto log = f.openOrFail();
      for (int i = 0; i < 3; ++i)
        appendOrFail(*log, makeBatch(5, kT0));
    }
    const std::string path = joinPath(f.dir, logfmt::logFileName(0));
    const std::uint64_t validSize = *f.memory.fileSize(path);
    // Half of a fourth batch made it to disk.
    const Bytes extra = makeBatch(5, kT0);
    QVERIFY(rewriteFile(f.memory, path, [&](Bytes& b) {
              b.insert(b.end(), extra.begin(), extra.begin() + 40);
            }).isOk());
    auto log = f.openOrFail();
    QCOMPARE(log->logEndOffset(), 15);
    QCOMPARE(*f.memory.fileSize(path), validSize);
    bool warned = false;
    for (const auto& line : ring->last_formatted()) {
      if (line.find("dropping 40 bytes") != std::string::npos &&
          line.find(path) != std::string::npos)
        warned = true;
    }
    QVERIFY2(warned, "expected a warning naming the file and the 40 dropped bytes");
    QVERIFY(!log->recoveryReport().cleanShutdown);
    QCOMPARE(log->recoveryReport().segmentsRecovered, 1);
    QCOMPARE(log->recoveryReport().bytesTruncated, 40u);
  }

  // The active segment is smaller than index.interval.bytes, so only the clean shutdown gives it
  // an index entry: without one every restart rebuilt its indexes.
  void cleanShutdownReopensWithoutRebuildingIndexes() {
    LogFixture f;
    f.config.segmentBytes = 800;
    {
      auto log = f.openOrFail();
      for (std::int64_t i = 0; i < 12; ++i)
        appendOrFail(*log, makeBatch(5, kT0 + i * 10));
      QVERIFY(log->segmentCount() >= 3);
      QVERIFY(log->close().isOk());
    }
    const auto indexesBefore = indexFiles(f);
    QCOMPARE(indexesBefore.size(), 2 * segmentBases(f).size());
    for (int round = 0; round < 3; ++round) {
      auto log = f.openOrFail();
      const LogRecoveryReport& report = log->recoveryReport();
      QVERIFY(report.cleanShutdown);
      QCOMPARE(report.segments, static_cast<int>(log->segmentCount()));
      QCOMPARE(report.segmentsRecovered, 0);
      QCOMPARE(report.indexesRebuilt, 0);
      QVERIFY(!f.memory.fileExists(joinPath(f.dir, logfmt::kCleanShutdownFile)));
      if (round == 0) QVERIFY(indexFiles(f) == indexesBefore);  // trusted as they were
      QCOMPARE(offsetsOf(readAll(*log)), range(0, 60 + 5 * round));
      QCOMPARE((*log->offsetForTimestamp(kT0 + 31))->offset, 16);
      appendOrFail(*log, makeBatch(5, kT0 + 200));
      QVERIFY(log->close().isOk());
    }
  }

  // An unclean stop scans what the recovery point does not vouch for, and only that; what the
  // scan rebuilt is trusted after the next clean shutdown.
  void uncleanStopRecoversFromTheRecoveryPoint() {
    MemoryEnv base;
    base.createDir("/data");
    FaultInjectionEnv faulty(&base);
    LogFixture f;
    f.env = &faulty;
    f.config.segmentBytes = 800;
    std::int64_t acknowledged = 0;
    {
      auto log = f.openOrFail();
      for (std::int64_t i = 0; i < 12; ++i)
        appendOrFail(*log, makeBatch(5, kT0 + i * 10));
      QVERIFY(log->flush().isOk());
      acknowledged = log->logEndOffset();
      for (int i = 0; i < 3; ++i)
        appendOrFail(*log, makeBatch(5, kT0 + 200));
    }  // killed: no close()
    QVERIFY(faulty.simulateCrash().isOk());
    {
      auto log = f.openOrFail();
      const LogRecoveryReport& report = log->recoveryReport();
      QVERIFY(!report.cleanShutdown);
      QVERIFY(report.segments >= 3);
      QVERIFY2(report.segmentsRecovered >= 1 && report.segmentsRecovered < report.segments,
               qPrintable(QString("%1 of %2 segments scanned")
                              .arg(report.segmentsRecovered)
                              .arg(report.segments)));
      QCOMPARE(report.indexesRebuilt, 0);
      QVERIFY(log->logEndOffset() >= acknowledged);
      QCOMPARE(offsetsOf(readAll(*log)), range(0, log->logEndOffset()));
      QCOMPARE((*log->offsetForTimestamp(kT0 + 31))->offset, 16);
      QVERIFY(log->close().isOk());
    }
    auto log = f.openOrFail();
    QVERIFY(log->recoveryReport().cleanShutdown);
    QCOMPARE(log->recoveryReport().segmentsRecovered, 0);
    QCOMPARE(log->recoveryReport().indexesRebuilt, 0);
  }

  void damagedIndexAfterCleanShutdownIsRebuilt_data() {
    QTest::addColumn<int>("kind");
    QTest::newRow("sealed offset index out of order") << 0;
    QTest::newRow("time index cut mid-entry") << 1;
    QTest::newRow("active segment's offset index lost") << 2;
    QTest::newRow("offset index entry pointing inside a batch") << 3;
    QTest::newRow("offset index emptied") << 4;
  }
  void damagedIndexAfterCleanShutdownIsRebuilt() {
    QFETCH(int, kind);
    LogFixture f;
    f.config.segmentBytes = 800;
    f.config.indexIntervalBytes = 200;
    {
      auto log = f.openOrFail();
      for (std::int64_t i = 0; i < 12; ++i)
        appendOrFail(*log, makeBatch(5, kT0 + i * 10));
      QVERIFY(log->close().isOk());
    }
    const auto bases = segmentBases(f);
    QVERIFY(bases.size() >= 3);
    const std::string first = joinPath(f.dir, logfmt::offsetIndexFileName(bases[0]));
    const std::string middle = joinPath(f.dir, logfmt::offsetIndexFileName(bases[1]));
    const std::string middleTime = joinPath(f.dir, logfmt::timeIndexFileName(bases[1]));
    const std::string last = joinPath(f.dir, logfmt::offsetIndexFileName(bases.back()));
    QVERIFY(*f.memory.fileSize(first) >= 2 * logfmt::kOffsetIndexEntrySize);
    switch (kind) {
      case 0:
        QVERIFY(rewriteFile(f.memory, first, [](Bytes& b) {
                  std::swap_ranges(b.begin(), b.begin() + logfmt::kOffsetIndexEntrySize,
                                   b.begin() + logfmt::kOffsetIndexEntrySize);
                }).isOk());
        break;
      case 1:
        QVERIFY(f.memory.truncateFile(middleTime, 5).isOk());
        break;
      case 2:
        QVERIFY(f.memory.deleteFile(last).isOk());
        break;
      case 3:
        // Still in order and inside the file, so only checking the tail against it tells.
        QVERIFY(rewriteFile(f.memory, middle, [](Bytes& b) { b[b.size() - 1] += 1; }).isOk());
        break;
      case 4:
        QVERIFY(f.memory.truncateFile(first, 0).isOk());
        break;
    }
    {
      auto log = f.open();
      QVERIFY2(log.isOk(), log.status().toString().c_str());
      const LogRecoveryReport& report = (*log)->recoveryReport();
      QVERIFY(report.cleanShutdown);
      QCOMPARE(report.indexesRebuilt, 1);
      QCOMPARE(report.segmentsRecovered, 0);
      QCOMPARE(offsetsOf(readAll(**log)), range(0, 60));
      QCOMPARE((*(*log)->offsetForTimestamp(kT0 + 31))->offset, 16);
      QCOMPARE((*(*log)->offsetForTimestamp(kT0 + 111))->offset, 56);
      QCOMPARE(appendOrFail(**log, makeBatch(5, kT0 + 200)).firstOffset, 60);
      QVERIFY((*log)->close().isOk());
    }
    // The rebuilt index was written back: trusted from now on.
    auto log = f.openOrFail();
    QCOMPARE(log->recoveryReport().indexesRebuilt, 0);
    QCOMPARE(offsetsOf(readAll(*log)), range(0, 65));
  }

  // The seeded random test: damage the last segment at a random point and check that open
  // keeps exactly the batches before the damage.
  void randomDamageRecoversTheValidPrefix() {
    const unsigned firstSeed =
        qEnvironmentVariableIsSet("RUNNEL_SEED") ? qEnvironmentVariableIntValue("RUNNEL_SEED") : 1;
    for (unsigned seed = firstSeed; seed < firstSeed + 60; ++seed) {
      std::mt19937 rng(seed);
      LogFixture f;
      f.config.segmentBytes = 1500 + static_cast<std::int64_t>(rng() % 2000);
      f.config.indexIntervalBytes = static_cast<std::int64_t>(rng() % 600);
      {
        auto log = f.openOrFail();
        const int batches = 10 + static_cast<int>(rng() % 30);
        for (int i = 0; i < batches; ++i) {
          const auto codec = static_cast<record::CompressionCodec>(rng() % 5);
          appendOrFail(*log, makeBatch(1 + static_cast<int>(rng() % 8), kT0 + i, "k", codec),
                       i / 7);
          if (rng() % 10 == 0) QVERIFY(log->flush().isOk());
        }
      }  // no clean close
      // The last segment and its batches.
      auto names = *f.memory.listDir(f.dir);
      std::int64_t lastBase = -1;
      for (const auto& n : names) {
        if (auto b = logfmt::parseBaseOffset(n, logfmt::kLogSuffix))
          lastBase = std::max(lastBase, *b);
      }
      const std::string path = joinPath(f.dir, logfmt::logFileName(lastBase));
      const Bytes original = *readFileFully(f.memory, path);
      const auto batches = *record::splitBatches(original);
      if (batches.empty()) continue;
      std::vector<std::uint64_t> ends;
      ends.reserve(batches.size());
      std::uint64_t pos = 0;
      for (const auto& b : batches)
        ends.push_back(pos += b.sizeInBytes());

      // Damage: cut the file, or flip a byte the CRC (or the length/magic framing) covers.
      std::uint64_t damageAt = rng() % original.size();
      const bool cut = rng() % 2 == 0;
      std::size_t firstBad = 0;
      while (firstBad < ends.size() && ends[firstBad] <= damageAt)
        ++firstBad;
      if (!cut) {
        const std::uint64_t start = firstBad == 0 ? 0 : ends[firstBad - 1];
        const std::uint64_t within = damageAt - start;
        // baseOffset and partitionLeaderEpoch lie outside the CRC (as in Kafka): not checkable.
        if (within < 8 || (within >= 12 && within < 16))
          damageAt = start + 16 + rng() % (ends[firstBad] - start - 16);
      }
      if (cut) {
        QVERIFY(f.memory.truncateFile(path, damageAt).isOk());
      } else {
        const auto bit = static_cast<std::uint8_t>(1u << (rng() % 8));
        QVERIFY(rewriteFile(f.memory, path, [&](Bytes& b) { b[damageAt] ^= bit; }).isOk());
      }
      if (rng() % 3 == 0) {  // lose the index too, sometimes
        QVERIFY(
            f.memory
                .truncateFile(joinPath(f.dir, logfmt::offsetIndexFileName(lastBase)), rng() % 16)
                .isOk());
      }
      const std::int64_t expectedEnd =
          firstBad == 0 ? lastBase : batches[firstBad - 1].nextOffset();

      auto log = f.open();
      const QByteArray context = QByteArray("seed ") + QByteArray::number(seed) +
                                 (cut ? " cut at " : " flip at ") +
                                 QByteArray::number(qulonglong(damageAt));
      QVERIFY2(log.isOk(), (context + ": " + log.status().toString().c_str()).constData());
      QVERIFY2((*log)->logEndOffset() == expectedEnd,
               (context + ": log end " + QByteArray::number(qlonglong((*log)->logEndOffset())) +
                ", expected " + QByteArray::number(qlonglong(expectedEnd)))
                   .constData());
      const auto records = readAll(**log);
      QVERIFY2(offsetsOf(records) == range(0, expectedEnd), context.constData());
      QVERIFY2(*f.memory.fileSize(path) == (firstBad == 0 ? 0 : ends[firstBad - 1]),
               context.constData());
      // The log goes on from there, and reopens the same.
      QVERIFY2(appendOrFail(**log, makeBatch(2, kT0), 9).firstOffset == expectedEnd,
               context.constData());
      log->reset();
      auto again = f.open();
      QVERIFY2(again.isOk() && (*again)->logEndOffset() == expectedEnd + 2, context.constData());
    }
  }

  void damageBelowTheRecoveryPointIsAnError_data() {
    QTest::addColumn<int>("kind");
    QTest::newRow("first segment cut short") << 0;
    QTest::newRow("byte flipped in a sealed segment's last batch") << 1;
    QTest::newRow("scanned middle segment corrupt") << 2;
    QTest::newRow("torn tail after a clean shutdown") << 3;
  }
  void damageBelowTheRecoveryPointIsAnError() {
    QFETCH(int, kind);
    LogFixture f;
    f.config.segmentBytes = 800;
    {
      auto log = f.openOrFail();
      for (int i = 0; i < 12; ++i)
        appendOrFail(*log, makeBatch(5, kT0));
      QVERIFY(log->segmentCount() >= 3);
      if (kind == 3) QVERIFY(log->close().isOk());
    }
    const auto bases = [&] {
      std::vector<std::int64_t> out;
      const auto names = *f.memory.listDir(f.dir);
      for (const auto& n : names) {
        if (auto b = logfmt::parseBaseOffset(n, logfmt::kLogSuffix)) out.push_back(*b);
      }
      std::sort(out.begin(), out.end());
      return out;
    }();
    const std::string first = joinPath(f.dir, logfmt::logFileName(bases[0]));
    const std::string middle = joinPath(f.dir, logfmt::logFileName(bases[1]));
    const std::string last = joinPath(f.dir, logfmt::logFileName(bases.back()));
    switch (kind) {
      case 0:
        QVERIFY(f.memory.truncateFile(first, *f.memory.fileSize(first) - 3).isOk());
        break;
      case 1:
        QVERIFY(rewriteFile(f.memory, middle, [](Bytes& b) { b[b.size() - 2] ^= 0x40; }).isOk());
        break;
      case 2:
        // Without a recovery point every segment is scanned; a bad one that is not the last
        // cannot be cut without losing the ones after it.
        QVERIFY(f.memory.deleteFile(joinPath(f.dir, logfmt::kRecoveryPointFile)).isOk());
        QVERIFY(rewriteFile(f.memory, middle, [](Bytes& b) { b[100] ^= 0x01; }).isOk());
        break;
      case 3: {
        const Bytes extra = makeBatch(1, kT0);
        QVERIFY(rewriteFile(f.memory, last, [&](Bytes& b) {
                  b.insert(b.end(), extra.begin(), extra.begin() + 20);
                }).isOk());
        break;
      }
    }
    auto log = f.open();
    QVERIFY(!log.isOk());
    QVERIFY2(log.status().isCorruption(), log.status().toString().c_str());
    const std::string damaged = kind == 0 ? first : kind == 3 ? last : middle;
    QVERIFY2(log.status().message().find(damaged) != std::string::npos,
             log.status().toString().c_str());
  }

  void lostIndexesAreRebuilt() {
    LogFixture f;
    f.config.segmentBytes = 800;
    f.config.indexIntervalBytes = 50;
    {
      auto log = f.openOrFail();
      for (std::int64_t i = 0; i < 12; ++i)
        appendOrFail(*log, makeBatch(5, kT0 + i * 10));
    }
    const std::string index = joinPath(f.dir, logfmt::offsetIndexFileName(0));
    const std::string timeIndex = joinPath(f.dir, logfmt::timeIndexFileName(0));
    const auto indexSize = *f.memory.fileSize(index);
    QVERIFY(indexSize > 0);
    QVERIFY(f.memory.deleteFile(index).isOk());
    QVERIFY(f.memory.truncateFile(timeIndex, 5).isOk());  // not a whole entry
    auto log = f.open();
    QVERIFY2(log.isOk(), log.status().toString().c_str());
    QCOMPARE(offsetsOf(readAll(**log)), range(0, 60));
    QCOMPARE(*f.memory.fileSize(index), indexSize);  // rebuilt identically
    QCOMPARE(*f.memory.fileSize(timeIndex) % logfmt::kTimeIndexEntrySize, 0u);
    QCOMPARE((*(*log)->offsetForTimestamp(kT0 + 21))->offset, 11);
  }

  void fullDiskLeavesNoHalfBatch() {
    MemoryEnv base;
    base.createDir("/data");
    FaultInjectionEnv faulty(&base);
    LogFixture f;
    f.env = &faulty;
    auto log = f.openOrFail();
    for (int i = 0; i < 3; ++i)
      appendOrFail(*log, makeBatch(10, kT0));
    const std::string path = joinPath(f.dir, logfmt::logFileName(0));
    const auto sizeBefore = *base.fileSize(path);
    faulty.setSpaceLimit(100);  // the next batch only partly fits
    Bytes batch = makeBatch(10, kT0);
    auto info = log->appendAsLeader(batch, 0);
    QVERIFY(!info.isOk());
    QVERIFY2(info.status().isResourceExhausted(), info.status().toString().c_str());
    QVERIFY2(info.status().message().find("No space left on device") != std::string::npos,
             info.status().toString().c_str());
    QCOMPARE(log->logEndOffset(), 30);
    QCOMPARE(*base.fileSize(path), sizeBefore);  // the partial write was cut back
    QCOMPARE(offsetsOf(readAll(*log)), range(0, 30));
    faulty.setSpaceLimit(std::nullopt);
    QCOMPARE(appendOrFail(*log, makeBatch(10, kT0)).firstOffset, 30);
    log.reset();
    auto reopened = f.openOrFail();
    QCOMPARE(offsetsOf(readAll(*reopened)), range(0, 40));
  }

  void unwritableDirectoryFailsCleanly() {
    MemoryEnv base;
    base.createDir("/data");
    FaultInjectionEnv faulty(&base);
    LogFixture f;
    f.env = &faulty;
    f.config.segmentBytes = 1000;
    auto log = f.openOrFail();
    appendOrFail(*log, makeBatch(10, kT0), 1);
    faulty.setDirWritable(f.dir, false);
    // Appends that fit the open segment still work (it is already open)...
    std::int64_t end = log->logEndOffset();
    Status failure;
    for (int i = 0; i < 10 && failure.isOk(); ++i) {
      Bytes batch = makeBatch(10, kT0);
      auto info = log->appendAsLeader(batch, 1);
      if (info.isOk()) {
        end = info->lastOffset + 1;
      } else {
        failure = info.status();
      }
    }
    // ...until a new segment is needed.
    QVERIFY2(!failure.isOk() && failure.message().find("Permission denied") != std::string::npos,
             failure.toString().c_str());
    QCOMPARE(log->logEndOffset(), end);
    QCOMPARE(offsetsOf(readAll(*log)), range(0, end));
    // A new epoch needs its checkpoint rewritten: refused as well, nothing appended.
    faulty.setDirWritable(f.dir, true);
    QCOMPARE(appendOrFail(*log, makeBatch(10, kT0), 1).firstOffset, end);
    faulty.setDirWritable(f.dir, false);
    Bytes batch = makeBatch(1, kT0);
    QVERIFY(!log->appendAsLeader(batch, 2).isOk());
    QCOMPARE(log->logEndOffset(), end + 10);
    faulty.setDirWritable(f.dir, true);
    QCOMPARE(appendOrFail(*log, makeBatch(1, kT0), 2).firstOffset, end + 10);
  }
};

QTEST_APPLESS_MAIN(LogRecoveryTest)
#include "log_recovery_test.moc"
