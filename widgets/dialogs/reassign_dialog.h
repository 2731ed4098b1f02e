// The Reassign replicas dialog: a grid of the topic's partitions × the cluster's brokers where a
// person ticks which brokers hold each partition and picks its preferred leader, with a live
// preview of what moves (who joins, who leaves, where the preferred leader goes) and the reasons
// Reassign is disabled. Dead brokers are marked. GUI thread only; it only builds a
// ReassignmentPlan, the caller runs it through DataActions.
#pragma once

#include <QDialog>
#include <QList>

#include "widgets/models/reassignment_plan.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QTableWidget;

namespace runnel::widgets {

class ReassignDialog : public QDialog {
  Q_OBJECT
 public:
  // `replicas`: each partition's replicas now (preferred first); `brokers` ascending with
  // `alive` alongside.
  ReassignDialog(const QString& topic, const QList<QList<int>>& replicas, const QList<int>& brokers,
                 const QList<bool>& alive, QWidget* parent = nullptr);

  const ReassignmentPlan& plan() const { return plan_; }
  QString topic() const { return topic_; }
  QTableWidget* table() const { return table_; }
  QString previewText() const;
  bool canApply() const;
  // Ticks exactly `brokers` for the partition, the first one preferred (what a click sequence
  // would do; tests and the "Move all" helpers use it).
  void setReplicas(int partition, const QList<int>& brokers);

 private:
  void rowChanged(int partition);
  void refreshPreview();
  QComboBox* preferredCombo(int partition) const;

  QString topic_;
  QList<int> brokers_;
  QList<bool> alive_;
  ReassignmentPlan plan_;
  QTableWidget* table_;
  QLabel* preview_;
  QLabel* problems_;
  QDialogButtonBox* buttons_;
  bool updating_ = false;
};

}  // namespace runnel::widgets
