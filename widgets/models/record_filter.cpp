#include "widgets/models/record_filter.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace runnel::widgets {
namespace {

QString filterTr(const char* text) {
  return QCoreApplication::translate("RecordFilter", text);
}

bool containsFolded(const QByteArray& haystack, const QByteArray& lowerNeedle) {
  if (lowerNeedle.isEmpty()) return true;
  return haystack.toLower().contains(lowerNeedle);
}

QString scalarText(const QJsonValue& v) {
  switch (v.type()) {
    case QJsonValue::String:
      return v.toString();
    case QJsonValue::Double: {
      const double d = v.toDouble();
      return d == static_cast<double>(static_cast<qint64>(d))
                 ? QString::number(static_cast<qint64>(d))
                 : QString::number(d);
    }
    case QJsonValue::Bool:
      return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
      return QStringLiteral("null");
    default:
      return QString::fromUtf8(
          QJsonDocument(v.isObject() ? QJsonDocument(v.toObject()) : QJsonDocument(v.toArray()))
              .toJson(QJsonDocument::Compact));
  }
}

}  // namespace

std::optional<RecordFilter> RecordFilter::parse(Kind kind, const QString& text, QString* error) {
  RecordFilter f;
  f.kind_ = kind;
  f.text_ = text;
  const QString t = text.trimmed();
  if (kind == Kind::None || t.isEmpty()) {
    f.kind_ = Kind::None;
    return f;
  }
  switch (kind) {
    case Kind::Key:
    case Kind::Value:
      f.needle_ = t.toLower().toUtf8();
      return f;
    case Kind::Header: {
      const qsizetype eq = t.indexOf('=');
      f.headerName_ = (eq < 0 ? t : t.left(eq)).trimmed();
      if (eq >= 0) f.headerValue_ = t.mid(eq + 1).trimmed().toUtf8();
      if (f.headerName_.isEmpty()) {
        *error = filterTr("Name the header: \"trace-id\" or \"trace-id=abc\".");
        return std::nullopt;
      }
      return f;
    }
    case Kind::JsonPath: {
      QString path = t;
      const qsizetype eq = path.indexOf('=');
      if (eq >= 0) {
        QString value = path.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
          value = value.mid(1, value.size() - 2);
        f.pathValue_ = value;
        path = path.left(eq).trimmed();
      }
      if (!path.startsWith('$')) {
        *error = filterTr("A JSON path starts with $, e.g. $.customer.id or $.items[0].sku.");
        return std::nullopt;
      }
      qsizetype i = 1;
      while (i < path.size()) {
        if (path[i] == '.') {
          qsizetype j = i + 1;
          while (j < path.size() && path[j] != '.' && path[j] != '[')
            ++j;
          const QString field = path.mid(i + 1, j - i - 1);
          if (field.isEmpty()) {
            *error = filterTr("Empty field name at position %1 of %2.").arg(i + 1).arg(path);
            return std::nullopt;
          }
          f.path_.push_back({field, -1});
          i = j;
        } else if (path[i] == '[') {
          const qsizetype close = path.indexOf(']', i);
          bool ok = false;
          const int index = close < 0 ? -1 : path.mid(i + 1, close - i - 1).toInt(&ok);
          if (!ok || index < 0) {
            *error = filterTr("Write array steps as [0], [1], … (at position %1 of %2).")
                         .arg(i + 1)
                         .arg(path);
            return std::nullopt;
          }
          f.path_.push_back({QString(), index});
          i = close + 1;
        } else {
          *error = filterTr("Unexpected \"%1\" at position %2 of %3; use $.field or [index].")
                       .arg(path[i])
                       .arg(i + 1)
                       .arg(path);
          return std::nullopt;
        }
      }
      return f;
    }
    case Kind::None:
      break;
  }
  return f;
}

bool RecordFilter::matches(const BrowsedRecord& r) const {
  switch (kind_) {
    case Kind::None:
      return true;
    case Kind::Key:
      return !r.key.isNull() && containsFolded(r.key, needle_);
    case Kind::Value:
      return !r.value.isNull() && containsFolded(r.value, needle_);
    case Kind::Header:
      for (const auto& [name, value] : r.headers) {
        if (name.compare(headerName_, Qt::CaseInsensitive) != 0) continue;
        if (!headerValue_ || value == *headerValue_) return true;
      }
      return false;
    case Kind::JsonPath: {
      if (r.value.isEmpty()) return false;
      QJsonParseError err;
      const QJsonDocument doc = QJsonDocument::fromJson(r.value, &err);
      if (err.error != QJsonParseError::NoError) return false;
      QJsonValue v = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
      for (const PathStep& step : path_) {
        if (!step.field.isEmpty()) {
          if (!v.isObject() || !v.toObject().contains(step.field)) return false;
          v = v.toObject().value(step.field);
        } else {
          if (!v.isArray() || step.index >= v.toArray().size()) return false;
          v = v.toArray().at(step.index);
        }
      }
      return !pathValue_ || scalarText(v) == *pathValue_;
    }
  }
  return false;
}

QString RecordFilter::describe() const {
  switch (kind_) {
    case Kind::None:
      return {};
    case Kind::Key:
      return filterTr("key contains \"%1\"").arg(text_.trimmed());
    case Kind::Value:
      return filterTr("value contains \"%1\"").arg(text_.trimmed());
    case Kind::Header:
      return filterTr("header %1").arg(text_.trimmed());
    case Kind::JsonPath:
      return filterTr("JSON %1").arg(text_.trimmed());
  }
  return {};
}

}  // namespace runnel::widgets
