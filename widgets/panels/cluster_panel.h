// The Cluster panel: a card per broker (alive or dead, controller, leader count, byte rates)
// with Kill and Restart, an Add broker button, and a one-line summary of the cluster. Reads
// ClusterViews from a ClusterFeed; asks for actions through signals (the main window runs them
// off the GUI thread). Kill/Restart/Add appear only when the backend allows them.
// GUI thread only.
#pragma once

#include <QWidget>
#include <map>

#include "widgets/models/cluster_feed.h"

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace runnel::widgets {

class BrokerCard;

class ClusterPanel : public QWidget {
  Q_OBJECT
 public:
  ClusterPanel(bool controllable, QWidget* parent = nullptr);

  void showView(const ClusterViewPtr& view);
  BrokerCard* card(std::int32_t brokerId) const;
  QString summary() const;

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
  QVBoxLayout* cards_;
  std::map<std::int32_t, BrokerCard*> cardById_;
};

}  // namespace runnel::widgets
