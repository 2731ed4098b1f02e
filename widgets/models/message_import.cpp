#include "widgets/models/message_import.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include "widgets/models/csv_reader.h"
#include "widgets/models/long_operation.h"

namespace runnel::widgets {
namespace {

QString importTr(const char* text) {
  return QCoreApplication::translate("MessageImport", text);
}

// Progress every this many rows: cheap enough, and far finer than the GUI's 30 Hz poll.
constexpr int kProgressEvery = 512;

// A JSON value as the text it stands for: strings as themselves, anything else as compact JSON.
QByteArray jsonText(const QJsonValue& v) {
  if (v.isString()) return v.toString().toUtf8();
  const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
  return wrapped.mid(1, wrapped.size() - 2);
}

bool decodeBase64(const QByteArray& text, QByteArray* out) {
  auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
  if (!decoded) return false;
  *out = *decoded;
  if (out->isNull()) *out = QByteArray("");  // empty, not null
  return true;
}

// `v` under `name` in `o`, honouring the export's "<name>Encoding": "base64" marker.
bool bytesOf(const QJsonObject& o, const QString& name, QByteArray* out, QString* error) {
  const QJsonValue v = o.value(name);
  if (v.isNull() || v.isUndefined()) {
    *out = QByteArray();
    return true;
  }
  if (o.value(name + "Encoding").toString() == QLatin1String("base64")) {
    if (!v.isString() || !decodeBase64(v.toString().toLatin1(), out)) {
      *error = importTr("\"%1\" is marked base64 but is not valid base64").arg(name);
      return false;
    }
    return true;
  }
  *out = jsonText(v);
  if (out->isNull()) *out = QByteArray("");
  return true;
}

// Headers as the export writes them: an object (name -> value, "<name>Encoding" markers) or,
// when names repeat or order matters, an array of {"name", "value"[, "valueEncoding"]}.
bool headersOf(const QJsonValue& v, QList<QPair<QString, QByteArray>>* out, QString* error) {
  out->clear();
  if (v.isNull() || v.isUndefined()) return true;
  if (v.isObject()) {
    const QJsonObject h = v.toObject();
    for (auto it = h.begin(); it != h.end(); ++it) {
      const QString& name = it.key();
      if (name.endsWith("Encoding") && h.contains(name.chopped(8)) &&
          it.value().toString() == QLatin1String("base64"))
        continue;
      QByteArray bytes;
      if (!bytesOf(h, name, &bytes, error)) {
        *error = importTr("header %1").arg(*error);
        return false;
      }
      out->append({name, bytes});
    }
    return true;
  }
  if (v.isArray()) {
    for (const QJsonValue e : v.toArray()) {
      const QJsonObject h = e.toObject();
      if (!e.isObject() || !h.value("name").isString()) {
        *error =
            importTr("each header in a list must be an object with a \"name\" and a \"value\"");
        return false;
      }
      QByteArray bytes;
      if (!bytesOf(h, "value", &bytes, error)) {
        *error = importTr("header %1: %2").arg(h.value("name").toString(), *error);
        return false;
      }
      out->append({h.value("name").toString(), bytes});
    }
    return true;
  }
  *error = importTr("\"headers\" must be an object of name: value (or a list of them)");
  return false;
}

std::optional<int> partitionOf(const QString& text, bool* ok) {
  *ok = true;
  if (text.trimmed().isEmpty()) return std::nullopt;
  const int p = text.trimmed().toInt(ok);
  *ok = *ok && p >= 0;
  return *ok ? std::optional<int>(p) : std::nullopt;
}

// Milliseconds since the epoch, or an ISO 8601 date-time ("2026-11-26T10:00:00.000Z").
std::optional<qint64> timestampOf(const QString& text, bool* ok) {
  *ok = true;
  const QString t = text.trimmed();
  if (t.isEmpty()) return std::nullopt;
  bool isNumber = false;
  const qint64 ms = t.toLongLong(&isNumber);
  if (isNumber) return ms;
  const QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
  *ok = dt.isValid();
  return *ok ? std::optional<qint64>(dt.toMSecsSinceEpoch()) : std::nullopt;
}

void note(ImportParse& out, const ImportedRecord& r) {
  out.hadPartitions = out.hadPartitions || r.partition.has_value();
  out.hadTimestamps = out.hadTimestamps || r.timestampMs.has_value();
}

bool jsonLine(const QByteArray& text, ImportedRecord* r, QString* error) {
  QJsonParseError parseError;
  const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
  if (parseError.error != QJsonParseError::NoError) {
    *error = importTr("not valid JSON: %1 at character %2")
                 .arg(parseError.errorString())
                 .arg(parseError.offset + 1);
    return false;
  }
  if (!doc.isObject()) {
    *error = importTr("expected a JSON object such as {\"key\": \"k1\", \"value\": …}");
    return false;
  }
  const QJsonObject o = doc.object();
  if (!o.contains("value") && !o.contains("key")) {
    *error = importTr("the object has neither a \"value\" nor a \"key\" field");
    return false;
  }
  if (!bytesOf(o, "key", &r->key, error) || !bytesOf(o, "value", &r->value, error)) return false;
  if (!headersOf(o.value("headers"), &r->headers, error)) return false;
  const QJsonValue p = o.value("partition");
  if (!p.isUndefined() && !p.isNull()) {
    const double d = p.toDouble(-1);
    if (!p.isDouble() || d < 0 || d != static_cast<int>(d)) {
      *error = importTr("\"partition\" must be a whole number of at least 0");
      return false;
    }
    r->partition = static_cast<int>(d);
  }
  const QJsonValue ms = o.value("timestampMs");
  const QJsonValue ts = o.value("timestamp");
  if (ms.isDouble()) {
    r->timestampMs = static_cast<qint64>(ms.toDouble());
  } else if (!ts.isUndefined() && !ts.isNull()) {
    bool ok = false;
    r->timestampMs =
        timestampOf(ts.isDouble() ? QString::number(ts.toInteger()) : ts.toString(), &ok);
    if (!ok || (!ts.isString() && !ts.isDouble())) {
      *error = importTr("\"timestamp\" must be milliseconds or an ISO 8601 date-time");
      return false;
    }
  }
  return true;
}

ImportParse parseJsonLines(const QByteArray& data, OperationToken* token) {
  ImportParse out;
  qsizetype start = 0;
  int line = 0;
  while (start < data.size()) {
    if (token && token->cancelled()) break;
    qsizetype end = data.indexOf('\n', start);
    if (end < 0) end = data.size();
    ++line;
    const QByteArray text = data.mid(start, end - start).trimmed();
    start = end + 1;
    if (token && line % kProgressEvery == 0) token->advanceTo(start);
    if (text.isEmpty()) continue;
    ImportedRecord r;
    r.line = line;
    QString error;
    if (jsonLine(text, &r, &error)) {
      note(out, r);
      out.records << r;
    } else {
      out.problems << ImportProblem{line, error};
    }
  }
  return out;
}

const QStringList kColumns = {"topic",       "partition", "offset", "timestamp",
                              "timestampms", "key",       "value",  "headers"};

bool csvRecord(const CsvRow& row, const QStringList& columns, ImportedRecord* r, QString* error) {
  for (int c = 0; c < columns.size(); ++c) {
    const QString& name = columns[c];
    const QString& field = row.fields[c];
    bool ok = true;
    if (name == "key" || name == "value") {
      QByteArray bytes;
      if (field.startsWith("base64:")) {
        if (!decodeBase64(field.mid(7).toLatin1(), &bytes)) {
          *error = importTr("the %1 starts with base64: but is not valid base64").arg(name);
          return false;
        }
      } else if (name == "key" && field.isEmpty()) {
        bytes = QByteArray();  // an empty key cell is no key: the partitioner spreads them
      } else {
        bytes = field.toUtf8();
        if (bytes.isNull()) bytes = QByteArray("");
      }
      (name == "key" ? r->key : r->value) = bytes;
    } else if (name == "partition") {
      r->partition = partitionOf(field, &ok);
      if (!ok) *error = importTr("partition \"%1\" is not a whole number of at least 0").arg(field);
    } else if (name == "timestamp" || name == "timestampms") {
      if (name == "timestamp" && r->timestampMs) continue;
      const auto ts = timestampOf(field, &ok);
      if (ts) r->timestampMs = ts;
      if (!ok)
        *error = importTr("timestamp \"%1\" is neither milliseconds nor an ISO 8601 date-time")
                     .arg(field);
    } else if (name == "headers" && !field.trimmed().isEmpty()) {
      QJsonParseError parseError;
      const QJsonDocument doc = QJsonDocument::fromJson(field.toUtf8(), &parseError);
      if (parseError.error != QJsonParseError::NoError) {
        *error = importTr("headers are not JSON: %1").arg(parseError.errorString());
        return false;
      }
      ok = headersOf(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()),
                     &r->headers, error);
    }
    if (!ok) return false;
  }
  return true;
}

ImportParse parseCsv(const QByteArray& data, OperationToken* token) {
  ImportParse out;
  QString text = QString::fromUtf8(data);
  if (text.startsWith(QChar(0xFEFF))) text.remove(0, 1);
  const QList<CsvRow> rows = readCsv(text);
  QStringList columns;
  bool header = false;
  if (!rows.isEmpty()) {
    QStringList first;
    for (const QString& f : rows.first().fields)
      first << f.trimmed().toLower();
    header = rows.first().error.isEmpty() && (first.contains("value") || first.contains("key"));
    if (header) {
      columns = first;
      for (int c = 0; c < columns.size(); ++c)
        if (!kColumns.contains(columns[c]))
          out.notes << importTr("Column \"%1\" is not one the import reads (%2): it is left out.")
                           .arg(rows.first().fields[c], kColumns.join(", "));
    }
  }
  for (qsizetype i = header ? 1 : 0; i < rows.size(); ++i) {
    if (token && token->cancelled()) break;
    if (token && i % kProgressEvery == 0) token->advanceTo(data.size() * i / rows.size());
    const CsvRow& row = rows[i];
    if (!row.error.isEmpty()) {
      out.problems << ImportProblem{row.line, row.error};
      continue;
    }
    QStringList rowColumns = columns;
    if (!header) {
      if (row.fields.size() == 1) {
        rowColumns = {"value"};
      } else if (row.fields.size() == 2) {
        rowColumns = {"key", "value"};
      } else {
        out.problems << ImportProblem{
            row.line, importTr("%1 fields and no header row: without one, a line is a value or "
                               "key,value (add a header row naming the columns)")
                          .arg(row.fields.size())};
        continue;
      }
    } else if (row.fields.size() != columns.size()) {
      out.problems << ImportProblem{row.line, importTr("%1 fields, but the header row names %2")
                                                  .arg(row.fields.size())
                                                  .arg(columns.size())};
      continue;
    }
    ImportedRecord r;
    r.line = row.line;
    QString error;
    if (csvRecord(row, rowColumns, &r, &error)) {
      note(out, r);
      out.records << r;
    } else {
      out.problems << ImportProblem{row.line, error};
    }
  }
  return out;
}

}  // namespace

ExportFormat guessImportFormat(const QString& path, const QByteArray& head) {
  for (const char* ext : {".jsonl", ".ndjson", ".json"})
    if (path.endsWith(QLatin1String(ext), Qt::CaseInsensitive)) return ExportFormat::JsonLines;
  if (path.endsWith(".csv", Qt::CaseInsensitive)) return ExportFormat::Csv;
  return head.trimmed().startsWith('{') ? ExportFormat::JsonLines : ExportFormat::Csv;
}

ImportParse parseImport(const QByteArray& data, ExportFormat format, OperationToken* token) {
  if (token) token->setTotal(data.size());
  ImportParse out =
      format == ExportFormat::JsonLines ? parseJsonLines(data, token) : parseCsv(data, token);
  if (token && !token->cancelled()) token->advanceTo(data.size());
  return out;
}

QString describeProblems(const QList<ImportProblem>& problems, int limit) {
  QStringList parts;
  for (int i = 0; i < problems.size() && i < limit; ++i)
    parts << importTr("line %1: %2").arg(problems[i].line).arg(problems[i].reason);
  QString text = parts.join(QStringLiteral("; "));
  if (problems.size() > limit) text += importTr("; … and %1 more").arg(problems.size() - limit);
  return text;
}

}  // namespace runnel::widgets
