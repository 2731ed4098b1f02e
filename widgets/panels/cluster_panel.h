// The Cluster panel: a card per broker (alive or dead, controller, leader count, byte rates)
// with Kill, Restart and Remove, an Add broker button, and a one-line summary of the cluster.
// Reads ClusterViews from a ClusterFeed; asks for kill/restart/add through signals (the main
// window runs them off the GUI thread) and removes brokers through a BrokerRemovalModel: Remove
// asks for the plan, a confirmation says what will move where, the card shows the drain and
// goes when the broker is gone; a refusal shows in a banner above the cards. The actions appear
// only when the backend allows them. GUI thread only.
#pragma once

#include <QWidget>
#include <map>

#include "widgets/models/cluster_feed.h"

class QLabel;
class QMessageBox;
class QPushButton;
class QVBoxLayout;

namespace runnel::widgets {

class BrokerCard;
class BrokerRemovalModel;

class ClusterPanel : public QWidget {
  Q_OBJECT
 public:
  ClusterPanel(bool controllable, QWidget* parent = nullptr);

  void showView(const ClusterViewPtr& view);
  BrokerCard* card(std::int32_t brokerId) const;
  QString summary() const;
  // Enables Remove on the cards; the model must outlive the panel.
  void setRemovalModel(BrokerRemovalModel* model);
  // The refusal or failure shown above the cards (empty when none).
  QString removalError() const;
  // The open removal confirmation, if any.
  QMessageBox* removalConfirmation() const { return confirmation_; }

 signals:
  void killRequested(std::int32_t brokerId);
  void restartRequested(std::int32_t brokerId);
  void pauseRequested(std::int32_t brokerId);
  void resumeRequested(std::int32_t brokerId);
  void addBrokerRequested();

 private:
  bool controllable_;
  QLabel* summary_;
  QPushButton* addBroker_;
  QLabel* error_;
  QVBoxLayout* cards_;
  std::map<std::int32_t, BrokerCard*> cardById_;
  BrokerRemovalModel* removal_ = nullptr;
  QMessageBox* confirmation_ = nullptr;

  void confirmRemoval(int brokerId, const QString& plan);
  void showError(const QString& message);
};

}  // namespace runnel::widgets
