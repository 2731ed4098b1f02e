// TopicListModel: every topic of the cluster as a table for the Topics panel — name, partitions,
// replication factor, size on disk, records per second coming in (from the high-watermark
// growth between two ClusterViews), internal topics dimmed. Updated from ClusterFeed views with
// the smallest change (rows inserted/removed only for new/deleted topics, one dataChanged for the
// rest), so selection and scroll survive and 1,000 topics stay cheap. GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <vector>

#include "engine/client/cluster_view.h"

namespace runnel::widgets {

class TopicListModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { NameColumn, PartitionsColumn, ReplicationColumn, SizeColumn, RateColumn, kColumns };
  enum Role {
    InternalRole = Qt::UserRole + 1,  // bool
    SortRole,                         // numeric columns sort by number, not text
  };

  struct Row {
    QString name;
    int partitions = 0;
    int replicationFactor = 0;
    bool internal = false;
    qint64 sizeBytes = -1;  // -1: the backend does not say
    qint64 records = 0;     // sum of high watermarks minus log starts
    qint64 highWatermarkSum = 0;
    double recordsPerSec = -1;   // -1: not known yet (first view)
    QList<QList<int>> replicas;  // per partition, preferred leader first
    int reassigning = 0;         // partitions with a reassignment in progress
  };

  using QAbstractTableModel::QAbstractTableModel;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  void update(const client::ClusterView& view);
  const Row* row(int r) const;
  int rowOf(const QString& topic) const;
  QStringList topicNames() const;
  int partitionsOf(const QString& topic) const;
  // Each partition's replicas (preferred leader first); empty for an unknown topic.
  QList<QList<int>> replicasOf(const QString& topic) const;
  // The cluster's broker ids (ascending) and which of them are alive.
  const QList<int>& brokerIds() const { return brokerIds_; }
  const QList<bool>& brokersAlive() const { return brokersAlive_; }

  static QString formatBytes(qint64 bytes);
  static QString formatRate(double perSecond);

 private:
  std::vector<Row> rows_;  // sorted by name
  qint64 lastTakenAtMs_ = 0;
  QList<int> brokerIds_;
  QList<bool> brokersAlive_;
};

}  // namespace runnel::widgets
