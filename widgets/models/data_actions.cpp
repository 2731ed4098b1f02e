#include "widgets/models/data_actions.h"

#include <QDateTime>
#include <QLocale>
#include <QMetaObject>

#include "widgets/models/engine_text.h"
#include "widgets/models/long_operation.h"
#include "widgets/models/plural.h"
#include "widgets/models/produce_template.h"

namespace runnel::widgets {
namespace {

// Status messages come from the engine in lower case with context; keep them whole.
QString sentence(const Status& s) {
  QString m = qs(s.message().empty() ? s.toString() : s.message());
  if (!m.isEmpty()) m[0] = m[0].toUpper();
  if (!m.endsWith('.')) m += '.';
  return m;
}

std::optional<Bytes> optionalBytes(const QString& s) {
  const QByteArray utf8 = s.toUtf8();
  return Bytes(utf8.begin(), utf8.end());
}

}  // namespace

DataActions::DataActions(client::ClusterClient* client, QObject* parent)
    : QObject(parent), client_(client) {
  qRegisterMetaType<TopicConfigRow>();
  qRegisterMetaType<QList<TopicConfigRow>>();
  worker_ = std::thread([this] { workerLoop(); });
}

DataActions::~DataActions() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  wake_.notify_all();
  worker_.join();
}

int DataActions::pending() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(jobs_.size()) + running_;
}

void DataActions::enqueue(Job job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

void DataActions::workerLoop() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (stopping_) break;
      job = std::move(jobs_.front());
      jobs_.pop_front();
      ++running_;
    }
    job();
    std::lock_guard lock(mutex_);
    --running_;
  }
  if (producer_) (void)producer_->close(std::chrono::seconds(2));
  producer_.reset();
}

void DataActions::report(const QString& action, const Status& status, const QString& okMessage) {
  const bool ok = status.isOk();
  const QString message = ok ? okMessage : sentence(status);
  QMetaObject::invokeMethod(
      this, [this, action, ok, message] { emit finished(action, ok, message); },
      Qt::QueuedConnection);
}

void DataActions::createTopic(const NewTopicRequest& request) {
  enqueue([this, request] {
    client::NewTopic t;
    t.name = request.name.toStdString();
    t.partitions = request.partitions;
    t.replicationFactor = static_cast<std::int16_t>(request.replicationFactor);
    if (!request.cleanupPolicy.isEmpty())
      t.configs["cleanup.policy"] = request.cleanupPolicy.toStdString();
    if (request.retentionMs) t.configs["retention.ms"] = std::to_string(*request.retentionMs);
    const Status s = client_->admin().createTopic(t);
    report("create-topic", s,
           tr("Created topic %1 with %2 partitions, replication factor %3.")
               .arg(request.name)
               .arg(request.partitions)
               .arg(request.replicationFactor));
  });
}

void DataActions::deleteTopic(const QString& topic) {
  enqueue([this, topic] {
    const Status s = client_->admin().deleteTopic(topic.toStdString());
    report("delete-topic", s, tr("Deleted topic %1.").arg(topic));
  });
}

void DataActions::addPartitions(const QString& topic, int totalPartitions) {
  enqueue([this, topic, totalPartitions] {
    const Status s = client_->admin().createPartitions(topic.toStdString(), totalPartitions);
    report("add-partitions", s,
           tr("Topic %1 now has %2 partitions.").arg(topic).arg(totalPartitions));
  });
}

void DataActions::reassignReplicas(const QString& topic, const QMap<int, QList<int>>& targets) {
  enqueue([this, topic, targets] {
    for (auto it = targets.begin(); it != targets.end(); ++it) {
      const std::vector<std::int32_t> replicas(it.value().begin(), it.value().end());
      const Status s =
          client_->admin().reassignPartition({topic.toStdString(), it.key()}, replicas);
      if (!s.isOk()) {
        report("reassign", s, {});
        return;
      }
    }
    report("reassign", Status::ok(),
           tr("Reassigning %1 of %2: new replicas catch up, then the old ones leave.")
               .arg(counted(static_cast<int>(targets.size()), tr("partition"), tr("partitions")),
                    topic));
  });
}

void DataActions::cancelReassignments(const QString& topic) {
  enqueue([this, topic] {
    auto listed = client_->admin().listPartitionReassignments();
    if (!listed.isOk()) {
      report("cancel-reassign", listed.status(), {});
      return;
    }
    int cancelled = 0;
    for (const auto& r : *listed) {
      if (r.partition.topic != topic.toStdString()) continue;
      if (Status s = client_->admin().cancelPartitionReassignment(r.partition); !s.isOk()) {
        report("cancel-reassign", s, {});
        return;
      }
      ++cancelled;
    }
    report("cancel-reassign", Status::ok(),
           cancelled == 0 ? tr("No reassignment of %1 is in progress.").arg(topic)
                          : tr("Cancelled the reassignment of %1 of %2.")
                                .arg(counted(cancelled, tr("partition"), tr("partitions")), topic));
  });
}

void DataActions::electPreferredLeaders(const QString& topic, int partitions) {
  enqueue([this, topic, partitions] {
    std::vector<client::TopicPartition> tps;
    tps.reserve(static_cast<std::size_t>(std::max(partitions, 0)));
    for (int p = 0; p < partitions; ++p)
      tps.push_back({topic.toStdString(), p});
    const Status s = client_->admin().electPreferredLeaders(tps);
    report("elect-leaders", s,
           topic.isEmpty()
               ? tr("Every partition is led by its preferred replica where it is in sync.")
               : tr("Partitions of %1 are led by their preferred replica where it is in sync.")
                     .arg(topic));
  });
}

void DataActions::loadTopicConfigs(const QString& topic) {
  enqueue([this, topic] {
    auto configs = client_->admin().describeTopicConfigs(topic.toStdString());
    if (!configs.isOk()) {
      report("load-configs", configs.status(), {});
      return;
    }
    QList<TopicConfigRow> rows;
    for (const auto& e : *configs) {
      TopicConfigRow r;
      r.name = qs(e.name);
      r.isNull = !e.value.has_value();
      r.value = e.value ? qs(*e.value) : QString();
      r.overridden = e.source == client::ConfigSource::kTopic;
      r.readOnly = e.readOnly;
      r.documentation = qs(e.documentation);
      rows << r;
    }
    QMetaObject::invokeMethod(
        this, [this, topic, rows] { emit topicConfigsLoaded(topic, rows); }, Qt::QueuedConnection);
  });
}

void DataActions::alterTopicConfigs(const QString& topic, const QMap<QString, QString>& set,
                                    const QStringList& reset) {
  enqueue([this, topic, set, reset] {
    std::vector<client::AlterConfig> changes;
    for (auto it = set.begin(); it != set.end(); ++it)
      changes.push_back(
          {it.key().toStdString(), it.value().toStdString(), client::AlterConfigOp::kSet});
    for (const QString& name : reset)
      changes.push_back({name.toStdString(), std::nullopt, client::AlterConfigOp::kDelete});
    const Status s = client_->admin().alterTopicConfigs(topic.toStdString(), changes);
    report("alter-configs", s,
           tr("Updated %1 of %2.")
               .arg(counted(static_cast<qint64>(changes.size()), tr("setting"), tr("settings")),
                    topic));
  });
}

struct DataActions::SendOutcome {
  std::mutex mutex;
  std::condition_variable answered;
  int acked = 0;                                             // guarded by mutex
  int failed = 0;                                            // guarded by mutex
  std::int32_t minPartition = INT32_MAX, maxPartition = -1;  // guarded by mutex
  std::int64_t firstOffset = -1;                             // guarded by mutex
  Status firstError;                                         // guarded by mutex
  int sent = 0;                                              // worker only
  bool cancelled = false;                                    // worker only

  QString where() const {
    return minPartition == maxPartition
               ? tr("partition %1, offset %2").arg(minPartition).arg(firstOffset)
               : tr("partitions %1–%2").arg(minPartition).arg(maxPartition);
  }
  static QString tr(const char* text) { return DataActions::tr(text); }
};

void DataActions::produce(const ProduceRequest& request, std::shared_ptr<OperationToken> token) {
  enqueue([this, request, token = std::move(token)] {
    QString summary;
    const Status s = produceOn(request, token, &summary);
    finishOperation(token.get(), "produce", s, summary);
  });
}

void DataActions::importRecords(const ImportRequest& request,
                                std::shared_ptr<OperationToken> token) {
  enqueue([this, request, token = std::move(token)] {
    QString summary;
    const Status s = importOn(request, token, &summary);
    finishOperation(token.get(), "import", s, summary);
  });
}

void DataActions::finishOperation(OperationToken* token, const QString& action,
                                  const Status& status, const QString& okMessage) {
  // The sentence carries the engine's whole message (with its context): no details to add.
  if (token) token->finish(status.isOk(), status.isOk() ? okMessage : sentence(status));
  report(action, status, okMessage);
}

Status DataActions::sendAll(int count, const std::function<client::ProducerRecord(int)>& make,
                            const std::shared_ptr<OperationToken>& token,
                            const std::shared_ptr<SendOutcome>& outcome) {
  if (!producer_) {
    client::ProducerConfig config;
    config.clientId = "runnel-studio";
    RUNNEL_ASSIGN_OR_RETURN(producer_, client_->createProducer(config));
  }
  if (token) token->setTotal(count);
  // Enough in flight to keep batches full, few enough that Cancel stops within a moment.
  constexpr int kMaxInFlight = 4000;
  for (int i = 0; i < count; ++i) {
    {
      std::unique_lock lock(outcome->mutex);
      while (!(token && token->cancelled()) && outcome->firstError.isOk() &&
             i - outcome->acked - outcome->failed >= kMaxInFlight)
        outcome->answered.wait_for(lock, std::chrono::milliseconds(50));
      if (!outcome->firstError.isOk()) break;
    }
    if (token && token->cancelled()) {
      outcome->cancelled = true;
      break;
    }
    producer_->send(make(i), [outcome, token](const Result<client::RecordMetadata>& m) {
      std::lock_guard lock(outcome->mutex);
      if (!m.isOk()) {
        ++outcome->failed;
        if (outcome->firstError.isOk()) outcome->firstError = m.status();
      } else {
        ++outcome->acked;
        outcome->minPartition = std::min(outcome->minPartition, m->topicPartition.partition);
        outcome->maxPartition = std::max(outcome->maxPartition, m->topicPartition.partition);
        if (outcome->firstOffset < 0) outcome->firstOffset = m->offset;
        if (token) token->advanceTo(outcome->acked);
      }
      outcome->answered.notify_all();
    });
    ++outcome->sent;
  }
  const Status flushed = producer_->flush(std::chrono::seconds(30));
  std::lock_guard lock(outcome->mutex);
  if (!flushed.isOk() && outcome->firstError.isOk()) outcome->firstError = flushed;
  return Status::ok();
}

Status DataActions::produceOn(const ProduceRequest& request,
                              const std::shared_ptr<OperationToken>& token, QString* summary) {
  auto outcome = std::make_shared<SendOutcome>();
  const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
  RUNNEL_RETURN_IF_ERROR(sendAll(
      request.count,
      [&](int i) {
        const TemplateContext ctx{i, now};
        client::ProducerRecord r;
        r.topic = request.topic.toStdString();
        if (request.partition >= 0) r.partition = request.partition;
        if (!request.nullKey) r.key = optionalBytes(expandTemplate(request.keyTemplate, ctx));
        r.value = optionalBytes(expandTemplate(request.valueTemplate, ctx));
        for (const auto& [k, v] : request.headerTemplates)
          r.headers.push_back(
              {expandTemplate(k, ctx).toStdString(), optionalBytes(expandTemplate(v, ctx))});
        return r;
      },
      token, outcome));
  std::lock_guard lock(outcome->mutex);
  if (!outcome->firstError.isOk())
    return outcome->firstError.withContext(
        tr("failed after %1 of %2 were produced to %3")
            .arg(outcome->acked)
            .arg(counted(request.count, tr("record"), tr("records")), request.topic)
            .toStdString());
  if (outcome->cancelled) {
    *summary = tr("Cancelled: %1 of %2 produced to %3; the rest were not sent.")
                   .arg(QLocale().toString(outcome->acked))
                   .arg(counted(request.count, tr("record"), tr("records")), request.topic);
    return Status::ok();
  }
  *summary = tr("Produced %1 to %2 (%3).")
                 .arg(counted(outcome->acked, tr("record"), tr("records")), request.topic,
                      outcome->where());
  return Status::ok();
}

Status DataActions::importOn(const ImportRequest& request,
                             const std::shared_ptr<OperationToken>& token, QString* summary) {
  auto outcome = std::make_shared<SendOutcome>();
  const int total = static_cast<int>(request.records.size());
  int byKey = 0;  // records whose partition the file gave but the topic does not have
  RUNNEL_RETURN_IF_ERROR(sendAll(
      total,
      [&](int i) {
        const ImportedRecord& in = request.records[i];
        client::ProducerRecord r;
        r.topic = request.topic.toStdString();
        if (in.partition && *in.partition < request.topicPartitions)
          r.partition = *in.partition;
        else if (in.partition)
          ++byKey;
        if (!in.key.isNull()) r.key = Bytes(in.key.begin(), in.key.end());
        if (!in.value.isNull()) r.value = Bytes(in.value.begin(), in.value.end());
        for (const auto& [k, v] : in.headers) {
          std::optional<Bytes> value;
          if (!v.isNull()) value = Bytes(v.begin(), v.end());
          r.headers.push_back({k.toStdString(), std::move(value)});
        }
        if (request.keepTimestamps && in.timestampMs) r.timestampMs = *in.timestampMs;
        return r;
      },
      token, outcome));
  std::lock_guard lock(outcome->mutex);
  const QString rejected =
      request.rejected.isEmpty()
          ? QString()
          : tr(" %1 rejected (%2).")
                .arg(counted(static_cast<qint64>(request.rejected.size()), tr("line"), tr("lines")),
                     describeProblems(request.rejected));
  if (!outcome->firstError.isOk())
    return outcome->firstError.withContext(tr("import into %1 failed after %2 of %3 were produced")
                                               .arg(request.topic)
                                               .arg(outcome->acked)
                                               .arg(counted(total, tr("record"), tr("records")))
                                               .toStdString());
  const QString moved = byKey == 0
                            ? QString()
                            : tr(" %1 named a partition %2 does not have and went by key.")
                                  .arg(counted(byKey, tr("record"), tr("records")), request.topic);
  if (outcome->cancelled) {
    *summary = tr("Import cancelled: %1 of %2 produced to %3; the rest were not sent.")
                   .arg(QLocale().toString(outcome->acked))
                   .arg(counted(total, tr("record"), tr("records")), request.topic) +
               moved + rejected;
    return Status::ok();
  }
  *summary = tr("Imported %1 into %2.")
                 .arg(counted(outcome->acked, tr("record"), tr("records")), request.topic) +
             moved + (rejected.isEmpty() ? tr(" No line was rejected.") : rejected);
  return Status::ok();
}

void DataActions::resetGroupOffsets(const QString& group, OffsetResetTarget target,
                                    qint64 timestampMs) {
  enqueue([this, group, target, timestampMs] {
    QString summary;
    const Status s = resetOn(group, target, timestampMs, &summary);
    report("reset-offsets", s, summary);
  });
}

Status DataActions::resetOn(const QString& groupName, OffsetResetTarget target, qint64 timestampMs,
                            QString* summary) {
  client::Admin& admin = client_->admin();
  const std::string group = groupName.toStdString();
  RUNNEL_ASSIGN_OR_RETURN(auto described, admin.describeConsumerGroups({group}));
  if (!described.empty() && !described.front().members.empty())
    return Status::invalidArgument(
        tr("group %1 has %2; stop its consumers before resetting its offsets")
            .arg(groupName, counted(static_cast<qint64>(described.front().members.size()),
                                    tr("active member"), tr("active members")))
            .toStdString());
  RUNNEL_ASSIGN_OR_RETURN(auto committed, admin.listConsumerGroupOffsets(group));
  if (committed.empty())
    return Status::notFound(
        tr("group %1 has no committed offsets to reset").arg(groupName).toStdString());
  std::map<client::TopicPartition, client::OffsetSpec> specs;
  for (const auto& [tp, o] : committed) {
    specs[tp] = target == OffsetResetTarget::Earliest ? client::OffsetSpec::earliest()
                : target == OffsetResetTarget::Latest
                    ? client::OffsetSpec::latest()
                    : client::OffsetSpec::forTimestamp(timestampMs);
  }
  RUNNEL_ASSIGN_OR_RETURN(auto found, admin.listOffsets(specs));
  std::map<client::TopicPartition, client::OffsetSpec> latestSpecs;
  for (const auto& [tp, lo] : found)
    if (lo.offset < 0) latestSpecs[tp] = client::OffsetSpec::latest();
  // No record at or after the timestamp: the group starts after everything there is.
  if (!latestSpecs.empty()) {
    RUNNEL_ASSIGN_OR_RETURN(auto latest, admin.listOffsets(latestSpecs));
    for (const auto& [tp, lo] : latest)
      found[tp] = lo;
  }
  client::OffsetMap offsets;
  for (const auto& [tp, lo] : found)
    offsets[tp] = {lo.offset, "reset by runnel-studio", -1};
  RUNNEL_RETURN_IF_ERROR(admin.alterConsumerGroupOffsets(group, offsets));
  const QString to =
      target == OffsetResetTarget::Earliest ? tr("the earliest offsets")
      : target == OffsetResetTarget::Latest
          ? tr("the latest offsets")
          : tr("offsets at %1")
                .arg(QDateTime::fromMSecsSinceEpoch(timestampMs).toString(Qt::ISODateWithMs));
  *summary =
      tr("Reset group %1 to %2 on %3.")
          .arg(groupName, to,
               counted(static_cast<qint64>(offsets.size()), tr("partition"), tr("partitions")));
  return Status::ok();
}

}  // namespace runnel::widgets
