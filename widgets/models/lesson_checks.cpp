// LessonScene's checks: each reads the cluster through the Admin, the observer or a fresh
// consumer and says whether the step's effect is there, and what it found.
#include <QJsonObject>
#include <set>

#include "widgets/models/engine_text.h"
#include "widgets/models/lesson_scene.h"

namespace runnel::widgets {
namespace {

std::int32_t part(const QJsonObject& a) {
  return static_cast<std::int32_t>(a.value("partition").toInteger(0));
}

// equals / min / max against the number found; describes the expectation for the message.
bool compare(const QJsonObject& a, std::int64_t value, const QString& what, QString* found) {
  bool ok = true;
  QStringList expected;
  if (a.contains("equals")) {
    ok = ok && value == a.value("equals").toInteger();
    expected << QStringLiteral("%1").arg(a.value("equals").toInteger());
  }
  if (a.contains("min")) {
    ok = ok && value >= a.value("min").toInteger();
    expected << QStringLiteral("at least %1").arg(a.value("min").toInteger());
  }
  if (a.contains("max")) {
    ok = ok && value <= a.value("max").toInteger();
    expected << QStringLiteral("at most %1").arg(a.value("max").toInteger());
  }
  *found = ok ? QStringLiteral("%1 is %2").arg(what).arg(value)
              : QStringLiteral("%1 is %2, expected %3")
                    .arg(what)
                    .arg(value)
                    .arg(expected.join(QStringLiteral(" and ")));
  return ok;
}

}  // namespace

bool LessonScene::evaluate(const LessonCheck& check, QString* found) {
  const QJsonObject& a = check.args;
  const QString& kind = check.kind;
  const std::string topic = jsonString(a, "topic");
  auto fail = [found](const Status& s) {
    *found = qs(s.message());
    return false;
  };

  if (kind == "topic") {
    auto d = describe(topic);
    if (!d.isOk()) return fail(d.status());
    const auto partitions = static_cast<std::int64_t>(d.value().partitions.size());
    const auto rf =
        partitions ? static_cast<std::int64_t>(d.value().partitions[0].replicas.size()) : 0;
    const bool ok =
        (!a.contains("partitions") || a.value("partitions").toInteger() == partitions) &&
        (!a.contains("rf") || a.value("rf").toInteger() == rf);
    *found = QStringLiteral("%1 has %2 partition(s) with %3 replica(s)")
                 .arg(qs(topic))
                 .arg(partitions)
                 .arg(rf);
    return ok;
  }
  if (kind == "end_offset" || kind == "partitions_with_records") {
    auto d = describe(topic);
    if (!d.isOk()) return fail(d.status());
    std::int64_t total = 0;
    std::int64_t nonEmpty = 0;
    for (const auto& p : d.value().partitions) {
      if (kind == "end_offset" && a.contains("partition") && p.partition != part(a)) continue;
      auto end = offsetOf(topic, p.partition, client::OffsetSpec::latest());
      if (!end.isOk()) return fail(end.status());
      total += end.value();
      nonEmpty += end.value() > 0 ? 1 : 0;
    }
    if (kind == "partitions_with_records")
      return compare(a, nonEmpty, QStringLiteral("partitions holding records"), found);
    return compare(a, total,
                   a.contains("partition")
                       ? QStringLiteral("end offset of %1-%2").arg(qs(topic)).arg(part(a))
                       : QStringLiteral("records in %1").arg(qs(topic)),
                   found);
  }
  if (kind == "log_start") {
    auto start = offsetOf(topic, part(a), client::OffsetSpec::earliest());
    if (!start.isOk()) return fail(start.status());
    return compare(a, start.value(), QStringLiteral("log start"), found);
  }
  if (kind == "committed") {
    const std::string group = jsonString(a, "group");
    auto offsets = client_.admin().listConsumerGroupOffsets(group);
    if (!offsets.isOk()) return fail(offsets.status());
    auto it = offsets.value().find({topic, part(a)});
    const std::int64_t at = it == offsets.value().end() ? -1 : it->second.offset;
    return compare(a, at, QStringLiteral("%1's committed offset").arg(qs(group)), found);
  }
  if (kind == "segments" || kind == "isr" || kind == "leaders_on_brokers" ||
      kind == "leader_moved") {
    auto view = client_.observer().view();
    if (!view.isOk()) return fail(view.status());
    std::set<std::int32_t> leaders;
    bool any = false;
    for (const auto& p : view.value().partitions) {
      if (p.topic != topic) continue;
      const bool chosen = !a.contains("partition") || p.partition == part(a);
      if (kind == "leaders_on_brokers") {
        if (p.leader >= 0) leaders.insert(p.leader);
        continue;
      }
      if (!chosen) continue;
      any = true;
      if (kind == "segments") {
        return compare(a, static_cast<std::int64_t>(p.segmentBaseOffsets.size()),
                       QStringLiteral("segments"), found);
      }
      if (kind == "leader_moved") {
        auto before = leaderBeforeKill_.find({topic, p.partition});
        if (before == leaderBeforeKill_.end()) {
          *found = QStringLiteral("no leader of this partition was killed");
          return false;
        }
        *found =
            QStringLiteral("leader was broker %1, is now %2").arg(before->second).arg(p.leader);
        return p.leader >= 0 && p.leader != before->second;
      }
      // isr: every chosen partition must satisfy it.
      if (!compare(a, static_cast<std::int64_t>(p.isr.size()),
                   QStringLiteral("ISR of partition %1").arg(p.partition), found))
        return false;
    }
    if (kind == "leaders_on_brokers")
      return compare(a, static_cast<std::int64_t>(leaders.size()),
                     QStringLiteral("brokers leading a partition"), found);
    if (!any) *found = QStringLiteral("no such partition of %1").arg(qs(topic));
    return any;
  }
  if (kind == "broker_alive") {
    std::int32_t id = static_cast<std::int32_t>(a.value("broker").toInteger(-1));
    if (id < 0 && !leaderBeforeKill_.empty()) id = leaderBeforeKill_.begin()->second;
    if (id < 0 && !killed_.empty()) id = killed_.back();
    auto cluster = client_.admin().describeCluster();
    if (!cluster.isOk()) return fail(cluster.status());
    for (const auto& b : cluster.value().brokers) {
      if (b.id != id) continue;
      *found = QStringLiteral("broker %1 is %2").arg(id).arg(b.alive ? "alive" : "dead");
      return b.alive == a.value("alive").toBool();
    }
    *found = QStringLiteral("broker %1 is not in the cluster").arg(id);
    return !a.value("alive").toBool();
  }
  if (kind == "acked_readable") return checkAckedReadable(topic, found);
  if (kind == "group_members") return checkGroup(check, found);
  if (kind == "group_lag") return checkGroupLag(check, found);
  *found = QStringLiteral("unknown check %1").arg(kind);
  return false;
}

bool LessonScene::checkAckedReadable(const std::string& topic, QString* found) {
  std::map<std::pair<std::int32_t, std::int64_t>, std::string> expected;
  {
    std::lock_guard lock(ackedMutex_);
    for (const Acked& r : acked_[topic])
      expected[{r.partition, r.offset}] = r.value;
  }
  auto d = describe(topic);
  if (!d.isOk()) {
    *found = qs(d.status().message());
    return false;
  }
  client::ConsumerConfig config;
  config.clientId = "lesson-auditor";
  config.maxPollRecords = 1000;
  auto consumer = client_.createConsumer(config);
  if (!consumer.isOk()) {
    *found = qs(consumer.status().message());
    return false;
  }
  std::vector<client::TopicPartition> tps;
  std::int64_t end = 0;
  for (const auto& p : d.value().partitions) {
    tps.push_back({topic, p.partition});
    auto e = offsetOf(topic, p.partition, client::OffsetSpec::latest());
    end += e.isOk() ? e.value() : 0;
  }
  (void)consumer.value()->assign(tps);
  (void)consumer.value()->seekToBeginning(tps);
  std::int64_t matched = 0;
  std::int64_t read = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (read < end && std::chrono::steady_clock::now() < deadline) {
    auto records = consumer.value()->poll(std::chrono::milliseconds(200));
    if (!records.isOk()) break;
    for (const auto& r : records.value()) {
      ++read;
      auto it = expected.find({r.topicPartition.partition, r.offset});
      if (it != expected.end() && r.value &&
          it->second == std::string(r.value->begin(), r.value->end()))
        ++matched;
    }
  }
  (void)consumer.value()->close();
  const auto total = static_cast<std::int64_t>(expected.size());
  *found = QStringLiteral("%1 of %2 acknowledged records read back unchanged (%3 in the log)")
               .arg(matched)
               .arg(total)
               .arg(read);
  return total > 0 && matched == total;
}

bool LessonScene::checkGroup(const LessonCheck& check, QString* found) {
  const QJsonObject& a = check.args;
  const std::string group = jsonString(a, "group");
  auto groups = client_.admin().describeConsumerGroups({group});
  if (!groups.isOk() || groups.value().empty()) {
    *found = groups.isOk() ? QStringLiteral("no group %1").arg(qs(group))
                           : qs(groups.status().message());
    return false;
  }
  const client::GroupDescription& g = groups.value().front();
  std::set<std::int32_t> assigned;
  QStringList shares;
  for (const auto& m : g.members) {
    for (const auto& tp : m.assignment)
      if (tp.topic == jsonString(a, "topic")) assigned.insert(tp.partition);
    shares << QStringLiteral("%1: %2").arg(qs(m.clientId)).arg(m.assignment.size());
  }
  QString members;
  bool ok =
      compare(a, static_cast<std::int64_t>(g.members.size()), QStringLiteral("members"), &members);
  ok = ok && g.state == "Stable";
  if (a.value("all_assigned").toBool()) {
    auto d = describe(jsonString(a, "topic"));
    ok = ok && d.isOk() && assigned.size() == d.value().partitions.size();
    // A member with nothing to do means the rebalance has not spread the partitions yet.
    for (const auto& m : g.members)
      ok = ok && !m.assignment.empty();
  }
  *found = QStringLiteral("%1, group %2, partitions per member {%3}")
               .arg(members, qs(g.state), shares.join(QStringLiteral(", ")));
  return ok;
}

bool LessonScene::checkGroupLag(const LessonCheck& check, QString* found) {
  const QJsonObject& a = check.args;
  const std::string topic = jsonString(a, "topic");
  auto offsets = client_.admin().listConsumerGroupOffsets(jsonString(a, "group"));
  auto d = describe(topic);
  if (!offsets.isOk() || !d.isOk()) {
    *found = qs((offsets.isOk() ? d.status() : offsets.status()).message());
    return false;
  }
  std::int64_t lag = 0;
  for (const auto& p : d.value().partitions) {
    auto end = offsetOf(topic, p.partition, client::OffsetSpec::latest());
    if (!end.isOk()) return false;
    auto it = offsets.value().find({topic, p.partition});
    lag += end.value() - (it == offsets.value().end() ? 0 : it->second.offset);
  }
  return compare(a, lag, QStringLiteral("lag of %1").arg(qs(jsonString(a, "group"))), found);
}

}  // namespace runnel::widgets
