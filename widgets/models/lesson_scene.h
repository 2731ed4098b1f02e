// LessonScene: the engine side of the guided lessons — performs a step's action on the cluster
// (create a topic, produce seeded records, read as a group, start and stop group members, kill
// and restart brokers, trim a log) and evaluates a step's checks against what the cluster says.
// Records are stamped from the scene's own paused DemoClock, stepped per record from the
// lesson's start time, so a replay writes the same records at the same event times. It keeps a
// ledger of every acknowledged record, so a lesson can prove nothing acknowledged was lost.
// Not thread-safe: the LessonRunner's worker thread makes every call (they block on the
// cluster). The client must outlive it; destroying it stops its consumers and producers.
// Actions and checks are described in lesson.cpp (the vocabulary) and docs of each method here.
#pragma once

#include <QString>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/client/cluster_client.h"
#include "engine/common/demo_clock.h"
#include "widgets/models/lesson.h"
#include "widgets/models/lesson_member.h"

namespace runnel::widgets {

class LessonScene {
 public:
  explicit LessonScene(client::ClusterClient& client);
  ~LessonScene();

  // Puts the cluster back as it was before the lesson: restarts brokers it killed, stops its
  // consumers, deletes its groups and topics, empties the ledger and rewinds its clock.
  Status reset(const Lesson& lesson);
  // Performs one action (never run_sql: the runner sends SQL to the studio's engine). *summary
  // receives a sentence saying what was done.
  Status perform(const LessonAction& action, QString* summary);
  // Whether the check holds now; *found says what the cluster showed.
  bool evaluate(const LessonCheck& check, QString* found);

  // The scene's event clock (tests).
  std::int64_t eventTimeMs() const { return clock_.nowMs(); }
  int membersRunning() const { return static_cast<int>(members_.size()); }

 private:
  struct Acked {
    std::int32_t partition = 0;
    std::int64_t offset = 0;
    std::string value;
  };

  Status createTopic(const QJsonObject& a, QString* summary);
  Status produce(const QJsonObject& a, QString* summary);
  Status read(const QJsonObject& a, QString* summary);
  Status startMember(const std::string& group, const std::string& topic, const std::string& name,
                     QString* summary);
  Status killBroker(const QJsonObject& a, QString* summary);
  Status restartBroker(const QJsonObject& a, QString* summary);
  Status deleteRecords(const QJsonObject& a, QString* summary);

  Result<client::TopicDescription> describe(const std::string& topic);
  Result<std::int64_t> offsetOf(const std::string& topic, std::int32_t partition,
                                client::OffsetSpec spec);
  bool checkAckedReadable(const std::string& topic, QString* found);
  bool checkGroup(const LessonCheck& check, QString* found);
  bool checkGroupLag(const LessonCheck& check, QString* found);

  client::ClusterClient& client_;
  DemoClock clock_;
  std::vector<std::unique_ptr<LessonMember>> members_;
  std::vector<std::int32_t> killed_;  // brokers this lesson killed and has not restarted
  std::map<std::pair<std::string, std::int32_t>, std::int32_t> leaderBeforeKill_;
  std::map<std::string, std::int64_t> produced_;     // per topic: records produced so far
  std::mutex ackedMutex_;                            // send callbacks run on producer threads
  std::map<std::string, std::vector<Acked>> acked_;  // guarded by ackedMutex_
};

}  // namespace runnel::widgets
