// The Clients panel: the Kafka applications connected to the embedded cluster's listeners —
// your own app, kcat, librdkafka or the Java client appear here as they connect, with the
// software they announced, the broker each connection talks to and how busy it is. When nobody
// is connected it says how to connect (the bootstrap servers and a kcat command line).
// GUI thread only; does not own the model.
#pragma once

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace runnel::widgets {

class ClientListModel;

class ClientsPanel : public QWidget {
  Q_OBJECT
 public:
  ClientsPanel(ClientListModel* clients, const QString& bootstrapServers,
               QWidget* parent = nullptr);

  QTableView* view() const { return view_; }
  QString summaryText() const;

 private:
  void refresh();

  ClientListModel* clients_;
  QString bootstrap_;
  QSortFilterProxyModel* proxy_ = nullptr;
  QTableView* view_ = nullptr;
  QLabel* summary_ = nullptr;
  QLabel* empty_ = nullptr;
  QStackedWidget* stack_ = nullptr;
};

}  // namespace runnel::widgets
