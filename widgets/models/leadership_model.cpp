#include "widgets/models/leadership_model.h"

#include <QStringList>
#include <algorithm>

namespace runnel::widgets {

LeadershipModel::LeadershipModel(QObject* parent) : QAbstractTableModel(parent) {
  clock_.start();
}

int LeadershipModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(partitions_.size());
}

int LeadershipModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(brokerIds_.size());
}

QString LeadershipModel::roleName(ReplicaRole role) {
  switch (role) {
    case ReplicaRole::Leader:
      return tr("leader");
    case ReplicaRole::InSync:
      return tr("in-sync follower");
    case ReplicaRole::OutOfSync:
      return tr("out-of-sync follower");
    case ReplicaRole::Offline:
      return tr("replica on a dead broker");
    case ReplicaRole::None:
      break;
  }
  return tr("no replica");
}

QVariant LeadershipModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
  const client::PartitionView& p = partitions_[static_cast<std::size_t>(index.row())];
  const std::int32_t broker = brokerIds_[static_cast<std::size_t>(index.column())];
  const bool alive = brokerAlive_[static_cast<std::size_t>(index.column())];
  const bool replica = std::find(p.replicas.begin(), p.replicas.end(), broker) != p.replicas.end();
  const bool inIsr = std::find(p.isr.begin(), p.isr.end(), broker) != p.isr.end();
  ReplicaRole r = ReplicaRole::None;
  if (replica) {
    if (!alive)
      r = ReplicaRole::Offline;
    else if (p.leader == broker)
      r = ReplicaRole::Leader;
    else
      r = inIsr ? ReplicaRole::InSync : ReplicaRole::OutOfSync;
  }
  const auto move = moves_.find({p.topic, p.partition});
  ReplicaMove change = ReplicaMove::None;
  if (std::find(p.addingReplicas.begin(), p.addingReplicas.end(), broker) != p.addingReplicas.end())
    change = ReplicaMove::Joining;
  else if (std::find(p.removingReplicas.begin(), p.removingReplicas.end(), broker) !=
           p.removingReplicas.end())
    change = ReplicaMove::Leaving;
  switch (role) {
    case ReplicaRoleRole:
      return static_cast<int>(r);
    case ReplicaMoveRole:
      return static_cast<int>(change);
    case Qt::DisplayRole:
      if (r == ReplicaRole::Leader) return tr("L");
      if (r == ReplicaRole::InSync || r == ReplicaRole::OutOfSync) return tr("F");
      if (r == ReplicaRole::Offline) return tr("×");
      return {};
    case Qt::ToolTipRole: {
      QString tip =
          tr("Partition %1 on broker %2: %3").arg(p.partition).arg(broker).arg(roleName(r));
      if (change == ReplicaMove::Joining)
        tip += tr(" — joining: a reassignment adds it; it copies the log until it is in sync");
      else if (change == ReplicaMove::Leaving)
        tip += tr(" — leaving: a reassignment removes it once every new replica is in sync");
      return tip;
    }
    case LeaderMovedAgoMsRole:
      if (r == ReplicaRole::Leader && move != moves_.end() && move->second.to == broker) {
        const qint64 ago = clock_.elapsed() - move->second.atMs;
        return ago <= kAnimationMs ? QVariant(ago) : QVariant(-1);
      }
      return -1;
    case PreviousLeaderRole:
      if (move != moves_.end() && move->second.to == broker) return move->second.from;
      return -1;
  }
  return {};
}

QVariant LeadershipModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
  if (orientation == Qt::Horizontal) {
    if (section < 0 || section >= columnCount()) return {};
    const bool alive = brokerAlive_[static_cast<std::size_t>(section)];
    const QString name = tr("Broker %1").arg(brokerIds_[static_cast<std::size_t>(section)]);
    return alive ? name : tr("%1 (dead)").arg(name);
  }
  if (section < 0 || section >= rowCount()) return {};
  const client::PartitionView& p = partitions_[static_cast<std::size_t>(section)];
  if (role == Qt::ToolTipRole && (!p.addingReplicas.empty() || !p.removingReplicas.empty())) {
    auto ids = [](const std::vector<std::int32_t>& v) {
      QStringList parts;
      for (std::int32_t id : v)
        parts << QString::number(id);
      return QStringLiteral("{%1}").arg(parts.join(QLatin1Char(',')));
    };
    return tr("Reassigning: replicas %1, joining %2, leaving %3 · leader epoch %4")
        .arg(ids(p.replicas), ids(p.addingReplicas), ids(p.removingReplicas))
        .arg(p.leaderEpoch);
  }
  if (role == Qt::ToolTipRole) {
    return tr("Leader epoch %1 · offsets %2 … %3 (high watermark %4)")
        .arg(p.leaderEpoch)
        .arg(p.logStartOffset)
        .arg(p.logEndOffset)
        .arg(p.highWatermark);
  }
  const bool moving = !p.addingReplicas.empty() || !p.removingReplicas.empty();
  if (p.leader < 0) return tr("P%1 (offline)").arg(p.partition);
  return moving ? tr("P%1 ⇄").arg(p.partition) : tr("P%1").arg(p.partition);
}

void LeadershipModel::setTopic(const QString& topic) {
  if (topic == topic_) return;
  beginResetModel();
  topic_ = topic;
  partitions_.clear();
  endResetModel();
}

void LeadershipModel::update(const client::ClusterView& view) {
  std::vector<std::int32_t> ids;
  std::vector<bool> alive;
  std::vector<client::BrokerView> brokers = view.brokers;
  std::sort(brokers.begin(), brokers.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  for (const auto& b : brokers) {
    ids.push_back(b.id);
    alive.push_back(b.alive);
  }
  std::vector<client::PartitionView> parts;
  const std::string topic = topic_.toStdString();
  for (const auto& p : view.partitions) {
    // Leader moves are tracked for every topic, so switching topics shows recent moves too.
    const auto key = std::make_pair(p.topic, p.partition);
    auto last = lastLeader_.find(key);
    if (last != lastLeader_.end() && last->second != p.leader && p.leader >= 0) {
      moves_[key] = {last->second, p.leader, clock_.elapsed()};
    }
    lastLeader_[key] = p.leader;
    if (p.topic == topic) parts.push_back(p);
  }
  const bool sameShape = ids == brokerIds_ && parts.size() == partitions_.size();
  if (!sameShape) beginResetModel();
  brokerIds_ = std::move(ids);
  brokerAlive_ = std::move(alive);
  partitions_ = std::move(parts);
  if (!sameShape) {
    endResetModel();
  } else if (!partitions_.empty() && !brokerIds_.empty()) {
    emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    emit headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
  }
}

bool LeadershipModel::animating() const {
  const qint64 now = clock_.elapsed();
  for (const auto& [key, move] : moves_)
    if (now - move.atMs <= kAnimationMs && key.first == topic_.toStdString()) return true;
  return false;
}

int LeadershipModel::reassigningCount() const {
  int n = 0;
  for (const auto& p : partitions_)
    n += !p.addingReplicas.empty() || !p.removingReplicas.empty();
  return n;
}

}  // namespace runnel::widgets
