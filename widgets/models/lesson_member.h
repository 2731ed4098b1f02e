// LessonMember: one consumer of a lesson's consumer group, reading on its own thread — polls,
// commits what it read after every poll, and takes part in every rebalance — so the Consumer
// Groups panel shows members, assignments and lag moving as a lesson adds and removes them.
// Thread-safety: construct and destroy on one thread (the lesson's worker); the counters may be
// read from any. Destroying it wakes the poll, leaves the group and joins the thread.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "engine/client/cluster_client.h"

namespace runnel::widgets {

class LessonMember {
 public:
  // Creates the consumer and subscribes; the thread starts polling at once.
  static Result<std::unique_ptr<LessonMember>> start(client::ClusterClient& client,
                                                     const std::string& group,
                                                     const std::string& topic,
                                                     const std::string& name);
  ~LessonMember();
  LessonMember(const LessonMember&) = delete;
  LessonMember& operator=(const LessonMember&) = delete;

  const std::string& name() const { return name_; }
  const std::string& group() const { return group_; }
  std::int64_t consumed() const { return consumed_.load(); }

 private:
  LessonMember(std::unique_ptr<client::Consumer> consumer, std::string group, std::string name);
  void run();

  std::unique_ptr<client::Consumer> consumer_;  // used by thread_ only, until it joins
  std::string group_;
  std::string name_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::int64_t> consumed_{0};
  std::thread thread_;
};

}  // namespace runnel::widgets
