#include "widgets/models/csv_reader.h"

#include <QCoreApplication>

namespace runnel::widgets {
namespace {

QString csvTr(const char* text) {
  return QCoreApplication::translate("CsvReader", text);
}

}  // namespace

QList<CsvRow> readCsv(const QString& text) {
  QList<CsvRow> rows;
  int line = 1;
  qsizetype i = 0;
  const qsizetype n = text.size();
  while (i < n) {
    CsvRow row;
    row.line = line;
    QString field;
    bool rowEnded = false;
    while (!rowEnded) {
      if (i < n && text[i] == '"') {
        const int openedOn = line;
        ++i;
        bool closed = false;
        while (i < n) {
          const QChar c = text[i++];
          if (c == '"') {
            if (i < n && text[i] == '"') {
              field += '"';
              ++i;
              continue;
            }
            closed = true;
            break;
          }
          if (c == '\n') ++line;
          field += c;
        }
        if (!closed) {
          row.error = csvTr("a quoted field opened on line %1 is never closed").arg(openedOn);
          i = n;
        } else if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          row.error = csvTr(
              "text after a closing quote (quote the whole field, and double any "
              "quote inside it)");
          while (i < n && text[i] != '\n')
            ++i;
        }
      } else {
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"' && row.error.isEmpty())
            row.error = csvTr(
                "a quote inside an unquoted field (quote the field and double the "
                "quote)");
          field += text[i++];
        }
      }
      row.fields << field;
      field.clear();
      if (i >= n) {
        rowEnded = true;
      } else if (text[i] == ',') {
        ++i;
      } else {
        if (text[i] == '\r') ++i;
        if (i < n && text[i] == '\n') ++i;
        ++line;
        rowEnded = true;
      }
    }
    const bool blank = row.error.isEmpty() && row.fields.size() == 1 && row.fields[0].isEmpty();
    if (!blank) rows << row;
  }
  return rows;
}

}  // namespace runnel::widgets
