// Reads records back from what the message browser exports — JSON lines or CSV — and from
// reasonable hand-written files (a value column only, key and value, CSV with or without a
// header row, RFC 4180 quoting with commas and newlines in fields, JSON values kept as JSON
// text). Every line that cannot be a record is listed with its line number and reason; no line
// is dropped silently. Pure functions; any thread.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <optional>

#include "widgets/models/message_export.h"

namespace runnel::widgets {

class OperationToken;

// One record to produce; null key/value are null QByteArrays (isNull), empty ones are empty.
struct ImportedRecord {
  int line = 0;                  // where it starts in the file (1-based)
  std::optional<int> partition;  // from the file, when it says
  std::optional<qint64> timestampMs;
  QByteArray key;
  QByteArray value;
  QList<QPair<QString, QByteArray>> headers;
};

struct ImportProblem {
  int line = 0;
  QString reason;
};

struct ImportParse {
  QList<ImportedRecord> records;
  QList<ImportProblem> problems;
  // What the file's rows held (for the preview's note on partitions and timestamps).
  bool hadPartitions = false;
  bool hadTimestamps = false;
  QStringList notes;  // not errors, but worth saying (a CSV column the import does not read)
};

// JSON lines when the name ends in .jsonl/.ndjson/.json or the first non-blank byte is '{';
// CSV otherwise.
ExportFormat guessImportFormat(const QString& path, const QByteArray& head);

// `token` (optional) gets the bytes read as progress and is checked for cancel; a cancelled
// parse returns what it had.
ImportParse parseImport(const QByteArray& data, ExportFormat format,
                        OperationToken* token = nullptr);

// "line 7: reason" for the first `limit` problems, "… and N more" after.
QString describeProblems(const QList<ImportProblem>& problems, int limit = 3);

}  // namespace runnel::widgets
