#include "widgets/models/record_fetcher.h"

#include <QJsonDocument>
#include <chrono>

#include "engine/client/cluster_client.h"
#include "engine/client/consumer.h"

namespace runnel::widgets {
namespace {
QByteArray bytesOf(const std::optional<Bytes>& b) {
  return b ? QByteArray(reinterpret_cast<const char*>(b->data()), static_cast<qsizetype>(b->size()))
           : QByteArray();
}
}  // namespace

RecordFetcher::RecordFetcher(client::ClusterClient* client, QObject* parent)
    : QObject(parent), client_(client) {
  qRegisterMetaType<FetchedRecord>();
}

RecordFetcher::~RecordFetcher() {
  shutdown();
}

void RecordFetcher::shutdown() {
  if (client::Consumer* c = liveConsumer_.load()) c->wakeup();
  jobs_.shutdown();
  liveConsumer_ = nullptr;
  if (consumer_) (void)consumer_->close();
  consumer_.reset();
}

void RecordFetcher::fetch(const QString& topic, int partition, qint64 offset) {
  const int generation = ++generation_;
  jobs_.post([this, topic, partition, offset, generation] {
    fetchNow(topic, partition, offset, generation);
  });
}

QString RecordFetcher::prettyValue(const QByteArray& bytes) {
  QJsonParseError error;
  const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
  if (error.error == QJsonParseError::NoError && !doc.isNull())
    return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
  return QString::fromUtf8(bytes);
}

void RecordFetcher::fetchNow(const QString& topic, int partition, qint64 offset, int generation) {
  if (generation != generation_.load()) return;  // a newer click superseded this one
  auto fail = [this](const QString& message) {
    QMetaObject::invokeMethod(
        this, [this, message] { emit failed(message); }, Qt::QueuedConnection);
  };
  if (!consumer_) {
    client::ConsumerConfig config;
    config.clientId = "runnel-studio-log-strip";
    config.enableAutoCommit = false;
    auto consumer = client_->createConsumer(config);
    if (!consumer.isOk())
      return fail(tr("Could not read the record: %1")
                      .arg(QString::fromStdString(consumer.status().toString())));
    consumer_ = std::move(consumer).value();
    liveConsumer_ = consumer_.get();
  }
  const client::TopicPartition tp{topic.toStdString(), partition};
  if (Status s = consumer_->assign({tp}); !s.isOk())
    return fail(tr("Could not read the record: %1").arg(QString::fromStdString(s.toString())));
  if (Status s = consumer_->seek(tp, offset); !s.isOk())
    return fail(tr("Could not read the record: %1").arg(QString::fromStdString(s.toString())));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (std::chrono::steady_clock::now() < deadline && generation == generation_.load()) {
    auto records = consumer_->poll(std::chrono::milliseconds(200));
    if (!records.isOk())
      return fail(tr("Could not read the record: %1")
                      .arg(QString::fromStdString(records.status().toString())));
    for (const client::ConsumerRecord& r : *records) {
      if (r.offset < offset) continue;
      FetchedRecord out;
      out.topic = topic;
      out.partition = partition;
      out.offset = r.offset;
      out.timestampMs = r.timestampMs;
      out.key = r.key ? QString::fromUtf8(bytesOf(r.key)) : tr("(null)");
      out.value = r.value ? prettyValue(bytesOf(r.value)) : tr("(null — a tombstone)");
      for (const client::Header& h : r.headers)
        out.headers.append({QString::fromStdString(h.key),
                            h.value ? QString::fromUtf8(bytesOf(h.value)) : tr("(null)")});
      QMetaObject::invokeMethod(
          this, [this, out] { emit fetched(out); }, Qt::QueuedConnection);
      return;
    }
  }
  if (generation == generation_.load())
    fail(tr("Offset %1 of %2 partition %3 could not be read (deleted by retention or not yet "
            "written)")
             .arg(offset)
             .arg(topic)
             .arg(partition));
}

}  // namespace runnel::widgets
