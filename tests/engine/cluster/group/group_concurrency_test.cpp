// Members on their own threads: eight in-process consumers join one group at once, the elected
// leader runs the real range assignor over everyone's ConsumerProtocol subscription, and all
// of them sync, heartbeat and commit concurrently (run under ASan/TSan-friendly short loops).
#include "group_test_util.h"

#include <atomic>
#include <thread>

#include "engine/client/assignors/consumer_protocol.h"
#include "engine/client/assignors/range_assignor.h"

using namespace runnel;
using namespace runnel::group;
using namespace runnel::group::testing;
namespace as = runnel::assignors;

class GroupConcurrencyTest : public QObject {
  Q_OBJECT
 private slots:
  void eightConsumersOnEightThreads() {
    constexpr int kMembers = 8;
    Harness h(testConfig(1000));
    as::Subscription sub;
    sub.topics = {"orders", "payments"};
    const Bytes metadata = *as::encodeSubscription(sub, 1);
    const as::PartitionCounts counts = {{"orders", 12}, {"payments", 5}};

    std::atomic<int> joinedCalls{0};
    std::vector<as::TopicPartitions> assigned(kMembers);
    std::vector<JoinResult> results(kMembers);
    std::vector<std::thread> threads;
    threads.reserve(kMembers);
    for (int i = 0; i < kMembers; ++i) {
      threads.emplace_back([&, i] {
        JoinRequest r = h.request("g", "consumer-" + std::to_string(i), {{"range", metadata}});
        JoinResult first = h.coordinator->joinGroup(r).get();
        r.memberId = first.memberId;
        auto joined = h.coordinator->joinGroup(r);
        ++joinedCalls;
        JoinResult j = joined.get();  // released when the main thread's clock ends the delay
        results[static_cast<std::size_t>(i)] = j;
        SyncRequest s{"g",
                      j.generationId,
                      j.memberId,
                      std::nullopt,
                      std::string("consumer"),
                      std::string("range"),
                      {}};
        if (j.leaderId == j.memberId) {
          std::vector<as::MemberSubscription> members;
          for (const JoinMember& m : j.members) {
            as::MemberSubscription ms;
            ms.memberId = m.memberId;
            ms.subscription = as::decodeSubscription(m.metadata)->subscription;
            members.push_back(std::move(ms));
          }
          auto plan = as::RangeAssignor().assign(counts, members);
          for (const auto& [memberId, parts] : *plan) {
            as::Assignment a;
            a.partitions = parts;
            s.assignments.emplace_back(memberId, *as::encodeAssignment(a, 1));
          }
        }
        SyncResult synced = h.coordinator->syncGroup(s).get();
        assigned[static_cast<std::size_t>(i)] =
            as::decodeAssignment(synced.assignment)->assignment.partitions;
        for (int k = 0; k < 20; ++k) {
          h.coordinator->heartbeat({"g", j.generationId, j.memberId, std::nullopt});
          std::vector<OffsetCommitEntry> offsets;
          for (const auto& tp : assigned[static_cast<std::size_t>(i)])
            offsets.push_back({tp.topic, tp.partition, k, -1, ""});
          h.coordinator->commitOffsets({"g", j.generationId, j.memberId, std::nullopt, offsets});
          h.coordinator->snapshot("g");
        }
      });
    }
    while (joinedCalls.load() < kMembers)
      std::this_thread::yield();
    // Every member arrived inside the initial delay; two more delays close the join phase.
    for (int i = 0; i < 4; ++i)
      h.advance(1000);
    for (auto& t : threads)
      t.join();

    std::set<std::string> ids;
    std::set<as::TopicPartition> all;
    std::size_t total = 0;
    for (int i = 0; i < kMembers; ++i) {
      QCOMPARE(results[static_cast<std::size_t>(i)].error, GroupError::kNone);
      QCOMPARE(results[static_cast<std::size_t>(i)].generationId, 1);
      QCOMPARE(results[static_cast<std::size_t>(i)].leaderId, results[0].leaderId);
      ids.insert(results[static_cast<std::size_t>(i)].memberId);
      total += assigned[static_cast<std::size_t>(i)].size();
      all.insert(assigned[static_cast<std::size_t>(i)].begin(),
                 assigned[static_cast<std::size_t>(i)].end());
    }
    QCOMPARE(ids.size(), std::size_t{kMembers});
    QCOMPARE(total, std::size_t{17});
    QCOMPARE(all.size(), std::size_t{17});
    QCOMPARE(h.state("g"), GroupState::kStable);
    QCOMPARE(h.coordinator->fetchOffsets("g").offsets.size(), std::size_t{17});
    for (const OffsetFetchEntry& e : h.coordinator->fetchOffsets("g").offsets)
      QCOMPARE(e.offset, std::int64_t{19});
  }

  void concurrentJoinsAndLeavesSettle() {
    // Members come and go from several threads while a ticker moves time; whatever the
    // interleaving, the group ends Empty with no callback left waiting.
    Harness h(testConfig(0));
    std::atomic<bool> stop{false};
    std::thread ticker([&] {
      while (!stop.load()) {
        h.advance(50);
        std::this_thread::yield();
      }
    });
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int i = 0; i < 4; ++i) {
      threads.emplace_back([&, i] {
        for (int round = 0; round < 10; ++round) {
          JoinRequest r = h.request("churn", "c" + std::to_string(i));
          r.requireKnownMemberId = false;
          r.rebalanceTimeoutMs = 2000;
          JoinResult j = h.coordinator->joinGroup(r).get();
          if (j.error == GroupError::kNone) {
            SyncRequest s{"churn",      j.generationId, j.memberId, std::nullopt,
                          std::nullopt, std::nullopt,   {}};
            if (j.leaderId == j.memberId) s.assignments.emplace_back(j.memberId, toBytes("x"));
            h.coordinator->syncGroup(s).get();
            h.coordinator->leaveGroup("churn", {{j.memberId, std::nullopt, ""}});
          }
        }
      });
    }
    for (auto& t : threads)
      t.join();
    stop = true;
    ticker.join();
    h.advance(60000);
    QCOMPARE(h.state("churn"), GroupState::kEmpty);
    QVERIFY(h.coordinator->snapshot("churn")->members.empty());
  }
};

QTEST_APPLESS_MAIN(GroupConcurrencyTest)
#include "group_concurrency_test.moc"
