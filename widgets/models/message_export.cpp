#include "widgets/models/message_export.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

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
                      ExportFormat format, QIODevice& out) {
  qint64 written = 0;
  auto fail = [&] {
    return QCoreApplication::translate("MessageExport", "Writing failed after %1 records: %2")
        .arg(written)
        .arg(out.errorString());
  };
  if (format == ExportFormat::Csv &&
      out.write("topic,partition,offset,timestamp,key,value,headers\n") < 0)
    return fail();
  for (const BrowsedRecord& r : records) {
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
      QJsonObject h;
      for (const auto& [k, v] : r.headers)
        putBytes(h, k, v);
      o["headers"] = h;
      line = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    } else {
      QJsonObject h;
      for (const auto& [k, v] : r.headers)
        putBytes(h, k, v);
      const QString headers =
          r.headers.isEmpty() ? QString()
                              : QString::fromUtf8(QJsonDocument(h).toJson(QJsonDocument::Compact));
      const QStringList fields = {
          csvField(topic),           QString::number(r.partition), QString::number(r.offset), ts,
          csvField(csvBytes(r.key)), csvField(csvBytes(r.value)),  csvField(headers)};
      line = fields.join(',').toUtf8() + '\n';
    }
    if (out.write(line) != line.size()) return fail();
    ++written;
  }
  return {};
}

}  // namespace runnel::widgets
