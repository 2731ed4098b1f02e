// The studio's log panel: every engine and studio log line, newest at the bottom, with a level
// filter, a text search and a button that opens the full rotating log file.
// GUI thread only; does not own the LogModel (the main window does).
#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace runnel::widgets {

class LogModel;

class LogPanel : public QWidget {
  Q_OBJECT
 public:
  LogPanel(LogModel* model, QString logFilePath, QWidget* parent = nullptr);

  QTableView* view() const { return view_; }
  // Shows only lines at `minimumLevel` (spdlog level) or above.
  void setMinimumLevel(int minimumLevel);

 private:
  void followNewLines();

  LogModel* model_;
  QString logFilePath_;
  QSortFilterProxyModel* filter_;
  QTableView* view_;
  QComboBox* levelBox_;
  QLineEdit* search_;
  bool stickToBottom_ = true;
};

}  // namespace runnel::widgets
