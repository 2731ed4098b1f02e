#include "engine/datagen/generator.h"

#include <algorithm>
#include <chrono>

namespace runnel::datagen {
namespace {

client::ProducerRecord toProducerRecord(const std::string& topic, GeneratedRecord&& r) {
  client::ProducerRecord out;
  out.topic = topic;
  out.key = toBytes(r.key);
  out.value = toBytes(r.value);
  out.timestampMs = r.timestampMs;
  return out;
}

}  // namespace

Generator::Generator(std::unique_ptr<EventSource> source, client::Producer& producer, Clock& clock,
                     Options options)
    : source_(std::move(source)),
      producer_(producer),
      clock_(clock),
      topic_(options.topic.empty() ? source_->defaultTopic() : options.topic),
      maxRecords_(options.maxRecords),
      rate_(std::max(0.0, options.recordsPerSecond)) {}

Generator::~Generator() {
  stop();
}

void Generator::start() {
  std::lock_guard lock(mutex_);
  if (running_) return;
  stopping_ = false;
  running_ = true;
  thread_ = std::thread([this] { run(); });
}

void Generator::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  running_ = false;
  (void)producer_.flush(std::chrono::seconds(5));
}

void Generator::setRate(double recordsPerSecond) {
  {
    std::lock_guard lock(mutex_);
    rate_ = std::max(0.0, recordsPerSecond);
  }
  changed_.notify_all();
}

double Generator::rate() const {
  std::lock_guard lock(mutex_);
  return rate_;
}

GeneratorStats Generator::stats() const {
  GeneratorStats s;
  s.sent = counters_->sent.load();
  s.acknowledged = counters_->acknowledged.load();
  s.failed = counters_->failed.load();
  std::lock_guard lock(counters_->errorMutex);
  s.lastError = counters_->lastError;
  return s;
}

void Generator::sendOne() {
  std::shared_ptr<Counters> counters = counters_;
  producer_.send(toProducerRecord(topic_, source_->next(clock_.nowMs())),
                 [counters](const Result<client::RecordMetadata>& result) {
                   if (result.isOk()) {
                     counters->acknowledged.fetch_add(1);
                   } else {
                     counters->failed.fetch_add(1);
                     std::lock_guard lock(counters->errorMutex);
                     counters->lastError = result.status().toString();
                   }
                 });
  counters_->sent.fetch_add(1);
}

void Generator::run() {
  // Pacing by credit: each wake adds rate x elapsed records of credit; whole credits are sent.
  // The credit is capped so a stall (a debugger, a paused VM) does not cause a flood after it.
  double credit = 0;
  std::int64_t lastNs = clock_.monotonicNs();
  for (;;) {
    double rate;
    {
      std::unique_lock lock(mutex_);
      if (stopping_) break;
      rate = rate_;
    }
    const std::int64_t now = clock_.monotonicNs();
    credit =
        std::min(credit + rate * static_cast<double>(now - lastNs) / 1e9, std::max(1.0, rate / 5));
    lastNs = now;
    while (credit >= 1) {
      if (maxRecords_ >= 0 && counters_->sent.load() >= maxRecords_) {
        running_ = false;
        return;
      }
      sendOne();
      credit -= 1;
    }
    // Sleep until the next record is due, at most 50 ms so rate changes and stop() are prompt.
    const double waitNs = rate > 0 ? (1 - credit) / rate * 1e9 : 50e6;
    clock_.sleepFor(
        std::chrono::nanoseconds(static_cast<std::int64_t>(std::clamp(waitNs, 1e5, 50e6))));
  }
  running_ = false;
}

Status produceRecords(EventSource& source, client::Producer& producer, const std::string& topic,
                      std::int64_t count, std::int64_t startMs, std::int64_t spacingMs) {
  auto firstError = std::make_shared<std::pair<std::mutex, Status>>();
  for (std::int64_t i = 0; i < count; ++i) {
    producer.send(toProducerRecord(topic, source.next(startMs + i * spacingMs)),
                  [firstError](const Result<client::RecordMetadata>& result) {
                    if (result.isOk()) return;
                    std::lock_guard lock(firstError->first);
                    if (firstError->second.isOk()) firstError->second = result.status();
                  });
  }
  RUNNEL_RETURN_IF_ERROR(producer.flush(std::chrono::minutes(5)));
  std::lock_guard lock(firstError->first);
  return firstError->second;
}

}  // namespace runnel::datagen
