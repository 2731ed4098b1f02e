#include "engine/datagen/generator_set.h"

#include <algorithm>

#include "engine/client/admin.h"
#include "engine/datagen/event_source.h"

namespace runnel::datagen {

GeneratorSet::GeneratorSet(client::ClusterClient& client, Clock& clock, double defaultRate)
    : client_(client), clock_(clock) {
  for (const std::string& name : eventSourceNames()) {
    auto source = makeEventSource(name, 2026);
    slots_.push_back({name, source->defaultTopic(), defaultRate, nullptr});
  }
}

GeneratorSet::~GeneratorSet() {
  stopAll();
  std::lock_guard lock(mutex_);
  for (Slot& s : slots_)
    s.generator.reset();
  if (producer_) (void)producer_->close(std::chrono::seconds(2));
  producer_.reset();
}

GeneratorSet::Slot* GeneratorSet::find(const std::string& source) {
  for (Slot& s : slots_)
    if (s.source == source) return &s;
  return nullptr;
}

Status GeneratorSet::ensureTopic(const std::string& topic) {
  RUNNEL_ASSIGN_OR_RETURN(auto topics, client_.admin().listTopics());
  if (std::find(topics.begin(), topics.end(), topic) != topics.end()) return Status::ok();
  RUNNEL_ASSIGN_OR_RETURN(auto cluster, client_.admin().describeCluster());
  client::NewTopic t;
  t.name = topic;
  t.partitions = 6;
  t.replicationFactor = static_cast<std::int16_t>(
      std::min<std::size_t>(3, std::max<std::size_t>(1, cluster.brokers.size())));
  Status s = client_.admin().createTopic(t);
  return s.isAlreadyExists() ? Status::ok() : s;
}

Status GeneratorSet::ensureProducer() {
  {
    std::lock_guard lock(mutex_);
    if (producer_) return Status::ok();
  }
  client::ProducerConfig config;
  config.clientId = "runnel-demo-generator";
  RUNNEL_ASSIGN_OR_RETURN(auto producer, client_.createProducer(config));
  std::lock_guard lock(mutex_);
  if (!producer_) producer_ = std::move(producer);
  return Status::ok();
}

Status GeneratorSet::start(const std::string& source) {
  std::lock_guard serial(startMutex_);
  std::string topic;
  {
    std::lock_guard lock(mutex_);
    Slot* slot = find(source);
    if (!slot) return Status::notFound("no data generator called '" + source + "'");
    if (slot->generator && slot->generator->running()) return Status::ok();
    topic = slot->topic;
  }
  RUNNEL_RETURN_IF_ERROR(ensureTopic(topic));
  RUNNEL_RETURN_IF_ERROR(ensureProducer());
  std::lock_guard lock(mutex_);
  Slot* slot = find(source);
  if (!slot->generator) {
    Generator::Options options;
    options.topic = slot->topic;
    options.recordsPerSecond = slot->rate;
    slot->generator =
        std::make_unique<Generator>(makeEventSource(source, 2026), *producer_, clock_, options);
  }
  slot->generator->setRate(slot->rate);
  slot->generator->start();
  return Status::ok();
}

Status GeneratorSet::stop(const std::string& source) {
  std::lock_guard serial(startMutex_);
  Generator* generator = nullptr;
  {
    std::lock_guard lock(mutex_);
    Slot* slot = find(source);
    if (!slot) return Status::notFound("no data generator called '" + source + "'");
    generator = slot->generator.get();
  }
  // Generators live as long as the set, so stopping outside the lock is safe; it may flush.
  if (generator) generator->stop();
  return Status::ok();
}

Status GeneratorSet::setRate(const std::string& source, double recordsPerSecond) {
  if (!(recordsPerSecond >= 0))
    return Status::invalidArgument("a generator's rate must be 0 or more records per second");
  std::lock_guard lock(mutex_);
  Slot* slot = find(source);
  if (!slot) return Status::notFound("no data generator called '" + source + "'");
  slot->rate = recordsPerSecond;
  if (slot->generator) slot->generator->setRate(recordsPerSecond);
  return Status::ok();
}

std::vector<GeneratorStatus> GeneratorSet::status() const {
  std::lock_guard lock(mutex_);
  std::vector<GeneratorStatus> out;
  for (const Slot& s : slots_) {
    GeneratorStatus st;
    st.source = s.source;
    st.topic = s.topic;
    st.recordsPerSecond = s.rate;
    if (s.generator) {
      st.running = s.generator->running();
      st.stats = s.generator->stats();
    }
    out.push_back(std::move(st));
  }
  return out;
}

void GeneratorSet::stopAll() {
  for (const std::string& name : eventSourceNames())
    (void)stop(name);
}

}  // namespace runnel::datagen
