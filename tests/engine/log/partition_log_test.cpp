// PartitionLog: appends, reads, segments and indexes, truncation, retention, epochs.
#include <QtTest>

#include "engine/common/fault_injection_env.h"
#include "engine/log/log_format.h"
#include "log_test_util.h"

using namespace runnel;
using namespace runnel::testing;

namespace {
constexpr std::int64_t kT0 = 1'700'000'000'000;
}  // namespace

class PartitionLogTest : public QObject {
  Q_OBJECT
 private slots:
  void leaderAppendAssignsOffsetsAndEpoch() {
    LogFixture f;
    auto log = f.openOrFail();
    QCOMPARE(log->logStartOffset(), 0);
    QCOMPARE(log->logEndOffset(), 0);
    for (int i = 0; i < 3; ++i) {
      Bytes batch = makeBatch(10, kT0 + i * std::int64_t{10});
      auto info = log->appendAsLeader(batch, 4);
      QVERIFY2(info.isOk(), info.status().toString().c_str());
      QCOMPARE(info->firstOffset, i * 10);
      QCOMPARE(info->lastOffset, i * 10 + 9);
      QCOMPARE(info->maxTimestamp, kT0 + i * std::int64_t{10} + 9);
      QCOMPARE(info->recordCount, 10);
      QCOMPARE(info->logAppendTimeMs, -1);
      // Stamped in place in the caller's bytes, CRC untouched and still valid.
      auto view = record::RecordBatchView::parse(batch);
      QCOMPARE(view->baseOffset(), i * 10);
      QCOMPARE(view->partitionLeaderEpoch(), 4);
      QVERIFY(view->validate().isOk());
    }
    QCOMPARE(log->logEndOffset(), 30);
    const auto records = readAll(*log);
    QCOMPARE(offsetsOf(records), range(0, 30));
    QCOMPARE(records[13].key, std::string("key-3"));
    QCOMPARE(records[13].value, std::string("value-3"));
    QCOMPARE(records[13].timestamp, kT0 + 13);
  }

  void readReturnsStoredBytesAndWholeBatches() {
    LogFixture f;
    auto log = f.openOrFail();
    std::vector<Bytes> stored;
    for (int i = 0; i < 3; ++i) {
      stored.push_back(makeBatch(10, kT0));
      QVERIFY(log->appendAsLeader(stored.back(), 0).isOk());  // stamps stored.back() in place
    }
    // The batch containing offset 15 starts at 10.
    auto r = log->read(15, 1 << 20);
    QVERIFY(r.isOk());
    QCOMPARE(r->firstOffset, 10);
    QCOMPARE(r->nextOffset, 30);
    Bytes expected = stored[1];
    expected.insert(expected.end(), stored[2].begin(), stored[2].end());
    QVERIFY(r->records == expected);
    QCOMPARE(r->logEndOffset, 30);

    // maxBytes smaller than a batch: one batch anyway, unless minOneBatch is off.
    r = log->read(0, 1);
    QVERIFY(r->records == stored[0]);
    QCOMPARE(r->nextOffset, 10);
    r = log->read(0, 1, kNoMaxOffset, /*minOneBatch=*/false);
    QVERIFY(r->records.empty());
    QCOMPARE(r->nextOffset, 0);
    // maxBytes fitting one and a half batches: only whole batches.
    r = log->read(0, stored[0].size() + stored[1].size() / 2);
    QVERIFY(r->records == stored[0]);

    // maxOffset (e.g. the high watermark) is exclusive and never splits a batch.
    r = log->read(0, 1 << 20, 20);
    QCOMPARE(r->nextOffset, 20);
    r = log->read(0, 1 << 20, 15);
    QCOMPARE(r->nextOffset, 10);
    r = log->read(12, 1 << 20, 15);
    QVERIFY(r->records.empty());

    // At the end: empty; beyond or below the log: out of range.
    r = log->read(30, 1 << 20);
    QVERIFY(r.isOk() && r->records.empty());
    QVERIFY(log->read(31, 100).status().isOutOfRange());
    QVERIFY(log->read(-1, 100).status().isOutOfRange());
  }

  void fetchLocatesThenCopiesOnce() {
    LogFixture f;
    f.config.segmentBytes = 1000;
    auto log = f.openOrFail();
    for (int i = 0; i < 10; ++i)
      appendOrFail(*log, makeBatch(10, kT0));
    auto fetch = log->fetch(25, 1 << 20);
    QVERIFY(fetch.isOk());
    QVERIFY(fetch->slices.size() > 1);  // spans segments
    QCOMPARE(fetch->firstOffset, 20);
    QCOMPARE(fetch->nextOffset, 100);
    Bytes buffer(fetch->bytes + 10, 0xEE);
    QVERIFY(fetch->copyTo(buffer).isOk());
    buffer.resize(fetch->bytes);
    QVERIFY(buffer == log->read(25, 1 << 20)->records);
    QCOMPARE(offsetsOf(decode(buffer)), range(20, 100));
    Bytes small(fetch->bytes - 1);
    QVERIFY(fetch->copyTo(small).isInvalidArgument());
    // A truncation after locating invalidates the located ranges.
    QVERIFY(log->truncateTo(50).isOk());
    QVERIFY(fetch->copyTo(buffer).isAborted());
  }

  void rollsSegmentsBySize() {
    LogFixture f;
    f.config.segmentBytes = 1000;
    auto log = f.openOrFail();
    std::vector<std::int64_t> expectedBases;
    std::uint64_t inSegment = 0;
    for (int i = 0; i < 12; ++i) {
      Bytes batch = makeBatch(10, kT0);
      if (i == 0 || inSegment + batch.size() > 1000) {
        expectedBases.push_back(i * std::int64_t{10});
        inSegment = 0;
      }
      inSegment += batch.size();
      appendOrFail(*log, batch);
    }
    QCOMPARE(log->segmentBaseOffsets(), expectedBases);
    QVERIFY(log->segmentCount() >= 4);
    for (std::int64_t base : expectedBases) {
      QVERIFY(f.memory.fileExists(joinPath(f.dir, logfmt::logFileName(base))));
      QVERIFY(f.memory.fileExists(joinPath(f.dir, logfmt::offsetIndexFileName(base))));
      QVERIFY(f.memory.fileExists(joinPath(f.dir, logfmt::timeIndexFileName(base))));
    }
    QVERIFY(f.memory.fileExists(f.dir + "/00000000000000000000.log"));
    // Every offset is found, whichever segment holds it.
    for (std::int64_t o = 0; o < 120; ++o) {
      auto r = log->read(o, 1);
      QVERIFY(r.isOk());
      const auto records = decode(r->records);
      QVERIFY(!records.empty());
      QVERIFY(records.front().offset <= o && records.back().offset >= o);
    }
    QCOMPARE(offsetsOf(readAll(*log, 1 << 20)), range(0, 120));
  }

  void rollsSegmentsByTime() {
    LogFixture f;
    f.config.segmentMs = 1000;
    auto log = f.openOrFail();
    appendOrFail(*log, makeBatch(1, kT0));
    appendOrFail(*log, makeBatch(1, kT0 + 900));
    QCOMPARE(log->segmentCount(), 1u);
    appendOrFail(*log, makeBatch(1, kT0 + 1500));  // 1500 ms after the segment's first batch
    QCOMPARE(log->segmentBaseOffsets(), (std::vector<std::int64_t>{0, 2}));
    QVERIFY(log->roll().isOk());  // an explicit roll
    QVERIFY(log->roll().isOk());  // the active segment is empty: no-op
    QCOMPARE(log->segmentBaseOffsets(), (std::vector<std::int64_t>{0, 2, 3}));
  }

  void denseIndexSurvivesReopen() {
    LogFixture f;
    f.config.indexIntervalBytes = 0;  // an index entry at every batch
    f.config.segmentBytes = 4000;
    {
      auto log = f.openOrFail();
      for (int i = 0; i < 100; ++i)
        appendOrFail(*log, makeBatch(1, kT0 + i));
      QVERIFY(log->close().isOk());
    }
    // Sealed segments keep an entry per batch (the first batch needs none).
    const std::string firstIndex = joinPath(f.dir, logfmt::offsetIndexFileName(0));
    QVERIFY(*f.memory.fileSize(firstIndex) > 8);
    QCOMPARE(*f.memory.fileSize(firstIndex) % logfmt::kOffsetIndexEntrySize, 0u);
    auto log = f.openOrFail();
    QCOMPARE(log->logEndOffset(), 100);
    for (std::int64_t o = 0; o < 100; ++o) {
      auto r = log->read(o, 1);
      QCOMPARE(r->firstOffset, o);
      QCOMPARE(decode(r->records).front().timestamp, kT0 + o);
    }
  }

  void offsetForTimestamp() {
    LogFixture f;
    f.config.segmentBytes = 2000;
    f.config.indexIntervalBytes = 100;
    auto log = f.openOrFail();
    for (int i = 0; i < 20; ++i)
      appendOrFail(*log, makeBatch(5, kT0 + i * std::int64_t{100}));  // ts kT0 + 100i + j
    QVERIFY(log->segmentCount() > 1);
    auto hit = log->offsetForTimestamp(kT0 + 703);
    QVERIFY(hit.isOk() && hit->has_value());
    QCOMPARE((*hit)->offset, 38);  // batch 7, record 3
    QCOMPARE((*hit)->timestamp, kT0 + 703);
    hit = log->offsetForTimestamp(kT0 + 750);  // between batches: the next record
    QCOMPARE((*hit)->offset, 40);
    QCOMPARE((*hit)->timestamp, kT0 + 800);
    hit = log->offsetForTimestamp(0);
    QCOMPARE((*hit)->offset, 0);
    hit = log->offsetForTimestamp(kT0 + 10'000);
    QVERIFY(hit.isOk() && !hit->has_value());
    // Below the log start nothing is returned.
    QVERIFY(log->deleteRecordsBefore(42).isOk());
    hit = log->offsetForTimestamp(kT0 + 703);
    QCOMPARE((*hit)->offset, 42);
  }

  void followerKeepsOffsets() {
    LogFixture f;
    auto leader = f.openOrFail();
    LogFixture g;
    auto follower = g.openOrFail();
    for (int i = 0; i < 4; ++i)
      appendOrFail(*leader, makeBatch(5, kT0), i < 2 ? 1 : 2);
    auto fetched = leader->read(0, 1 << 20);
    auto info = follower->appendAsFollower(fetched->records);
    QVERIFY2(info.isOk(), info.status().toString().c_str());
    QCOMPARE(info->firstOffset, 0);
    QCOMPARE(info->lastOffset, 19);
    QCOMPARE(follower->logEndOffset(), 20);
    QVERIFY(follower->read(0, 1 << 20)->records == fetched->records);
    QCOMPARE(follower->epochEntries(), (std::vector<EpochEntry>{{1, 0}, {2, 10}}));

    // Not contiguous with the follower's end: rejected, log unchanged.
    appendOrFail(*leader, makeBatch(5, kT0), 2);
    appendOrFail(*leader, makeBatch(5, kT0), 2);
    auto later = leader->read(25, 1 << 20);  // offsets 25..29: leaves a hole at 20..24
    auto hole = follower->appendAsFollower(later->records);
    QVERIFY(hole.status().isInvalidArgument());
    QVERIFY2(hole.status().message().find("log ends at 20") != std::string::npos,
             hole.status().toString().c_str());
    auto overlap = follower->appendAsFollower(leader->read(15, 1 << 20)->records);
    QVERIFY(overlap.status().isInvalidArgument());
    QCOMPARE(follower->logEndOffset(), 20);
    QVERIFY(follower->appendAsFollower(leader->read(20, 1 << 20)->records).isOk());
    QCOMPARE(follower->logEndOffset(), 30);
  }

  void rejectsBadInputAndStaysUnchanged_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("code");
    QTest::newRow("bad crc") << 0 << int(Status::Code::kCorruption);
    QTest::newRow("old magic") << 1 << int(Status::Code::kNotSupported);
    QTest::newRow("truncated batch") << 2 << int(Status::Code::kCorruption);
    QTest::newRow("too large") << 3 << int(Status::Code::kInvalidArgument);
    QTest::newRow("no records") << 4 << int(Status::Code::kInvalidArgument);
    QTest::newRow("nothing") << 5 << int(Status::Code::kInvalidArgument);
    QTest::newRow("null key, compacted") << 6 << int(Status::Code::kInvalidArgument);
    QTest::newRow("second batch bad") << 7 << int(Status::Code::kCorruption);
    QTest::newRow("impossible length") << 8 << int(Status::Code::kCorruption);
  }
  void rejectsBadInputAndStaysUnchanged() {
    QFETCH(int, kind);
    QFETCH(int, code);
    LogFixture f;
    f.config.maxMessageBytes = 2000;
    f.config.cleanupCompact = kind == 6;
    auto log = f.openOrFail();
    appendOrFail(*log, makeBatch(3, kT0));
    const auto sizeBefore = log->sizeInBytes();
    Bytes bad = makeBatch(3, kT0);
    switch (kind) {
      case 0:
        bad[bad.size() - 2] ^= 0x10;
        break;
      case 1:
        bad[record::kMagicOffset] = 1;
        break;
      case 2:
        bad.resize(bad.size() - 5);
        break;
      case 3:
        bad = makeBatch(100, kT0);
        break;
      case 4:
        bad = *record::RecordBatchBuilder().build();
        break;
      case 5:
        bad.clear();
        break;
      case 6: {
        record::RecordBatchBuilder b;
        b.append(kT0, std::nullopt, asBytes("v"));
        bad = *b.build();
        break;
      }
      case 7: {
        Bytes second = makeBatch(2, kT0);
        second[second.size() - 1] ^= 1;
        bad.insert(bad.end(), second.begin(), second.end());
        break;
      }
      case 8:
        storeBigEndian32(bad.data() + record::kBatchLengthOffset, 0x7fffffff);
        break;
    }
    auto info = log->appendAsLeader(bad, 0);
    QVERIFY(!info.isOk());
    QCOMPARE(int(info.status().code()), code);
    QCOMPARE(log->logEndOffset(), 3);
    QCOMPARE(log->sizeInBytes(), sizeBefore);
    QCOMPARE(offsetsOf(readAll(*log)), range(0, 3));
    // And the log still works.
    QCOMPARE(appendOrFail(*log, makeBatch(2, kT0)).firstOffset, 3);
  }

  void logAppendTime() {
    LogFixture f;
    f.config.timestampType = record::TimestampType::kLogAppendTime;
    auto log = f.openOrFail();
    f.clock.setMs(kT0 + 5000);
    auto info = appendOrFail(*log, makeBatch(4, 42));
    QCOMPARE(info.logAppendTimeMs, kT0 + 5000);
    QCOMPARE(info.maxTimestamp, kT0 + 5000);
    for (const auto& r : readAll(*log))
      QCOMPARE(r.timestamp, kT0 + 5000);
  }

  void reopenAfterCleanClose() {
    LogFixture f;
    f.config.segmentBytes = 1500;
    std::vector<DecodedRecord> before;
    {
      auto log = f.openOrFail();
      for (int i = 0; i < 15; ++i)
        appendOrFail(*log, makeBatch(7, kT0 + i), i / 5);
      before = readAll(*log);
      QVERIFY(log->close().isOk());
      QVERIFY(f.memory.fileExists(joinPath(f.dir, logfmt::kCleanShutdownFile)));
      Bytes late = makeBatch(1, kT0);
      QVERIFY(log->appendAsLeader(late, 3).status().isAborted());  // closed: reads only
      QCOMPARE(readAll(*log).size(), before.size());
    }
    auto log = f.openOrFail();
    QVERIFY(!f.memory.fileExists(joinPath(f.dir, logfmt::kCleanShutdownFile)));
    QCOMPARE(log->logEndOffset(), 105);
    QCOMPARE(log->recoveryPoint(), 105);
    const auto after = readAll(*log);
    QCOMPARE(after.size(), before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
      QCOMPARE(after[i].offset, before[i].offset);
      QCOMPARE(after[i].key, before[i].key);
    }
    QCOMPARE(log->epochEntries(), (std::vector<EpochEntry>{{0, 0}, {1, 35}, {2, 70}}));
    QCOMPARE(appendOrFail(*log, makeBatch(1, kT0), 3).firstOffset, 105);
  }

  void truncateTo() {
    LogFixture f;
    f.config.segmentBytes = 700;
    auto log = f.openOrFail();
    for (int i = 0; i < 10; ++i)
      appendOrFail(*log, makeBatch(10, kT0 + i * std::int64_t{10}), i < 5 ? 1 : 2);
    const std::size_t segmentsBefore = log->segmentCount();
    QVERIFY(segmentsBefore >= 4);
    QCOMPARE(log->endOffsetForEpoch(1), (EpochEndOffset{1, 50}));

    // 65 lies inside the batch 60..69: the whole batch goes.
    QVERIFY(log->truncateTo(65).isOk());
    QCOMPARE(log->logEndOffset(), 60);
    QCOMPARE(offsetsOf(readAll(*log)), range(0, 60));
    QVERIFY(log->segmentCount() < segmentsBefore);
    QCOMPARE(log->endOffsetForEpoch(2), (EpochEndOffset{2, 60}));

    // Into an earlier segment: later segments are deleted, epoch 2 disappears.
    QVERIFY(log->truncateTo(20).isOk());
    QCOMPARE(log->logEndOffset(), 20);
    QCOMPARE(log->epochEntries(), (std::vector<EpochEntry>{{1, 0}}));
    QCOMPARE(offsetsOf(readAll(*log)), range(0, 20));
    QCOMPARE(log->recoveryPoint(), 20);
    for (std::int64_t base : log->segmentBaseOffsets())
      QVERIFY(base <= 20);
    // Appends continue from the new end; the time index and offsets agree again.
    QCOMPARE(appendOrFail(*log, makeBatch(10, kT0 + 500), 3).firstOffset, 20);
    QCOMPARE(offsetsOf(readAll(*log)), range(0, 30));
    QCOMPARE((*log->offsetForTimestamp(kT0 + 500))->offset, 20);
    QVERIFY(log->truncateTo(100).isOk());  // beyond the end: nothing happens
    QCOMPARE(log->logEndOffset(), 30);

    // Reopen after truncation (no clean close): the same log.
    log.reset();
    auto reopened = f.openOrFail();
    QCOMPARE(offsetsOf(readAll(*reopened)), range(0, 30));
  }

  void truncateFullyAndStartAt() {
    LogFixture f;
    auto log = f.openOrFail();
    for (int i = 0; i < 3; ++i)
      appendOrFail(*log, makeBatch(5, kT0), 1);
    QVERIFY(log->truncateFullyAndStartAt(1000).isOk());
    QCOMPARE(log->logStartOffset(), 1000);
    QCOMPARE(log->logEndOffset(), 1000);
    QVERIFY(log->epochEntries().empty());
    QVERIFY(log->read(0, 100).status().isOutOfRange());
    QCOMPARE(appendOrFail(*log, makeBatch(5, kT0), 2).firstOffset, 1000);
    QCOMPARE(log->segmentBaseOffsets(), (std::vector<std::int64_t>{1000}));
    log.reset();
    auto reopened = f.openOrFail();
    QCOMPARE(reopened->logStartOffset(), 1000);
    QCOMPARE(offsetsOf(readAll(*reopened)), range(1000, 1005));
  }

  void deleteRecordsBefore() {
    LogFixture f;
    f.config.segmentBytes = 700;
    auto log = f.openOrFail();
    for (int i = 0; i < 10; ++i)
      appendOrFail(*log, makeBatch(10, kT0), i);
    const auto segments = log->segmentBaseOffsets();
    QVERIFY(log->deleteRecordsBefore(45).isOk());
    QCOMPARE(log->logStartOffset(), 45);
    QVERIFY(log->read(44, 100).status().isOutOfRange());
    QCOMPARE(offsetsOf(readAll(*log)), range(45, 100));
    for (std::int64_t base : log->segmentBaseOffsets())
      QVERIFY(base >= segments[1]);
    QVERIFY(log->segmentBaseOffsets().front() <= 45);
    QCOMPARE(log->epochEntries().front(), (EpochEntry{4, 45}));
    QVERIFY(log->deleteRecordsBefore(101).isOutOfRange());
    QVERIFY(log->deleteRecordsBefore(10).isOk());  // behind the start: nothing to do
    log.reset();
    auto reopened = f.openOrFail();
    QCOMPARE(reopened->logStartOffset(), 45);
    QCOMPARE(offsetsOf(readAll(*reopened)), range(45, 100));
  }

  void retentionByTime() {
    LogFixture f;
    f.config.segmentBytes = 700;
    f.config.retentionMs = 60'000;
    auto log = f.openOrFail();
    // Old records, then new ones: the old segments expire, the newer ones stay.
    for (int i = 0; i < 6; ++i)
      appendOrFail(*log, makeBatch(10, kT0 - 120'000 + i));
    log->roll();
    for (int i = 0; i < 3; ++i)
      appendOrFail(*log, makeBatch(10, kT0 + i));
    f.clock.setMs(kT0 + 1000);
    const auto before = log->segmentCount();
    auto result = log->enforceRetention();
    QVERIFY2(result.isOk(), result.status().toString().c_str());
    QVERIFY(result->segmentsDeleted >= 2);
    QCOMPARE(log->segmentCount(), before - static_cast<std::size_t>(result->segmentsDeleted));
    QCOMPARE(log->logStartOffset(), 60);
    QCOMPARE(offsetsOf(readAll(*log)), range(60, 90));
    // Nothing beyond the high watermark is deleted, however old.
    f.clock.setMs(kT0 + 10'000'000);
    auto bounded = log->enforceRetention(/*highWatermark=*/70);
    QCOMPARE(bounded->segmentsDeleted, 0);
    // Everything expired: the active segment is rolled so it can go too.
    auto all = log->enforceRetention();
    QVERIFY(all->segmentsDeleted >= 1);
    QCOMPARE(log->logStartOffset(), 90);
    QCOMPARE(log->logEndOffset(), 90);
    QCOMPARE(appendOrFail(*log, makeBatch(1, kT0)).firstOffset, 90);
  }

  void retentionBySize() {
    LogFixture f;
    f.config.segmentBytes = 700;
    auto log = f.openOrFail();
    for (int i = 0; i < 12; ++i)
      appendOrFail(*log, makeBatch(10, kT0));
    const std::uint64_t total = log->sizeInBytes();
    LogConfig c = log->config();
    c.retentionBytes = static_cast<std::int64_t>(total / 2);
    QVERIFY(log->updateConfig(c).isOk());
    auto result = log->enforceRetention();
    QVERIFY(result->segmentsDeleted > 0);
    QVERIFY(log->sizeInBytes() <= total);
    QVERIFY(log->sizeInBytes() >= static_cast<std::uint64_t>(c.retentionBytes));
    QCOMPARE(total - log->sizeInBytes(), result->bytesDeleted);
    QCOMPARE(log->logStartOffset(), log->segmentBaseOffsets().front());
    // With cleanup.policy=compact only, size and time never delete.
    c.cleanupDelete = false;
    c.cleanupCompact = true;
    c.retentionBytes = 1;
    QVERIFY(log->updateConfig(c).isOk());
    QCOMPARE(log->enforceRetention()->segmentsDeleted, 0);
  }

  void flushPolicyAndRecoveryPoint() {
    MemoryEnv base;
    base.createDir("/data");
    FaultInjectionEnv faulty(&base);
    LogFixture f;
    f.env = &faulty;
    f.config.flushMessages = 10;
    auto log = f.openOrFail();
    appendOrFail(*log, makeBatch(2, kT0));  // the first epoch entry is written (and synced) here
    const auto syncsAtStart = faulty.syncCount();
    appendOrFail(*log, makeBatch(3, kT0));
    appendOrFail(*log, makeBatch(3, kT0));
    QCOMPARE(faulty.syncCount(), syncsAtStart);  // 8 < flush.messages
    QCOMPARE(log->recoveryPoint(), 0);
    appendOrFail(*log, makeBatch(2, kT0));
    QVERIFY(faulty.syncCount() > syncsAtStart);
    QCOMPARE(log->recoveryPoint(), 10);
    QVERIFY(log->flush().isOk());
    auto checkpoint = readFileFully(faulty, joinPath(f.dir, logfmt::kRecoveryPointFile));
    QCOMPARE(std::string(asChars(*checkpoint)), std::string("0\n1\n10\n"));

    // flush.ms: a time-based flush on the next append or maybeFlush().
    LogConfig c = log->config();
    c.flushMessages = LogConfig::kNoLimit;
    c.flushMs = 1000;
    log->updateConfig(c);
    appendOrFail(*log, makeBatch(5, kT0));
    QCOMPARE(log->recoveryPoint(), 10);
    f.clock.advanceMs(1500);
    QVERIFY(log->maybeFlush().isOk());
    QCOMPARE(log->recoveryPoint(), 15);
  }
};

QTEST_APPLESS_MAIN(PartitionLogTest)
#include "partition_log_test.moc"
