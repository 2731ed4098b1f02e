// GroupListModel: the cluster's consumer groups as a table for the Consumer Groups panel —
// group id, state, member count, partitions with committed offsets, and total lag. Updated
// from ClusterFeed views with the smallest change (rows inserted/removed only for new or
// vanished groups), so selection survives and 10,000 groups stay cheap. GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <vector>

#include "engine/client/cluster_view.h"

namespace runnel::widgets {

class GroupListModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { GroupColumn, StateColumn, MembersColumn, PartitionsColumn, LagColumn, kColumns };
  enum Role { SortRole = Qt::UserRole + 1, ActiveRole };

  struct Row {
    QString groupId;
    QString state;
    int members = 0;
    int partitions = 0;
    qint64 lag = -1;  // -1: unknown (nothing committed)
  };

  using QAbstractTableModel::QAbstractTableModel;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  void update(const client::ClusterView& view);
  const Row* row(int r) const;
  int rowOf(const QString& groupId) const;

 private:
  std::vector<Row> rows_;  // sorted by group id
};

}  // namespace runnel::widgets
