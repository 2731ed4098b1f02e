#include "widgets/models/broker_list_model.h"

namespace runnel::widgets {

int BrokerListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(brokers_.size());
}

QVariant BrokerListModel::data(const QModelIndex& index, int role) const {
  const client::BrokerView* b = broker(index.row());
  if (!b) return {};
  switch (role) {
    case Qt::DisplayRole:
      return tr("Broker %1").arg(b->id);
    case Qt::ToolTipRole:
      return tr("Broker %1 on %2:%3 — %4")
          .arg(b->id)
          .arg(QString::fromStdString(b->host))
          .arg(b->port)
          .arg(b->alive ? tr("alive") : tr("dead"));
    case IdRole:
      return b->id;
    case AddressRole:
      return QStringLiteral("%1:%2").arg(QString::fromStdString(b->host)).arg(b->port);
    case AliveRole:
      return b->alive;
    case ControllerRole:
      return b->controller;
    case LeaderCountRole:
      return b->leaderCount;
    case ReplicaCountRole:
      return b->replicaCount;
    case BytesInRateRole:
      return b->bytesInPerSec ? QVariant(*b->bytesInPerSec) : QVariant();
    case BytesOutRateRole:
      return b->bytesOutPerSec ? QVariant(*b->bytesOutPerSec) : QVariant();
  }
  return {};
}

QHash<int, QByteArray> BrokerListModel::roleNames() const {
  return {{IdRole, "brokerId"},
          {AddressRole, "address"},
          {AliveRole, "alive"},
          {ControllerRole, "controller"},
          {LeaderCountRole, "leaderCount"},
          {ReplicaCountRole, "replicaCount"},
          {BytesInRateRole, "bytesIn"},
          {BytesOutRateRole, "bytesOut"}};
}

const client::BrokerView* BrokerListModel::broker(int row) const {
  if (row < 0 || row >= static_cast<int>(brokers_.size())) return nullptr;
  return &brokers_[static_cast<std::size_t>(row)];
}

int BrokerListModel::rowOfBroker(std::int32_t id) const {
  for (std::size_t i = 0; i < brokers_.size(); ++i)
    if (brokers_[i].id == id) return static_cast<int>(i);
  return -1;
}

void BrokerListModel::update(const client::ClusterView& view) {
  std::vector<client::BrokerView> next = view.brokers;
  std::sort(next.begin(), next.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  bool sameIds = next.size() == brokers_.size();
  for (std::size_t i = 0; sameIds && i < next.size(); ++i)
    sameIds = next[i].id == brokers_[i].id;
  if (!sameIds) {
    beginResetModel();
    brokers_ = std::move(next);
    endResetModel();
    return;
  }
  for (std::size_t i = 0; i < next.size(); ++i) {
    const auto& a = brokers_[i];
    const auto& b = next[i];
    const bool changed =
        a.alive != b.alive || a.controller != b.controller || a.leaderCount != b.leaderCount ||
        a.replicaCount != b.replicaCount || a.bytesInPerSec != b.bytesInPerSec ||
        a.bytesOutPerSec != b.bytesOutPerSec || a.port != b.port || a.host != b.host;
    brokers_[i] = b;
    if (changed) emit dataChanged(index(static_cast<int>(i)), index(static_cast<int>(i)));
  }
}

QString BrokerListModel::formatRate(double bytesPerSecond) {
  static const char* kUnits[] = {"B/s", "KB/s", "MB/s", "GB/s"};
  int unit = 0;
  while (bytesPerSecond >= 1000 && unit < 3) {
    bytesPerSecond /= 1000;
    ++unit;
  }
  return QStringLiteral("%1 %2")
      .arg(bytesPerSecond, 0, 'f', bytesPerSecond < 10 && unit > 0 ? 1 : 0)
      .arg(kUnits[unit]);
}

}  // namespace runnel::widgets
