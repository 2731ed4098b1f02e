// The Produce dialog: write records to a topic — key (or null), value, headers, partition (or
// the partitioner's choice) and a count — where {{i}}, {{uuid}}, {{now}}, {{iso}}, {{random}}
// and {{pick:a|b}} are filled in per record, with a live preview of the first record and a few
// ready-made templates. Sends through DataActions (off the GUI thread) with progress and Cancel
// (a count can be large); stays open so a person can send again, showing each outcome. GUI thread
// only; does not own the DataActions.
#pragma once

#include <QDialog>

#include "widgets/models/data_actions.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace runnel::widgets {

class LongOperation;
class ProgressStrip;

class ProduceDialog : public QDialog {
  Q_OBJECT
 public:
  ProduceDialog(QString topic, int partitions, DataActions* actions, QWidget* parent = nullptr);

  ProduceRequest request() const;
  void send();

  QLineEdit* keyEdit() const { return key_; }
  QCheckBox* nullKeyBox() const { return nullKey_; }
  QPlainTextEdit* valueEdit() const { return value_; }
  QTableWidget* headersTable() const { return headers_; }
  QComboBox* partitionCombo() const { return partition_; }
  QSpinBox* countSpin() const { return count_; }
  QString outcome() const;
  QString preview() const;
  ProgressStrip* progressStrip() const { return strip_; }
  // The send in progress or last finished; null before the first.
  LongOperation* operation() const { return operation_; }

 private:
  void updatePreview();
  void addHeaderRow(const QString& key = {}, const QString& value = {});

  QString topic_;
  DataActions* actions_;
  QComboBox* template_;
  QLineEdit* key_;
  QCheckBox* nullKey_;
  QPlainTextEdit* value_;
  QTableWidget* headers_;
  QComboBox* partition_;
  QSpinBox* count_;
  QLabel* preview_;
  QLabel* outcome_;
  ProgressStrip* strip_;
  QPushButton* sendButton_;
  LongOperation* operation_ = nullptr;
};

}  // namespace runnel::widgets
