#include "widgets/visual/log_strip_view.h"

#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "widgets/models/log_strip_model.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {
constexpr double kPitch = LogStripView::kCellWidth + LogStripView::kCellGap;
constexpr int kSegmentRowTop = 4;
constexpr int kFlagRowTop = 24;
constexpr int kFlagRowHeight = 20;
constexpr int kStripTop = kFlagRowTop + 2 * kFlagRowHeight + 10;
constexpr int kStripHeight = 40;
constexpr int kBelowTop = kStripTop + kStripHeight;

QString number(qint64 v) {
  return QLocale().toString(v);
}

// Places labels left to right in the first row where they do not overlap the previous one.
struct RowPacker {
  std::vector<double> rightEdges;
  int place(double left, double width, int maxRows) {
    for (int row = 0; row < static_cast<int>(rightEdges.size()); ++row) {
      if (left > rightEdges[row] + 6) {
        rightEdges[row] = left + width;
        return row;
      }
    }
    if (static_cast<int>(rightEdges.size()) < maxRows) {
      rightEdges.push_back(left + width);
      return static_cast<int>(rightEdges.size()) - 1;
    }
    return -1;  // no room: skip rather than overprint
  }
};
}  // namespace

LogStripView::LogStripView(LogStripModel* model, QWidget* parent) : QWidget(parent), model_(model) {
  setObjectName(QStringLiteral("logStripView"));
  setMouseTracking(false);
  setCursor(Qt::PointingHandCursor);
  setAccessibleName(tr("Log strip"));
  connect(model_, &LogStripModel::changed, this, qOverload<>(&QWidget::update));
  connect(&Theme::instance(), &Theme::changed, this, qOverload<>(&QWidget::update));
}

QColor LogStripView::groupColor() {
  // Apart from the blues and greens of replicas, so a reader's flag never reads as a record.
  return Theme::instance().isDark() ? QColor(0xc0, 0x84, 0xfc) : QColor(0x8e, 0x44, 0xad);
}

QSize LogStripView::sizeHint() const {
  return {900, kBelowTop + 70};
}
QSize LogStripView::minimumSizeHint() const {
  return {200, kBelowTop + 70};
}

double LogStripView::xForPosition(double cells) const {
  return kMargin + cells * kPitch;
}

QRectF LogStripView::stripRect() const {
  return QRectF(kMargin, kStripTop, model_->visibleCells() * kPitch - kCellGap, kStripHeight);
}

void LogStripView::setSelectedOffset(qint64 offset) {
  selected_ = offset;
  update();
}

void LogStripView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  model_->setVisibleCells(
      std::max(1, static_cast<int>((width() - 2 * kMargin + kCellGap) / kPitch)));
}

void LogStripView::mousePressEvent(QMouseEvent* event) {
  const QPointF pos = event->position();
  if (pos.y() < kStripTop - 4 || pos.y() > kStripTop + kStripHeight + 4) return;
  const int cell = static_cast<int>(std::floor((pos.x() - kMargin) / kPitch));
  if (cell < 0 || cell >= model_->visibleCells()) return;
  const qint64 offset = model_->offsetAt(cell);
  const LogStripState& s = model_->state();
  if (offset < s.logStart || offset >= s.logEnd) return;
  setSelectedOffset(offset);
  emit recordClicked(offset);
}

void LogStripView::wheelEvent(QWheelEvent* event) {
  const int steps = event->angleDelta().y() / 120;
  if (steps == 0) return;
  const qint64 rpc = model_->recordsPerCell();
  const LogStripState& s = model_->state();
  qint64 first = model_->firstOffset() - static_cast<qint64>(steps) * 5 * rpc;
  first = std::clamp<qint64>(first, s.logStart, std::max(s.logStart, s.logEnd - rpc));
  model_->scrollTo(first);
  event->accept();
}

void LogStripView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const LogStripState& s = model_->state();
  if (!s.known) {
    p.setPen(Theme::instance().colors().muted);
    p.drawText(rect(), Qt::AlignCenter, tr("Pick a topic and partition to see its log."));
    return;
  }
  paintSegments(p);
  paintCells(p);
  paintGroupFlags(p);
  paintOffsetMarkers(p);
}

void LogStripView::paintCells(QPainter& p) const {
  const auto& c = Theme::instance().colors();
  const LogStripState& s = model_->state();
  const qint64 rpc = model_->recordsPerCell();
  QFont small = font();
  small.setPointSizeF(font().pointSizeF() * 0.78);
  p.setFont(small);
  const int labelEvery = std::max(1, static_cast<int>(std::ceil(70.0 / kPitch)));
  for (int cell = 0; cell < model_->visibleCells(); ++cell) {
    const qint64 from = model_->offsetAt(cell);
    const qint64 to = from + rpc;  // exclusive
    const QRectF r(xForPosition(cell), kStripTop, kCellWidth, kStripHeight);
    QColor fill;
    Qt::PenStyle border = Qt::SolidLine;
    if (to <= s.logStart) {
      fill = c.surface;  // deleted by retention
      border = Qt::DotLine;
    } else if (from >= s.logEnd) {
      fill = Qt::transparent;  // not written yet
      border = Qt::DashLine;
    } else if (from >= s.highWatermark) {
      fill = c.warning;  // on the leader only: consumers cannot see it yet
    } else {
      fill = c.follower;
    }
    p.setPen(
        QPen(from >= s.logEnd || to <= s.logStart ? c.surfaceBorder : fill.darker(130), 1, border));
    p.setBrush(fill);
    p.drawRoundedRect(r, 4, 4);
    if (rpc > 1 && from < s.logEnd && to > s.logEnd) {
      // A partly written cell: shade the written share.
      const double share = static_cast<double>(s.logEnd - from) / static_cast<double>(rpc);
      p.setPen(Qt::NoPen);
      p.setBrush(from >= s.highWatermark ? c.warning : c.follower);
      p.drawRoundedRect(QRectF(r.left(), r.top(), r.width() * share, r.height()), 4, 4);
    }
    if (selected_ >= from && selected_ < to) {
      p.setPen(QPen(palette().color(QPalette::Text), 2.5));
      p.setBrush(Qt::NoBrush);
      p.drawRoundedRect(r.adjusted(-1.5, -1.5, 1.5, 1.5), 5, 5);
    }
    if (cell % labelEvery == 0) {
      p.setPen(c.muted);
      p.drawLine(QPointF(r.left(), kBelowTop + 1), QPointF(r.left(), kBelowTop + 5));
      p.drawText(QRectF(r.left() - 2, kBelowTop + 4, kPitch * labelEvery, 14),
                 Qt::AlignLeft | Qt::AlignTop, number(from));
    }
  }
}

void LogStripView::paintSegments(QPainter& p) const {
  const auto& c = Theme::instance().colors();
  const LogStripState& s = model_->state();
  QFont small = font();
  small.setPointSizeF(font().pointSizeF() * 0.78);
  p.setFont(small);
  const QFontMetricsF fm(small);
  RowPacker packer;
  for (int i = 0; i < s.segmentBases.size(); ++i) {
    const double pos = model_->positionOf(s.segmentBases[i]);
    if (pos < 0 || pos > model_->visibleCells()) continue;
    const double x = xForPosition(pos) - kCellGap / 2.0;
    p.setPen(QPen(c.muted, 2));
    p.drawLine(QPointF(x, kSegmentRowTop + 2), QPointF(x, kStripTop + kStripHeight + 4));
    const QString label = i == s.segmentBases.size() - 1
                              ? tr("active segment @%1").arg(number(s.segmentBases[i]))
                              : tr("segment @%1").arg(number(s.segmentBases[i]));
    const double w = fm.horizontalAdvance(label) + 4;
    if (packer.place(x, w, 1) < 0) continue;
    p.setPen(c.muted);
    p.drawText(QRectF(x + 4, kSegmentRowTop - 2, w, 16), Qt::AlignLeft | Qt::AlignVCenter, label);
  }
}

void LogStripView::paintGroupFlags(QPainter& p) const {
  const auto& c = Theme::instance().colors();
  const LogStripState& s = model_->state();
  const QFontMetricsF fm(font());
  p.setFont(font());
  RowPacker packer;
  const double rightEdge = xForPosition(model_->visibleCells());
  for (const LogStripMarker& m : s.markers) {
    double pos = model_->positionOf(m.offset);
    QString label = tr("%1 is here · lag %2").arg(m.group, number(m.lag));
    bool clipped = false;
    if (pos < 0) {
      label = QStringLiteral("◀ ") + label + tr(" (at %1)").arg(number(m.offset));
      pos = 0;
      clipped = true;
    } else if (pos > model_->visibleCells()) {
      pos = model_->visibleCells();
      clipped = true;
    }
    const double x = xForPosition(pos) - kCellGap / 2.0;
    const double w = fm.horizontalAdvance(label) + 14;
    double left = std::min(x, rightEdge - w);
    const int row = packer.place(left, w, 2);
    if (row < 0) continue;
    const QColor color = m.hasMembers ? LogStripView::groupColor() : c.muted;
    const double top = kFlagRowTop + row * kFlagRowHeight;
    // The pole from the flag down through the strip, at the group's next offset.
    p.setPen(QPen(color, 2, clipped ? Qt::DashLine : Qt::SolidLine));
    p.drawLine(QPointF(x, top + kFlagRowHeight - 2), QPointF(x, kStripTop + kStripHeight + 2));
    QPainterPath flag;
    flag.addRoundedRect(QRectF(left, top, w, kFlagRowHeight - 3), 4, 4);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawPath(flag);
    p.setPen(color.lightness() > 140 ? QColor(Qt::black) : QColor(Qt::white));
    p.drawText(QRectF(left + 7, top, w - 10, kFlagRowHeight - 3), Qt::AlignVCenter | Qt::AlignLeft,
               label);
  }
}

void LogStripView::paintOffsetMarkers(QPainter& p) const {
  const auto& c = Theme::instance().colors();
  const LogStripState& s = model_->state();
  struct Marker {
    QString label;
    qint64 offset;
    QColor color;
  };
  const Marker markers[] = {
      {tr("log start %1").arg(number(s.logStart)), s.logStart, c.muted},
      {tr("high watermark %1").arg(number(s.highWatermark)), s.highWatermark, c.leader},
      {tr("log end %1").arg(number(s.logEnd)), s.logEnd, c.warning},
  };
  const QFontMetricsF fm(font());
  p.setFont(font());
  RowPacker packer;
  const double rightEdge = xForPosition(model_->visibleCells());
  const double rowTop = kBelowTop + 22;
  for (const Marker& m : markers) {
    const double pos = model_->positionOf(m.offset);
    if (pos < 0 || pos > model_->visibleCells()) continue;
    const double x = xForPosition(pos) - kCellGap / 2.0;
    const double w = fm.horizontalAdvance(m.label) + 8;
    const double left = std::min(std::max(kMargin * 1.0, x - 6), rightEdge - w);
    const int row = packer.place(left, w, 2);
    if (row < 0) continue;
    const double top = rowTop + row * 18;
    p.setPen(QPen(m.color, 2));
    p.drawLine(QPointF(x, kStripTop - 3), QPointF(x, top + 2));
    QPainterPath tip;
    tip.moveTo(x, kBelowTop + 2);
    tip.lineTo(x - 5, kBelowTop + 9);
    tip.lineTo(x + 5, kBelowTop + 9);
    tip.closeSubpath();
    p.setPen(Qt::NoPen);
    p.setBrush(m.color);
    p.drawPath(tip);
    p.setPen(m.color == c.muted ? palette().color(QPalette::Text) : m.color.darker(110));
    p.drawText(QRectF(left, top, w, 16), Qt::AlignLeft | Qt::AlignVCenter, m.label);
  }
}

}  // namespace runnel::widgets
