#include "widgets/models/group_detail_model.h"

#include <QLocale>
#include <algorithm>
#include <map>

#include "widgets/style/theme.h"

namespace runnel::widgets {

int GroupDetailModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int GroupDetailModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumns;
}

QVariant GroupDetailModel::data(const QModelIndex& index, int role) const {
  const Row* r = row(index.row());
  if (!r) return {};
  const QLocale locale;
  auto number = [&](qint64 v) { return v < 0 ? QStringLiteral("—") : locale.toString(v); };
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
      case TopicColumn:
        return r->topic;
      case PartitionColumn:
        return r->partition;
      case CommittedColumn:
        return number(r->committed);
      case EndColumn:
        return number(r->highWatermark);
      case LagColumn:
        return number(r->lag);
      case OwnerColumn:
        return r->owner.isEmpty() ? tr("unassigned") : r->owner;
    }
  } else if (role == Qt::ForegroundRole) {
    const auto& colors = Theme::instance().colors();
    if (index.column() == LagColumn) return r->lag > 0 ? colors.warning : colors.healthy;
    if (index.column() == OwnerColumn && r->owner.isEmpty()) return colors.muted;
  } else if (role == Qt::TextAlignmentRole) {
    if (index.column() >= PartitionColumn && index.column() <= LagColumn)
      return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
  }
  return {};
}

QVariant GroupDetailModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case TopicColumn:
      return tr("Topic");
    case PartitionColumn:
      return tr("Partition");
    case CommittedColumn:
      return tr("Committed");
    case EndColumn:
      return tr("High watermark");
    case LagColumn:
      return tr("Lag");
    case OwnerColumn:
      return tr("Owner");
  }
  return {};
}

void GroupDetailModel::setGroup(const QString& groupId, const client::ClusterView* view) {
  beginResetModel();
  groupId_ = groupId;
  rows_.clear();
  members_.clear();
  found_ = false;
  endResetModel();
  if (view) update(*view);
}

void GroupDetailModel::update(const client::ClusterView& view) {
  const std::string id = groupId_.toStdString();
  auto g = std::find_if(view.groups.begin(), view.groups.end(),
                        [&](const client::GroupView& v) { return v.groupId == id; });
  std::vector<Row> next;
  std::vector<Member> members;
  found_ = g != view.groups.end();
  if (found_) {
    state_ = QString::fromStdString(g->state);
    protocol_ = QString::fromStdString(g->protocol);
    generation_ = g->generation;
    coordinator_ = g->coordinator;
    std::map<std::string, QString> ownerOf;
    std::map<client::TopicPartition, QString> assignedTo;
    for (const auto& m : g->members) {
      Member mm{QString::fromStdString(m.memberId), QString::fromStdString(m.clientId),
                QString::fromStdString(m.host), static_cast<int>(m.assignment.size())};
      const QString owner = mm.clientId + QStringLiteral(" @ ") + mm.host;
      ownerOf[m.memberId] = owner;
      for (const auto& tp : m.assignment)
        assignedTo[tp] = owner;
      members.push_back(std::move(mm));
    }
    std::map<client::TopicPartition, Row> byTp;
    for (const auto& p : g->partitions) {
      Row r;
      r.topic = QString::fromStdString(p.topicPartition.topic);
      r.partition = p.topicPartition.partition;
      r.committed = p.committedOffset;
      r.lag = p.lag;
      auto o = ownerOf.find(p.memberId);
      if (o != ownerOf.end()) r.owner = o->second;
      byTp[p.topicPartition] = r;
    }
    // Assigned partitions with nothing committed yet still belong in the table.
    for (const auto& [tp, owner] : assignedTo) {
      Row& r = byTp[tp];
      if (r.topic.isEmpty()) {
        r.topic = QString::fromStdString(tp.topic);
        r.partition = tp.partition;
      }
      r.owner = owner;
    }
    for (auto& [tp, r] : byTp) {
      // view.partitions is ordered by (topic, partition).
      auto it =
          std::lower_bound(view.partitions.begin(), view.partitions.end(), tp,
                           [](const client::PartitionView& p, const client::TopicPartition& t) {
                             return std::tie(p.topic, p.partition) < std::tie(t.topic, t.partition);
                           });
      if (it != view.partitions.end() && it->topic == tp.topic && it->partition == tp.partition)
        r.highWatermark = it->highWatermark;
      next.push_back(std::move(r));
    }
  }
  members_ = std::move(members);
  const bool sameShape =
      next.size() == rows_.size() &&
      std::equal(next.begin(), next.end(), rows_.begin(), [](const Row& a, const Row& b) {
        return a.topic == b.topic && a.partition == b.partition;
      });
  if (sameShape) {
    rows_ = std::move(next);
    if (!rows_.empty())
      emit dataChanged(index(0, 0), index(static_cast<int>(rows_.size()) - 1, kColumns - 1));
  } else {
    beginResetModel();
    rows_ = std::move(next);
    endResetModel();
  }
}

const GroupDetailModel::Row* GroupDetailModel::row(int r) const {
  return r >= 0 && r < static_cast<int>(rows_.size()) ? &rows_[static_cast<std::size_t>(r)]
                                                      : nullptr;
}

qint64 GroupDetailModel::totalLag() const {
  qint64 total = -1;
  for (const auto& r : rows_)
    if (r.lag >= 0) total = std::max<qint64>(total, 0) + r.lag;
  return total;
}

}  // namespace runnel::widgets
