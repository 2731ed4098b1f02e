#include "widgets/visual/highlight_frame.h"

#include <QPainter>
#include <QPainterPath>
#include <QTimer>
#include <cmath>
#include <numbers>

#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {
QPointer<HighlightFrame> currentFrame;
constexpr int kFrameMargin = 3;
constexpr int kPulseMs = 900;
}  // namespace

HighlightFrame* HighlightFrame::flash(QWidget* target, int ms) {
  if (!target || !target->window()) return nullptr;
  delete currentFrame.data();
  currentFrame = new HighlightFrame(target, ms);
  return currentFrame;
}

HighlightFrame* HighlightFrame::current() {
  return currentFrame;
}

HighlightFrame::HighlightFrame(QWidget* target, int ms)
    : QWidget(target->window()), target_(target) {
  setObjectName(QStringLiteral("highlightFrame"));
  setAttribute(Qt::WA_TransparentForMouseEvents);
  setAttribute(Qt::WA_NoSystemBackground);
  setFocusPolicy(Qt::NoFocus);
  pulse_.setStartValue(0.0);
  pulse_.setEndValue(1.0);
  pulse_.setDuration(kPulseMs);
  pulse_.setLoopCount(std::max(1, ms / kPulseMs));
  connect(&pulse_, &QVariantAnimation::valueChanged, this, [this](const QVariant& v) {
    phase_ = v.toReal();
    follow();
    update();
  });
  connect(&pulse_, &QVariantAnimation::finished, this, &QObject::deleteLater);
  connect(target, &QObject::destroyed, this, &QObject::deleteLater);
  follow();
  show();
  raise();
  pulse_.start();
}

void HighlightFrame::follow() {
  if (!target_ || !target_->isVisible()) {
    hide();
    return;
  }
  const QPoint topLeft = target_->mapTo(parentWidget(), QPoint(0, 0));
  setGeometry(QRect(topLeft, target_->size())
                  .adjusted(-kFrameMargin, -kFrameMargin, kFrameMargin, kFrameMargin));
  if (!isVisible()) show();
  raise();
}

void HighlightFrame::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  QColor color = Theme::instance().colors().accent;
  // A breathing glow: bright at the start of each pulse, fading, never quite gone.
  const qreal strength = 0.45 + 0.55 * (0.5 + 0.5 * std::cos(phase_ * 2 * std::numbers::pi));
  for (int ring = 0; ring < 3; ++ring) {
    QColor c = color;
    c.setAlphaF(strength * (ring == 0 ? 1.0 : ring == 1 ? 0.45 : 0.2));
    p.setPen(QPen(c, ring == 0 ? 3.0 : 2.0));
    p.setBrush(Qt::NoBrush);
    const qreal inset = 1.5 + ring * 2.5;
    p.drawRoundedRect(QRectF(rect()).adjusted(inset, inset, -inset, -inset), 6, 6);
  }
}

}  // namespace runnel::widgets
