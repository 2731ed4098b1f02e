// The Topics panel: every topic with partitions, replication, size and incoming rate, filtered
// as you type; New, Delete, Add partitions, Configure, Browse and Produce act on the selected
// topic, as do Reassign replicas, Elect preferred leaders and Cancel reassignment. Actions run
// through DataActions (off the GUI thread) and their outcome shows in the panel's message line.
// Browse and Produce are asked for by signals (the installer opens them). GUI thread only; does not
// own the model or the DataActions.
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace runnel::widgets {

class DataActions;
class ReassignDialog;
class TopicListModel;

class TopicsPanel : public QWidget {
  Q_OBJECT
 public:
  TopicsPanel(TopicListModel* model, DataActions* actions, QWidget* parent = nullptr);

  QTableView* view() const { return view_; }
  QSortFilterProxyModel* proxy() const { return proxy_; }
  QLineEdit* filterEdit() const { return filter_; }
  QCheckBox* showInternalBox() const { return showInternal_; }
  QString selectedTopic() const;
  void selectTopic(const QString& topic);
  QString message() const;
  void setBrokerCount(int brokers) { brokerCount_ = brokers; }

  // The dialogs the buttons open; public so tests can drive the same paths.
  void newTopic();
  void deleteSelected();
  void addPartitionsToSelected();
  void configureSelected();
  // Opens the Reassign replicas dialog (shown, not modal-blocking) for the selected topic; its
  // Reassign runs the plan through DataActions. Returns the dialog (null without a selection).
  ReassignDialog* openReassignDialog();
  void reassignSelected();
  void electSelected();
  void cancelReassignSelected();

 signals:
  void browseRequested(const QString& topic);
  void produceRequested(const QString& topic);

 private:
  void showOutcome(const QString& action, bool ok, const QString& message);
  void updateSummary();
  void updateButtons();
  void showContextMenu(const QPoint& pos);

  TopicListModel* model_;
  DataActions* actions_;
  QSortFilterProxyModel* proxy_;
  QLineEdit* filter_;
  QCheckBox* showInternal_;
  QTableView* view_;
  QLabel* summary_;
  QLabel* message_;
  QToolButton* newButton_;
  QToolButton* browseButton_;
  QToolButton* produceButton_;
  QToolButton* moreButton_;
  QString pendingSelect_;
  int brokerCount_ = 3;
};

}  // namespace runnel::widgets
