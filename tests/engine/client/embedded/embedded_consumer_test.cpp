// EmbeddedConsumer against a real embedded cluster: produce -> consume round trip with keys,
// headers and timestamps; seek, offsetsForTimes, position, watermarks, pause/resume; a group of
// three that rebalances when one leaves and resumes from committed offsets; wakeup; the fetch
// buffer (records fetched once, handed out over several polls, dropped on seek/pause/revoke).
#include <QtTest>

#include <algorithm>
#include <map>
#include <set>

#include "embedded_test_util.h"
#include "engine/client/embedded/embedded_cluster_client.h"
#include "engine/client/embedded/embedded_consumer.h"

using namespace runnel;
using namespace runnel::client;
using namespace runnel::client::embedded;
using namespace runnel::client::embedded::testing;

namespace {

void produceAll(ClusterClient& client, const std::string& topic, int from, int to,
                std::int64_t baseTs = 1'000'000) {
  ProducerConfig pc;
  pc.lingerMs = 1;
  auto p = client.createProducer(pc);
  if (!p.isOk()) qFatal("producer");
  for (int i = from; i < to; ++i) {
    ProducerRecord r;
    r.topic = topic;
    r.key = bytesOf("k" + std::to_string(i));
    r.value = bytesOf(std::to_string(i));
    r.timestampMs = baseTs + i * std::int64_t{10};
    r.headers.push_back({"idx", bytesOf(std::to_string(i))});
    (*p)->send(std::move(r), {});
  }
  if (!(*p)->flush(std::chrono::seconds(10)).isOk()) qFatal("flush");
}

ConsumerConfig consumerConfig(const std::string& group = {}) {
  ConsumerConfig c;
  c.groupId = group;
  c.autoOffsetReset = OffsetReset::kEarliest;
  c.enableAutoCommit = false;
  c.heartbeatIntervalMs = 20;
  c.sessionTimeoutMs = 3000;
  c.fetchMaxWaitMs = 50;
  return c;
}

std::unique_ptr<Consumer> makeConsumer(ClusterClient& client, const ConsumerConfig& cfg) {
  auto c = client.createConsumer(cfg);
  if (!c.isOk()) qFatal("consumer: %s", c.status().toString().c_str());
  return std::move(c).value();
}

std::vector<ConsumerRecord> drain(Consumer& c, std::size_t want, int maxPolls = 200) {
  std::vector<ConsumerRecord> out;
  for (int i = 0; i < maxPolls && out.size() < want; ++i) {
    auto got = c.poll(std::chrono::milliseconds(50));
    if (!got.isOk()) qFatal("poll: %s", got.status().toString().c_str());
    for (auto& r : *got)
      out.push_back(std::move(r));
  }
  return out;
}

// Counts what the group hands out and takes back; with a consumer attached it also commits its
// position on revoke, as at-exactly-once-per-group applications do.
class Recorder : public RebalanceListener {
 public:
  void onPartitionsRevoked(const std::vector<TopicPartition>& p) override {
    revoked += static_cast<int>(p.size());
    if (consumer != nullptr && !p.empty()) {
      Status s = consumer->commitSync();
      if (!s.isOk()) failedCommits.push_back(s.toString());
    }
  }
  void onPartitionsAssigned(const std::vector<TopicPartition>& p) override {
    assigned += static_cast<int>(p.size());
  }
  Consumer* consumer = nullptr;
  std::vector<std::string> failedCommits;
  int revoked = 0;
  int assigned = 0;
};

}  // namespace

class EmbeddedConsumerTest : public QObject {
  Q_OBJECT
 private slots:
  void init() {
    dir_ = std::make_unique<QTemporaryDir>();
    auto c = EmbeddedClusterClient::open(fastConfig(dir_->path().toStdString()), fastGroups());
    QVERIFY(c.isOk());
    client_ = std::move(c).value();
  }
  void cleanup() {
    client_.reset();
    dir_.reset();
  }

  void roundTripWithAssign() {
    createTopic(client_->cluster(), "rt", 3);
    produceAll(*client_, "rt", 0, 60);
    auto consumer = makeConsumer(*client_, consumerConfig());
    QVERIFY(consumer->assign({{"rt", 0}, {"rt", 1}, {"rt", 2}}).isOk());
    auto records = drain(*consumer, 60);
    QCOMPARE(records.size(), std::size_t{60});
    std::set<int> seen;
    std::map<int, std::int64_t> lastOffset;
    for (const auto& r : records) {
      const int i = std::stoi(stringOf(r.value));
      seen.insert(i);
      QCOMPARE(stringOf(r.key), "k" + std::to_string(i));
      QCOMPARE(r.timestampMs, std::int64_t{1'000'000} + i * std::int64_t{10});
      QCOMPARE(r.headers.size(), std::size_t{1});
      QCOMPARE(r.headers[0].key, std::string("idx"));
      QCOMPARE(stringOf(r.headers[0].value), std::to_string(i));
      auto it = lastOffset.find(r.topicPartition.partition);
      if (it != lastOffset.end()) QVERIFY(r.offset > it->second);
      lastOffset[r.topicPartition.partition] = r.offset;
    }
    QCOMPARE(seen.size(), std::size_t{60});
    std::int64_t positions = 0;
    for (int p = 0; p < 3; ++p) {
      auto pos = consumer->position({"rt", p});
      QVERIFY(pos.isOk());
      auto wm = consumer->watermarks({"rt", p}, std::chrono::seconds(5));
      QVERIFY(wm.isOk());
      QCOMPARE(wm->first, std::int64_t{0});
      QCOMPARE(*pos, wm->second);
      positions += *pos;
    }
    QCOMPARE(positions, std::int64_t{60});
    auto more = consumer->poll(std::chrono::milliseconds(20));
    QVERIFY(more.isOk() && more->empty());
  }

  void seekAndOffsetsForTimes() {
    createTopic(client_->cluster(), "s", 1);
    produceAll(*client_, "s", 0, 20);
    auto consumer = makeConsumer(*client_, consumerConfig());
    TopicPartition tp{"s", 0};
    QVERIFY(consumer->assign({tp}).isOk());
    QVERIFY(consumer->seek(tp, 15).isOk());
    auto tail = drain(*consumer, 5);
    QCOMPARE(tail.size(), std::size_t{5});
    QCOMPARE(tail.front().offset, std::int64_t{15});
    QVERIFY(consumer->seekToBeginning({tp}).isOk());
    QCOMPARE(*consumer->position(tp), std::int64_t{0});
    QVERIFY(consumer->seekToEnd({tp}).isOk());
    QCOMPARE(*consumer->position(tp), std::int64_t{20});
    // Record i has timestamp 1'000'000 + 10 i: the first at or after 1'000'075 is i = 8.
    auto found = consumer->offsetsForTimes({{tp, 1'000'075}}, std::chrono::seconds(5));
    QVERIFY(found.isOk());
    QCOMPARE(found->at(tp), std::optional<std::int64_t>(8));
    auto none = consumer->offsetsForTimes({{tp, 9'000'000}}, std::chrono::seconds(5));
    QVERIFY(none.isOk());
    QVERIFY(!none->at(tp).has_value());
    QVERIFY(consumer->seek(tp, *found->at(tp)).isOk());
    auto from8 = drain(*consumer, 1);
    QCOMPARE(stringOf(from8.at(0).value), std::string("8"));
    QVERIFY(consumer->seek({"s", 7}, 0).isInvalidArgument());
  }

  void pauseResumeAndWakeup() {
    createTopic(client_->cluster(), "pr", 1);
    produceAll(*client_, "pr", 0, 5);
    auto consumer = makeConsumer(*client_, consumerConfig());
    TopicPartition tp{"pr", 0};
    QVERIFY(consumer->assign({tp}).isOk());
    QVERIFY(consumer->pause({tp}).isOk());
    auto paused = consumer->poll(std::chrono::milliseconds(50));
    QVERIFY(paused.isOk() && paused->empty());
    QVERIFY(consumer->resume({tp}).isOk());
    QCOMPARE(drain(*consumer, 5).size(), std::size_t{5});
    consumer->wakeup();
    auto woken = consumer->poll(std::chrono::seconds(5));
    QVERIFY(!woken.isOk() && woken.status().isAborted());
  }

  // A fetch brings back far more than max.poll.records: the rest is handed out by the next
  // polls, so every record is decoded once, and positions and commits follow what poll returned.
  void fetchedRecordsAreBufferedNotFetchedAgain() {
    createTopic(client_->cluster(), "buf", 1);
    produceAll(*client_, "buf", 0, 300);
    ConsumerConfig cfg = consumerConfig("buf-group");
    cfg.maxPollRecords = 10;
    auto consumer = makeConsumer(*client_, cfg);
    auto* embedded = dynamic_cast<EmbeddedConsumer*>(consumer.get());
    QVERIFY(embedded != nullptr);
    TopicPartition tp{"buf", 0};
    QVERIFY(consumer->assign({tp}).isOk());
    std::int64_t expected = 0;
    int polls = 0;
    while (expected < 300 && polls < 200) {
      auto got = consumer->poll(std::chrono::milliseconds(50));
      QVERIFY(got.isOk());
      ++polls;
      QVERIFY(got->size() <= std::size_t{10});
      for (const auto& r : *got) {
        QCOMPARE(r.offset, expected);
        QCOMPARE(stringOf(r.value), std::to_string(expected));
        ++expected;
      }
      QCOMPARE(*consumer->position(tp), expected);
      if (expected == 20) {
        QVERIFY(consumer->commitSync().isOk());
        auto committed = consumer->committed({tp});
        QVERIFY(committed.isOk());
        QCOMPARE(committed->at(tp).offset, std::int64_t{20});
      }
    }
    QCOMPARE(expected, std::int64_t{300});
    QVERIFY(polls >= 30);
    const auto stats = embedded->fetchStats();
    // Without the buffer each of the >= 30 polls fetched and decoded from its position onwards.
    QCOMPARE(stats.recordsDecoded, std::uint64_t{300});
    QVERIFY2(stats.partitionFetches < 10, qPrintable(QString::number(stats.partitionFetches)));
  }

  void seekInsideAndOutsideTheBuffer() {
    createTopic(client_->cluster(), "sk", 1);
    produceAll(*client_, "sk", 0, 100);
    ConsumerConfig cfg = consumerConfig();
    cfg.maxPollRecords = 10;
    auto consumer = makeConsumer(*client_, cfg);
    TopicPartition tp{"sk", 0};
    QVERIFY(consumer->assign({tp}).isOk());
    auto offsetsOf = [](const std::vector<ConsumerRecord>& rs) {
      std::vector<std::int64_t> out;
      out.reserve(rs.size());
      for (const auto& r : rs)
        out.push_back(r.offset);
      return out;
    };
    auto range = [](std::int64_t from, std::int64_t to) {
      std::vector<std::int64_t> out;
      for (auto o = from; o < to; ++o)
        out.push_back(o);
      return out;
    };
    QCOMPARE(offsetsOf(drain(*consumer, 10)), range(0, 10));  // 10..99 now buffered
    QVERIFY(consumer->seek(tp, 50).isOk());                   // forward, inside the buffer
    QCOMPARE(*consumer->position(tp), std::int64_t{50});
    QCOMPARE(offsetsOf(drain(*consumer, 10)), range(50, 60));
    QVERIFY(consumer->seek(tp, 5).isOk());  // back, before the buffer
    QCOMPARE(offsetsOf(drain(*consumer, 10)), range(5, 15));
    QVERIFY(consumer->seekToEnd({tp}).isOk());  // past everything fetched
    auto none = consumer->poll(std::chrono::milliseconds(20));
    QVERIFY(none.isOk() && none->empty());
    produceAll(*client_, "sk", 100, 105);
    QCOMPARE(offsetsOf(drain(*consumer, 5)), range(100, 105));
    QVERIFY(consumer->seekToBeginning({tp}).isOk());
    QCOMPARE(offsetsOf(drain(*consumer, 10)), range(0, 10));
    // Paused: nothing comes back; resumed: it goes on at the position, nothing skipped.
    QVERIFY(consumer->pause({tp}).isOk());
    auto paused = consumer->poll(std::chrono::milliseconds(20));
    QVERIFY(paused.isOk() && paused->empty());
    QVERIFY(consumer->resume({tp}).isOk());
    QCOMPARE(offsetsOf(drain(*consumer, 10)), range(10, 20));
  }

  // Two partitions with a full buffer each: polls alternate between them instead of draining
  // the first partition's buffer before the second gets a turn.
  void buffersAreServedRoundRobin() {
    createTopic(client_->cluster(), "rr", 2);
    produceAll(*client_, "rr", 0, 200);
    ConsumerConfig cfg = consumerConfig();
    cfg.maxPollRecords = 10;
    auto consumer = makeConsumer(*client_, cfg);
    QVERIFY(consumer->assign({{"rr", 0}, {"rr", 1}}).isOk());
    std::vector<std::set<int>> partitionsPerPoll;
    std::size_t total = 0;
    for (int i = 0; i < 200 && total < 200; ++i) {
      auto got = consumer->poll(std::chrono::milliseconds(50));
      QVERIFY(got.isOk());
      if (got->empty()) continue;
      std::set<int> parts;
      for (const auto& r : *got)
        parts.insert(r.topicPartition.partition);
      partitionsPerPoll.push_back(parts);
      total += got->size();
    }
    QCOMPARE(total, std::size_t{200});
    QVERIFY(partitionsPerPoll.size() >= 4);
    // Both partitions within the first two non-empty polls.
    std::set<int> early = partitionsPerPoll[0];
    early.insert(partitionsPerPoll[1].begin(), partitionsPerPoll[1].end());
    QCOMPARE(early.size(), std::size_t{2});
  }

  // A revoked partition's buffer goes with it: after the rebalance its old owner returns none of
  // its buffered records, and the new owner starts exactly at the commit made on revoke.
  void revokedPartitionDropsItsBuffer() {
    createTopic(client_->cluster(), "rv", 2);
    produceAll(*client_, "rv", 0, 200);
    ConsumerConfig cfg = consumerConfig("rv-group");
    cfg.maxPollRecords = 10;
    cfg.assignmentStrategies = {"range"};
    Recorder listeners[2];
    auto first = makeConsumer(*client_, cfg);
    listeners[0].consumer = first.get();
    QVERIFY(first->subscribe({"rv"}, &listeners[0]).isOk());
    std::map<int, std::multiset<std::int64_t>> seen;  // partition -> offsets, over both members
    std::map<int, std::int64_t> ends;
    for (int p = 0; p < 2; ++p) {
      auto wm = first->watermarks({"rv", p}, std::chrono::seconds(5));
      QVERIFY(wm.isOk());
      ends[p] = wm->second;
      QVERIFY(ends[p] > 30);  // keys spread the 200 records over both partitions
    }
    auto pollInto = [&](Consumer& c) {
      auto got = c.poll(std::chrono::milliseconds(10));
      QVERIFY2(got.isOk(), got.status().toString().c_str());
      const auto owned = c.assignment();
      for (const auto& r : *got) {
        QVERIFY(std::find(owned.begin(), owned.end(), r.topicPartition) != owned.end());
        seen[r.topicPartition.partition].insert(r.offset);
      }
    };
    // The first member owns both partitions and has read a little of each (buffers full).
    for (int i = 0; i < 200 && (seen[0].size() < 20 || seen[1].size() < 20); ++i)
      pollInto(*first);
    QVERIFY(seen[0].size() >= 20 && seen[1].size() >= 20);
    QVERIFY(seen[0].size() < std::size_t(ends[0]) && seen[1].size() < std::size_t(ends[1]));
    auto second = makeConsumer(*client_, cfg);
    listeners[1].consumer = second.get();
    QVERIFY(second->subscribe({"rv"}, &listeners[1]).isOk());
    auto total = [&] { return seen[0].size() + seen[1].size(); };
    for (int i = 0; i < 1000 && (first->assignment().size() != 1 ||
                                 second->assignment().size() != 1 || total() < 200);
         ++i) {
      pollInto(*first);
      pollInto(*second);
    }
    QCOMPARE(first->assignment().size(), std::size_t{1});
    QCOMPARE(second->assignment().size(), std::size_t{1});
    QVERIFY(listeners[0].revoked > 0);
    QVERIFY(listeners[0].failedCommits.empty());
    // Every record of both partitions exactly once across the two members.
    for (int p = 0; p < 2; ++p) {
      const auto n = static_cast<std::size_t>(ends[p]);
      QCOMPARE(seen[p].size(), n);
      QCOMPARE(std::set<std::int64_t>(seen[p].begin(), seen[p].end()).size(), n);
      QCOMPARE(*seen[p].begin(), std::int64_t{0});
      QCOMPARE(*seen[p].rbegin(), ends[p] - 1);
    }
  }

  void groupRebalancesAndResumesFromCommits_data() {
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<bool>("autoCommit");  // else the rebalance listener commits on revoke
    QTest::newRow("eager, listener commits") << "range" << false;
    QTest::newRow("eager, auto-commit") << "range" << true;
    QTest::newRow("cooperative, listener commits") << "cooperative-sticky" << false;
    QTest::newRow("cooperative, auto-commit") << "cooperative-sticky" << true;
  }
  void groupRebalancesAndResumesFromCommits() {
    QFETCH(QString, strategy);
    QFETCH(bool, autoCommit);
    createTopic(client_->cluster(), "g", 6);
    produceAll(*client_, "g", 0, 60);
    ConsumerConfig cfg = consumerConfig("grp");
    cfg.assignmentStrategies = {strategy.toStdString()};
    cfg.enableAutoCommit = autoCommit;
    cfg.autoCommitIntervalMs = 60'000;  // only the commits on revoke and close count here
    Recorder listeners[3];
    std::vector<std::unique_ptr<Consumer>> members;
    for (int i = 0; i < 3; ++i) {
      members.push_back(makeConsumer(*client_, cfg));
      QVERIFY(members.back()->subscribe({"g"}, &listeners[i]).isOk());
      if (!autoCommit) listeners[i].consumer = members.back().get();
    }
    std::multiset<int> seen;
    auto pollAll = [&](std::size_t count) {
      for (std::size_t m = 0; m < count; ++m) {
        auto got = members[m]->poll(std::chrono::milliseconds(10));
        QVERIFY2(got.isOk(), got.status().toString().c_str());
        for (const auto& r : *got)
          seen.insert(std::stoi(stringOf(r.value)));
      }
    };
    // Until everything was read and the group settled on two partitions each. An early member
    // may read partitions before the others join; it commits them when they are revoked.
    auto settled = [&] {
      for (const auto& m : members) {
        if (m->assignment().size() != 2) return false;
      }
      return std::set<int>(seen.begin(), seen.end()).size() == 60;
    };
    for (int round = 0; round < 1000 && !settled(); ++round)
      pollAll(3);
    QVERIFY(settled());
    for (int i = 0; i < 60; ++i)
      QCOMPARE(seen.count(i), std::size_t{1});
    for (const auto& m : members) {
      QCOMPARE(m->assignment().size(), std::size_t{2});
      QVERIFY(m->commitSync().isOk());
    }
    auto committed = members[0]->committed(members[0]->assignment());
    QVERIFY(committed.isOk());
    QCOMPARE(committed->size(), std::size_t{2});

    // One member leaves: the other two take its partitions and resume from its commits.
    QVERIFY(members[2]->close().isOk());
    members.pop_back();
    produceAll(*client_, "g", 60, 90);
    seen.clear();
    for (int round = 0;
         round < 500 && (std::set<int>(seen.lower_bound(60), seen.end()).size() < 30 ||
                         members[0]->assignment().size() + members[1]->assignment().size() < 6);
         ++round) {
      pollAll(2);
    }
    QCOMPARE(members[0]->assignment().size() + members[1]->assignment().size(), std::size_t{6});
    // The survivors commit on revoke, so across the group every new record is read exactly once
    // and nothing before the commits is read again.
    for (int i = 0; i < 2; ++i)
      QVERIFY2(listeners[i].failedCommits.empty(),
               listeners[i].failedCommits.empty() ? "" : listeners[i].failedCommits[0].c_str());
    for (int i = 60; i < 90; ++i)
      QCOMPARE(seen.count(i), std::size_t{1});
    QCOMPARE(seen.size(), std::size_t{30});
    // Eager survivors give everything up and take it back; cooperative ones only gain.
    if (strategy == "range") QVERIFY(listeners[0].revoked > 0 || listeners[1].revoked > 0);
    QVERIFY(listeners[0].assigned >= 2 && listeners[1].assigned >= 2);
    auto md = members[0]->groupMetadata();
    QCOMPARE(md.groupId, std::string("grp"));
    QVERIFY(md.generationId >= 2);
    QVERIFY(!md.memberId.empty());
  }

  // A cooperative member keeps its partitions while a rebalance runs; closing it then must
  // still commit what it read, or the next owner reads those records again.
  void closeDuringCooperativeRebalanceCommits() {
    createTopic(client_->cluster(), "cc", 4);
    produceAll(*client_, "cc", 0, 40);
    ConsumerConfig cfg = consumerConfig("coop");
    cfg.assignmentStrategies = {"cooperative-sticky"};
    cfg.enableAutoCommit = true;
    cfg.autoCommitIntervalMs = 60'000;  // only commits on revoke and close count
    std::vector<std::unique_ptr<Consumer>> members;
    members.reserve(3);
    for (int i = 0; i < 3; ++i)
      members.push_back(makeConsumer(*client_, cfg));
    std::multiset<int> seen;
    auto pollOnce = [&](std::size_t m) {
      auto got = members[m]->poll(std::chrono::milliseconds(10));
      QVERIFY2(got.isOk(), got.status().toString().c_str());
      for (const auto& r : *got)
        seen.insert(std::stoi(stringOf(r.value)));
    };
    // Members 0 and 1 share the four partitions and read everything.
    QVERIFY(members[0]->subscribe({"cc"}, nullptr).isOk());
    QVERIFY(members[1]->subscribe({"cc"}, nullptr).isOk());
    for (int round = 0; round < 500 && (members[0]->assignment().size() != 2 ||
                                        members[1]->assignment().size() != 2 ||
                                        std::set<int>(seen.begin(), seen.end()).size() < 40);
         ++round) {
      pollOnce(0);
      pollOnce(1);
    }
    QCOMPARE(members[0]->assignment().size(), std::size_t{2});
    QCOMPARE(members[1]->assignment().size(), std::size_t{2});
    for (int i = 0; i < 40; ++i)
      QCOMPARE(seen.count(i), std::size_t{1});

    // Member 2 joins. Member 0 hears of it and rejoins, keeping its partitions while the
    // coordinator waits for member 1 (which does not poll yet); then member 0 closes.
    QVERIFY(members[2]->subscribe({"cc"}, nullptr).isOk());
    pollOnce(2);
    for (int round = 0; round < 10; ++round)
      pollOnce(0);
    QCOMPARE(members[0]->assignment().size(), std::size_t{2});
    QVERIFY(members[0]->close().isOk());

    // The other two take over member 0's partitions from its commits: nothing is read again.
    seen.clear();
    for (int round = 0;
         round < 500 && members[1]->assignment().size() + members[2]->assignment().size() < 4;
         ++round) {
      pollOnce(1);
      pollOnce(2);
    }
    QCOMPARE(members[1]->assignment().size() + members[2]->assignment().size(), std::size_t{4});
    for (int round = 0; round < 10; ++round) {
      pollOnce(1);
      pollOnce(2);
    }
    QVERIFY2(seen.empty(), qPrintable(QString("%1 records read again").arg(seen.size())));
  }

 private:
  std::unique_ptr<QTemporaryDir> dir_;
  std::unique_ptr<EmbeddedClusterClient> client_;
};

QTEST_APPLESS_MAIN(EmbeddedConsumerTest)
#include "embedded_consumer_test.moc"
