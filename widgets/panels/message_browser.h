// The message browser: pick a topic and partition, start from the beginning, the newest
// records, an offset or a time, optionally keep tailing live, and search by key, value text,
// header or JSON path. The selected record shows pretty-printed below; the rows can be exported
// as JSON lines or CSV (on a worker thread, with progress and Cancel), and a file imported
// (importRequested: the installer opens the Import dialog). Reading runs on the MessageReader's
// thread; the table keeps at most its model's capacity rows and says so. Opens as a tab in the
// studio's workspace. GUI thread only; owns its reader and table model, not the topic list.
#pragma once

#include <QWidget>
#include <memory>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTableView;
class QTimer;
class QToolButton;

namespace runnel::widgets {

class JobThread;
class LongOperation;
class ProgressStrip;
class MessageReader;
class MessageTableModel;
class TopicListModel;

class MessageBrowser : public QWidget {
  Q_OBJECT
 public:
  // Takes ownership of `reader`.
  MessageBrowser(MessageReader* reader, TopicListModel* topics, QWidget* parent = nullptr);
  ~MessageBrowser() override;

  void setTopic(const QString& topic);
  QString topic() const;
  // Starts reading with what the controls say (also what the Read button does).
  void read();
  void stopReading();

  // The controls, for tests and the installer.
  QComboBox* partitionCombo() const { return partition_; }
  QComboBox* startCombo() const { return start_; }
  QSpinBox* offsetSpin() const { return offset_; }
  QDateTimeEdit* timeEdit() const { return time_; }
  QCheckBox* liveBox() const { return live_; }
  QComboBox* searchKindCombo() const { return searchKind_; }
  QLineEdit* searchEdit() const { return search_; }
  QTableView* view() const { return view_; }
  QPlainTextEdit* detail() const { return detail_; }
  MessageTableModel* model() const { return model_; }
  QString status() const;
  bool reading() const;
  // Writes the rows to `path` (JSON lines when it ends in .jsonl/.json, CSV otherwise); returns
  // an empty string or the problem.
  QString exportTo(const QString& path);
  // The same on a worker thread, followed by the progress strip (the Export button's way): the
  // rows are copied first, so reading on meanwhile changes nothing in the file.
  LongOperation* exportInBackground(const QString& path);
  ProgressStrip* progressStrip() const { return strip_; }

 signals:
  void produceRequested(const QString& topic);
  void importRequested(const QString& topic);
  void titleChanged(const QString& title);

 private:
  void updatePartitions();
  void updateStartControls();
  void showProgress(qint64 scanned, qint64 matched, const QString& state);
  void showFinished(bool ok, const QString& message);
  void showSelected();
  void exportInteractive();
  void setStatus(const QString& state, bool error = false);

  MessageReader* reader_;
  TopicListModel* topics_;
  MessageTableModel* model_;
  QComboBox* topic_;
  QComboBox* partition_;
  QComboBox* start_;
  QSpinBox* offset_;
  QDateTimeEdit* time_;
  QCheckBox* live_;
  QToolButton* readButton_;
  QToolButton* stopButton_;
  QComboBox* searchKind_;
  QLineEdit* search_;
  QLabel* searchError_;
  QToolButton* exportButton_;
  QToolButton* produceButton_;
  QToolButton* importButton_;
  ProgressStrip* strip_;
  LongOperation* export_ = nullptr;
  QTableView* view_;
  QPlainTextEdit* detail_;
  QLabel* status_;
  QTimer* searchDebounce_;
  QString state_;
  bool stateIsError_ = false;
  std::unique_ptr<JobThread> writer_;  // last: goes first, before what its jobs report to
};

}  // namespace runnel::widgets
