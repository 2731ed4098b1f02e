// DataActions: runs what a person asks of the cluster's data — create, delete and configure
// topics, add partitions, reassign replicas, elect preferred leaders, produce records, reset a
// group's offsets, import records from a file — on one worker thread, in the order asked, and
// reports each outcome as a readable sentence by a queued signal. Bulk produces (produce N,
// import) report progress and honour Cancel through an OperationToken. The GUI thread only queues
// work and never waits on the engine. Lives on the GUI thread; the ClusterClient must outlive it.
// Destruction waits for the action in progress (actions are bounded by the Admin timeout) and drops
// the queued ones.
#pragma once

#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "engine/client/cluster_client.h"
#include "widgets/models/message_import.h"

namespace runnel::widgets {

struct NewTopicRequest {
  QString name;
  int partitions = 3;
  int replicationFactor = 3;
  QString cleanupPolicy = QStringLiteral("delete");  // delete, compact, "compact,delete"
  std::optional<qint64> retentionMs;                 // unset: the cluster default; -1 forever
};

struct TopicConfigRow {
  QString name;
  QString value;  // empty with isNull when unset
  bool isNull = false;
  bool overridden = false;  // set on the topic rather than inherited
  bool readOnly = false;
  QString documentation;
};

struct ProduceRequest {
  QString topic;
  int partition = -1;  // -1: the partitioner chooses from the key
  QString keyTemplate;
  bool nullKey = false;
  QString valueTemplate;
  QList<QPair<QString, QString>> headerTemplates;
  int count = 1;
};

struct ImportRequest {
  QString topic;
  int topicPartitions = 0;  // a record's partition from the file is kept when below this
  bool keepTimestamps = true;
  QList<ImportedRecord> records;
  QList<ImportProblem> rejected;  // lines the parse rejected, for the outcome message
};

class OperationToken;

enum class OffsetResetTarget { Earliest, Latest, Timestamp };

class DataActions : public QObject {
  Q_OBJECT
 public:
  explicit DataActions(client::ClusterClient* client, QObject* parent = nullptr);
  ~DataActions() override;

  void createTopic(const NewTopicRequest& request);
  void deleteTopic(const QString& topic);
  void addPartitions(const QString& topic, int totalPartitions);
  void loadTopicConfigs(const QString& topic);
  // `set` name -> value; `reset` names go back to the cluster default.
  void alterTopicConfigs(const QString& topic, const QMap<QString, QString>& set,
                         const QStringList& reset);
  // `token` (optional): progress in records acknowledged, and Cancel stops sending; records
  // already sent stay and the outcome says how many.
  void produce(const ProduceRequest& request, std::shared_ptr<OperationToken> token = {});
  // Produces the records of an import ("import" action), keeping the file's partition where the
  // topic has it and otherwise partitioning by key. Progress and Cancel as for produce().
  void importRecords(const ImportRequest& request, std::shared_ptr<OperationToken> token = {});
  // Starts moving each listed partition of `topic` to its new replicas (preferred leader first).
  void reassignReplicas(const QString& topic, const QMap<int, QList<int>>& targets);
  // Goes back to the replicas from before, for every partition of `topic` being reassigned.
  void cancelReassignments(const QString& topic);
  // Moves leadership of every partition of `topic` (of every topic when empty) to its first
  // replica where that one is in sync.
  void electPreferredLeaders(const QString& topic, int partitions);
  // Moves an idle group's committed offsets (every partition it has committed) to the target.
  void resetGroupOffsets(const QString& group, OffsetResetTarget target, qint64 timestampMs = 0);

  // Actions queued or running.
  int pending() const;

 signals:
  // `action` names the kind ("create-topic", "produce", ...) so views can react to theirs.
  void finished(const QString& action, bool ok, const QString& message);
  void topicConfigsLoaded(const QString& topic, const QList<runnel::widgets::TopicConfigRow>& rows);

 private:
  using Job = std::function<void()>;
  void enqueue(Job job);
  void workerLoop();
  // From the worker: hands an outcome to the GUI thread.
  void report(const QString& action, const Status& status, const QString& okMessage);
  // report() plus the token's outcome, when there is a token.
  void finishOperation(OperationToken* token, const QString& action, const Status& status,
                       const QString& okMessage);
  Status produceOn(const ProduceRequest& request, const std::shared_ptr<OperationToken>& token,
                   QString* summary);
  Status importOn(const ImportRequest& request, const std::shared_ptr<OperationToken>& token,
                  QString* summary);
  struct SendOutcome;
  // Sends `count` records made by `make` with a bounded number in flight, so Cancel takes
  // effect promptly and progress follows acknowledgements (callbacks hold `token` and
  // `outcome`, which is why they are shared).
  Status sendAll(int count, const std::function<client::ProducerRecord(int)>& make,
                 const std::shared_ptr<OperationToken>& token,
                 const std::shared_ptr<SendOutcome>& outcome);
  Status resetOn(const QString& group, OffsetResetTarget target, qint64 timestampMs,
                 QString* summary);

  client::ClusterClient* client_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;                        // guarded by mutex_
  bool stopping_ = false;                       // guarded by mutex_
  int running_ = 0;                             // guarded by mutex_
  std::unique_ptr<client::Producer> producer_;  // worker thread only, created on first produce
  std::thread worker_;
};

}  // namespace runnel::widgets

Q_DECLARE_METATYPE(runnel::widgets::TopicConfigRow)
