// The Consumer Groups panel: every group with its state, members, partitions and total lag,
// filtered as you type; below, the selected group's members and a row per partition with the
// committed offset, high watermark, lag and owner. Reset offsets (earliest, latest, a time) is
// offered when the group has no active members, and runs through DataActions.
// GUI thread only; does not own the models or the DataActions.
#pragma once

#include <QWidget>

#include "widgets/models/cluster_feed.h"

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace runnel::widgets {

class DataActions;
class GroupDetailModel;
class GroupListModel;

class GroupsPanel : public QWidget {
  Q_OBJECT
 public:
  GroupsPanel(GroupListModel* groups, DataActions* actions, QWidget* parent = nullptr);

  void showView(const ClusterViewPtr& view);
  void selectGroup(const QString& groupId);
  QString selectedGroup() const;
  // Opens the reset dialog for the selected group (also what the button does).
  void resetSelected();

  QTableView* view() const { return view_; }
  QTableView* detailView() const { return detailView_; }
  QSortFilterProxyModel* proxy() const { return proxy_; }
  GroupDetailModel* detail() const { return detail_; }
  QLineEdit* filterEdit() const { return filter_; }
  QToolButton* resetButton() const { return reset_; }
  QString header() const;
  QString message() const;

 private:
  void selectionChanged();
  void updateHeader();
  void updateSummary();

  GroupListModel* groups_;
  DataActions* actions_;
  GroupDetailModel* detail_;
  QSortFilterProxyModel* proxy_;
  QLineEdit* filter_;
  QLabel* summary_;
  QTableView* view_;
  QLabel* header_;
  QToolButton* reset_;
  QTableView* detailView_;
  QLabel* message_;
  ClusterViewPtr latest_;
};

}  // namespace runnel::widgets
