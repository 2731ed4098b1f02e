// The Partition Leadership panel: pick a topic and see its partitions × brokers — who leads, who
// follows in sync, who has fallen behind, which replicas sit on dead brokers — with a legend.
// When a leader moves, the new leader's cell pulses and shows where leadership came from.
// GUI thread only.
#pragma once

#include <QTimer>
#include <QWidget>

#include "widgets/models/cluster_feed.h"

class QComboBox;
class QTableView;

namespace runnel::widgets {

class LeadershipModel;

class LeadershipPanel : public QWidget {
  Q_OBJECT
 public:
  explicit LeadershipPanel(QWidget* parent = nullptr);

  void showView(const ClusterViewPtr& view);
  LeadershipModel* model() const { return model_; }
  QComboBox* topicBox() const { return topics_; }
  QTableView* grid() const { return grid_; }

 private:
  QComboBox* topics_;
  QTableView* grid_;
  LeadershipModel* model_;
  QTimer animation_;
  ClusterViewPtr last_;
};

}  // namespace runnel::widgets
