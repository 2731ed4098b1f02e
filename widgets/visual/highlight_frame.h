// HighlightFrame: a glowing, pulsing frame drawn over a widget (a dock) for a few seconds, so a
// lesson can say "look here" without moving anything. It is an overlay child of the target's
// window that ignores the mouse, follows the target while it pulses, and deletes itself.
// GUI thread only; owned by the target's window, deleted when done or when the target goes.
#pragma once

#include <QPointer>
#include <QVariantAnimation>
#include <QWidget>

namespace runnel::widgets {

class HighlightFrame : public QWidget {
  Q_OBJECT
 public:
  // Frames `target` for `ms` milliseconds; a new flash replaces the one in progress.
  static HighlightFrame* flash(QWidget* target, int ms = 4000);
  // The frame on screen now, or null (tests).
  static HighlightFrame* current();
  QWidget* target() const { return target_; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  HighlightFrame(QWidget* target, int ms);
  void follow();

  QPointer<QWidget> target_;
  QVariantAnimation pulse_;
  qreal phase_ = 0;
};

}  // namespace runnel::widgets
