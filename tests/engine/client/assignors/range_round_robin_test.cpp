// RangeAssignor and RoundRobinAssignor: worked examples whose expected results are those of the
// Java client's RangeAssignorTest / RoundRobinAssignorTest cases, then seeded random checks.
#include <QtTest>

#include "assignor_test_util.h"
#include "engine/client/assignors/range_assignor.h"
#include "engine/client/assignors/round_robin_assignor.h"

using namespace runnel;
using namespace runnel::assignors;
using namespace runnel::assignors::testing;

class RangeRoundRobinTest : public QObject {
  Q_OBJECT
 private slots:
  void rangeTwoConsumersTwoTopics() {
    auto a = RangeAssignor().assign({{"t1", 3}, {"t2", 3}}, {member("consumer2", {"t1", "t2"}),
                                                             member("consumer1", {"t1", "t2"})});
    QVERIFY(a.isOk());
    QCOMPARE(a->at("consumer1"), tps({{"t1", 0}, {"t1", 1}, {"t2", 0}, {"t2", 1}}));
    QCOMPARE(a->at("consumer2"), tps({{"t1", 2}, {"t2", 2}}));
  }

  void rangeMixedSubscriptionsAndMissingTopics() {
    auto a = RangeAssignor().assign(
        {{"t1", 3}, {"t2", 2}, {"unused", 4}},
        {member("consumer1", {"t1"}), member("consumer2", {"t1", "t2", "ghost"}),
         member("consumer3", {"t1"})});
    QVERIFY(a.isOk());
    QCOMPARE(a->at("consumer1"), tps({{"t1", 0}}));
    QCOMPARE(a->at("consumer2"), tps({{"t1", 1}, {"t2", 0}, {"t2", 1}}));
    QCOMPARE(a->at("consumer3"), tps({{"t1", 2}}));
  }

  void rangeOrdersStaticMembersByInstanceIdFirst() {
    // Static members sort by instance id, ahead of dynamic ones sorted by member id.
    auto a = RangeAssignor().assign(
        {{"t", 7}}, {member("a-dynamic", {"t"}), member("m1", {"t"}, {}, -1, "zeta"),
                     member("m2", {"t"}, {}, -1, "alpha")});
    QVERIFY(a.isOk());
    QCOMPARE(a->at("m2"), tps({{"t", 0}, {"t", 1}, {"t", 2}}));
    QCOMPARE(a->at("m1"), tps({{"t", 3}, {"t", 4}}));
    QCOMPARE(a->at("a-dynamic"), tps({{"t", 5}, {"t", 6}}));
  }

  void roundRobinTwoConsumersTwoTopics() {
    auto a = RoundRobinAssignor().assign(
        {{"t1", 3}, {"t2", 3}},
        {member("consumer1", {"t1", "t2"}), member("consumer2", {"t1", "t2"})});
    QVERIFY(a.isOk());
    QCOMPARE(a->at("consumer1"), tps({{"t1", 0}, {"t1", 2}, {"t2", 1}}));
    QCOMPARE(a->at("consumer2"), tps({{"t1", 1}, {"t2", 0}, {"t2", 2}}));
  }

  void roundRobinSkipsUnsubscribedMembers() {
    auto a = RoundRobinAssignor().assign(
        {{"t1", 3}, {"t2", 2}}, {member("consumer1", {"t1"}), member("consumer2", {"t1", "t2"}),
                                 member("consumer3", {"t1"})});
    QVERIFY(a.isOk());
    QCOMPARE(a->at("consumer1"), tps({{"t1", 0}}));
    QCOMPARE(a->at("consumer2"), tps({{"t1", 1}, {"t2", 0}, {"t2", 1}}));
    QCOMPARE(a->at("consumer3"), tps({{"t1", 2}}));
  }

  void emptyInputsAndBadIds() {
    auto a = RoundRobinAssignor().assign({{"t", 2}}, {member("only", {})});
    QVERIFY(a.isOk());
    QVERIFY(a->at("only").empty());
    QVERIFY(RangeAssignor().assign({}, {}).isOk());
    QVERIFY(RangeAssignor()
                .assign({{"t", 1}}, {member("x", {"t"}), member("x", {"t"})})
                .status()
                .isInvalidArgument());
    QVERIFY(
        RoundRobinAssignor().assign({{"t", 1}}, {member("", {"t"})}).status().isInvalidArgument());
  }

  // Seeded random groups: valid and complete; range balanced per topic; roundrobin balanced
  // overall when subscriptions are equal; both independent of member order.
  void randomizedProperties() {
    std::mt19937 rng(20240611);
    for (int round = 0; round < 150; ++round) {
      PartitionCounts counts;
      const int topics = 1 + static_cast<int>(rng() % 5);
      for (int t = 0; t < topics; ++t)
        counts["topic" + std::to_string(t)] = 1 + static_cast<std::int32_t>(rng() % 12);
      const bool equal = rng() % 2 == 0;
      std::vector<MemberSubscription> members;
      const int n = 1 + static_cast<int>(rng() % 9);
      for (int i = 0; i < n; ++i) {
        std::vector<std::string> subs;
        for (const auto& [t, c] : counts) {
          if (equal || rng() % 2 == 0) subs.push_back(t);
        }
        members.push_back(
            member("m" + std::to_string(rng() % 1000) + "-" + std::to_string(i), subs));
      }
      std::vector<MemberSubscription> shuffled = members;
      std::shuffle(shuffled.begin(), shuffled.end(), rng);
      const RangeAssignor range;
      const RoundRobinAssignor roundRobin;
      for (const Assignor* assignor :
           {static_cast<const Assignor*>(&range), static_cast<const Assignor*>(&roundRobin)}) {
        auto a = assignor->assign(counts, members);
        QVERIFY(a.isOk());
        std::string why;
        QVERIFY2(validAssignment(counts, members, *a, true, &why), why.c_str());
        QCOMPARE(describe(*assignor->assign(counts, shuffled)), describe(*a));
        if (assignor->name() == RangeAssignor::kName) {
          for (const auto& [topic, c] : counts) {
            std::size_t lo = SIZE_MAX, hi = 0;
            for (const MemberSubscription& m : members) {
              if (std::find(m.subscription.topics.begin(), m.subscription.topics.end(), topic) ==
                  m.subscription.topics.end())
                continue;
              const auto& parts = a->at(m.memberId);
              const auto k = static_cast<std::size_t>(
                  std::count_if(parts.begin(), parts.end(),
                                // Captured by name: clang 14 cannot capture a structured binding.
                                [&t = topic](const TopicPartition& tp) { return tp.topic == t; }));
              lo = std::min(lo, k);
              hi = std::max(hi, k);
            }
            QVERIFY(lo == SIZE_MAX || hi - lo <= 1);
          }
        } else if (equal) {
          const auto [lo, hi] = minMaxSize(*a);
          QVERIFY2(hi - lo <= 1, describe(*a).c_str());
        }
      }
    }
  }
};

QTEST_APPLESS_MAIN(RangeRoundRobinTest)
#include "range_round_robin_test.moc"
