#include "widgets/models/topic_list_model.h"

#include <QGuiApplication>
#include <QPalette>
#include <algorithm>
#include <unordered_map>

#include "widgets/style/theme.h"

namespace runnel::widgets {

int TopicListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int TopicListModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumns;
}

QString TopicListModel::formatBytes(qint64 bytes) {
  if (bytes < 0) return QStringLiteral("—");
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  return u == 0 ? QStringLiteral("%1 B").arg(bytes)
                : QStringLiteral("%1 %2").arg(v, 0, 'f', v < 10 ? 1 : 0).arg(units[u]);
}

QString TopicListModel::formatRate(double perSecond) {
  if (perSecond < 0) return QStringLiteral("—");
  if (perSecond < 0.05) return QStringLiteral("0");
  if (perSecond < 1000) return QString::number(perSecond, 'f', perSecond < 10 ? 1 : 0);
  if (perSecond < 1e6) return QStringLiteral("%1 k").arg(perSecond / 1e3, 0, 'f', 1);
  return QStringLiteral("%1 M").arg(perSecond / 1e6, 0, 'f', 1);
}

QVariant TopicListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= static_cast<int>(rows_.size())) return {};
  const Row& r = rows_[static_cast<std::size_t>(index.row())];
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case NameColumn:
          return r.name;
        case PartitionsColumn:
          return r.partitions;
        case ReplicationColumn:
          return r.replicationFactor;
        case SizeColumn:
          return formatBytes(r.sizeBytes);
        case RateColumn:
          return formatRate(r.recordsPerSec);
      }
      break;
    case SortRole:
      switch (index.column()) {
        case NameColumn:
          return r.name;
        case PartitionsColumn:
          return r.partitions;
        case ReplicationColumn:
          return r.replicationFactor;
        case SizeColumn:
          return r.sizeBytes;
        case RateColumn:
          return r.recordsPerSec;
      }
      break;
    case Qt::ToolTipRole:
      return tr("%1: %2 partitions, replication factor %3, %4 records retained%5")
          .arg(r.name)
          .arg(r.partitions)
          .arg(r.replicationFactor)
          .arg(QLocale().toString(r.records))
          .arg(r.internal ? tr(" (internal topic, used by the cluster itself)") : QString());
    case Qt::ForegroundRole:
      if (r.internal) return Theme::instance().colors().muted;
      break;
    case Qt::TextAlignmentRole:
      if (index.column() != NameColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      break;
    case InternalRole:
      return r.internal;
  }
  return {};
}

QVariant TopicListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::DisplayRole) {
    switch (section) {
      case NameColumn:
        return tr("Topic");
      case PartitionsColumn:
        return tr("Partitions");
      case ReplicationColumn:
        return tr("RF");
      case SizeColumn:
        return tr("Size");
      case RateColumn:
        return tr("Records/s");
    }
  }
  if (role == Qt::ToolTipRole) {
    switch (section) {
      case ReplicationColumn:
        return tr("Replication factor: how many brokers keep a copy of each partition");
      case SizeColumn:
        return tr("Bytes on disk of the leaders' logs");
      case RateColumn:
        return tr("Records appended per second, over the last refresh");
    }
  }
  return {};
}

void TopicListModel::update(const client::ClusterView& view) {
  std::vector<Row> next;
  next.reserve(view.topics.size());
  std::unordered_map<std::string, std::size_t> indexOf;
  indexOf.reserve(view.topics.size());
  for (const auto& t : view.topics) {
    Row r;
    r.name = QString::fromStdString(t.name);
    r.partitions = t.partitions;
    r.replicationFactor = t.replicationFactor;
    r.internal = t.internal;
    indexOf.emplace(t.name, next.size());
    next.push_back(std::move(r));
  }
  for (const auto& p : view.partitions) {
    auto it = indexOf.find(p.topic);
    if (it == indexOf.end()) continue;
    Row& r = next[it->second];
    if (p.partition >= 0 && p.partition < 1 << 16) {
      while (r.replicas.size() <= p.partition)
        r.replicas.append(QList<int>());
      r.replicas[p.partition] = QList<int>(p.replicas.begin(), p.replicas.end());
    }
    if (!p.addingReplicas.empty() || !p.removingReplicas.empty()) ++r.reassigning;
    if (p.sizeBytes)
      r.sizeBytes = std::max<qint64>(r.sizeBytes, 0) + static_cast<qint64>(*p.sizeBytes);
    if (p.highWatermark >= 0) {
      r.highWatermarkSum += p.highWatermark;
      r.records += p.highWatermark - std::max<std::int64_t>(p.logStartOffset, 0);
    }
  }
  std::sort(next.begin(), next.end(), [](const Row& a, const Row& b) { return a.name < b.name; });
  std::vector<client::BrokerView> brokers = view.brokers;
  std::sort(brokers.begin(), brokers.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  brokerIds_.clear();
  brokersAlive_.clear();
  for (const auto& b : brokers) {
    brokerIds_.append(b.id);
    brokersAlive_.append(b.alive);
  }

  const double elapsedSec = lastTakenAtMs_ > 0 && view.takenAtMs > lastTakenAtMs_
                                ? static_cast<double>(view.takenAtMs - lastTakenAtMs_) / 1000.0
                                : 0.0;
  lastTakenAtMs_ = view.takenAtMs;

  // Merge old and new (both sorted by name): remove vanished rows, insert new ones, carry the
  // previous high watermark over for the rate.
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < rows_.size() || j < next.size()) {
    if (j >= next.size() || (i < rows_.size() && rows_[i].name < next[j].name)) {
      std::size_t end = i + 1;
      while (end < rows_.size() && (j >= next.size() || rows_[end].name < next[j].name))
        ++end;
      beginRemoveRows({}, static_cast<int>(i), static_cast<int>(end - 1));
      rows_.erase(rows_.begin() + static_cast<std::ptrdiff_t>(i),
                  rows_.begin() + static_cast<std::ptrdiff_t>(end));
      endRemoveRows();
    } else if (i >= rows_.size() || next[j].name < rows_[i].name) {
      std::size_t end = j + 1;
      while (end < next.size() && (i >= rows_.size() || next[end].name < rows_[i].name))
        ++end;
      beginInsertRows({}, static_cast<int>(i), static_cast<int>(i + (end - j) - 1));
      rows_.insert(rows_.begin() + static_cast<std::ptrdiff_t>(i),
                   next.begin() + static_cast<std::ptrdiff_t>(j),
                   next.begin() + static_cast<std::ptrdiff_t>(end));
      endInsertRows();
      i += end - j;
      j = end;
    } else {
      Row& old = rows_[i];
      Row& fresh = next[j];
      if (elapsedSec > 0)
        fresh.recordsPerSec = std::max(
            0.0, static_cast<double>(fresh.highWatermarkSum - old.highWatermarkSum) / elapsedSec);
      else
        fresh.recordsPerSec = old.recordsPerSec;
      old = std::move(fresh);
      ++i;
      ++j;
    }
  }
  if (!rows_.empty())
    emit dataChanged(index(0, 0), index(static_cast<int>(rows_.size()) - 1, kColumns - 1));
}

const TopicListModel::Row* TopicListModel::row(int r) const {
  return r >= 0 && r < static_cast<int>(rows_.size()) ? &rows_[static_cast<std::size_t>(r)]
                                                      : nullptr;
}

int TopicListModel::rowOf(const QString& topic) const {
  auto it = std::lower_bound(rows_.begin(), rows_.end(), topic,
                             [](const Row& r, const QString& n) { return r.name < n; });
  return it != rows_.end() && it->name == topic ? static_cast<int>(it - rows_.begin()) : -1;
}

QStringList TopicListModel::topicNames() const {
  QStringList names;
  names.reserve(static_cast<int>(rows_.size()));
  for (const auto& r : rows_)
    names << r.name;
  return names;
}

int TopicListModel::partitionsOf(const QString& topic) const {
  const Row* r = row(rowOf(topic));
  return r ? r->partitions : 0;
}

QList<QList<int>> TopicListModel::replicasOf(const QString& topic) const {
  const Row* r = row(rowOf(topic));
  return r ? r->replicas : QList<QList<int>>();
}

}  // namespace runnel::widgets
