// The New topic dialog: name (checked as typed against Kafka's rules and the existing topics),
// partitions, replication factor (at most the number of brokers), cleanup policy and retention.
// Create stays disabled until everything is valid, and the reason is shown under the field.
// GUI thread only.
#pragma once

#include <QDialog>

#include "widgets/models/data_actions.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace runnel::widgets {

class CreateTopicDialog : public QDialog {
  Q_OBJECT
 public:
  CreateTopicDialog(QStringList existingTopics, int brokerCount, QWidget* parent = nullptr);

  NewTopicRequest request() const;
  // Empty when Create may be pressed; otherwise what is wrong.
  QString problem() const { return problem_; }

  QLineEdit* nameEdit() const { return name_; }
  QSpinBox* partitionsSpin() const { return partitions_; }
  QSpinBox* replicationSpin() const { return replication_; }
  QComboBox* cleanupCombo() const { return cleanup_; }
  QLineEdit* retentionEdit() const { return retention_; }

 private:
  void revalidate();

  QStringList existing_;
  QLineEdit* name_;
  QLabel* nameHint_;
  QSpinBox* partitions_;
  QSpinBox* replication_;
  QComboBox* cleanup_;
  QLineEdit* retention_;
  QLabel* retentionHint_;
  QDialogButtonBox* buttons_;
  QString problem_;
};

}  // namespace runnel::widgets
