// CooperativeStickyAssignor: worked examples (expected results as the Java client computes
// them: its AbstractStickyAssignorTest cases and hand traces of its algorithm, including the
// HashMap-order tie-breaks), the two-step cooperative hand-over, ownership conflicts, and seeded
// simulations of a group through many membership changes checking balance, stickiness and that
// no partition is ever given to a member while another one still owns it.
#include <QtTest>

#include "assignor_test_util.h"
#include "engine/client/assignors/cooperative_sticky_assignor.h"

using namespace runnel;
using namespace runnel::assignors;
using namespace runnel::assignors::testing;

namespace {

const CooperativeStickyAssignor kAssignor;

GroupAssignment assignOk(const PartitionCounts& counts,
                         const std::vector<MemberSubscription>& members) {
  auto a = kAssignor.assign(counts, members);
  if (!a.isOk()) qFatal("assign failed: %s", a.status().toString().c_str());
  return *a;
}

}  // namespace

class CooperativeStickyAssignorTest : public QObject {
  Q_OBJECT
 private slots:
  void nameAndProtocols() {
    QCOMPARE(kAssignor.name(), std::string_view("cooperative-sticky"));
    QCOMPARE(kAssignor.supportedProtocols().front(), RebalanceProtocol::kCooperative);
    QCOMPARE(toHex(CooperativeStickyAssignor::encodeUserData(7)), std::string("00000007"));
  }

  void oneConsumerTakesEverything() {
    auto a = assignOk({{"t", 3}, {"other", 2}}, {member("consumer", {"t"})});
    QCOMPARE(a.at("consumer"), tps({{"t", 0}, {"t", 1}, {"t", 2}}));
  }

  void onePartitionTwoConsumers() {
    // minQuota 0: both wait at min quota, sorted by name, so consumer1 gets it.
    auto a = assignOk({{"t", 1}}, {member("consumer2", {"t"}), member("consumer1", {"t"})});
    QCOMPARE(a.at("consumer1"), tps({{"t", 0}}));
    QVERIFY(a.at("consumer2").empty());
  }

  void equalSubscriptionsFreshGroup() {
    auto a = assignOk({{"t1", 3}, {"t2", 2}},
                      {member("consumer1", {"t1", "t2"}), member("consumer2", {"t1", "t2"}),
                       member("consumer3", {"t1", "t2"})});
    // Partitions in topic order dealt round-robin to members sorted by name.
    QCOMPARE(a.at("consumer1"), tps({{"t1", 0}, {"t2", 0}}));
    QCOMPARE(a.at("consumer2"), tps({{"t1", 1}, {"t2", 1}}));
    QCOMPARE(a.at("consumer3"), tps({{"t1", 2}}));
  }

  void mixedSubscriptionsUseTheGeneralPath() {
    // AbstractStickyAssignorTest.testMultipleConsumersMixedTopicSubscriptions.
    auto a = assignOk({{"topic1", 3}, {"topic2", 2}},
                      {member("consumer1", {"topic1"}), member("consumer2", {"topic1", "topic2"}),
                       member("consumer3", {"topic1"})});
    QCOMPARE(a.at("consumer1"), tps({{"topic1", 0}, {"topic1", 2}}));
    QCOMPARE(a.at("consumer2"), tps({{"topic2", 0}, {"topic2", 1}}));
    QCOMPARE(a.at("consumer3"), tps({{"topic1", 1}}));
  }

  void newMemberGetsPartitionsInTwoRebalances() {
    // consumer1 owns all four; consumer2 joins. First rebalance: consumer1 keeps two and must
    // revoke the others, which nobody gets yet.
    auto first = assignOk(
        {{"t", 4}}, {member("consumer1", {"t"}, tps({{"t", 0}, {"t", 1}, {"t", 2}, {"t", 3}}), 1),
                     member("consumer2", {"t"})});
    QCOMPARE(first.at("consumer1"), tps({{"t", 0}, {"t", 1}}));
    QVERIFY(first.at("consumer2").empty());
    // After the revocation consumer1 rejoins owning two; now consumer2 gets the freed ones.
    auto second = assignOk({{"t", 4}}, {member("consumer1", {"t"}, first.at("consumer1"), 2),
                                        member("consumer2", {"t"}, {}, 2)});
    QCOMPARE(second.at("consumer1"), tps({{"t", 0}, {"t", 1}}));
    QCOMPARE(second.at("consumer2"), tps({{"t", 2}, {"t", 3}}));
  }

  void leavingMembersPartitionsGoToTheOthersAtOnce() {
    auto a = assignOk({{"t", 6}}, {member("consumer1", {"t"}, tps({{"t", 0}, {"t", 1}}), 3),
                                   member("consumer2", {"t"}, tps({{"t", 2}, {"t", 3}}), 3)});
    // Nobody owns t-4/t-5 any more, so no second step is needed.
    QCOMPARE(a.at("consumer1"), tps({{"t", 0}, {"t", 1}, {"t", 4}}));
    QCOMPARE(a.at("consumer2"), tps({{"t", 2}, {"t", 3}, {"t", 5}}));
  }

  void higherGenerationWinsAConflictingClaim() {
    auto a = assignOk({{"t", 2}}, {member("consumer1", {"t"}, tps({{"t", 0}}), 5),
                                   member("consumer2", {"t"}, tps({{"t", 0}, {"t", 1}}), 4)});
    QCOMPARE(a.at("consumer1"), tps({{"t", 0}}));
    QCOMPARE(a.at("consumer2"), tps({{"t", 1}}));
  }

  void sameGenerationConflictIsWithheld() {
    // Two members of one generation claim t-0: neither keeps it, and whoever gets it must wait
    // for the next rebalance (it is treated as changing owner).
    auto a = assignOk({{"t", 2}}, {member("consumer1", {"t"}, tps({{"t", 0}}), 4),
                                   member("consumer2", {"t"}, tps({{"t", 0}, {"t", 1}}), 4)});
    QVERIFY(a.at("consumer1").empty());
    QCOMPARE(a.at("consumer2"), tps({{"t", 1}}));
  }

  void generationFromUserDataForOlderClients() {
    // v1 subscriptions carry the generation in the assignor's user data.
    MemberSubscription old = member("consumer1", {"t"}, tps({{"t", 0}, {"t", 1}}));
    old.subscription.userData = CooperativeStickyAssignor::encodeUserData(7);
    MemberSubscription stale = member("consumer2", {"t"}, tps({{"t", 1}}));
    stale.subscription.userData = CooperativeStickyAssignor::encodeUserData(6);
    auto a = assignOk({{"t", 2}}, {old, stale});
    QCOMPARE(a.at("consumer1"), tps({{"t", 0}}));
    // consumer1's generation 7 beat consumer2's claim, but consumer1 is over quota: t-1 moves to
    // consumer2 only after consumer1 revokes it.
    QVERIFY(a.at("consumer2").empty());
  }

  void revokesWhenASubscriptionShrinks() {
    // consumer1 stops reading t2: the general path takes t2-0 away and gives it to consumer2
    // only in the follow-up rebalance.
    auto a = assignOk({{"t1", 2}, {"t2", 1}},
                      {member("consumer1", {"t1"}, tps({{"t1", 0}, {"t2", 0}}), 2),
                       member("consumer2", {"t1", "t2"}, tps({{"t1", 1}}), 2)});
    QCOMPARE(a.at("consumer1"), tps({{"t1", 0}}));
    QCOMPARE(a.at("consumer2"), tps({{"t1", 1}}));
    auto b =
        assignOk({{"t1", 2}, {"t2", 1}}, {member("consumer1", {"t1"}, tps({{"t1", 0}}), 3),
                                          member("consumer2", {"t1", "t2"}, tps({{"t1", 1}}), 3)});
    QCOMPARE(b.at("consumer2"), tps({{"t1", 1}, {"t2", 0}}));
  }

  // A group living through random joins, leaves, subscription changes and topic growth. Each
  // change is a cooperative rebalance: assign, members revoke what they lost, and if anything
  // was revoked a second rebalance follows.
  void randomizedGroupLifetimes_data() {
    QTest::addColumn<bool>("equalSubscriptions");
    QTest::addColumn<unsigned>("seed");
    for (unsigned seed : {1u, 2u, 3u, 4u, 5u, 6u}) {
      QTest::newRow(("equal-" + std::to_string(seed)).c_str()) << true << seed;
      QTest::newRow(("mixed-" + std::to_string(seed)).c_str()) << false << seed;
    }
  }
  void randomizedGroupLifetimes() {
    QFETCH(bool, equalSubscriptions);
    QFETCH(unsigned, seed);
    std::mt19937 rng(seed);
    PartitionCounts counts;
    for (int t = 0; t < 4; ++t)
      counts["topic" + std::to_string(t)] = 1 + static_cast<std::int32_t>(rng() % 8);
    std::vector<std::string> allTopics;
    for (const auto& [t, n] : counts)
      allTopics.push_back(t);
    auto randomTopics = [&] {
      if (equalSubscriptions) return allTopics;
      std::vector<std::string> subs;
      for (const std::string& t : allTopics) {
        if (rng() % 2) subs.push_back(t);
      }
      if (subs.empty()) subs.push_back(allTopics[rng() % allTopics.size()]);
      return subs;
    };
    std::map<std::string, MemberSubscription> group;
    std::int32_t generation = 0;
    int nextId = 0;
    auto members = [&] {
      std::vector<MemberSubscription> out;
      for (auto& [id, m] : group) {
        m.subscription.generationId = generation;
        out.push_back(m);
      }
      return out;
    };
    for (int step = 0; step < 25; ++step) {
      const unsigned change = group.size() < 2 ? 0 : rng() % 4;
      if (change == 0 || group.empty()) {
        const std::string id = "member-" + std::to_string(nextId++);
        group[id] = member(id, randomTopics());
      } else if (change == 1) {
        auto it = group.begin();
        std::advance(it, static_cast<long>(rng() % group.size()));
        group.erase(it);
      } else if (change == 2 && !equalSubscriptions) {
        auto it = group.begin();
        std::advance(it, static_cast<long>(rng() % group.size()));
        it->second.subscription.topics = randomTopics();
      } else {
        counts[allTopics[rng() % allTopics.size()]] += 1 + static_cast<std::int32_t>(rng() % 3);
      }
      std::map<TopicPartition, std::string> ownerBefore;
      for (const auto& [id, m] : group) {
        for (const auto& tp : m.subscription.ownedPartitions)
          ownerBefore[tp] = id;
      }
      // First rebalance.
      std::vector<MemberSubscription> in = members();
      GroupAssignment first = assignOk(counts, in);
      std::string why;
      QVERIFY2(validAssignment(counts, in, first, false, &why), why.c_str());
      QCOMPARE(describe(assignOk(counts, in)), describe(first));  // deterministic
      bool revoked = false;
      for (auto& [id, m] : group) {
        for (const TopicPartition& tp : first.at(id)) {
          // Never hand out a partition another member still owns.
          auto o = ownerBefore.find(tp);
          QVERIFY2(o == ownerBefore.end() || o->second == id,
                   (toString(tp) + " still owned").c_str());
        }
        for (const TopicPartition& tp : m.subscription.ownedPartitions) {
          revoked |= std::find(first.at(id).begin(), first.at(id).end(), tp) == first.at(id).end();
        }
        // Sticky: every member keeps what it owned, up to a fair share.
        if (equalSubscriptions) {
          std::size_t total = 0;
          for (const auto& [t, n] : counts)
            total += static_cast<std::size_t>(n);
          const std::size_t minQuota = total / group.size();
          std::size_t kept = 0;
          for (const TopicPartition& tp : m.subscription.ownedPartitions) {
            kept += std::count(first.at(id).begin(), first.at(id).end(), tp);
          }
          QVERIFY(kept >= std::min(m.subscription.ownedPartitions.size(), minQuota));
        }
        m.subscription.ownedPartitions = first.at(id);
      }
      ++generation;
      GroupAssignment settled = first;
      if (revoked) {
        in = members();
        settled = assignOk(counts, in);
        for (const auto& [id, m] : group) {
          // Nothing owned has to go in the follow-up round.
          for (const TopicPartition& tp : m.subscription.ownedPartitions) {
            QVERIFY2(std::count(settled.at(id).begin(), settled.at(id).end(), tp) == 1,
                     ("follow-up revoked " + toString(tp) + ": " + describe(settled)).c_str());
          }
        }
        for (auto& [id, m] : group)
          m.subscription.ownedPartitions = settled.at(id);
        ++generation;
      }
      QVERIFY2(validAssignment(counts, in, settled, true, &why),
               (why + " " + describe(settled)).c_str());
      if (equalSubscriptions) {
        const auto [lo, hi] = minMaxSize(settled);
        QVERIFY2(hi - lo <= 1, describe(settled).c_str());
      } else {
        QVERIFY2(kafkaBalanced(counts, in, settled, &why), (why + " " + describe(settled)).c_str());
      }
    }
  }
};

QTEST_APPLESS_MAIN(CooperativeStickyAssignorTest)
#include "cooperative_sticky_assignor_test.moc"
