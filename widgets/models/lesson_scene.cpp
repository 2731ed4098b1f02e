#include "widgets/models/lesson_scene.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <atomic>
#include <random>
#include <thread>

#include "engine/datagen/event_source.h"
#include "widgets/models/engine_text.h"

namespace runnel::widgets {
namespace {

std::int64_t num(const QJsonObject& a, const char* key, std::int64_t fallback) {
  const QJsonValue v = a.value(QLatin1String(key));
  return v.isDouble() ? v.toInteger() : fallback;
}

Bytes bytesOf(const std::string& s) {
  return Bytes(s.begin(), s.end());
}

// Retries `attempt` until it succeeds or `limit` passes (deletions settle asynchronously).
Status retry(std::chrono::milliseconds limit, const std::function<Status()>& attempt) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    Status s = attempt();
    if (s.isOk() || std::chrono::steady_clock::now() > deadline) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

const char* const kActions[] = {"view", "click", "add to cart", "buy"};

}  // namespace

LessonScene::LessonScene(client::ClusterClient& client)
    : client_(client), clock_(Clock::system(), 0, 1.0) {
  clock_.pause();
}

LessonScene::~LessonScene() {
  members_.clear();
}

Status LessonScene::reset(const Lesson& lesson) {
  if (client::EmbeddedControl* control = client_.embeddedControl()) {
    for (std::int32_t id : killed_)
      (void)control->restartBroker(id);
  }
  killed_.clear();
  members_.clear();
  for (const QString& group : lesson.groups) {
    Status s = retry(std::chrono::seconds(5), [&] {
      Status d = client_.admin().deleteConsumerGroup(group.toStdString());
      return d.isNotFound() ? Status::ok() : d;
    });
    if (!s.isOk()) return s.withContext("deleting group " + group.toStdString());
  }
  for (const QString& topic : lesson.topics) {
    Status s = client_.admin().deleteTopic(topic.toStdString());
    if (!s.isOk() && !s.isNotFound()) return s.withContext("deleting topic " + topic.toStdString());
  }
  // The topics must be gone before the replay creates them again.
  Status gone = retry(std::chrono::seconds(10), [&] {
    RUNNEL_ASSIGN_OR_RETURN(auto names, client_.admin().listTopics());
    for (const auto& n : names)
      if (lesson.topics.contains(qs(n))) return Status::unavailable(n + " is still being deleted");
    return Status::ok();
  });
  RUNNEL_RETURN_IF_ERROR(gone);
  {
    std::lock_guard lock(ackedMutex_);
    acked_.clear();
  }
  produced_.clear();
  leaderBeforeKill_.clear();
  clock_.setMs(lesson.startMs);
  return Status::ok();
}

Status LessonScene::perform(const LessonAction& action, QString* summary) {
  const QJsonObject& a = action.args;
  const QString& kind = action.kind;
  if (kind == "create_topic") return createTopic(a, summary);
  if (kind == "produce") return produce(a, summary);
  if (kind == "read") return read(a, summary);
  if (kind == "start_consumer")
    return startMember(jsonString(a, "group"), jsonString(a, "topic"), jsonString(a, "name"),
                       summary);
  if (kind == "add_consumer_to_group") {
    const std::string group = jsonString(a, "group");
    int n = 1;
    for (const auto& m : members_)
      n += m->group() == group ? 1 : 0;
    return startMember(group, jsonString(a, "topic"), group + "-member-" + std::to_string(n),
                       summary);
  }
  if (kind == "stop_consumer") {
    const std::string name = jsonString(a, "name");
    for (auto it = members_.begin(); it != members_.end(); ++it) {
      if ((*it)->name() != name) continue;
      members_.erase(it);
      *summary = QObject::tr("Consumer %1 left its group.").arg(qs(name));
      return Status::ok();
    }
    return Status::notFound("no consumer named " + name + " is running");
  }
  if (kind == "kill_broker") return killBroker(a, summary);
  if (kind == "restart_broker") return restartBroker(a, summary);
  if (kind == "delete_records") return deleteRecords(a, summary);
  return Status::invalidArgument("the lesson scene cannot do \"" + kind.toStdString() + "\"");
}

Status LessonScene::createTopic(const QJsonObject& a, QString* summary) {
  client::NewTopic topic;
  topic.name = jsonString(a, "name");
  topic.partitions = static_cast<std::int32_t>(num(a, "partitions", 1));
  topic.replicationFactor = static_cast<std::int16_t>(num(a, "rf", 1));
  const QJsonObject configs = a.value("configs").toObject();
  for (auto it = configs.begin(); it != configs.end(); ++it)
    topic.configs[it.key().toStdString()] = it.value().toVariant().toString().toStdString();
  RUNNEL_RETURN_IF_ERROR(client_.admin().createTopic(topic));
  *summary = QObject::tr("Topic %1 created: %2 partition(s), %3 replica(s) each.")
                 .arg(qs(topic.name))
                 .arg(topic.partitions)
                 .arg(topic.replicationFactor);
  return Status::ok();
}

Status LessonScene::produce(const QJsonObject& a, QString* summary) {
  const std::string topic = jsonString(a, "topic");
  const std::int64_t count = num(a, "count", 1);
  const bool keyed = a.value("keyed").toBool(false);
  const std::int64_t keys = std::max<std::int64_t>(1, num(a, "keys", 8));
  const std::int64_t spacing = num(a, "spacing_ms", 1000);
  const int producers = static_cast<int>(std::clamp<std::int64_t>(num(a, "producers", 1), 1, 8));
  // A batch is appended whole to one segment; lessons about segments send small batches so the
  // log visibly rolls over to new segment files.
  const std::int64_t batchRecords = std::max<std::int64_t>(0, num(a, "batch_records", 0));
  std::int64_t& seq = produced_[topic];
  // Seeded by the lesson's seed and how far the topic has got, so every replay is identical.
  const auto seed =
      static_cast<std::uint64_t>(num(a, "seed", 1)) * 1'000'003u + static_cast<std::uint64_t>(seq);
  std::mt19937_64 rng(seed);
  std::unique_ptr<datagen::EventSource> source;
  if (a.contains("source")) {
    source = datagen::makeEventSource(jsonString(a, "source"), seed);
    if (!source) return Status::notFound("no event source named " + jsonString(a, "source"));
  }
  std::vector<std::unique_ptr<client::Producer>> senders;
  for (int i = 0; i < producers; ++i) {
    client::ProducerConfig config;
    config.clientId = "lesson-producer-" + std::to_string(i + 1);
    config.acks = -1;
    config.deliveryTimeoutMs = 60000;
    RUNNEL_ASSIGN_OR_RETURN(auto p, client_.createProducer(config));
    senders.push_back(std::move(p));
  }
  auto failed = std::make_shared<std::atomic<std::int64_t>>(0);
  auto firstError = std::make_shared<std::string>();
  auto errorMutex = std::make_shared<std::mutex>();
  for (std::int64_t i = 0; i < count; ++i, ++seq) {
    const std::int64_t ts = clock_.nowMs();
    clock_.stepMs(spacing);
    client::ProducerRecord r;
    r.topic = topic;
    r.timestampMs = ts;
    std::string value;
    if (source) {
      datagen::GeneratedRecord g = source->next(ts);
      r.key = bytesOf(g.key);
      value = g.value;
    } else {
      const std::string user = "user-" + std::to_string(rng() % keys + 1);
      const char* what = kActions[rng() % std::size(kActions)];
      if (keyed) r.key = bytesOf(user);
      value = "{\"n\":" + std::to_string(seq) + ",\"user\":\"" + user + "\",\"action\":\"" + what +
              "\"}";
    }
    r.value = bytesOf(value);
    senders[static_cast<std::size_t>(i % producers)]->send(
        std::move(r), [this, topic, value, failed, firstError,
                       errorMutex](const Result<client::RecordMetadata>& m) {
          if (!m.isOk()) {
            if (failed->fetch_add(1) == 0) {
              std::lock_guard lock(*errorMutex);
              *firstError = m.status().message();
            }
            return;
          }
          std::lock_guard lock(ackedMutex_);
          acked_[topic].push_back({m.value().topicPartition.partition, m.value().offset, value});
        });
    if (batchRecords > 0 && (i + 1) % batchRecords == 0)
      for (auto& p : senders)
        RUNNEL_RETURN_IF_ERROR(p->flush(std::chrono::seconds(60)));
  }
  for (auto& p : senders)
    RUNNEL_RETURN_IF_ERROR(p->flush(std::chrono::seconds(60)));
  senders.clear();
  if (*failed > 0) {
    std::lock_guard lock(*errorMutex);
    return Status::unavailable(std::to_string(failed->load()) + " of " + std::to_string(count) +
                               " records were not acknowledged: " + *firstError);
  }
  *summary = QObject::tr("%1 records appended to %2 by %3 producer(s), all acknowledged.")
                 .arg(count)
                 .arg(qs(topic))
                 .arg(producers);
  return Status::ok();
}

Status LessonScene::read(const QJsonObject& a, QString* summary) {
  const std::string topic = jsonString(a, "topic");
  const std::string group = jsonString(a, "group");
  const std::int64_t count = num(a, "count", 1);
  const client::TopicPartition tp{topic, static_cast<std::int32_t>(num(a, "partition", 0))};
  client::ConsumerConfig config;
  config.clientId = group;
  config.groupId = group;
  config.enableAutoCommit = false;
  config.autoOffsetReset = client::OffsetReset::kEarliest;
  config.maxPollRecords = static_cast<std::int32_t>(std::max<std::int64_t>(1, count));
  RUNNEL_ASSIGN_OR_RETURN(auto consumer, client_.createConsumer(config));
  RUNNEL_RETURN_IF_ERROR(consumer->assign({tp}));
  const QString from = a.value("from").toString();
  if (a.contains("from_offset")) {
    RUNNEL_RETURN_IF_ERROR(consumer->seek(tp, num(a, "from_offset", 0)));
  } else if (from == "earliest") {
    RUNNEL_RETURN_IF_ERROR(consumer->seekToBeginning({tp}));
  } else {
    // Default: carry on from the group's committed position, as a restarted consumer would.
    RUNNEL_ASSIGN_OR_RETURN(auto committed, consumer->committed({tp}));
    if (auto it = committed.find(tp); it != committed.end() && it->second.offset >= 0) {
      RUNNEL_RETURN_IF_ERROR(consumer->seek(tp, it->second.offset));
    } else {
      RUNNEL_RETURN_IF_ERROR(consumer->seekToBeginning({tp}));
    }
  }
  std::int64_t read = 0;
  std::int64_t first = -1;
  std::int64_t next = -1;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (read < count && std::chrono::steady_clock::now() < deadline) {
    RUNNEL_ASSIGN_OR_RETURN(auto records, consumer->poll(std::chrono::milliseconds(200)));
    for (const auto& r : records) {
      if (read == count) break;
      if (first < 0) first = r.offset;
      next = r.offset + 1;
      ++read;
    }
  }
  if (read < count)
    return Status::timedOut("only " + std::to_string(read) + " of " + std::to_string(count) +
                            " records could be read from " + tp.toString());
  client::OffsetMap commit;
  commit[tp] = client::OffsetAndMetadata{next, "", -1};
  RUNNEL_RETURN_IF_ERROR(consumer->commitSync(commit));
  (void)consumer->close();
  *summary = QObject::tr("Group %1 read offsets %2 to %3 and now stands at %4.")
                 .arg(qs(group))
                 .arg(first)
                 .arg(next - 1)
                 .arg(next);
  return Status::ok();
}

Status LessonScene::startMember(const std::string& group, const std::string& topic,
                                const std::string& name, QString* summary) {
  for (const auto& m : members_)
    if (m->name() == name) return Status::alreadyExists("a consumer named " + name + " runs");
  RUNNEL_ASSIGN_OR_RETURN(auto member, LessonMember::start(client_, group, topic, name));
  members_.push_back(std::move(member));
  int inGroup = 0;
  for (const auto& m : members_)
    inGroup += m->group() == group ? 1 : 0;
  *summary = QObject::tr("Consumer %1 joined group %2 (%3 member(s)).")
                 .arg(qs(name), qs(group))
                 .arg(inGroup);
  return Status::ok();
}

Status LessonScene::killBroker(const QJsonObject& a, QString* summary) {
  client::EmbeddedControl* control = client_.embeddedControl();
  if (!control) return Status::notSupported("only the embedded cluster's brokers can be killed");
  std::int32_t id = static_cast<std::int32_t>(num(a, "broker", -1));
  QString why;
  if (a.contains("leader_of")) {
    const QJsonObject of = a.value("leader_of").toObject();
    const std::string topic = jsonString(of, "topic");
    const auto partition = static_cast<std::int32_t>(num(of, "partition", 0));
    RUNNEL_ASSIGN_OR_RETURN(auto description, describe(topic));
    for (const auto& p : description.partitions)
      if (p.partition == partition) id = p.leader;
    if (id < 0) return Status::unavailable(topic + " partition has no leader to kill");
    leaderBeforeKill_[{topic, partition}] = id;
    why = QObject::tr(", the leader of %1 partition %2,").arg(qs(topic)).arg(partition);
  }
  if (id < 0) return Status::invalidArgument("kill_broker needs \"broker\" or \"leader_of\"");
  RUNNEL_RETURN_IF_ERROR(control->killBroker(id));
  killed_.push_back(id);
  *summary = QObject::tr("Broker %1%2 was killed.").arg(id).arg(why);
  return Status::ok();
}

Status LessonScene::restartBroker(const QJsonObject& a, QString* summary) {
  client::EmbeddedControl* control = client_.embeddedControl();
  if (!control) return Status::notSupported("only the embedded cluster's brokers can restart");
  std::int32_t id = static_cast<std::int32_t>(num(a, "broker", -1));
  if (id < 0 && !killed_.empty()) id = killed_.back();
  if (id < 0) return Status::invalidArgument("no broker to restart: this lesson killed none");
  RUNNEL_RETURN_IF_ERROR(control->restartBroker(id));
  std::erase(killed_, id);
  *summary = QObject::tr("Broker %1 restarted and is catching up from its own log.").arg(id);
  return Status::ok();
}

Status LessonScene::deleteRecords(const QJsonObject& a, QString* summary) {
  const client::TopicPartition tp{jsonString(a, "topic"),
                                  static_cast<std::int32_t>(num(a, "partition", 0))};
  const std::int64_t before = num(a, "before_offset", 0);
  RUNNEL_RETURN_IF_ERROR(client_.admin().deleteRecords({{tp, before}}));
  *summary = QObject::tr("Records before offset %1 of %2 are gone; the log now starts there.")
                 .arg(before)
                 .arg(qs(tp.toString()));
  return Status::ok();
}

Result<client::TopicDescription> LessonScene::describe(const std::string& topic) {
  RUNNEL_ASSIGN_OR_RETURN(auto described, client_.admin().describeTopics({topic}));
  if (described.empty()) return Status::notFound("no topic named " + topic);
  return described.front();
}

Result<std::int64_t> LessonScene::offsetOf(const std::string& topic, std::int32_t partition,
                                           client::OffsetSpec spec) {
  const client::TopicPartition tp{topic, partition};
  RUNNEL_ASSIGN_OR_RETURN(auto listed, client_.admin().listOffsets({{tp, spec}}));
  auto it = listed.find(tp);
  if (it == listed.end()) return Status::notFound("no offsets for " + tp.toString());
  return it->second.offset;
}

}  // namespace runnel::widgets
