// WindowTimelineView: paints a WindowTimeline — one row per key (most active first), event time
// left to right following the stream time; each window a band with its bounds (hopping windows
// overlap, so each takes its own lane), the grace period a hatched extension after it, records
// as dots inside their windows, late records as red crosses with a dashed line to the moment
// they arrived (after the window closed), emitted rows as markers (a small diamond per EMIT
// CHANGES update, a flag for the EMIT FINAL result), a legend, a time axis and the stream-time
// line. Paints only the rows and the time range in view; tooltips explain each mark.
// GUI thread only; does not own the timeline.
#pragma once

#include <QAbstractScrollArea>
#include <QRectF>
#include <vector>

namespace runnel::widgets {

class WindowTimeline;
struct TimelineKey;

class WindowTimelineView : public QAbstractScrollArea {
  Q_OBJECT
 public:
  static constexpr int kGutter = 180;
  static constexpr int kHeader = 64;  // legend, then the time axis

  explicit WindowTimelineView(WindowTimeline* timeline, QWidget* parent = nullptr);

  void setFilter(const QString& filter);
  // The visible event-time range (follows the stream time); zoom scales its span.
  qint64 visibleStart() const;
  qint64 visibleEnd() const;
  void setZoom(double factor);
  int rowCount() const { return int(rows_.size()); }
  QString rowKey(int row) const;
  int laneCount() const;
  // The tooltip text of whatever is drawn at `pos` (viewport coordinates); empty when nothing.
  QString toolTipAt(const QPointF& pos) const;

  QSize sizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  bool viewportEvent(QEvent* event) override;
  void scrollContentsBy(int dx, int dy) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  struct Hit {
    QRectF rect;
    QString text;
  };

  void refresh();
  int rowHeight() const;
  int laneOf(qint64 windowStart) const;
  double xFor(qint64 t) const;
  void paintLegend(QPainter& p) const;
  void paintAxis(QPainter& p) const;
  void paintRow(QPainter& p, const TimelineKey& key, int top) const;
  QString timeText(qint64 t, bool seconds = true) const;

  WindowTimeline* timeline_;
  QString filter_;
  std::vector<const TimelineKey*> rows_;
  double zoom_ = 1.0;
  mutable std::vector<Hit> hits_;  // rebuilt by every paint: only what is visible
};

}  // namespace runnel::widgets
