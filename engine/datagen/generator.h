// Generator: plays an EventSource into a topic through a client Producer at a steady rate, on
// its own thread, stamping each record with the event clock's time — so with a DemoClock the
// studio can pause or fast-forward event time while records keep flowing. Also a one-shot
// produceRecords() for lessons, tests and benchmarks that need N records at chosen times.
// Thread-safety: every method may be called from any thread. The producer and clock must
// outlive the generator; destroying it stops it (and flushes what it sent).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "engine/client/producer.h"
#include "engine/common/clock.h"
#include "engine/datagen/event_source.h"

namespace runnel::datagen {

struct GeneratorStats {
  std::int64_t sent = 0;
  std::int64_t acknowledged = 0;
  std::int64_t failed = 0;
  std::string lastError;
};

class Generator {
 public:
  struct Options {
    std::string topic;             // empty: the source's default topic
    double recordsPerSecond = 20;  // real time; 0 pauses the flow
    std::int64_t maxRecords = -1;  // stop by itself after this many (-1: never)
  };

  Generator(std::unique_ptr<EventSource> source, client::Producer& producer, Clock& clock,
            Options options);
  ~Generator();
  Generator(const Generator&) = delete;
  Generator& operator=(const Generator&) = delete;

  void start();
  // Stops the thread and flushes the producer (up to a few seconds).
  void stop();
  bool running() const { return running_.load(); }
  void setRate(double recordsPerSecond);
  double rate() const;
  const std::string& topic() const { return topic_; }
  const EventSource& source() const { return *source_; }
  GeneratorStats stats() const;

 private:
  void run();
  void sendOne();

  std::unique_ptr<EventSource> source_;  // used only by the generator thread once started
  client::Producer& producer_;
  Clock& clock_;
  const std::string topic_;
  const std::int64_t maxRecords_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  double rate_;            // guarded by mutex_
  bool stopping_ = false;  // guarded by mutex_
  std::atomic<bool> running_{false};
  std::thread thread_;

  struct Counters {
    std::atomic<std::int64_t> sent{0};
    std::atomic<std::int64_t> acknowledged{0};
    std::atomic<std::int64_t> failed{0};
    std::mutex errorMutex;
    std::string lastError;  // guarded by errorMutex
  };
  // Shared with send callbacks, which may run after the generator is gone.
  std::shared_ptr<Counters> counters_ = std::make_shared<Counters>();
};

// Produces `count` records from `source` to `topic`, the i-th stamped startMs + i * spacingMs,
// then flushes. Returns the first error any send reported.
Status produceRecords(EventSource& source, client::Producer& producer, const std::string& topic,
                      std::int64_t count, std::int64_t startMs, std::int64_t spacingMs);

}  // namespace runnel::datagen
