#include "widgets/models/cluster_change_model.h"

#include <QDateTime>

#include "widgets/style/theme.h"

namespace runnel::widgets {

ClusterChangeModel::ClusterChangeModel(int capacity, QObject* parent)
    : QAbstractTableModel(parent), capacity_(capacity) {}

int ClusterChangeModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(changes_.size());
}

int ClusterChangeModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QString ClusterChangeModel::kindLabel(const std::string& kind) {
  QString label = QString::fromStdString(kind).replace('-', ' ');
  if (!label.isEmpty()) label[0] = label[0].toUpper();
  return label;
}

QVariant ClusterChangeModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const client::ClusterChange& c = changes_[static_cast<std::size_t>(index.row())];
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case TimeColumn:
          return QDateTime::fromMSecsSinceEpoch(c.timestampMs)
              .toString(QStringLiteral("HH:mm:ss.zzz"));
        case KindColumn:
          return kindLabel(c.kind);
        case DescriptionColumn:
          return QString::fromStdString(c.description);
      }
      break;
    case Qt::ForegroundRole:
      if (index.column() == KindColumn) {
        const auto& colors = Theme::instance().colors();
        if (c.kind == "broker-died") return colors.offline;
        if (c.kind == "broker-restarted" || c.kind == "broker-added") return colors.healthy;
        if (c.kind == "leader-changed") return colors.accent;
        if (c.kind == "isr-changed" || c.kind == "log-truncated") return colors.warning;
        if (c.kind.rfind("reassignment-", 0) == 0) return colors.accent;
      }
      break;
    case Qt::ToolTipRole:
      return QString::fromStdString(c.description);
    case KindRole:
      return QString::fromStdString(c.kind);
    case TimestampRole:
      return static_cast<qlonglong>(c.timestampMs);
  }
  return {};
}

QVariant ClusterChangeModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case TimeColumn:
      return tr("Time");
    case KindColumn:
      return tr("What");
    case DescriptionColumn:
      return tr("Details");
  }
  return {};
}

void ClusterChangeModel::append(const std::vector<client::ClusterChange>& changes) {
  if (changes.empty()) return;
  const int overflow = static_cast<int>(changes_.size() + changes.size()) - capacity_;
  if (overflow > 0) {
    const int drop = std::min(overflow, static_cast<int>(changes_.size()));
    if (drop > 0) {
      beginRemoveRows({}, 0, drop - 1);
      changes_.erase(changes_.begin(), changes_.begin() + drop);
      endRemoveRows();
    }
  }
  const std::size_t skip = changes.size() > static_cast<std::size_t>(capacity_)
                               ? changes.size() - static_cast<std::size_t>(capacity_)
                               : 0;
  const int first = rowCount();
  beginInsertRows({}, first, first + static_cast<int>(changes.size() - skip) - 1);
  changes_.insert(changes_.end(), changes.begin() + static_cast<std::ptrdiff_t>(skip),
                  changes.end());
  endInsertRows();
}

void ClusterChangeModel::clear() {
  beginResetModel();
  changes_.clear();
  endResetModel();
}

}  // namespace runnel::widgets
