#include "widgets/models/message_table_model.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {

bool looksLikeText(const QByteArray& bytes) {
  for (const char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\r' && c != '\t') return false;
  }
  return QString::fromUtf8(bytes).toUtf8() == bytes;
}

// A key or value as JSON: parsed when it is JSON, a string when it is text, hex otherwise.
QJsonValue asJson(const QByteArray& bytes) {
  if (bytes.isNull()) return QJsonValue::Null;
  QJsonParseError err;
  const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
  if (err.error == QJsonParseError::NoError && !doc.isNull())
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
  // Scalars (numbers, quoted strings, true) are valid JSON too but QJsonDocument wants a container.
  const QJsonDocument wrapped = QJsonDocument::fromJson("[" + bytes + "]", &err);
  if (err.error == QJsonParseError::NoError && wrapped.array().size() == 1)
    return wrapped.array().at(0);
  if (looksLikeText(bytes)) return QString::fromUtf8(bytes);
  return QStringLiteral("hex:") + QString::fromLatin1(bytes.toHex(' '));
}

}  // namespace

MessageTableModel::MessageTableModel(int capacity, QObject* parent)
    : QAbstractTableModel(parent), capacity_(std::max(1, capacity)) {}

int MessageTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int MessageTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumns;
}

QString MessageTableModel::preview(const QByteArray& bytes, int maxChars) {
  if (bytes.isNull()) return QStringLiteral("null");
  if (!looksLikeText(bytes)) {
    const QByteArray head = bytes.left(maxChars / 3);
    return QStringLiteral("⟨%1 bytes⟩ %2")
        .arg(bytes.size())
        .arg(QString::fromLatin1(head.toHex(' ')));
  }
  QString text = QString::fromUtf8(bytes);
  text.replace('\n', ' ');
  if (text.size() > maxChars) text = text.left(maxChars) + QStringLiteral("…");
  return text;
}

QVariant MessageTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= static_cast<int>(rows_.size())) return {};
  const BrowsedRecord& r = rows_[static_cast<std::size_t>(index.row())];
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
      case PartitionColumn:
        return r.partition;
      case OffsetColumn:
        return r.offset;
      case TimestampColumn:
        return QDateTime::fromMSecsSinceEpoch(r.timestampMs).toString("yyyy-MM-dd HH:mm:ss.zzz");
      case KeyColumn:
        return preview(r.key, 60);
      case ValueColumn:
        return preview(r.value);
      case HeadersColumn:
        return r.headers.isEmpty() ? QString() : QString::number(r.headers.size());
    }
  } else if (role == Qt::ForegroundRole) {
    if ((index.column() == KeyColumn && r.key.isNull()) ||
        (index.column() == ValueColumn && r.value.isNull()))
      return Theme::instance().colors().muted;
  } else if (role == Qt::FontRole) {
    if (index.column() == KeyColumn || index.column() == ValueColumn)
      return QFontDatabase::systemFont(QFontDatabase::FixedFont);
  } else if (role == Qt::TextAlignmentRole) {
    if (index.column() == PartitionColumn || index.column() == OffsetColumn ||
        index.column() == HeadersColumn)
      return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
  } else if (role == Qt::ToolTipRole && index.column() == HeadersColumn) {
    QStringList lines;
    for (const auto& [k, v] : r.headers)
      lines << k + " = " + preview(v, 80);
    return lines.join('\n');
  }
  return {};
}

QVariant MessageTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case PartitionColumn:
      return tr("P");
    case OffsetColumn:
      return tr("Offset");
    case TimestampColumn:
      return tr("Timestamp");
    case KeyColumn:
      return tr("Key");
    case ValueColumn:
      return tr("Value");
    case HeadersColumn:
      return tr("Hdrs");
  }
  return {};
}

void MessageTableModel::append(const QList<BrowsedRecord>& records) {
  if (records.isEmpty()) return;
  const auto incoming = static_cast<std::size_t>(records.size());
  const auto cap = static_cast<std::size_t>(capacity_);
  // Bounded memory: drop the oldest rows (or the head of this batch) beyond the capacity.
  const std::size_t skip = incoming > cap ? incoming - cap : 0;
  const std::size_t keepIncoming = incoming - skip;
  const std::size_t overflow =
      rows_.size() + keepIncoming > cap ? rows_.size() + keepIncoming - cap : 0;
  if (overflow > 0) {
    beginRemoveRows({}, 0, static_cast<int>(overflow) - 1);
    rows_.erase(rows_.begin(), rows_.begin() + static_cast<std::ptrdiff_t>(overflow));
    endRemoveRows();
  }
  dropped_ += static_cast<qint64>(overflow + skip);
  const int first = static_cast<int>(rows_.size());
  beginInsertRows({}, first, first + static_cast<int>(keepIncoming) - 1);
  for (std::size_t i = skip; i < incoming; ++i)
    rows_.push_back(records[static_cast<qsizetype>(i)]);
  endInsertRows();
}

void MessageTableModel::clear() {
  beginResetModel();
  rows_.clear();
  dropped_ = 0;
  endResetModel();
}

const BrowsedRecord* MessageTableModel::record(int row) const {
  return row >= 0 && row < static_cast<int>(rows_.size()) ? &rows_[static_cast<std::size_t>(row)]
                                                          : nullptr;
}

QString MessageTableModel::detailJson(int row) const {
  const BrowsedRecord* r = record(row);
  if (!r) return {};
  // Fields in reading order (QJsonObject would sort them alphabetically).
  const QList<QPair<QString, QJsonValue>> fields = {
      {"topic", topic_},
      {"partition", r->partition},
      {"offset", r->offset},
      {"timestamp",
       QDateTime::fromMSecsSinceEpoch(r->timestampMs, Qt::UTC).toString(Qt::ISODateWithMs)},
      {"key", asJson(r->key)},
      {"headers",
       [r] {
         QJsonObject h;
         for (const auto& [k, v] : r->headers)
           h[k] = asJson(v);
         return h;
       }()},
      {"value", asJson(r->value)},
  };
  QString out = QStringLiteral("{\n");
  for (qsizetype i = 0; i < fields.size(); ++i) {
    // Inside a one-element array a value is indented exactly as an object member would be.
    QString v = QString::fromUtf8(
                    QJsonDocument(QJsonArray{fields[i].second}).toJson(QJsonDocument::Indented))
                    .trimmed();
    v = v.mid(1, v.size() - 2).trimmed();
    out += QStringLiteral("    \"%1\": %2%3\n")
               .arg(fields[i].first, v, i + 1 < fields.size() ? "," : "");
  }
  return out + QStringLiteral("}\n");
}

}  // namespace runnel::widgets
