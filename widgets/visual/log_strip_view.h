// LogStripView: paints one partition's log as a strip of cells from old (left) to new (right):
// deleted, replicated (below the high watermark) and not-yet-replicated records, the free slot
// at the log end, segment boundaries, log start / high watermark / log end markers below, and a
// flag per consumer group above ("orders-app is here · lag 12"). Draws only the visible cells
// from a LogStripModel, so its cost does not depend on the record rate.
// GUI thread only; does not own the model.
#pragma once

#include <QColor>
#include <QWidget>

namespace runnel::widgets {

class LogStripModel;

class LogStripView : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kCellWidth = 26;
  static constexpr int kCellGap = 3;
  static constexpr int kMargin = 14;

  explicit LogStripView(LogStripModel* model, QWidget* parent = nullptr);

  // The colour of consumer-group flags (and of the legend's "group" swatch).
  static QColor groupColor();

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;
  // Geometry shared with tests: the x of the left edge of model position `cells`.
  double xForPosition(double cells) const;
  QRectF stripRect() const;
  qint64 selectedOffset() const { return selected_; }
  void setSelectedOffset(qint64 offset);

 signals:
  void recordClicked(qint64 offset);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  void paintCells(QPainter& p) const;
  void paintSegments(QPainter& p) const;
  void paintGroupFlags(QPainter& p) const;
  void paintOffsetMarkers(QPainter& p) const;

  LogStripModel* model_;
  qint64 selected_ = -1;
};

}  // namespace runnel::widgets
