// InjectErrorDialog: asks which Kafka requests should get which error code — the API (Produce,
// Fetch, Metadata, ...), an optional topic, the error (readable names, the common ones first) and
// how many requests: the next N, or a share of them. GUI thread only; a plain form, it runs
// nothing itself (FaultModel::injectError does).
#pragma once

#include <QDialog>

#include "widgets/models/fault_model.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace runnel::widgets {

class InjectErrorDialog : public QDialog {
  Q_OBJECT
 public:
  InjectErrorDialog(const QVector<FaultChoice>& apis, const QVector<FaultChoice>& errors,
                    QWidget* parent = nullptr);

  ErrorRule rule() const;
  // For tests: pick by API key / wire error code.
  bool selectApi(int apiKey);
  bool selectError(int errorCode);
  QLineEdit* topicEdit() const { return topic_; }
  QRadioButton* countMode() const { return byCount_; }
  QRadioButton* shareMode() const { return byShare_; }
  QSpinBox* countBox() const { return count_; }
  QSpinBox* percentBox() const { return percent_; }

 private:
  void refresh();

  QComboBox* api_;
  QLineEdit* topic_;
  QComboBox* error_;
  QRadioButton* byCount_;
  QRadioButton* byShare_;
  QSpinBox* count_;
  QSpinBox* percent_;
  QLabel* summary_;
  QDialogButtonBox* buttons_;
};

}  // namespace runnel::widgets
