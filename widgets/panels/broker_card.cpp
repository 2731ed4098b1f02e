#include "widgets/panels/broker_card.h"

#include <algorithm>

#include <QVBoxLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>

#include "widgets/models/cluster_feed.h"
#include "widgets/models/broker_list_model.h"
#include "widgets/style/icons.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {

BrokerCard::BrokerCard(std::int32_t brokerId, bool controllable, QWidget* parent)
    : QFrame(parent), brokerId_(brokerId) {
  setObjectName(QStringLiteral("brokerCard%1").arg(brokerId));
  setMinimumWidth(220);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

  title_ = new QLabel(tr("Broker %1").arg(brokerId), this);
  QFont titleFont = title_->font();
  titleFont.setBold(true);
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
  title_->setFont(titleFont);
  badge_ = new QLabel(tr("controller"), this);
  badge_->setToolTip(tr("This broker hosts the controller, which elects partition leaders"));
  address_ = new QLabel(this);
  address_->setForegroundRole(QPalette::PlaceholderText);
  leaders_ = new QLabel(this);
  rates_ = new QLabel(this);
  rates_->setForegroundRole(QPalette::PlaceholderText);

  kill_ = new QPushButton(Icons::get(QStringLiteral("kill")), tr("Kill"), this);
  kill_->setToolTip(tr("Stop broker %1 abruptly, as if its machine lost power").arg(brokerId));
  restart_ = new QPushButton(Icons::get(QStringLiteral("restart")), tr("Restart"), this);
  restart_->setToolTip(tr("Start broker %1 again from its own data").arg(brokerId));
  connect(kill_, &QPushButton::clicked, this, [this] { emit killRequested(brokerId_); });
  connect(restart_, &QPushButton::clicked, this, [this] { emit restartRequested(brokerId_); });
  pause_ = new QPushButton(Icons::get(QStringLiteral("stop")), tr("Pause"), this);
  pause_->setObjectName(QStringLiteral("brokerPause%1").arg(brokerId));
  pause_->setToolTip(tr("Freeze broker %1: it keeps its connections but answers nothing, as a "
                        "stopped process or a long GC pause")
                         .arg(brokerId));
  connect(pause_, &QPushButton::clicked, this, [this] {
    if (paused_)
      emit resumeRequested(brokerId_);
    else
      emit pauseRequested(brokerId_);
  });
  remove_ = new QPushButton(Icons::get(QStringLiteral("remove")), tr("Remove"), this);
  remove_->setObjectName(QStringLiteral("brokerRemove%1").arg(brokerId));
  remove_->setToolTip(tr("Decommission broker %1: its replicas move to the other brokers, then it "
                         "stops for good")
                          .arg(brokerId));
  connect(remove_, &QPushButton::clicked, this, [this] { emit removeRequested(brokerId_); });
  remove_->setVisible(controllable);
  progress_ = new QProgressBar(this);
  progress_->setObjectName(QStringLiteral("brokerDrain%1").arg(brokerId));
  progress_->setTextVisible(true);
  progress_->setMaximumHeight(16);
  progress_->setVisible(false);
  pause_->setVisible(controllable);
  kill_->setVisible(controllable);
  restart_->setVisible(controllable);

  auto* head = new QHBoxLayout;
  head->setSpacing(8);
  head->addSpacing(16);  // the status dot is painted here
  head->addWidget(title_);
  head->addWidget(badge_);
  head->addStretch(1);

  auto* buttons = new QHBoxLayout;
  buttons->addStretch(1);
  buttons->addWidget(pause_);
  buttons->addWidget(kill_);
  buttons->addWidget(restart_);
  buttons->addWidget(remove_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(12, 10, 12, 10);
  layout->setSpacing(4);
  layout->addLayout(head);
  layout->addWidget(address_);
  layout->addWidget(leaders_);
  layout->addWidget(rates_);
  layout->addWidget(progress_);
  layout->addLayout(buttons);
}

void BrokerCard::showBroker(const client::BrokerView& b) {
  alive_ = b.alive;
  paused_ = b.alive && b.paused;
  draining_ = b.draining;
  if (draining_) removalPending_ = false;
  address_->setText(QStringLiteral("%1:%2").arg(QString::fromStdString(b.host)).arg(b.port));
  badge_->setVisible(b.controller && b.alive);
  const auto& colors = Theme::instance().colors();
  badge_->setStyleSheet(
      QStringLiteral(
          "QLabel { color: %1; border: 1px solid %1; border-radius: 7px; padding: 0 6px; }")
          .arg(colors.accent.name()));
  if (draining_) {
    leaders_->setText(b.drainReplicasToMove == 0 ? tr("Being removed — nothing to move")
                                                 : tr("Being removed — its replicas are moving"));
  } else if (removalPending_) {
    leaders_->setText(tr("Removing…"));
  } else if (paused_) {
    leaders_->setText(b.fenced ? tr("Paused and fenced — its leaders moved away")
                               : tr("Paused — holds its connections, answers nothing"));
  } else if (b.alive) {
    leaders_->setText(
        (b.leaderCount == 1 ? tr("Leads 1 partition")
                            : tr("Leads %1 partitions").arg(b.leaderCount)) +
        QStringLiteral(" · ") +
        (b.replicaCount == 1 ? tr("1 replica") : tr("%1 replicas").arg(b.replicaCount)));
  } else {
    leaders_->setText(tr("Dead — its partitions moved to other brokers"));
  }
  if (b.bytesInPerSec && b.bytesOutPerSec && b.alive) {
    rates_->setText(tr("in %1 · out %2")
                        .arg(BrokerListModel::formatRate(*b.bytesInPerSec),
                             BrokerListModel::formatRate(*b.bytesOutPerSec)));
  } else {
    rates_->setText(b.alive ? QString() : tr("no traffic"));
  }
  progress_->setVisible(draining_ && b.drainReplicasToMove > 0);
  progress_->setRange(0, std::max(1, b.drainReplicasToMove));
  progress_->setValue(b.drainReplicasMoved);
  progress_->setFormat(
      tr("%1 of %2 replicas moved").arg(b.drainReplicasMoved).arg(b.drainReplicasToMove));
  pause_->setText(paused_ ? tr("Resume") : tr("Pause"));
  pause_->setIcon(Icons::get(paused_ ? QStringLiteral("run") : QStringLiteral("stop")));
  updateButtons();
  update();
}

void BrokerCard::updateButtons() {
  const bool busy = draining_ || removalPending_;
  kill_->setEnabled(alive_ && !busy);
  pause_->setEnabled(alive_ && !busy);
  restart_->setEnabled(!alive_ && !busy);
  remove_->setEnabled(!busy && !paused_);
}

void BrokerCard::setRemovalPending(bool pending) {
  removalPending_ = pending;
  if (pending) leaders_->setText(tr("Removing…"));
  updateButtons();
}

QString BrokerCard::statusText() const {
  return leaders_->text();
}

void BrokerCard::paintEvent(QPaintEvent* event) {
  QFrame::paintEvent(event);
  const auto& colors = Theme::instance().colors();
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QRectF card = QRectF(rect()).adjusted(1, 1, -1, -1);
  p.setPen(QPen(alive_ ? colors.surfaceBorder : colors.offline, alive_ ? 1.0 : 1.5));
  p.setBrush(colors.surface);
  p.drawRoundedRect(card, 8, 8);
  // The status dot, vertically centred on the title.
  const QPoint titleCenter = title_->geometry().center();
  p.setPen(Qt::NoPen);
  p.setBrush(paused_ || draining_ ? colors.warning : alive_ ? colors.healthy : colors.offline);
  p.drawEllipse(QPointF(18, titleCenter.y() + 0.5), 5, 5);
}

}  // namespace runnel::widgets
