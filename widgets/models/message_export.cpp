#include "widgets/models/message_export.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "widgets/models/long_operation.h"

namespace runnel::widgets {
namespace {

bool isUtf8Text(const QByteArray& b) {
  return QString::fromUtf8(b).toUtf8() == b;
}

void putBytes(QJsonObject& o, const QString& name, const QByteArray& b) {
  if (b.isNull()) {
    o[name] = QJsonValue::Null;
  } else if (isUtf8Text(b)) {
    o[name] = QString::fromUtf8(b);
  } else {
    o[name] = QString::fromLatin1(b.toBase64());
    o[name + "Encoding"] = "base64";
  }
}

// An object when it says everything (unique names, already in the order an object sorts them
// to); otherwise a list, so repeated names and their order survive.
QJsonValue headersJson(const QList<QPair<QString, QByteArray>>& headers) {
  bool plain = true;
  for (int i = 1; i < headers.size() && plain; ++i)
    plain = headers[i - 1].first < headers[i].first;
  if (plain) {
    QJsonObject h;
    for (const auto& [k, v] : headers)
      putBytes(h, k, v);
    return h;
  }
  QJsonArray list;
  for (const auto& [k, v] : headers) {
    QJsonObject h;
    h["name"] = k;
    putBytes(h, "value", v);
    list.append(h);
  }
  return list;
}

QString csvField(const QString& s) {
  if (!s.contains(',') && !s.contains('"') && !s.contains('\n') && !s.contains('\r')) return s;
  QString q = s;
  q.replace('"', "\"\"");
  return '"' + q + '"';
}

QString csvBytes(const QByteArray& b) {
  if (b.isNull()) return {};
  return isUtf8Text(b) ? QString::fromUtf8(b) : "base64:" + QString::fromLatin1(b.toBase64());
}

}  // namespace

QString exportRecords(const std::deque<BrowsedRecord>& records, const QString& topic,
                      ExportFormat format, QIODevice& out, OperationToken* token) {
  qint64 written = 0;
  auto fail = [&] {
    return QCoreApplication::translate("MessageExport", "Writing failed after %1 records: %2")
        .arg(written)
        .arg(out.errorString());
  };
  if (format == ExportFormat::Csv &&
      out.write("topic,partition,offset,timestamp,key,value,headers\n") < 0)
    return fail();
  if (token) token->setTotal(static_cast<qint64>(records.size()));
  for (const BrowsedRecord& r : records) {
    if (token && token->cancelled())
      return QCoreApplication::translate("MessageExport",
                                         "Export cancelled after %1 of %2 records; the file "
                                         "was not written.")
          .arg(written)
          .arg(records.size());
    QByteArray line;
    const QString ts =
        QDateTime::fromMSecsSinceEpoch(r.timestampMs, Qt::UTC).toString(Qt::ISODateWithMs);
    if (format == ExportFormat::JsonLines) {
      QJsonObject o;
      o["topic"] = topic;
      o["partition"] = r.partition;
      o["offset"] = r.offset;
      o["timestamp"] = ts;
      o["timestampMs"] = r.timestampMs;
      putBytes(o, "key", r.key);
      putBytes(o, "value", r.value);
      o["headers"] = headersJson(r.headers);
      line = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    } else {
      const QJsonValue h = headersJson(r.headers);
      const QString headers =
          r.headers.isEmpty()
              ? QString()
              : QString::fromUtf8(h.isArray()
                                      ? QJsonDocument(h.toArray()).toJson(QJsonDocument::Compact)
                                      : QJsonDocument(h.toObject()).toJson(QJsonDocument::Compact));
      const QStringList fields = {
          csvField(topic),           QString::number(r.partition), QString::number(r.offset), ts,
          csvField(csvBytes(r.key)), csvField(csvBytes(r.value)),  csvField(headers)};
      line = fields.join(',').toUtf8() + '\n';
    }
    if (out.write(line) != line.size()) return fail();
    ++written;
    if (token) token->advanceTo(written);
  }
  return {};
}

}  // namespace runnel::widgets
