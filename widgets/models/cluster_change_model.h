// ClusterChangeModel: the event timeline — what happened in the cluster, newest last, with the
// time and the one-line description ("broker 2 died; partition 3 of payments: leader 2 → 1, ISR
// {1,2,3} → {1,3}"). Keeps the newest `capacity` entries. GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <deque>

#include "engine/client/cluster_view.h"

namespace runnel::widgets {

class ClusterChangeModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { TimeColumn, KindColumn, DescriptionColumn, ColumnCount };
  enum Role { KindRole = Qt::UserRole + 1, TimestampRole };

  explicit ClusterChangeModel(int capacity = 2000, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  void append(const std::vector<client::ClusterChange>& changes);
  void clear();
  const client::ClusterChange& change(int row) const {
    return changes_[static_cast<std::size_t>(row)];
  }

  // "broker-died" -> "Broker died"
  static QString kindLabel(const std::string& kind);

 private:
  std::deque<client::ClusterChange> changes_;
  int capacity_;
};

}  // namespace runnel::widgets
