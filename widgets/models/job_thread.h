// JobThread: one worker thread running posted jobs in order, so a model can call blocking engine
// APIs (start a generator, cut a link, fetch a record) without ever blocking the GUI thread.
// Jobs report back with QMetaObject::invokeMethod(receiver, ..., Qt::QueuedConnection).
// Thread-safety: post() from any thread. Destroying it drops jobs not yet started, waits for
// the running one and joins; so declare it last in its owner, so it goes first.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace runnel::widgets {

class JobThread {
 public:
  JobThread();
  ~JobThread();
  JobThread(const JobThread&) = delete;
  JobThread& operator=(const JobThread&) = delete;

  void post(std::function<void()> job);
  // Drops pending jobs and joins; post() afterwards does nothing. Idempotent.
  void shutdown();
  // Waits until every job posted so far has run (tests and benchmarks).
  void drain();

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<std::function<void()>> jobs_;  // guarded by mutex_
  bool stopping_ = false;                   // guarded by mutex_
  bool busy_ = false;                       // guarded by mutex_
  std::thread thread_;
};

}  // namespace runnel::widgets
