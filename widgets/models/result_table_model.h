// ResultTableModel: a push query's rows as a Qt table. In kCurrent mode a table result is kept
// as the current table — a row per key and window, replaced in place when its key changes and
// removed by a tombstone — and a stream result is appended; in kChangelog mode every change is
// appended with its operation (+ upsert, − delete). Old rows beyond a cap are dropped so a
// long-running query cannot eat the memory. Exports CSV and JSON.
// GUI thread only; fed by LiveResult batches (≤ 30 a second).
#pragma once

#include <QAbstractTableModel>
#include <QHash>

#include "widgets/models/live_result.h"

namespace runnel::widgets {

class ResultTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum class Mode { kCurrent, kChangelog };

  explicit ResultTableModel(Mode mode, int maxRows = 50000, QObject* parent = nullptr);

  void setHeader(const LiveResultHeader& header);
  void applyRows(const QList<LiveRow>& rows);
  void clear();

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

  // Every row, with a header line, RFC 4180 quoting.
  QByteArray toCsv() const;
  // A JSON array of objects keyed by column name.
  QByteArray toJson() const;
  // The cells of row `row` (tests, export).
  QStringList rowCells(int row) const;

 private:
  struct Entry {
    QString key;
    QStringList cells;
    bool tombstone = false;
  };
  void reindex();
  QStringList columns() const;

  Mode mode_;
  int maxRows_;
  LiveResultHeader header_;
  QList<Entry> rows_;
  QHash<QString, int> byKey_;  // kCurrent table results: key -> row
};

}  // namespace runnel::widgets
