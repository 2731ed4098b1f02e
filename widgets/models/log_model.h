// The studio's log as a Qt table model (time, level, message), filled from a LogBuffer by a timer
// on the GUI thread, so a burst of engine log lines costs at most ~30 model updates a second.
// Keeps the newest `maxRows` lines. GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QTimer>
#include <memory>
#include <vector>

#include "widgets/models/log_buffer.h"

namespace runnel::widgets {

class LogModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { TimeColumn, LevelColumn, MessageColumn, ColumnCount };
  enum Role { LevelRole = Qt::UserRole + 1 };

  explicit LogModel(std::shared_ptr<LogBuffer> buffer, int maxRows = 5000,
                    QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  void clear();
  // Drains the buffer now (the timer does it ~30 times a second).
  void pull();

  static QString levelName(int level);

 signals:
  void linesAppended(int count);

 private:
  struct Row {
    QDateTime time;
    int level;
    QString message;
  };
  std::shared_ptr<LogBuffer> buffer_;
  std::vector<Row> rows_;
  int maxRows_;
  QTimer timer_;
};

}  // namespace runnel::widgets
