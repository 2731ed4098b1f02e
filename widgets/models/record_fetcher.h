// RecordFetcher: reads one record (by topic, partition and offset) for the log strip's detail
// pane, on its own worker thread with its own partition-assigned consumer, and hands it to the
// GUI thread as display text: key, value (pretty-printed when it is JSON), headers, timestamp.
// Only the latest request matters: older ones still queued are skipped.
// Lives on the GUI thread; the client must outlive it, or shutdown() must be called first.
#pragma once

#include <QObject>
#include <QString>
#include <QVector>
#include <atomic>
#include <memory>

#include "widgets/models/job_thread.h"

namespace runnel::client {
class ClusterClient;
class Consumer;
}  // namespace runnel::client

namespace runnel::widgets {

struct FetchedRecord {
  QString topic;
  int partition = 0;
  qint64 offset = -1;
  qint64 timestampMs = 0;
  QString key;    // "(null)" for a null key
  QString value;  // pretty JSON when the value parses as JSON
  QVector<QPair<QString, QString>> headers;
};

class RecordFetcher : public QObject {
  Q_OBJECT
 public:
  explicit RecordFetcher(client::ClusterClient* client, QObject* parent = nullptr);
  ~RecordFetcher() override;

  void fetch(const QString& topic, int partition, qint64 offset);
  // Stops the worker and closes the consumer (before the client closes).
  void shutdown();

  // Value bytes as display text: pretty-printed JSON, else the text itself.
  static QString prettyValue(const QByteArray& bytes);

 signals:
  void fetched(const runnel::widgets::FetchedRecord& record);
  void failed(const QString& message);

 private:
  void fetchNow(const QString& topic, int partition, qint64 offset, int generation);

  client::ClusterClient* client_;
  std::unique_ptr<client::Consumer> consumer_;            // worker thread only
  std::atomic<client::Consumer*> liveConsumer_{nullptr};  // for wakeup() from the GUI thread
  std::atomic<int> generation_{0};
  JobThread jobs_;  // last: stops first
};

}  // namespace runnel::widgets

Q_DECLARE_METATYPE(runnel::widgets::FetchedRecord)
