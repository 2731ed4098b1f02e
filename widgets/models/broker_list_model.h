// BrokerListModel: the brokers of the cluster as a list model for the Cluster panel's cards —
// id, address, alive or dead, controller, leader and replica counts, byte rates. Updated from
// ClusterFeed views with the smallest change (rows inserted/removed only when brokers are added,
// dataChanged otherwise), so cards keep their state between updates. GUI thread only.
#pragma once

#include <QAbstractListModel>
#include <vector>

#include "engine/client/cluster_view.h"

namespace runnel::widgets {

class BrokerListModel : public QAbstractListModel {
  Q_OBJECT
 public:
  enum Role {
    IdRole = Qt::UserRole + 1,
    AddressRole,
    AliveRole,
    ControllerRole,
    LeaderCountRole,
    ReplicaCountRole,
    BytesInRateRole,  // double, or invalid when the backend does not know
    BytesOutRateRole,
  };

  using QAbstractListModel::QAbstractListModel;

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void update(const client::ClusterView& view);
  const client::BrokerView* broker(int row) const;
  int rowOfBroker(std::int32_t id) const;

  // "1.2 MB/s"
  static QString formatRate(double bytesPerSecond);

 private:
  std::vector<client::BrokerView> brokers_;
};

}  // namespace runnel::widgets
