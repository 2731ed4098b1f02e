// Writes a query result (what a live result view shows) to CSV — a header line, RFC 4180
// quoting — or to a JSON array of objects keyed by column name. The rows are copied into a
// snapshot on the GUI thread first, so the writing can run on a worker with progress and Cancel
// while the live table keeps changing. Pure functions; any thread.
#pragma once

#include <QIODevice>
#include <QList>
#include <QString>
#include <QStringList>

namespace runnel::widgets {

class OperationToken;
class ResultTableModel;

struct ResultSnapshot {
  QStringList columns;
  QList<QStringList> rows;
};

// GUI thread (reads the model).
ResultSnapshot snapshotOf(const ResultTableModel& model);

// Returns an empty string on success, otherwise what went wrong, with how many rows were
// written. `token` (optional) gets the rows written as progress and is checked for cancel.
QString writeResult(const ResultSnapshot& snapshot, bool json, QIODevice& out,
                    OperationToken* token = nullptr);

}  // namespace runnel::widgets
