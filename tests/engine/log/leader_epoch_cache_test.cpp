#include <QtTest>

#include "engine/common/memory_env.h"
#include "engine/log/leader_epoch_cache.h"

using namespace runnel;

class LeaderEpochCacheTest : public QObject {
  Q_OBJECT
 private slots:
  void assignAndLookup() {
    MemoryEnv env;
    auto cache = LeaderEpochCache::open(env, "/epochs").value();
    QCOMPARE(cache->endOffsetFor(0, 10), EpochEndOffset{});  // empty cache
    QVERIFY(cache->assign(1, 0).isOk());
    QVERIFY(cache->assign(1, 5).isOk());  // same epoch, later start: no-op
    QVERIFY(cache->assign(3, 20).isOk());
    QVERIFY(cache->assign(5, 40).isOk());
    QCOMPARE(cache->entries(), (std::vector<EpochEntry>{{1, 0}, {3, 20}, {5, 40}}));
    QCOMPARE(cache->latestEpoch(), std::optional(5));

    QCOMPARE(cache->endOffsetFor(5, 55), (EpochEndOffset{5, 55}));  // latest: the log end
    QCOMPARE(cache->endOffsetFor(3, 55), (EpochEndOffset{3, 40}));
    QCOMPARE(cache->endOffsetFor(1, 55), (EpochEndOffset{1, 20}));
    QCOMPARE(cache->endOffsetFor(4, 55), (EpochEndOffset{3, 40}));  // unknown: the epoch below it
    QCOMPARE(cache->endOffsetFor(0, 55), (EpochEndOffset{0, 0}));   // before the first epoch
    QCOMPARE(cache->endOffsetFor(9, 55), EpochEndOffset{});         // after the last
    QCOMPARE(cache->endOffsetFor(kUndefinedEpoch, 55), EpochEndOffset{});
  }

  void conflictingAssignDropsLaterEntries() {
    MemoryEnv env;
    auto cache = LeaderEpochCache::open(env, "/epochs").value();
    QVERIFY(cache->assign(1, 0).isOk());
    QVERIFY(cache->assign(2, 10).isOk());
    QVERIFY(cache->assign(3, 20).isOk());
    // A new leader of epoch 4 whose log ends at 15: epochs starting at or after 15 are void.
    QVERIFY(cache->assign(4, 15).isOk());
    QCOMPARE(cache->entries(), (std::vector<EpochEntry>{{1, 0}, {2, 10}, {4, 15}}));
    QVERIFY(cache->assign(-1, 100).isOk());  // no epoch: ignored
    QCOMPARE(cache->entries().size(), 3u);
  }

  void truncation() {
    MemoryEnv env;
    auto cache = LeaderEpochCache::open(env, "/epochs").value();
    for (auto [e, o] : {std::pair{1, 0}, {2, 10}, {3, 20}, {4, 30}})
      QVERIFY(cache->assign(e, o).isOk());
    QVERIFY(cache->truncateFromEnd(20).isOk());
    QCOMPARE(cache->entries(), (std::vector<EpochEntry>{{1, 0}, {2, 10}}));
    QVERIFY(cache->truncateFromStart(15).isOk());
    QCOMPARE(cache->entries(), (std::vector<EpochEntry>{{2, 15}}));
    QVERIFY(cache->truncateFromStart(5).isOk());  // below the first: nothing to do
    QCOMPARE(cache->entries(), (std::vector<EpochEntry>{{2, 15}}));
    QVERIFY(cache->clear().isOk());
    QVERIFY(!cache->latestEpoch().has_value());
  }

  void persistsInKafkaFormat() {
    MemoryEnv env;
    {
      auto cache = LeaderEpochCache::open(env, "/epochs").value();
      QVERIFY(cache->assign(0, 0).isOk());
      QVERIFY(cache->assign(7, 123).isOk());
    }
    auto bytes = readFileFully(env, "/epochs");
    QCOMPARE(std::string(asChars(*bytes)), std::string("0\n2\n0 0\n7 123\n"));
    auto reopened = LeaderEpochCache::open(env, "/epochs");
    QVERIFY(reopened.isOk());
    QCOMPARE((*reopened)->entries(), (std::vector<EpochEntry>{{0, 0}, {7, 123}}));
  }

  void rejectsDamagedCheckpoint_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("count mismatch") << "0\n3\n0 0\n";
    QTest::newRow("bad version") << "1\n0\n";
    QTest::newRow("not numbers") << "0\n1\nx y\n";
    QTest::newRow("decreasing") << "0\n2\n5 10\n3 20\n";
    QTest::newRow("one field") << "0\n1\n5\n";
  }
  void rejectsDamagedCheckpoint() {
    QFETCH(QString, text);
    MemoryEnv env;
    QVERIFY(writeFileAtomically(env, "/epochs", asBytes(text.toStdString())).isOk());
    auto cache = LeaderEpochCache::open(env, "/epochs");
    QVERIFY(!cache.isOk());
    QVERIFY(cache.status().isCorruption());
    QVERIFY2(cache.status().message().find("/epochs") != std::string::npos,
             cache.status().toString().c_str());
  }
};

QTEST_APPLESS_MAIN(LeaderEpochCacheTest)
#include "leader_epoch_cache_test.moc"
