#include "widgets/panels/events_panel.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

#include "widgets/models/cluster_change_model.h"

namespace runnel::widgets {

EventsPanel::EventsPanel(ClusterChangeModel* model, QWidget* parent) : QWidget(parent) {
  view_ = new QTableView(this);
  view_->setObjectName(QStringLiteral("eventsView"));
  view_->setModel(model);
  view_->verticalHeader()->hide();
  view_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
  view_->horizontalHeader()->setStretchLastSection(true);
  view_->horizontalHeader()->setSectionResizeMode(ClusterChangeModel::TimeColumn,
                                                  QHeaderView::ResizeToContents);
  view_->horizontalHeader()->setSectionResizeMode(ClusterChangeModel::KindColumn,
                                                  QHeaderView::ResizeToContents);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setShowGrid(false);
  view_->setAlternatingRowColors(true);
  view_->setWordWrap(false);
  view_->setFrameShape(QFrame::NoFrame);
  connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
    QScrollBar* bar = view_->verticalScrollBar();
    if (bar->value() >= bar->maximum() - 40) view_->scrollToBottom();
  });
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(view_);
}

}  // namespace runnel::widgets
