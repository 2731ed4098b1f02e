#include "widgets/panels/cluster_panel.h"

#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include "widgets/models/cluster_feed.h"
#include "widgets/panels/broker_card.h"
#include "widgets/style/icons.h"

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
  layout->addWidget(scroll, 1);
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
  const int total = static_cast<int>(view->brokers.size());
  QString text = tr("%1 of %2 brokers alive").arg(alive).arg(total);
  if (paused > 0) text += tr(" (%1 paused)").arg(paused);
  if (view->controllerId >= 0) text += tr(" · controller on broker %1").arg(view->controllerId);
  const int topics = static_cast<int>(view->topics.size());
  text += topics == 1 ? tr(" · 1 topic") : tr(" · %1 topics").arg(topics);
  summary_->setText(text);
}

}  // namespace runnel::widgets
