#include "widgets/models/result_table_model.h"

#include <QBuffer>
#include <QFont>

#include "widgets/models/result_export.h"

namespace runnel::widgets {

ResultTableModel::ResultTableModel(Mode mode, int maxRows, QObject* parent)
    : QAbstractTableModel(parent), mode_(mode), maxRows_(maxRows) {}

void ResultTableModel::setHeader(const LiveResultHeader& header) {
  beginResetModel();
  header_ = header;
  rows_.clear();
  byKey_.clear();
  endResetModel();
}

void ResultTableModel::clear() {
  beginResetModel();
  rows_.clear();
  byKey_.clear();
  endResetModel();
}

QStringList ResultTableModel::columns() const {
  QStringList c;
  if (mode_ == Mode::kChangelog) c << tr("OP");
  return c + header_.columns;
}

void ResultTableModel::reindex() {
  byKey_.clear();
  for (int i = 0; i < rows_.size(); ++i)
    byKey_.insert(rows_[i].key, i);
}

void ResultTableModel::applyRows(const QList<LiveRow>& rows) {
  if (rows.isEmpty()) return;
  const bool upsert = mode_ == Mode::kCurrent && header_.table;
  if (!upsert) {
    const int first = int(rows_.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    for (const LiveRow& r : rows)
      rows_.push_back({r.key, r.cells, r.tombstone});
    endInsertRows();
  } else {
    bool structural = false;  // inserts and deletes: one reset is cheaper than many signals
    QList<int> changed;
    for (const LiveRow& r : rows) {
      const auto it = byKey_.constFind(r.key);
      if (r.tombstone) {
        if (it == byKey_.constEnd()) continue;
        rows_[*it].tombstone = true;  // removed below, after the batch
        byKey_.erase(it);
        structural = true;
      } else if (it != byKey_.constEnd()) {
        rows_[*it].cells = r.cells;
        changed << *it;
      } else {
        byKey_.insert(r.key, int(rows_.size()));
        rows_.push_back({r.key, r.cells, false});
        structural = true;
      }
    }
    if (structural) {
      beginResetModel();
      rows_.removeIf([](const Entry& e) { return e.tombstone; });
      reindex();
      endResetModel();
    } else {
      for (int row : changed)
        emit dataChanged(index(row, 0), index(row, columnCount() - 1));
    }
  }
  if (rows_.size() > maxRows_) {
    const int drop = int(rows_.size()) - maxRows_;
    beginRemoveRows({}, 0, drop - 1);
    rows_.remove(0, drop);
    endRemoveRows();
    if (upsert) reindex();
  }
}

int ResultTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(rows_.size());
}

int ResultTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(columns().size());
}

QStringList ResultTableModel::rowCells(int row) const {
  if (row < 0 || row >= rows_.size()) return {};
  QStringList c;
  if (mode_ == Mode::kChangelog)
    c << (rows_[row].tombstone ? QStringLiteral("−") : QStringLiteral("+"));
  return c + rows_[row].cells;
}

QVariant ResultTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rows_.size()) return {};
  const int offset = mode_ == Mode::kChangelog ? 1 : 0;
  if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
    const QStringList cells = rowCells(index.row());
    return index.column() < cells.size() ? cells[index.column()] : QString();
  }
  if (role == Qt::FontRole) {
    const int c = index.column() - offset;
    if (c >= 0 && c < header_.keyColumn.size() && header_.keyColumn[c]) {
      QFont f;
      f.setBold(true);
      return f;
    }
  }
  if (role == Qt::TextAlignmentRole && index.column() < offset) return int(Qt::AlignCenter);
  return {};
}

QVariant ResultTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole) return {};
  if (orientation == Qt::Vertical) return section + 1;
  const QStringList c = columns();
  return section < c.size() ? c[section] : QVariant();
}

QByteArray ResultTableModel::toCsv() const {
  QBuffer out;
  out.open(QIODevice::WriteOnly);
  writeResult(snapshotOf(*this), /*json=*/false, out);
  return out.data();
}

QByteArray ResultTableModel::toJson() const {
  QBuffer out;
  out.open(QIODevice::WriteOnly);
  writeResult(snapshotOf(*this), /*json=*/true, out);
  return out.data();
}

}  // namespace runnel::widgets
