// RecordFilter: what the message browser searches for — text in the key, text in the value, a
// header (name, or name=value), or a JSON path in the value ($.a.b, $.items[0].sku, optionally
// =value). Parsed once from what the person typed (with a clear error when it cannot be), then
// matched against each record on the reader's thread. Immutable after parse; any thread.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <optional>

namespace runnel::widgets {

// One record as the studio holds it: null key/value are null QByteArrays (isNull), empty ones
// are empty.
struct BrowsedRecord {
  int partition = 0;
  qint64 offset = 0;
  qint64 timestampMs = 0;
  QByteArray key;
  QByteArray value;
  QList<QPair<QString, QByteArray>> headers;
};

class RecordFilter {
 public:
  enum class Kind { None, Key, Value, Header, JsonPath };

  RecordFilter() = default;
  // nullopt with `error` set when the text cannot be a filter of that kind.
  static std::optional<RecordFilter> parse(Kind kind, const QString& text, QString* error);

  bool matches(const BrowsedRecord& record) const;
  bool isNone() const { return kind_ == Kind::None; }
  Kind kind() const { return kind_; }
  QString describe() const;

 private:
  struct PathStep {
    QString field;  // empty for an array index step
    int index = -1;
  };

  Kind kind_ = Kind::None;
  QString text_;       // the original, for describe()
  QByteArray needle_;  // Key/Value: lower-cased UTF-8
  QString headerName_;
  std::optional<QByteArray> headerValue_;
  QList<PathStep> path_;
  std::optional<QString> pathValue_;
};

}  // namespace runnel::widgets
