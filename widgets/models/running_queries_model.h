// RunningQueriesModel: the SQL engine's queries as a table — id, kind, state, sink, records in
// and out, input rate — from SqlSession's once-a-second snapshot, updated in place by id.
// GUI thread only; does not own the session.
#pragma once

#include <QAbstractTableModel>

#include "widgets/models/sql_session.h"

namespace runnel::widgets {

class RunningQueriesModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { kId, kKind, kState, kSink, kRecordsIn, kRecordsOut, kRate, kColumnCount };

  explicit RunningQueriesModel(SqlSession* session, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;
  QString queryId(int row) const;
  bool isRunning(int row) const;

 private:
  void update();

  SqlSession* session_;
  QList<SqlQueryRow> rows_;
};

}  // namespace runnel::widgets
