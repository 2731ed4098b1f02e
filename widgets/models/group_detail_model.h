// GroupDetailModel: one consumer group up close — a row per partition it has offsets for or is
// assigned, with the committed offset, the partition's high watermark, the lag, and which
// member (client id and host) owns it now — plus the group's members and protocol for the
// panel's header line. Follows ClusterFeed views; GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <vector>

#include "engine/client/cluster_view.h"

namespace runnel::widgets {

class GroupDetailModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column {
    TopicColumn,
    PartitionColumn,
    CommittedColumn,
    EndColumn,
    LagColumn,
    OwnerColumn,
    kColumns
  };

  struct Row {
    QString topic;
    int partition = 0;
    qint64 committed = -1;
    qint64 highWatermark = -1;
    qint64 lag = -1;
    QString owner;  // "client-1 @ /127.0.0.1", empty when unassigned
  };
  struct Member {
    QString memberId;
    QString clientId;
    QString host;
    int partitions = 0;
  };

  using QAbstractTableModel::QAbstractTableModel;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  void setGroup(const QString& groupId, const client::ClusterView* view);
  void update(const client::ClusterView& view);

  QString groupId() const { return groupId_; }
  bool found() const { return found_; }
  QString state() const { return state_; }
  QString protocol() const { return protocol_; }
  int generation() const { return generation_; }
  int coordinator() const { return coordinator_; }
  const std::vector<Member>& members() const { return members_; }
  const Row* row(int r) const;
  qint64 totalLag() const;

 private:
  QString groupId_;
  bool found_ = false;
  QString state_;
  QString protocol_;
  int generation_ = -1;
  int coordinator_ = -1;
  std::vector<Member> members_;
  std::vector<Row> rows_;
};

}  // namespace runnel::widgets
