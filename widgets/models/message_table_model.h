// MessageTableModel: the records the message browser shows — partition, offset, timestamp,
// key, value and headers — bounded to `capacity` rows: when live tail brings more, the oldest
// rows go and droppedCount() says how many. detailJson() renders one record the way the detail
// pane shows it (key and value parsed as JSON when they are, pretty-printed). GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <deque>

#include "widgets/models/record_filter.h"

namespace runnel::widgets {

class MessageTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column {
    PartitionColumn,
    OffsetColumn,
    TimestampColumn,
    KeyColumn,
    ValueColumn,
    HeadersColumn,
    kColumns
  };

  explicit MessageTableModel(int capacity = 10000, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  void append(const QList<BrowsedRecord>& records);
  void clear();
  int capacity() const { return capacity_; }
  qint64 droppedCount() const { return dropped_; }
  const BrowsedRecord* record(int row) const;
  const std::deque<BrowsedRecord>& records() const { return rows_; }

  void setTopic(const QString& topic) { topic_ = topic; }
  QString topic() const { return topic_; }
  // Pretty JSON of the whole record (topic, partition, offset, timestamp, key, headers, value).
  QString detailJson(int row) const;

  // How a key or value reads in one line: text, "null", or a hex preview of binary bytes.
  static QString preview(const QByteArray& bytes, int maxChars = 160);

 private:
  std::deque<BrowsedRecord> rows_;
  int capacity_;
  qint64 dropped_ = 0;
  QString topic_;
};

}  // namespace runnel::widgets
