#include "widgets/visual/window_timeline_view.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "widgets/models/window_timeline.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {

constexpr int kLaneHeight = 24;
constexpr int kRowPadTop = 16;  // room for the emit markers above the bands
constexpr int kRowPadBottom = 8;
constexpr int kRightPad = 16;

QColor bandColor() {
  return Theme::instance().isDark() ? QColor(0x4f, 0x9d, 0xe8) : QColor(0x2b, 0x6c, 0xb0);
}
QColor lateColor() {
  return QColor(0xe0, 0x36, 0x36);
}
QColor finalColor() {
  return Theme::instance().isDark() ? QColor(0x4c, 0xd1, 0x7a) : QColor(0x1e, 0x8e, 0x3e);
}
QColor updateColor() {
  return Theme::instance().isDark() ? QColor(0xf5, 0xb0, 0x41) : QColor(0xd9, 0x82, 0x0b);
}
QColor streamColor() {
  return QColor(0xc0, 0x39, 0xd8);
}

void drawDiamond(QPainter& p, QPointF c, double r, bool filled, const QColor& color) {
  QPolygonF d{{c.x(), c.y() - r}, {c.x() + r, c.y()}, {c.x(), c.y() + r}, {c.x() - r, c.y()}};
  p.setPen(QPen(color, 1.5));
  p.setBrush(filled ? QBrush(color) : Qt::NoBrush);
  p.drawPolygon(d);
}

void drawFlag(QPainter& p, QPointF foot, double h, bool filled, const QColor& color) {
  p.setPen(QPen(color, 2));
  p.drawLine(foot, foot - QPointF(0, h));
  QPolygonF f{foot - QPointF(0, h), foot - QPointF(-10, h - 4), foot - QPointF(0, h - 8)};
  p.setBrush(filled ? QBrush(color) : Qt::NoBrush);
  p.drawPolygon(f);
}

void drawCross(QPainter& p, QPointF c, double r) {
  p.setPen(QPen(lateColor(), 2.2));
  p.drawLine(c + QPointF(-r, -r), c + QPointF(r, r));
  p.drawLine(c + QPointF(-r, r), c + QPointF(r, -r));
}

}  // namespace

WindowTimelineView::WindowTimelineView(WindowTimeline* timeline, QWidget* parent)
    : QAbstractScrollArea(parent), timeline_(timeline) {
  setMouseTracking(true);
  viewport()->setMouseTracking(true);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  connect(timeline_, &WindowTimeline::changed, this, &WindowTimelineView::refresh);
  refresh();
}

QSize WindowTimelineView::sizeHint() const {
  return {960, 520};
}

void WindowTimelineView::setFilter(const QString& filter) {
  filter_ = filter.trimmed();
  verticalScrollBar()->setValue(0);
  refresh();
}

void WindowTimelineView::setZoom(double factor) {
  zoom_ = std::clamp(factor, 0.05, 50.0);
  viewport()->update();
}

QString WindowTimelineView::rowKey(int row) const {
  return row >= 0 && row < rowCount() ? rows_[std::size_t(row)]->key : QString();
}

void WindowTimelineView::refresh() {
  const auto keys = timeline_->keys(filter_);
  rows_.assign(keys.begin(), keys.end());
  const int content = rowCount() * rowHeight();
  const int page = std::max(0, viewport()->height() - kHeader);
  verticalScrollBar()->setPageStep(page);
  verticalScrollBar()->setSingleStep(rowHeight());
  verticalScrollBar()->setRange(0, std::max(0, content - page));
  viewport()->update();
}

int WindowTimelineView::laneCount() const {
  const TimelineSpec& s = timeline_->spec();
  if (s.kind == TimelineWindowKind::Session || s.sizeMs <= 0) return 1;
  const qint64 step =
      s.kind == TimelineWindowKind::Hopping && s.advanceMs > 0 ? s.advanceMs : s.sizeMs;
  // Overlapping hopping windows need a lane each; one lane more lets each window's grace show
  // beside the next window instead of under it. A grace longer than that (ksqlDB's default is
  // 24 hours) cannot fit: it then shows only where no later window covers it.
  const qint64 base = std::clamp<qint64>((s.sizeMs + step - 1) / step, 1, 8);
  const qint64 needed = (s.sizeMs + s.graceMs + step - 1) / step;
  return int(needed <= base + 1 ? needed : base);
}

int WindowTimelineView::rowHeight() const {
  return kRowPadTop + laneCount() * kLaneHeight + kRowPadBottom;
}

int WindowTimelineView::laneOf(qint64 windowStart) const {
  const TimelineSpec& s = timeline_->spec();
  if (s.kind == TimelineWindowKind::Session || s.sizeMs <= 0) return 0;
  const qint64 step =
      s.kind == TimelineWindowKind::Hopping && s.advanceMs > 0 ? s.advanceMs : s.sizeMs;
  const qint64 n = windowStart / step;
  return int(((n % laneCount()) + laneCount()) % laneCount());
}

qint64 WindowTimelineView::visibleEnd() const {
  const TimelineSpec& s = timeline_->spec();
  const qint64 st = timeline_->hasStreamTime() ? timeline_->streamTime() : 0;
  // Room after the stream time for the open windows' grace and the final results to come.
  const qint64 unit = std::max<qint64>(s.sizeMs, 1000);
  const qint64 ahead = std::min(s.graceMs, unit) + unit / 3;
  return st + qint64(double(ahead) * std::min(zoom_, 1.0));
}

qint64 WindowTimelineView::visibleStart() const {
  const TimelineSpec& s = timeline_->spec();
  const qint64 unit = std::max<qint64>(s.sizeMs, 1000);
  const qint64 span = s.kind == TimelineWindowKind::Session ? unit * 8 : unit * 4;
  return visibleEnd() - std::max<qint64>(1000, qint64(double(span) * zoom_));
}

double WindowTimelineView::xFor(qint64 t) const {
  const double t0 = double(visibleStart());
  const double t1 = double(visibleEnd());
  const double w = viewport()->width() - kGutter - kRightPad;
  return kGutter + (double(t) - t0) / std::max(1.0, t1 - t0) * w;
}

QString WindowTimelineView::timeText(qint64 t, bool seconds) const {
  const QDateTime d = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
  return d.toString(seconds ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"));
}

void WindowTimelineView::resizeEvent(QResizeEvent* event) {
  QAbstractScrollArea::resizeEvent(event);
  refresh();
}

void WindowTimelineView::scrollContentsBy(int, int) {
  viewport()->update();
}

void WindowTimelineView::wheelEvent(QWheelEvent* event) {
  if (event->modifiers() & Qt::ControlModifier) {
    setZoom(zoom_ * (event->angleDelta().y() > 0 ? 0.8 : 1.25));
    event->accept();
    return;
  }
  QAbstractScrollArea::wheelEvent(event);
}

bool WindowTimelineView::viewportEvent(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const QString text = toolTipAt(help->pos());
    if (text.isEmpty())
      QToolTip::hideText();
    else
      QToolTip::showText(help->globalPos(), text, viewport());
    return true;
  }
  return QAbstractScrollArea::viewportEvent(event);
}

QString WindowTimelineView::toolTipAt(const QPointF& pos) const {
  // The smallest mark under the cursor wins: a dot inside a band says more than the band.
  const Hit* best = nullptr;
  for (const Hit& h : hits_)
    if (h.rect.contains(pos) &&
        (!best || h.rect.width() * h.rect.height() < best->rect.width() * best->rect.height()))
      best = &h;
  return best ? best->text : QString();
}

void WindowTimelineView::paintEvent(QPaintEvent*) {
  QPainter p(viewport());
  p.setRenderHint(QPainter::Antialiasing);
  const auto& c = Theme::instance().colors();
  p.fillRect(viewport()->rect(), palette().base());
  hits_.clear();
  const TimelineSpec& s = timeline_->spec();
  const qint64 t0 = visibleStart();
  const qint64 t1 = visibleEnd();

  // Window boundaries as faint lines through every row: tumbling windows line up on multiples
  // of their size since the epoch, hopping ones on multiples of the advance.
  const qint64 grid = s.kind == TimelineWindowKind::Hopping    ? s.advanceMs
                      : s.kind == TimelineWindowKind::Tumbling ? s.sizeMs
                                                               : 0;
  if (grid > 0 && (t1 - t0) / grid < 200) {
    QColor g = c.muted;
    g.setAlpha(50);
    p.setPen(QPen(g, 1, Qt::DotLine));
    for (qint64 t = (t0 / grid) * grid; t <= t1; t += grid)
      if (t >= t0) p.drawLine(QPointF(xFor(t), kHeader), QPointF(xFor(t), viewport()->height()));
  }

  const int rh = rowHeight();
  const int scroll = verticalScrollBar()->value();
  p.save();
  p.setClipRect(QRect(0, kHeader, viewport()->width(), viewport()->height() - kHeader));
  const int first = scroll / rh;
  for (int r = first; r < rowCount(); ++r) {
    const int top = kHeader + r * rh - scroll;
    if (top > viewport()->height()) break;
    paintRow(p, *rows_[std::size_t(r)], top);
  }
  if (rows_.empty()) {
    p.setPen(c.muted);
    p.drawText(QRect(0, kHeader, viewport()->width(), 80), Qt::AlignCenter,
               filter_.isEmpty() ? tr("Waiting for records… (windows appear as records arrive)")
                                 : tr("No key matches \u201c%1\u201d").arg(filter_));
  }
  p.restore();

  if (timeline_->hasStreamTime()) {
    const double x = xFor(timeline_->streamTime());
    p.setPen(QPen(streamColor(), 2));
    p.drawLine(QPointF(x, kHeader - 12), QPointF(x, viewport()->height()));
  }
  paintLegend(p);
  paintAxis(p);
}

void WindowTimelineView::paintLegend(QPainter& p) const {
  const auto& c = Theme::instance().colors();
  p.fillRect(QRectF(0, 0, viewport()->width(), kHeader), palette().window());
  QFont f = font();
  f.setPointSizeF(f.pointSizeF() * 0.92);
  p.setFont(f);
  const QFontMetrics fm(f);
  double x = 10;
  const double y = 14;
  auto label = [&](const QString& text) {
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QPointF(x, y + 4), text);
    x += fm.horizontalAdvance(text) + 18;
  };
  QColor band = bandColor();
  band.setAlpha(70);
  p.setPen(QPen(bandColor(), 1));
  p.setBrush(band);
  p.drawRoundedRect(QRectF(x, y - 6, 26, 12), 3, 3);
  x += 30;
  label(tr("open window"));
  QColor closed = c.muted;
  closed.setAlpha(60);
  p.setPen(QPen(c.muted, 1));
  p.setBrush(closed);
  p.drawRoundedRect(QRectF(x, y - 6, 26, 12), 3, 3);
  x += 30;
  label(tr("closed"));
  p.setPen(QPen(bandColor(), 1));
  p.setBrush(QBrush(bandColor(), Qt::BDiagPattern));
  p.drawRect(QRectF(x, y - 6, 22, 12));
  x += 26;
  label(tr("grace period (late records still accepted)"));
  if (timeline_->spec().kind == TimelineWindowKind::Session) {
    p.setPen(QPen(bandColor(), 1, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(x, y - 6, 22, 12));
    x += 26;
    label(tr("session gap (a record here joins the session)"));
  }
  p.setPen(Qt::NoPen);
  p.setBrush(palette().color(QPalette::WindowText));
  p.drawEllipse(QPointF(x + 4, y), 3.5, 3.5);
  x += 12;
  label(tr("record"));
  drawCross(p, QPointF(x + 4, y), 4.5);
  x += 14;
  label(tr("late record, dropped"));
  drawDiamond(p, QPointF(x + 5, y), 5, true, updateColor());
  x += 14;
  label(tr("EMIT CHANGES update"));
  drawFlag(p, QPointF(x + 2, y + 7), 14, true, finalColor());
  x += 16;
  label(tr("EMIT FINAL result"));
  drawDiamond(p, QPointF(x + 5, y), 5, false, c.muted);
  x += 14;
  label(tr("hollow: filtered out by HAVING"));
  p.setPen(QPen(streamColor(), 2));
  p.drawLine(QPointF(x + 4, y - 7), QPointF(x + 4, y + 7));
  x += 12;
  label(tr("stream time"));
}

void WindowTimelineView::paintAxis(QPainter& p) const {
  const auto& c = Theme::instance().colors();
  const double axisY = kHeader - 6;
  p.setPen(QPen(c.surfaceBorder, 1));
  p.drawLine(QPointF(kGutter, axisY), QPointF(viewport()->width() - kRightPad, axisY));
  const qint64 t0 = visibleStart();
  const qint64 t1 = visibleEnd();
  static const qint64 steps[] = {100,     250,     500,     1000,     2000,     5000,    10000,
                                 15000,   30000,   60000,   120000,   300000,   600000,  900000,
                                 1800000, 3600000, 7200000, 21600000, 43200000, 86400000};
  const double pxPerMs =
      (viewport()->width() - kGutter - kRightPad) / std::max(1.0, double(t1 - t0));
  // Ticks on window boundaries when they fit, so the bands' edges are labelled.
  const qint64 size = timeline_->spec().sizeMs;
  qint64 step = steps[std::size(steps) - 1];
  bool found = false;
  for (int pass = 0; pass < 2 && !found; ++pass)
    for (qint64 s : steps) {
      const bool aligned = size <= 0 || size % s == 0 || s % size == 0;
      if (double(s) * pxPerMs >= 70 && (aligned || pass == 1)) {
        step = s;
        found = true;
        break;
      }
    }
  QRectF streamBox;
  QString streamText;
  if (timeline_->hasStreamTime()) {
    const double x = xFor(timeline_->streamTime());
    streamText = tr("stream time %1").arg(timeText(timeline_->streamTime()));
    const double w = QFontMetrics(p.font()).horizontalAdvance(streamText) + 10;
    streamBox = QRectF(std::min(x - w / 2, viewport()->width() - w - 2), axisY - 21, w, 16);
  }
  p.setPen(palette().color(QPalette::WindowText));
  const bool seconds = step < 60000;
  for (qint64 t = (t0 / step + 1) * step; t < t1; t += step) {
    const double x = xFor(t);
    p.setPen(QPen(c.surfaceBorder, 1));
    p.drawLine(QPointF(x, axisY - 4), QPointF(x, axisY));
    // A label under the stream-time box would be unreadable: skip it.
    const QRectF label(x - 40, axisY - 20, 80, 14);
    if (streamBox.isValid() && label.adjusted(15, 0, -15, 0).intersects(streamBox)) continue;
    p.setPen(c.muted);
    p.drawText(label, Qt::AlignCenter, timeText(t, seconds));
  }
  p.setPen(c.muted);
  p.drawText(QRectF(10, axisY - 20, kGutter - 20, 14), Qt::AlignLeft | Qt::AlignVCenter,
             tr("key  \u2192  event time (UTC)"));
  if (streamBox.isValid()) {
    p.setPen(Qt::NoPen);
    p.setBrush(streamColor());
    p.drawRoundedRect(streamBox, 4, 4);
    p.setPen(Qt::white);
    p.drawText(streamBox, Qt::AlignCenter, streamText);
  }
}

void WindowTimelineView::paintRow(QPainter& p, const TimelineKey& key, int top) const {
  const auto& c = Theme::instance().colors();
  const TimelineSpec& s = timeline_->spec();
  const int rh = rowHeight();
  const qint64 t0 = visibleStart();
  const qint64 t1 = visibleEnd();
  const double left = kGutter;
  const double right = viewport()->width() - kRightPad;
  // Alternate row shading and the key in the gutter.
  if ((top / rh) % 2 == 0) {
    QColor shade = c.muted;
    shade.setAlpha(14);
    p.fillRect(QRectF(0, top, viewport()->width(), rh), shade);
  }
  int late = 0;
  for (const auto& r : key.records)
    late += r.late ? 1 : 0;
  p.setPen(palette().color(QPalette::Text));
  QFont bold = font();
  bold.setBold(true);
  p.setFont(bold);
  const QString name = QFontMetrics(bold).elidedText(key.key, Qt::ElideMiddle, kGutter - 20);
  p.drawText(QRectF(10, top + 6, kGutter - 14, 18), Qt::AlignLeft | Qt::AlignVCenter, name);
  p.setFont(font());
  p.setPen(late ? lateColor() : c.muted);
  p.drawText(QRectF(10, top + 24, kGutter - 14, 16), Qt::AlignLeft | Qt::AlignVCenter,
             late ? tr("%1 records · %2 late").arg(key.records.size()).arg(late)
                  : tr("%1 records").arg(key.records.size()));
  p.save();
  p.setClipRect(QRectF(left - 4, top, right - left + 8, rh));

  const bool session = s.kind == TimelineWindowKind::Session;
  const qint64 gap = session ? s.sizeMs : 0;
  auto laneRect = [&](qint64 start, qint64 end) {
    const int lane = laneOf(start);
    const double y = top + kRowPadTop + lane * kLaneHeight + 3;
    double x0 = xFor(start);
    double x1 = xFor(end);
    if (x1 - x0 < 5) x1 = x0 + 5;  // a one-record session is still visible
    return QRectF(x0, y, x1 - x0, kLaneHeight - 6);
  };
  // Graces first, bands over them: where a later window covers a long grace, the band wins.
  const QColor base = palette().color(QPalette::Base);
  auto blend = [&base](const QColor& a, double alpha) {
    return QColor::fromRgbF(a.redF() * alpha + base.redF() * (1 - alpha),
                            a.greenF() * alpha + base.greenF() * (1 - alpha),
                            a.blueF() * alpha + base.blueF() * (1 - alpha));
  };
  for (int pass = 0; pass < 2; ++pass) {
    for (const TimelineWindow& w : key.windows) {
      if (w.end + gap + s.graceMs < t0 || w.start > t1) continue;
      const QRectF band = laneRect(w.start, w.end);
      const QColor edge = w.closed ? c.muted : bandColor();
      if (pass == 0) {
        // The gap of a session (it still merges records that come within it), then the grace.
        double graceFrom = band.right();
        if (session) {
          const QRectF g(band.right(), band.top(), xFor(w.end + gap) - xFor(w.end), band.height());
          p.setPen(QPen(edge, 1, Qt::DashLine));
          p.setBrush(Qt::NoBrush);
          p.drawRect(g);
          graceFrom = g.right();
          hits_.push_back({g, tr("Session gap %1: a record of this key within it joins the session")
                                  .arg(WindowTimeline::formatDuration(gap))});
        }
        const double graceTo = xFor(w.end + gap + s.graceMs);
        const QRectF grace(graceFrom, band.top() + 2, std::max(0.0, graceTo - graceFrom),
                           band.height() - 4);
        p.setPen(QPen(edge, 0.8));
        p.setBrush(QBrush(edge, Qt::BDiagPattern));
        p.drawRect(grace);
        if (grace.width() > 2)
          hits_.push_back(
              {grace, tr("Grace period %1: records of this window arriving until stream time %2 "
                         "are still added; after that they are dropped as late")
                          .arg(WindowTimeline::formatDuration(s.graceMs),
                               timeText(w.end + gap + s.graceMs))});
        continue;
      }
      p.setPen(QPen(edge, w.closed ? 1 : 1.5));
      p.setBrush(blend(edge, w.closed ? 0.22 : 0.28));
      p.drawRoundedRect(band, 3, 3);
      const QString bounds =
          session
              ? tr("Session [%1 – %2]: records within %3 of each other")
                    .arg(timeText(w.start), timeText(w.end), WindowTimeline::formatDuration(gap))
              : tr("Window [%1, %2)").arg(timeText(w.start), timeText(w.end));
      hits_.push_back({band, tr("%1\n%2 record(s) · %3")
                                 .arg(bounds)
                                 .arg(w.records)
                                 .arg(w.closed ? tr("closed: stream time passed its end + grace")
                                               : tr("open: still takes records"))});
    }
  }

  std::vector<QPointF> lateMarks;  // drawn last, over everything
  for (const TimelineRecord& r : key.records) {
    if (r.late) {
      if (r.eventTime < t0 && r.arrivedAt < t0) continue;
      const QRectF lane = laneRect(r.windowStart, r.windowEnd);
      const QPointF at(xFor(r.eventTime), lane.center().y());
      const QPointF arrived(xFor(r.arrivedAt), lane.center().y());
      QColor trail = lateColor();
      trail.setAlpha(110);
      p.setPen(QPen(trail, 1, Qt::DashLine));
      p.drawLine(at, arrived);
      p.drawLine(arrived + QPointF(-6, -4), arrived);
      p.drawLine(arrived + QPointF(-6, 4), arrived);
      lateMarks.push_back(at);
      const QString why =
          tr("Late record dropped (offset %1)\nevent time %2, arrived at stream time %3\n%4")
              .arg(r.offset)
              .arg(timeText(r.eventTime), timeText(r.arrivedAt), r.reason);
      hits_.push_back({QRectF(at - QPointF(7, 7), QSizeF(14, 14)), why});
      hits_.push_back({QRectF(arrived - QPointF(7, 7), QSizeF(14, 14)), why});
      continue;
    }
    if (r.eventTime < t0 || r.eventTime > t1) continue;
    // A dot in every window it went into (hopping windows overlap).
    const double jitter = double((r.offset * 37) % 9) - 4.0;
    for (const TimelineWindow& w : key.windows) {
      const bool in = session ? (r.eventTime >= w.start && r.eventTime <= w.end)
                              : (r.eventTime >= w.start && r.eventTime < w.end);
      if (!in) continue;
      const QRectF lane = laneRect(w.start, w.end);
      const QPointF dot(xFor(r.eventTime), lane.center().y() + jitter * 0.8);
      p.setPen(QPen(palette().color(QPalette::Base), 1));
      p.setBrush(palette().color(QPalette::Text));
      p.drawEllipse(dot, 3.5, 3.5);
      hits_.push_back({QRectF(dot - QPointF(5, 5), QSizeF(10, 10)),
                       tr("Record at offset %1\nevent time %2 (arrived at stream time %3)")
                           .arg(r.offset)
                           .arg(timeText(r.eventTime), timeText(r.arrivedAt))});
    }
  }

  for (const TimelineEmit& e : key.emits) {
    const QRectF lane = laneRect(e.windowStart, e.windowEnd);
    const QString window =
        session ? tr("session [%1 – %2]").arg(timeText(e.windowStart), timeText(e.windowEnd))
                : tr("window [%1, %2)").arg(timeText(e.windowStart), timeText(e.windowEnd));
    const QString having =
        e.passesHaving ? QString() : tr("\nHAVING filtered it out: not in the result");
    if (e.final) {
      if (e.streamTime < t0 || e.streamTime > t1) continue;
      const QPointF foot(xFor(e.streamTime), lane.bottom());
      drawFlag(p, foot, lane.height() + 10, e.passesHaving, finalColor());
      hits_.push_back({QRectF(foot.x() - 4, foot.y() - lane.height() - 12, 16, lane.height() + 12),
                       tr("EMIT FINAL result for %1: %2\ncame out once, when stream time reached "
                          "%3 (window end + grace)%4")
                           .arg(window, e.values, timeText(e.streamTime), having)});
      continue;
    }
    if (e.eventTime < t0 || e.eventTime > t1) continue;
    const QPointF at(xFor(e.eventTime), lane.top() - 4);
    if (e.tombstone) {
      p.setPen(QPen(c.muted, 1.5));
      p.drawLine(at + QPointF(-4, 0), at + QPointF(4, 0));
      hits_.push_back({QRectF(at - QPointF(6, 6), QSizeF(12, 12)),
                       tr("Delete of %1: merged into a larger session").arg(window)});
      continue;
    }
    drawDiamond(p, at, 4.5, e.passesHaving, e.passesHaving ? updateColor() : c.muted);
    hits_.push_back({QRectF(at - QPointF(6, 6), QSizeF(12, 12)),
                     tr("EMIT CHANGES update for %1: %2\n(one per record that changed it)%3")
                         .arg(window, e.values, having)});
  }
  for (const QPointF& at : lateMarks) {
    p.setPen(QPen(palette().color(QPalette::Base), 5));
    p.drawLine(at + QPointF(-6, -6), at + QPointF(6, 6));
    p.drawLine(at + QPointF(-6, 6), at + QPointF(6, -6));
    drawCross(p, at, 6);
  }
  p.restore();
}

}  // namespace runnel::widgets
