// The Events panel: the cluster's timeline — brokers dying and coming back, leaders moving, the
// in-sync set shrinking and growing, topics appearing — newest at the bottom, each with its time
// and a sentence a newcomer can read. GUI thread only.
#pragma once

#include <QWidget>

class QTableView;

namespace runnel::widgets {

class ClusterChangeModel;

class EventsPanel : public QWidget {
  Q_OBJECT
 public:
  EventsPanel(ClusterChangeModel* model, QWidget* parent = nullptr);
  QTableView* view() const { return view_; }

 private:
  QTableView* view_;
};

}  // namespace runnel::widgets
