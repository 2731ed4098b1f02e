#include "widgets/models/result_export.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include "widgets/models/long_operation.h"
#include "widgets/models/result_table_model.h"

namespace runnel::widgets {
namespace {

QString csvQuoted(const QString& s) {
  if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) &&
      !s.contains(QLatin1Char('\n')) && !s.contains(QLatin1Char('\r')))
    return s;
  return QLatin1Char('"') + QString(s).replace(QLatin1String("\""), QLatin1String("\"\"")) +
         QLatin1Char('"');
}

QByteArray csvLine(const QStringList& cells) {
  QStringList quoted;
  for (const QString& c : cells)
    quoted << csvQuoted(c);
  return (quoted.join(QLatin1Char(',')) + QLatin1Char('\n')).toUtf8();
}

}  // namespace

ResultSnapshot snapshotOf(const ResultTableModel& model) {
  ResultSnapshot s;
  for (int c = 0; c < model.columnCount(); ++c)
    s.columns << model.headerData(c, Qt::Horizontal).toString();
  s.rows.reserve(model.rowCount());
  for (int r = 0; r < model.rowCount(); ++r)
    s.rows << model.rowCells(r);
  return s;
}

QString writeResult(const ResultSnapshot& snapshot, bool json, QIODevice& out,
                    OperationToken* token) {
  qsizetype written = 0;
  auto failed = [&] {
    return QCoreApplication::translate("ResultExport", "Writing failed after %1 rows: %2")
        .arg(written)
        .arg(out.errorString());
  };
  auto put = [&](const QByteArray& bytes) { return out.write(bytes) == bytes.size(); };
  if (token) token->setTotal(snapshot.rows.size());
  if (!put(json ? QByteArray("[\n") : csvLine(snapshot.columns))) return failed();
  for (const QStringList& cells : snapshot.rows) {
    if (token && token->cancelled())
      return QCoreApplication::translate("ResultExport",
                                         "Export cancelled after %1 of %2 rows; the file was "
                                         "not written.")
          .arg(written)
          .arg(snapshot.rows.size());
    QByteArray line;
    if (json) {
      QJsonObject o;
      for (int i = 0; i < snapshot.columns.size() && i < cells.size(); ++i)
        o.insert(snapshot.columns[i], cells[i]);
      line = (written > 0 ? QByteArray(",\n  ") : QByteArray("  ")) +
             QJsonDocument(o).toJson(QJsonDocument::Compact);
    } else {
      line = csvLine(cells);
    }
    if (!put(line)) return failed();
    ++written;
    if (token) token->advanceTo(written);
  }
  if (json && !put(written > 0 ? QByteArray("\n]\n") : QByteArray("]\n"))) return failed();
  return {};
}

}  // namespace runnel::widgets
