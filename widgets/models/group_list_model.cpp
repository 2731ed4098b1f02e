#include "widgets/models/group_list_model.h"

#include <QLocale>
#include <algorithm>

#include "widgets/style/theme.h"

namespace runnel::widgets {

int GroupListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int GroupListModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumns;
}

QVariant GroupListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= static_cast<int>(rows_.size())) return {};
  const Row& r = rows_[static_cast<std::size_t>(index.row())];
  const auto& colors = Theme::instance().colors();
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case GroupColumn:
          return r.groupId;
        case StateColumn:
          return r.state;
        case MembersColumn:
          return r.members;
        case PartitionsColumn:
          return r.partitions;
        case LagColumn:
          return r.lag < 0 ? QStringLiteral("—") : QLocale().toString(r.lag);
      }
      break;
    case SortRole:
      switch (index.column()) {
        case GroupColumn:
          return r.groupId;
        case StateColumn:
          return r.state;
        case MembersColumn:
          return r.members;
        case PartitionsColumn:
          return r.partitions;
        case LagColumn:
          return r.lag;
      }
      break;
    case ActiveRole:
      return r.members > 0;
    case Qt::ForegroundRole:
      if (index.column() == StateColumn) {
        if (r.state == "Stable") return colors.healthy;
        if (r.state.contains("Rebalance")) return colors.warning;
        return colors.muted;
      }
      if (index.column() == LagColumn && r.lag > 0) return colors.warning;
      break;
    case Qt::TextAlignmentRole:
      if (index.column() >= MembersColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      break;
  }
  return {};
}

QVariant GroupListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::DisplayRole) {
    switch (section) {
      case GroupColumn:
        return tr("Group");
      case StateColumn:
        return tr("State");
      case MembersColumn:
        return tr("Members");
      case PartitionsColumn:
        return tr("Partitions");
      case LagColumn:
        return tr("Lag");
    }
  }
  if (role == Qt::ToolTipRole && section == LagColumn)
    return tr("Records written but not yet consumed: high watermark − committed offset, summed");
  return {};
}

void GroupListModel::update(const client::ClusterView& view) {
  std::vector<Row> next;
  next.reserve(view.groups.size());
  for (const auto& g : view.groups) {
    Row r;
    r.groupId = QString::fromStdString(g.groupId);
    r.state = QString::fromStdString(g.state);
    r.members = static_cast<int>(g.members.size());
    r.partitions = static_cast<int>(g.partitions.size());
    for (const auto& p : g.partitions)
      if (p.lag >= 0) r.lag = std::max<qint64>(r.lag, 0) + p.lag;
    next.push_back(std::move(r));
  }
  std::sort(next.begin(), next.end(),
            [](const Row& a, const Row& b) { return a.groupId < b.groupId; });

  std::size_t i = 0;
  std::size_t j = 0;
  while (i < rows_.size() || j < next.size()) {
    if (j >= next.size() || (i < rows_.size() && rows_[i].groupId < next[j].groupId)) {
      std::size_t end = i + 1;
      while (end < rows_.size() && (j >= next.size() || rows_[end].groupId < next[j].groupId))
        ++end;
      beginRemoveRows({}, static_cast<int>(i), static_cast<int>(end - 1));
      rows_.erase(rows_.begin() + static_cast<std::ptrdiff_t>(i),
                  rows_.begin() + static_cast<std::ptrdiff_t>(end));
      endRemoveRows();
    } else if (i >= rows_.size() || next[j].groupId < rows_[i].groupId) {
      std::size_t end = j + 1;
      while (end < next.size() && (i >= rows_.size() || next[end].groupId < rows_[i].groupId))
        ++end;
      beginInsertRows({}, static_cast<int>(i), static_cast<int>(i + (end - j) - 1));
      rows_.insert(rows_.begin() + static_cast<std::ptrdiff_t>(i),
                   std::make_move_iterator(next.begin() + static_cast<std::ptrdiff_t>(j)),
                   std::make_move_iterator(next.begin() + static_cast<std::ptrdiff_t>(end)));
      endInsertRows();
      i += end - j;
      j = end;
    } else {
      rows_[i] = std::move(next[j]);
      ++i;
      ++j;
    }
  }
  if (!rows_.empty())
    emit dataChanged(index(0, 0), index(static_cast<int>(rows_.size()) - 1, kColumns - 1));
}

const GroupListModel::Row* GroupListModel::row(int r) const {
  return r >= 0 && r < static_cast<int>(rows_.size()) ? &rows_[static_cast<std::size_t>(r)]
                                                      : nullptr;
}

int GroupListModel::rowOf(const QString& groupId) const {
  auto it = std::lower_bound(rows_.begin(), rows_.end(), groupId,
                             [](const Row& r, const QString& n) { return r.groupId < n; });
  return it != rows_.end() && it->groupId == groupId ? static_cast<int>(it - rows_.begin()) : -1;
}

}  // namespace runnel::widgets
