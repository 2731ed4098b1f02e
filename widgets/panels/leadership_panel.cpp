#include "widgets/panels/leadership_panel.h"

#include <QComboBox>
#include <cmath>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include "widgets/models/cluster_feed.h"
#include "widgets/models/leadership_model.h"
#include "widgets/style/flow_layout.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {

QColor colorFor(ReplicaRole role) {
  const auto& c = Theme::instance().colors();
  switch (role) {
    case ReplicaRole::Leader:
      return c.leader;
    case ReplicaRole::InSync:
      return c.follower;
    case ReplicaRole::OutOfSync:
      return c.outOfSync;
    case ReplicaRole::Offline:
      return c.offline;
    case ReplicaRole::None:
      break;
  }
  return c.surfaceBorder;
}

// Draws each replica as a rounded chip; a freshly moved leader pulses and names its predecessor.
class ReplicaDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;
  void paint(QPainter* painter, const QStyleOptionViewItem& option,
             const QModelIndex& index) const override {
    const auto role =
        static_cast<ReplicaRole>(index.data(LeadershipModel::ReplicaRoleRole).toInt());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF cell = QRectF(option.rect).adjusted(4, 3, -4, -3);
    if (role == ReplicaRole::None) {
      painter->setPen(QPen(Theme::instance().colors().surfaceBorder, 1, Qt::DotLine));
      painter->setBrush(Qt::NoBrush);
      painter->drawRoundedRect(cell, 6, 6);
      painter->restore();
      return;
    }
    QColor fill = colorFor(role);
    const int ago = index.data(LeadershipModel::LeaderMovedAgoMsRole).toInt();
    if (ago >= 0) {
      // A pulse that fades out over the animation window: lighter, then settling.
      const double t = static_cast<double>(ago) / LeadershipModel::kAnimationMs;
      const double glow = (1 - t) * (0.5 + 0.5 * std::cos(t * 6 * 3.14159));
      painter->setPen(QPen(Theme::instance().colors().accent, 2 + 3 * glow));
      fill = fill.lighter(100 + static_cast<int>(50 * glow));
    } else if (role == ReplicaRole::OutOfSync || role == ReplicaRole::Offline) {
      painter->setPen(QPen(fill, 1.5));
    } else {
      painter->setPen(Qt::NoPen);
    }
    if (role == ReplicaRole::OutOfSync || role == ReplicaRole::Offline) {
      painter->setBrush(QColor(fill.red(), fill.green(), fill.blue(), 60));
    } else {
      painter->setBrush(fill);
    }
    painter->drawRoundedRect(cell, 6, 6);
    const auto change =
        static_cast<ReplicaMove>(index.data(LeadershipModel::ReplicaMoveRole).toInt());
    if (change != ReplicaMove::None) drawMove(painter, cell, change);
    QString text = LeadershipModel::roleName(role);
    if (role == ReplicaRole::Leader)
      text = QObject::tr("leader");
    else if (role == ReplicaRole::InSync)
      text = QObject::tr("in sync");
    else if (role == ReplicaRole::OutOfSync)
      text = QObject::tr("behind");
    else if (role == ReplicaRole::Offline)
      text = QObject::tr("offline");
    const int from = index.data(LeadershipModel::PreviousLeaderRole).toInt();
    if (ago >= 0 && from >= 0) text = QObject::tr("leader ← %1").arg(from);
    if (change == ReplicaMove::Joining && role == ReplicaRole::Offline)
      text = QObject::tr("joining · offline");
    else if (change == ReplicaMove::Joining)
      text =
          role == ReplicaRole::InSync ? QObject::tr("joined · in sync") : QObject::tr("joining…");
    else if (change == ReplicaMove::Leaving)
      text = role == ReplicaRole::Leader ? QObject::tr("leader · leaving") : QObject::tr("leaving");
    painter->setPen(role == ReplicaRole::Leader || role == ReplicaRole::InSync
                        ? QColor(Qt::white)
                        : option.palette.color(QPalette::Text));
    QFont f = option.font;
    f.setBold(role == ReplicaRole::Leader);
    painter->setFont(f);
    painter->drawText(cell, Qt::AlignCenter, text);
    painter->restore();
  }
  // A joining replica gets a dashed accent outline; a leaving one is hatched.
  static void drawMove(QPainter* painter, const QRectF& cell, ReplicaMove change) {
    const QColor accent = Theme::instance().colors().accent;
    painter->save();
    if (change == ReplicaMove::Joining) {
      painter->setPen(QPen(accent, 2, Qt::DashLine));
      painter->setBrush(Qt::NoBrush);
      painter->drawRoundedRect(cell.adjusted(1, 1, -1, -1), 6, 6);
    } else {
      // Light stripes read on every chip colour; the red edge says "going away".
      painter->setPen(Qt::NoPen);
      painter->setBrush(QBrush(QColor(255, 255, 255, 110), Qt::BDiagPattern));
      painter->drawRoundedRect(cell, 6, 6);
      painter->setPen(QPen(Theme::instance().colors().offline, 2));
      painter->setBrush(Qt::NoBrush);
      painter->drawRoundedRect(cell.adjusted(1, 1, -1, -1), 6, 6);
    }
    painter->restore();
  }
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const override {
    return {96, option.fontMetrics.height() + 14};
  }
};

QWidget* legendChip(const QString& text, ReplicaRole role, QWidget* parent) {
  auto* label = new QLabel(parent);
  const QColor c = colorFor(role);
  const bool hollow = role == ReplicaRole::OutOfSync || role == ReplicaRole::Offline;
  label->setText(
      QStringLiteral("<span style=\"color:%1\">%2</span> %3")
          .arg(c.name(), hollow ? QStringLiteral("▢") : QStringLiteral("■"), text.toHtmlEscaped()));
  return label;
}

QWidget* moveLegend(const QString& text, ReplicaMove change, QWidget* parent) {
  auto* label = new QLabel(parent);
  const QColor c = change == ReplicaMove::Joining ? Theme::instance().colors().accent
                                                  : Theme::instance().colors().offline;
  label->setText(
      QStringLiteral("<span style=\"color:%1\">%2</span> %3")
          .arg(c.name(), change == ReplicaMove::Joining ? QStringLiteral("⬚") : QStringLiteral("▨"),
               text.toHtmlEscaped()));
  label->setToolTip(change == ReplicaMove::Joining
                        ? QObject::tr("A reassignment adds this replica: it copies the log "
                                      "from the leader until it is in sync")
                        : QObject::tr("A reassignment removes this replica once every new "
                                      "replica is in sync; its data is then deleted"));
  return label;
}

}  // namespace

LeadershipPanel::LeadershipPanel(QWidget* parent)
    : QWidget(parent), model_(new LeadershipModel(this)) {
  topics_ = new QComboBox(this);
  topics_->setObjectName(QStringLiteral("leadershipTopic"));
  topics_->setMinimumContentsLength(16);
  topics_->setPlaceholderText(tr("No topics yet"));
  connect(topics_, &QComboBox::currentTextChanged, this, [this](const QString& topic) {
    model_->setTopic(topic);
    if (last_) model_->update(*last_);
  });

  grid_ = new QTableView(this);
  grid_->setObjectName(QStringLiteral("leadershipGrid"));
  grid_->setModel(model_);
  grid_->setItemDelegate(new ReplicaDelegate(grid_));
  grid_->setShowGrid(false);
  grid_->setSelectionMode(QAbstractItemView::NoSelection);
  grid_->setFocusPolicy(Qt::NoFocus);
  grid_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  grid_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 16);
  grid_->setFrameShape(QFrame::NoFrame);

  auto* head = new QHBoxLayout;
  head->setContentsMargins(10, 8, 10, 0);
  head->addWidget(new QLabel(tr("Topic"), this));
  head->addWidget(topics_, 1);

  auto* legend = new FlowLayout(nullptr, 14, 4);
  legend->setContentsMargins(10, 0, 10, 6);
  legend->addWidget(legendChip(tr("leader"), ReplicaRole::Leader, this));
  legend->addWidget(legendChip(tr("in-sync follower"), ReplicaRole::InSync, this));
  legend->addWidget(legendChip(tr("behind (out of sync)"), ReplicaRole::OutOfSync, this));
  legend->addWidget(legendChip(tr("on a dead broker"), ReplicaRole::Offline, this));
  legend->addWidget(moveLegend(tr("joining (reassignment)"), ReplicaMove::Joining, this));
  legend->addWidget(moveLegend(tr("leaving (reassignment)"), ReplicaMove::Leaving, this));

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(head);
  layout->addWidget(grid_, 1);
  layout->addLayout(legend);

  animation_.setInterval(40);
  connect(&animation_, &QTimer::timeout, this, [this] {
    grid_->viewport()->update();
    if (!model_->animating()) animation_.stop();
  });
}

void LeadershipPanel::showView(const ClusterViewPtr& view) {
  if (!view) return;
  last_ = view;
  QStringList names;
  for (const auto& t : view->topics)
    if (!t.internal) names << QString::fromStdString(t.name);
  QStringList current;
  for (int i = 0; i < topics_->count(); ++i)
    current << topics_->itemText(i);
  if (names != current) {
    const QString keep = topics_->currentText();
    QSignalBlocker block(topics_);
    topics_->clear();
    topics_->addItems(names);
    const qsizetype at = names.indexOf(keep);
    topics_->setCurrentIndex(at >= 0 ? static_cast<int>(at) : (names.isEmpty() ? -1 : 0));
    model_->setTopic(topics_->currentText());
  }
  model_->update(*view);
  if (model_->animating() && !animation_.isActive()) animation_.start();
}

}  // namespace runnel::widgets
