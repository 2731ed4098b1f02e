#include "widgets/models/running_queries_model.h"

#include "widgets/style/theme.h"

namespace runnel::widgets {

RunningQueriesModel::RunningQueriesModel(SqlSession* session, QObject* parent)
    : QAbstractTableModel(parent), session_(session) {
  connect(session_, &SqlSession::queriesChanged, this, &RunningQueriesModel::update);
  update();
}

void RunningQueriesModel::update() {
  const QList<SqlQueryRow>& next = session_->queries();
  bool sameIds = next.size() == rows_.size();
  for (int i = 0; sameIds && i < next.size(); ++i)
    sameIds = next[i].id == rows_[i].id;
  if (!sameIds) {
    beginResetModel();
    rows_ = next;
    endResetModel();
    return;
  }
  rows_ = next;
  if (!rows_.isEmpty()) emit dataChanged(index(0, 0), index(rowCount() - 1, kColumnCount - 1));
}

int RunningQueriesModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(rows_.size());
}
int RunningQueriesModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumnCount;
}

QString RunningQueriesModel::queryId(int row) const {
  return row >= 0 && row < rows_.size() ? rows_[row].id : QString();
}
bool RunningQueriesModel::isRunning(int row) const {
  return row >= 0 && row < rows_.size() && rows_[row].state == QLatin1String("RUNNING");
}

QVariant RunningQueriesModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rows_.size()) return {};
  const SqlQueryRow& q = rows_[index.row()];
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
      case kId:
        return q.id;
      case kKind:
        return q.persistent ? tr("persistent") : tr("push");
      case kState:
        return q.state;
      case kSink:
        return q.sink;
      case kRecordsIn:
        return q.recordsIn;
      case kRecordsOut:
        return q.recordsOut;
      case kRate:
        return QStringLiteral("%1/s").arg(q.recordsPerSecond, 0, 'f', 1);
    }
  }
  if (role == Qt::ToolTipRole) return q.error.isEmpty() ? q.sql : q.error;
  if (role == Qt::ForegroundRole && index.column() == kState) {
    const auto& c = Theme::instance().colors();
    if (q.state == QLatin1String("RUNNING")) return c.healthy;
    if (q.state == QLatin1String("ERROR")) return c.offline;
    return c.muted;
  }
  if (role == Qt::TextAlignmentRole && index.column() >= kRecordsIn)
    return int(Qt::AlignRight | Qt::AlignVCenter);
  return {};
}

QVariant RunningQueriesModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
  switch (section) {
    case kId:
      return tr("Query");
    case kKind:
      return tr("Kind");
    case kState:
      return tr("State");
    case kSink:
      return tr("Writes to");
    case kRecordsIn:
      return tr("Records in");
    case kRecordsOut:
      return tr("Records out");
    case kRate:
      return tr("Input rate");
  }
  return {};
}

}  // namespace runnel::widgets
