// The Break Things panel: choose two brokers and what to do to the link between them (cut it,
// cut one way, delay it, drop a share of its messages, heal it) or isolate one broker, see every
// fault in force, and clear them all with one click. Broker kills and restarts stay on the
// Cluster panel's cards. "Inject an error…" makes chosen Kafka requests answer an error code.
// GUI thread only. Borrows the model.
#pragma once

#include <QWidget>

#include "widgets/models/cluster_feed.h"

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace runnel::widgets {

class FaultModel;

class FaultsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit FaultsPanel(FaultModel* model, QWidget* parent = nullptr);

  void showView(const ClusterViewPtr& view);
  QListWidget* faultList() const { return list_; }
  QPushButton* applyButton() const { return apply_; }
  QPushButton* clearButton() const { return clear_; }
  QPushButton* injectButton() const { return inject_; }
  QPushButton* removeButton() const { return remove_; }
  QComboBox* actionBox() const { return action_; }
  QComboBox* brokerABox() const { return brokerA_; }
  QComboBox* brokerBBox() const { return brokerB_; }
  QSpinBox* amountBox() const { return amount_; }

 private:
  void refreshList();
  void refreshAmount();
  void openInjectDialog();

  FaultModel* model_;
  QComboBox* action_;
  QComboBox* brokerA_;
  QComboBox* brokerB_;
  QSpinBox* amount_;
  QPushButton* apply_;
  QListWidget* list_;
  QPushButton* clear_;
  QPushButton* inject_;
  QPushButton* remove_;
  QLabel* result_;
  QList<int> brokers_;
};

}  // namespace runnel::widgets
