// Splits CSV text into rows, RFC 4180 style: fields separated by commas, quoted with '"' when
// they hold commas, quotes ("" inside) or line breaks; CRLF or LF line ends. Each row remembers
// the line it starts on, and a row that breaks the rules carries the reason instead of being
// guessed at. Pure function; any thread.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace runnel::widgets {

struct CsvRow {
  int line = 0;  // 1-based line the row starts on
  QStringList fields;
  QString error;  // non-empty: the row is malformed (fields then hold what was read)
};

// Blank lines give no row.
QList<CsvRow> readCsv(const QString& text);

}  // namespace runnel::widgets
