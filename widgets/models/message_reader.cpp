#include "widgets/models/message_reader.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QMetaObject>

namespace runnel::widgets {
namespace {

QByteArray toQt(const std::optional<Bytes>& b) {
  if (!b) return {};
  if (b->empty()) return QByteArray("");  // empty, not null
  return QByteArray(reinterpret_cast<const char*>(b->data()), static_cast<qsizetype>(b->size()));
}

BrowsedRecord toBrowsed(client::ConsumerRecord&& r) {
  BrowsedRecord b;
  b.partition = r.topicPartition.partition;
  b.offset = r.offset;
  b.timestampMs = r.timestampMs;
  b.key = toQt(r.key);
  b.value = toQt(r.value);
  for (const auto& h : r.headers)
    b.headers.push_back({QString::fromStdString(h.key), toQt(h.value)});
  return b;
}

constexpr int kDeliveryIntervalMs = 33;

}  // namespace

MessageReader::MessageReader(client::ClusterClient* client, QObject* parent)
    : QObject(parent), client_(client) {
  qRegisterMetaType<BrowsedRecord>();
  qRegisterMetaType<QList<BrowsedRecord>>();
}

MessageReader::~MessageReader() {
  stop();
}

void MessageReader::stop() {
  stopRequested_ = true;
  ++generation_;  // outcomes of the old read that are still queued are dropped
  {
    std::lock_guard lock(consumerMutex_);
    if (consumer_) consumer_->wakeup();
  }
  if (worker_.joinable()) worker_.join();
  running_ = false;
}

void MessageReader::start(const BrowseRequest& request) {
  stop();
  stopRequested_ = false;
  running_ = true;
  const std::uint64_t generation = ++generation_;
  worker_ = std::thread([this, request, generation] { run(request, generation); });
}

void MessageReader::post(std::uint64_t generation, std::function<void()> fn) {
  QMetaObject::invokeMethod(
      this,
      [this, generation, fn = std::move(fn)] {
        if (generation == generation_.load()) fn();
      },
      Qt::QueuedConnection);
}

void MessageReader::run(const BrowseRequest& request, std::uint64_t generation) {
  QString summary;
  const Status s = readLoop(request, generation, &summary);
  const bool stopped = stopRequested_.load();
  const bool ok = s.isOk() || (stopped && s.isAborted());
  QString message = ok ? summary : QString::fromStdString(s.message());
  if (stopped && ok) message = summary.isEmpty() ? tr("Stopped.") : summary;
  running_ = false;
  post(generation, [this, ok, message] { emit finished(ok, message); });
}

Status MessageReader::readLoop(const BrowseRequest& request, std::uint64_t generation,
                               QString* summary) {
  const std::string topic = request.topic.toStdString();
  RUNNEL_ASSIGN_OR_RETURN(auto described, client_->admin().describeTopics({topic}));
  if (described.empty() || described.front().partitions.empty())
    return Status::notFound(tr("topic %1 does not exist").arg(request.topic).toStdString());
  std::vector<client::TopicPartition> tps;
  for (const auto& p : described.front().partitions)
    if (request.partition < 0 || p.partition == request.partition)
      tps.push_back({topic, p.partition});
  if (tps.empty())
    return Status::notFound(
        tr("topic %1 has no partition %2").arg(request.topic).arg(request.partition).toStdString());

  client::ConsumerConfig config;
  config.clientId = "runnel-studio-browser";
  config.enableAutoCommit = false;
  config.autoOffsetReset = client::OffsetReset::kEarliest;
  config.fetchMaxWaitMs = 200;
  RUNNEL_ASSIGN_OR_RETURN(std::unique_ptr<client::Consumer> consumer,
                          client_->createConsumer(config));
  {
    std::lock_guard lock(consumerMutex_);
    consumer_ = consumer.get();
  }
  struct Unregister {
    MessageReader* self;
    ~Unregister() {
      std::lock_guard lock(self->consumerMutex_);
      self->consumer_ = nullptr;
    }
  } unregister{this};
  if (stopRequested_) return Status::aborted("stopped");

  RUNNEL_RETURN_IF_ERROR(consumer->assign(tps));
  const auto timeout = std::chrono::seconds(10);
  std::map<client::TopicPartition, std::int64_t> endOf;
  for (const auto& tp : tps) {
    RUNNEL_ASSIGN_OR_RETURN(auto marks, consumer->watermarks(tp, timeout));
    endOf[tp] = marks.second;
    switch (request.start) {
      case BrowseRequest::Start::Beginning:
        RUNNEL_RETURN_IF_ERROR(consumer->seek(tp, marks.first));
        break;
      case BrowseRequest::Start::Newest:
        RUNNEL_RETURN_IF_ERROR(
            consumer->seek(tp, std::max(marks.first, marks.second - request.newestPerPartition)));
        break;
      case BrowseRequest::Start::Offset:
        RUNNEL_RETURN_IF_ERROR(consumer->seek(
            tp, std::clamp<std::int64_t>(request.offset, marks.first, marks.second)));
        break;
      case BrowseRequest::Start::Timestamp:
        break;
    }
  }
  if (request.start == BrowseRequest::Start::Timestamp) {
    std::map<client::TopicPartition, std::int64_t> times;
    for (const auto& tp : tps)
      times[tp] = request.timestampMs;
    RUNNEL_ASSIGN_OR_RETURN(auto found, consumer->offsetsForTimes(times, timeout));
    for (const auto& tp : tps) {
      auto it = found.find(tp);
      RUNNEL_RETURN_IF_ERROR(it != found.end() && it->second ? consumer->seek(tp, *it->second)
                                                             : consumer->seek(tp, endOf[tp]));
    }
  }

  qint64 scanned = 0;
  qint64 matched = 0;
  QList<BrowsedRecord> batch;
  QElapsedTimer sinceDelivery;
  sinceDelivery.start();
  bool capped = false;
  auto deliver = [&](const QString& state) {
    if (!batch.isEmpty()) {
      post(generation, [this, b = std::move(batch)] { emit recordsArrived(b); });
      batch = {};
    }
    post(generation, [this, scanned, matched, state] { emit progress(scanned, matched, state); });
    sinceDelivery.restart();
  };
  auto caughtUp = [&]() -> Result<bool> {
    for (const auto& [tp, end] : endOf) {
      RUNNEL_ASSIGN_OR_RETURN(auto pos, consumer->position(tp));
      if (pos < end) return false;
    }
    return true;
  };

  const QString reading = tr("Reading…");
  const QString waiting = tr("Live: waiting for new records…");
  while (!stopRequested_) {
    RUNNEL_ASSIGN_OR_RETURN(bool done, caughtUp());
    if (done && !request.live) break;
    auto polled = consumer->poll(std::chrono::milliseconds(200));
    if (!polled.isOk()) {
      if (polled.status().isAborted() && stopRequested_) break;
      return polled.status();
    }
    for (auto& r : *polled) {
      // A non-live read shows what was there when it began, not what arrived since.
      if (!request.live && r.offset >= endOf[r.topicPartition]) continue;
      ++scanned;
      BrowsedRecord b = toBrowsed(std::move(r));
      if (!request.filter.matches(b)) continue;
      ++matched;
      batch.push_back(std::move(b));
      if (!request.live && matched >= request.maxMatches) {
        capped = true;
        break;
      }
    }
    if (capped) break;
    if (sinceDelivery.elapsed() >= kDeliveryIntervalMs || (polled->empty() && !batch.isEmpty()))
      deliver(done && request.live ? waiting : reading);
    else if (polled->empty() && done)
      deliver(waiting);
  }
  const QLocale locale;
  const QString what =
      request.filter.isNone()
          ? tr("%1 records").arg(locale.toString(matched))
          : tr("%1 of %2 records match %3")
                .arg(locale.toString(matched), locale.toString(scanned), request.filter.describe());
  *summary = capped ? tr("Stopped at %1 matches (the cap); narrow the search or start later to "
                         "see more. Scanned %2 records.")
                          .arg(locale.toString(matched), locale.toString(scanned))
             : stopRequested_ ? tr("Stopped: %1.").arg(what)
                              : tr("Read to the end: %1.").arg(what);
  deliver(*summary);
  return Status::ok();
}

}  // namespace runnel::widgets
