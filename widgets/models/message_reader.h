// MessageReader: reads one topic (all partitions or one) for the message browser on its own
// worker thread with its own group-less Consumer — from the beginning, the newest N per
// partition, an offset or a timestamp — filters records there, and hands matches to the GUI
// thread in batches at most ~30 times a second. Without live tail it stops at the end offsets
// it saw when it started, or after `maxMatches`; with live tail it keeps reading until stopped.
// Lives on the GUI thread; the ClusterClient must outlive it. stop() (and the destructor) wake
// the consumer and join the worker, which takes at most one poll.
#pragma once

#include <QList>
#include <QObject>
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

#include "engine/client/cluster_client.h"
#include "widgets/models/record_filter.h"

namespace runnel::widgets {

struct BrowseRequest {
  enum class Start { Beginning, Newest, Offset, Timestamp };
  QString topic;
  int partition = -1;  // -1: every partition
  Start start = Start::Newest;
  qint64 offset = 0;       // Start::Offset (per partition)
  qint64 timestampMs = 0;  // Start::Timestamp
  int newestPerPartition = 100;
  bool live = false;
  RecordFilter filter;
  int maxMatches = 10000;  // a non-live read stops here
};

class MessageReader : public QObject {
  Q_OBJECT
 public:
  explicit MessageReader(client::ClusterClient* client, QObject* parent = nullptr);
  ~MessageReader() override;

  void start(const BrowseRequest& request);
  void stop();
  bool running() const { return running_.load(); }

 signals:
  void recordsArrived(const QList<runnel::widgets::BrowsedRecord>& records);
  // Scanned and matched so far; `state` is a sentence ("Reading…", "Live: waiting for records").
  void progress(qint64 scanned, qint64 matched, const QString& state);
  // The read ended (reached the end, hit the cap, failed or was stopped); `ok` false on failure.
  void finished(bool ok, const QString& message);

 private:
  void run(const BrowseRequest& request, std::uint64_t generation);
  Status readLoop(const BrowseRequest& request, std::uint64_t generation, QString* summary);
  void post(std::uint64_t generation, std::function<void()> fn);

  client::ClusterClient* client_;
  std::thread worker_;
  std::atomic<bool> running_{false};
  std::atomic<bool> stopRequested_{false};
  std::atomic<std::uint64_t> generation_{0};
  std::mutex consumerMutex_;
  client::Consumer* consumer_ = nullptr;  // guarded by consumerMutex_; for wakeup()
};

}  // namespace runnel::widgets

Q_DECLARE_METATYPE(runnel::widgets::BrowsedRecord)
