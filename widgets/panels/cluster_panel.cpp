#include "widgets/panels/cluster_panel.h"

#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <set>
#include <QScrollArea>
#include <QVBoxLayout>

#include "widgets/models/broker_removal_model.h"
#include "widgets/models/cluster_feed.h"
#include "widgets/panels/broker_card.h"
#include "widgets/style/icons.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {

ClusterPanel::ClusterPanel(bool controllable, QWidget* parent)
    : QWidget(parent), controllable_(controllable) {
  summary_ = new QLabel(tr("Waiting for the cluster…"), this);
  summary_->setWordWrap(true);
  summary_->setObjectName(QStringLiteral("clusterSummary"));
  addBroker_ = new QPushButton(Icons::get(QStringLiteral("broker")), tr("Add broker"), this);
  addBroker_->setToolTip(tr("Start one more broker; new topics will use it"));
  addBroker_->setVisible(controllable);
  connect(addBroker_, &QPushButton::clicked, this, &ClusterPanel::addBrokerRequested);

  error_ = new QLabel(this);
  error_->setObjectName(QStringLiteral("removalError"));
  error_->setWordWrap(true);
  error_->setVisible(false);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  const auto& colors = Theme::instance().colors();
  error_->setStyleSheet(QStringLiteral("QLabel { color: %1; border: 1px solid %1; border-radius: "
                                       "6px; padding: 6px 8px; margin: 0 8px; }")
                            .arg(colors.offline.name()));

  auto* content = new QWidget;
  cards_ = new QVBoxLayout(content);
  cards_->setContentsMargins(8, 4, 8, 8);
  cards_->setSpacing(8);
  cards_->addStretch(1);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(content);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);

  auto* head = new QHBoxLayout;
  head->setContentsMargins(10, 8, 8, 0);
  head->addWidget(summary_, 1);
  head->addWidget(addBroker_, 0, Qt::AlignTop);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(head);
  layout->addWidget(error_);
  layout->addWidget(scroll, 1);
}

void ClusterPanel::setRemovalModel(BrokerRemovalModel* model) {
  removal_ = model;
  connect(model, &BrokerRemovalModel::planReady, this, &ClusterPanel::confirmRemoval);
  connect(model, &BrokerRemovalModel::refused, this, [this](int brokerId, const QString& message) {
    if (BrokerCard* c = card(brokerId)) c->setRemovalPending(false);
    showError(message);
  });
  connect(model, &BrokerRemovalModel::removalFinished, this,
          [this](int brokerId, bool ok, const QString& message) {
            if (BrokerCard* c = card(brokerId)) c->setRemovalPending(false);
            if (!ok) showError(message);
          });
}

QString ClusterPanel::removalError() const {
  // isHidden, not isVisible: the banner is set while the panel itself may not be on screen.
  return error_->isHidden() ? QString() : error_->text();
}

void ClusterPanel::showError(const QString& message) {
  error_->setText(message);
  error_->setVisible(!message.isEmpty());
}

void ClusterPanel::confirmRemoval(int brokerId, const QString& plan) {
  if (confirmation_) confirmation_->close();
  auto* box = new QMessageBox(QMessageBox::Question, tr("Remove broker %1?").arg(brokerId),
                              tr("Remove broker %1 from the cluster?").arg(brokerId),
                              QMessageBox::Cancel, this);
  box->setObjectName(QStringLiteral("removeBrokerConfirmation"));
  box->setInformativeText(
      tr("%1 Each new copy catches up from the partition's leader while producers keep "
         "writing; leadership moves to replicas in sync. Then broker %2 stops for good, its data "
         "directory is deleted, and its id is never reused.")
          .arg(plan)
          .arg(brokerId));
  QPushButton* yes = box->addButton(tr("Remove broker %1").arg(brokerId), QMessageBox::AcceptRole);
  yes->setObjectName(QStringLiteral("confirmRemove"));
  box->setDefaultButton(QMessageBox::Cancel);
  box->setAttribute(Qt::WA_DeleteOnClose);
  confirmation_ = box;
  connect(box, &QObject::destroyed, this, [this, box] {
    if (confirmation_ == box) confirmation_ = nullptr;
  });
  connect(yes, &QPushButton::clicked, this, [this, brokerId] {
    if (!removal_) return;
    if (BrokerCard* c = card(brokerId)) c->setRemovalPending(true);
    removal_->remove(brokerId);
  });
  box->open();
}

BrokerCard* ClusterPanel::card(std::int32_t brokerId) const {
  auto it = cardById_.find(brokerId);
  return it == cardById_.end() ? nullptr : it->second;
}

QString ClusterPanel::summary() const {
  return summary_->text();
}

void ClusterPanel::showView(const ClusterViewPtr& view) {
  if (!view) return;
  int alive = 0;
  int paused = 0;
  for (const client::BrokerView& b : view->brokers) {
    alive += b.alive ? 1 : 0;
    paused += b.alive && b.paused ? 1 : 0;
    BrokerCard* c = card(b.id);
    if (!c) {
      c = new BrokerCard(b.id, controllable_, this);
      connect(c, &BrokerCard::killRequested, this, &ClusterPanel::killRequested);
      connect(c, &BrokerCard::restartRequested, this, &ClusterPanel::restartRequested);
      connect(c, &BrokerCard::pauseRequested, this, &ClusterPanel::pauseRequested);
      connect(c, &BrokerCard::resumeRequested, this, &ClusterPanel::resumeRequested);
      connect(c, &BrokerCard::removeRequested, this, [this](std::int32_t id) {
        showError({});
        if (removal_)
          removal_->requestPlan(id);
        else
          showError(tr("Cannot remove broker %1: this cluster cannot remove brokers").arg(id));
      });
      // Keep cards ordered by broker id (the stretch stays last).
      int position = 0;
      for (const auto& [id, existing] : cardById_) {
        if (id < b.id) ++position;
        (void)existing;
      }
      cards_->insertWidget(position, c);
      cardById_[b.id] = c;
    }
    c->showBroker(b);
  }
  // Removed brokers leave the views: their cards go.
  std::set<std::int32_t> listed;
  for (const client::BrokerView& b : view->brokers)
    listed.insert(b.id);
  for (auto it = cardById_.begin(); it != cardById_.end();) {
    if (listed.count(it->first)) {
      ++it;
      continue;
    }
    cards_->removeWidget(it->second);
    it->second->deleteLater();
    it = cardById_.erase(it);
  }
  const int total = static_cast<int>(view->brokers.size());
  QString text = tr("%1 of %2 brokers alive").arg(alive).arg(total);
  if (paused > 0) text += tr(" (%1 paused)").arg(paused);
  if (view->controllerId >= 0) text += tr(" · controller on broker %1").arg(view->controllerId);
  const int topics = static_cast<int>(view->topics.size());
  text += topics == 1 ? tr(" · 1 topic") : tr(" · %1 topics").arg(topics);
  summary_->setText(text);
}

}  // namespace runnel::widgets
