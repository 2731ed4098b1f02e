#include "widgets/models/lesson_member.h"

namespace runnel::widgets {

Result<std::unique_ptr<LessonMember>> LessonMember::start(client::ClusterClient& client,
                                                          const std::string& group,
                                                          const std::string& topic,
                                                          const std::string& name) {
  client::ConsumerConfig config;
  config.clientId = name;
  config.groupId = group;
  config.autoOffsetReset = client::OffsetReset::kEarliest;
  config.enableAutoCommit = false;  // commits after every poll, so lag in the panel is exact
  config.maxPollRecords = 50;
  // A member that stops leaves at once; these bound how long a crashed one would be waited for.
  config.sessionTimeoutMs = 10000;
  config.heartbeatIntervalMs = 500;
  RUNNEL_ASSIGN_OR_RETURN(auto consumer, client.createConsumer(config));
  RUNNEL_RETURN_IF_ERROR(consumer->subscribe({topic}));
  std::unique_ptr<LessonMember> member(new LessonMember(std::move(consumer), group, name));
  member->thread_ = std::thread([m = member.get()] { m->run(); });
  return member;
}

LessonMember::LessonMember(std::unique_ptr<client::Consumer> consumer, std::string group,
                           std::string name)
    : consumer_(std::move(consumer)), group_(std::move(group)), name_(std::move(name)) {}

LessonMember::~LessonMember() {
  stopping_ = true;
  consumer_->wakeup();
  if (thread_.joinable()) thread_.join();
  (void)consumer_->close();
}

void LessonMember::run() {
  bool uncommitted = false;
  while (!stopping_) {
    auto records = consumer_->poll(std::chrono::milliseconds(100));
    if (!records.isOk()) {
      if (stopping_) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    consumed_ += static_cast<std::int64_t>(records.value().size());
    uncommitted = uncommitted || !records.value().empty();
    // A commit refused during a rebalance is tried again on the next turn, so the group's lag
    // reaches zero even when no further records come.
    if (uncommitted)
      uncommitted = !consumer_->commitSync(std::nullopt, std::chrono::seconds(5)).isOk();
  }
}

}  // namespace runnel::widgets
