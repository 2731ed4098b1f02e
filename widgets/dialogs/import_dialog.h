// The Import dialog: read records from a JSON lines or CSV file (what the message browser's
// Export writes, or a hand-written file) into a topic the person picks. Before anything is sent
// it previews the first records as they will be produced (partition or "by key", key, value,
// headers, timestamp) and lists every rejected line with its number and reason; Import then
// produces through DataActions (off the GUI thread) with progress and Cancel, and the outcome
// says how many records were produced and how many lines were rejected.
// GUI thread only; does not own the DataActions or the topic list. Closing it cancels a running
// import (the records already sent stay; the status bar gets the count).
#pragma once

#include <QDialog>
#include <QPointer>
#include <memory>

#include "widgets/models/message_import.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace runnel::widgets {

class DataActions;
class JobThread;
class LongOperation;
class ProgressStrip;
class TopicListModel;

class ImportDialog : public QDialog {
  Q_OBJECT
 public:
  ImportDialog(const QString& topic, TopicListModel* topics, DataActions* actions,
               QWidget* parent = nullptr);
  ~ImportDialog() override;

  // Reads and checks `path` on a worker thread; the preview fills in when it is done.
  void loadFile(const QString& path);
  // Produces the records previewed (Import button).
  void startImport();

  bool loading() const { return loading_; }
  const ImportParse& parsed() const { return parse_; }
  QString targetTopic() const;
  QComboBox* topicCombo() const { return topic_; }
  QCheckBox* keepTimestampsBox() const { return keepTimestamps_; }
  QTableWidget* previewTable() const { return preview_; }
  QListWidget* problemList() const { return problems_; }
  QPushButton* importButton() const { return importButton_; }
  ProgressStrip* progressStrip() const { return strip_; }
  LongOperation* operation() const { return operation_; }
  QString summary() const;
  QString outcome() const { return outcome_; }

 signals:
  // The import ended (also after Cancel): `message` is the outcome shown.
  void importFinished(bool ok, const QString& message);

 private:
  void chooseFile();
  void showParse();
  void fillPreview();

  TopicListModel* topics_;
  DataActions* actions_;
  QLineEdit* path_;
  QLabel* formatLabel_;
  QComboBox* topic_;
  QCheckBox* keepTimestamps_;
  QLabel* summary_;
  QTableWidget* preview_;
  QLabel* problemsTitle_;
  QListWidget* problems_;
  ProgressStrip* strip_;
  QPushButton* importButton_;
  ImportParse parse_;
  ExportFormat format_ = ExportFormat::JsonLines;
  bool loading_ = false;
  LongOperation* operation_ = nullptr;
  QPointer<LongOperation> reading_;  // the file being read and checked, while it is
  QString outcome_;
  std::unique_ptr<JobThread> reader_;  // last: goes first, before what its jobs report to
};

}  // namespace runnel::widgets
