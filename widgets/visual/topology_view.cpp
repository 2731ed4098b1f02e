#include "widgets/visual/topology_view.h"

#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextOption>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {

constexpr double kMargin = 24;
constexpr double kStageInset = 10;
constexpr double kLegendHeight = 40;
constexpr double kBoxWidth = 330;
constexpr double kBoxHeight = 78;
constexpr double kColumnGap = 34;
constexpr double kLayerGap = 46;
constexpr double kSideGap = 56;

bool dark() {
  return Theme::instance().isDark();
}

QColor fillFor(TopologyNodeKind kind) {
  switch (kind) {
    case TopologyNodeKind::SourceTopic:
      return dark() ? QColor(0x1f, 0x3a, 0x5c) : QColor(0xdc, 0xea, 0xfb);
    case TopologyNodeKind::SinkTopic:
      return dark() ? QColor(0x1d, 0x4a, 0x2e) : QColor(0xdc, 0xf3, 0xe2);
    case TopologyNodeKind::InternalTopic:
      return dark() ? QColor(0x3a, 0x3a, 0x42) : QColor(0xee, 0xee, 0xf2);
    case TopologyNodeKind::StateStore:
      return dark() ? QColor(0x4a, 0x3f, 0x1a) : QColor(0xfd, 0xf3, 0xd3);
    case TopologyNodeKind::Operator:
      break;
  }
  return dark() ? QColor(0x2a, 0x2d, 0x34) : QColor(0xff, 0xff, 0xff);
}

QColor edgeFor(TopologyNodeKind kind) {
  switch (kind) {
    case TopologyNodeKind::SourceTopic:
      return QColor(0x2b, 0x6c, 0xb0);
    case TopologyNodeKind::SinkTopic:
      return QColor(0x1e, 0x8e, 0x3e);
    case TopologyNodeKind::InternalTopic:
      return QColor(0x80, 0x80, 0x8c);
    case TopologyNodeKind::StateStore:
      return QColor(0xb7, 0x8a, 0x12);
    case TopologyNodeKind::Operator:
      break;
  }
  return dark() ? QColor(0x9a, 0xa4, 0xb5) : QColor(0x55, 0x5e, 0x6e);
}

// A stripe on each operator box, so sources, filters, aggregates and sinks read at a glance.
QColor stripeFor(const QString& kind) {
  if (kind.contains(QLatin1String("Source"))) return QColor(0x2b, 0x6c, 0xb0);
  if (kind.contains(QLatin1String("Filter"))) return QColor(0xd9, 0x82, 0x0b);
  if (kind.contains(QLatin1String("Aggregate")) || kind.contains(QLatin1String("Join")))
    return QColor(0x8e, 0x44, 0xad);
  if (kind.contains(QLatin1String("Sink")) || kind == QLatin1String("LiveResult"))
    return QColor(0x1e, 0x8e, 0x3e);
  return QColor(0x80, 0x80, 0x8c);
}

void cylinder(QPainter& p, const QRectF& r, const QColor& fill, const QPen& pen) {
  const double cap = 12;
  QPainterPath body;
  body.moveTo(r.left(), r.top() + cap / 2);
  body.lineTo(r.left(), r.bottom() - cap / 2);
  body.arcTo(QRectF(r.left(), r.bottom() - cap, r.width(), cap), 180, 180);
  body.lineTo(r.right(), r.top() + cap / 2);
  body.arcTo(QRectF(r.left(), r.top(), r.width(), cap), 0, 180);
  p.setPen(pen);
  p.setBrush(fill);
  p.drawPath(body);
  p.setBrush(fill.darker(108));
  p.drawEllipse(QRectF(r.left(), r.top(), r.width(), cap));
}

void drum(QPainter& p, QPointF at, const QColor& color) {
  p.setPen(QPen(color, 1.4));
  p.setBrush(Qt::NoBrush);
  for (int i = 0; i < 3; ++i)
    p.drawEllipse(QRectF(at.x(), at.y() + i * 7, 20, 7));
  p.drawLine(at + QPointF(0, 3.5), at + QPointF(0, 17.5));
  p.drawLine(at + QPointF(20, 3.5), at + QPointF(20, 17.5));
}

}  // namespace

TopologyView::TopologyView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
}

void TopologyView::setGraph(const TopologyGraph& graph) {
  graph_ = graph;
  layout();
  updateGeometry();
  update();
}

QSize TopologyView::sizeHint() const {
  return content_;
}

QRectF TopologyView::nodeRect(int index) const {
  return index >= 0 && index < rects_.size() ? rects_[index] : QRectF();
}

void TopologyView::layout() {
  rects_.clear();
  const int columns = std::max(1, graph_.columns);
  const double mainWidth = columns * kBoxWidth + (columns - 1) * kColumnGap;
  QMap<int, int> perLayer;
  for (const auto& n : graph_.nodes)
    if (n.side == 0) ++perLayer[n.layer];
  double right = kMargin + mainWidth;
  double bottom = kLegendHeight + kMargin;
  for (const auto& n : graph_.nodes) {
    const double y = kLegendHeight + kMargin + n.layer * (kBoxHeight + kLayerGap);
    double x = 0;
    if (n.side == 0) {
      // Centre each layer's nodes over the widest layer.
      const int k = perLayer.value(n.layer, 1);
      const double width = k * kBoxWidth + (k - 1) * kColumnGap;
      x = kMargin + (mainWidth - width) / 2 + n.column * (kBoxWidth + kColumnGap);
    } else {
      x = kMargin + mainWidth + kSideGap + (n.side - 1) * (kBoxWidth + kSideGap);
    }
    const QRectF r(x, y, kBoxWidth, kBoxHeight);
    rects_ << r;
    right = std::max(right, r.right());
    bottom = std::max(bottom, r.bottom());
  }
  content_ = QSize(int(std::ceil(right + kMargin)), int(std::ceil(bottom + kMargin)));
  content_.setWidth(std::max(content_.width(), 900));
}

bool TopologyView::event(QEvent* e) {
  if (e->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(e);
    for (int i = 0; i < rects_.size(); ++i) {
      if (!rects_[i].contains(help->pos())) continue;
      const TopologyNode& n = graph_.nodes[i];
      QToolTip::showText(help->globalPos(), n.title + QLatin1Char('\n') + n.detail, this);
      return true;
    }
    QToolTip::hideText();
    return true;
  }
  return QWidget::event(e);
}

void TopologyView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), palette().base());
  paintLegend(p);
  paintStages(p);
  const QColor arrow = dark() ? QColor(0x9a, 0xa4, 0xb5) : QColor(0x6b, 0x72, 0x80);
  for (const auto& e : graph_.edges) {
    const QRectF a = rects_[e.from];
    const QRectF b = rects_[e.to];
    QPointF from;
    QPointF to;
    QPainterPath path;
    if (std::abs(a.top() - b.top()) < 1) {
      from = QPointF(a.right(), a.center().y());
      to = QPointF(b.left(), b.center().y());
      path.moveTo(from);
      path.lineTo(to);
    } else {
      from = QPointF(a.center().x(), a.bottom());
      to = QPointF(b.center().x(), b.top());
      path.moveTo(from);
      const double dy = (to.y() - from.y()) / 2;
      path.cubicTo(from + QPointF(0, dy), to - QPointF(0, dy), to);
    }
    const bool side = graph_.nodes[e.to].side != 0;
    p.setPen(QPen(arrow, 1.6, side ? Qt::DashLine : Qt::SolidLine));
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    // The head points along the path's last direction.
    const double angle = path.angleAtPercent(1.0) * std::numbers::pi / 180.0;
    const QPointF dir(std::cos(angle), -std::sin(angle));
    const QPointF normal(-dir.y(), dir.x());
    QPolygonF head{to, to - dir * 9 + normal * 4.5, to - dir * 9 - normal * 4.5};
    p.setPen(Qt::NoPen);
    p.setBrush(arrow);
    p.drawPolygon(head);
  }
  for (int i = 0; i < graph_.nodes.size(); ++i)
    paintNode(p, graph_.nodes[i], rects_[i]);
}

void TopologyView::paintStages(QPainter& p) const {
  // Each stage (a Kafka Streams sub-topology) framed behind its operators, so a repartition
  // topic reads as the hand-over between two of them.
  QMap<int, QRectF> frames;
  for (int i = 0; i < graph_.nodes.size(); ++i) {
    const TopologyNode& n = graph_.nodes[i];
    if (n.kind != TopologyNodeKind::Operator) continue;
    frames[n.stage] = frames.value(n.stage).isNull() ? rects_[i] : frames[n.stage] | rects_[i];
  }
  if (frames.size() < 2) return;
  QColor line = Theme::instance().colors().muted;
  line.setAlpha(120);
  for (auto it = frames.begin(); it != frames.end(); ++it) {
    const QRectF r = it.value().adjusted(-kStageInset, -kStageInset - 14, kStageInset, kStageInset);
    p.setPen(QPen(line, 1, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(r, 10, 10);
    p.setPen(Theme::instance().colors().muted);
    p.drawText(r.adjusted(10, 2, -10, 0), Qt::AlignRight | Qt::AlignTop,
               tr("stage %1 (sub-topology)").arg(it.key()));
  }
}

void TopologyView::paintNode(QPainter& p, const TopologyNode& n, const QRectF& r) const {
  const QColor fill = fillFor(n.kind);
  const QColor edge = edgeFor(n.kind);
  QRectF text = r.adjusted(12, 8, -10, -6);
  switch (n.kind) {
    case TopologyNodeKind::Operator: {
      p.setPen(QPen(edge, 1.2));
      p.setBrush(fill);
      p.drawRoundedRect(r, 8, 8);
      QPainterPath stripe;
      stripe.addRoundedRect(QRectF(r.left(), r.top(), 8, r.height()), 4, 4);
      p.fillPath(stripe, stripeFor(n.title));
      text.setLeft(r.left() + 16);
      break;
    }
    case TopologyNodeKind::SourceTopic:
    case TopologyNodeKind::SinkTopic:
      cylinder(p, r, fill, QPen(edge, 1.6));
      text = r.adjusted(12, 14, -10, -4);
      break;
    case TopologyNodeKind::InternalTopic:
      cylinder(p, r, fill, QPen(edge, 1.4, Qt::DashLine));
      text = r.adjusted(12, 14, -10, -4);
      break;
    case TopologyNodeKind::StateStore:
      p.setPen(QPen(edge, 1.4));
      p.setBrush(fill);
      p.drawRoundedRect(r, 8, 8);
      drum(p, QPointF(r.left() + 10, r.center().y() - 11), edge);
      text.setLeft(r.left() + 40);
      break;
  }
  QFont bold = font();
  bold.setBold(true);
  p.setFont(bold);
  p.setPen(palette().color(QPalette::Text));
  const QFontMetrics bm(bold);
  const QString title = bm.elidedText(n.title, Qt::ElideMiddle, int(text.width()));
  p.drawText(QRectF(text.left(), text.top(), text.width(), bm.height()),
             Qt::AlignLeft | Qt::AlignVCenter, title);
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.9);
  p.setFont(small);
  p.setPen(Theme::instance().colors().muted);
  const QFontMetrics sm(small);
  const QRectF detail(text.left(), text.top() + bm.height() + 2, text.width(),
                      text.height() - bm.height() - 2);
  const int lines = std::max(1, int(detail.height() / sm.lineSpacing()));
  // Two lines at most, the rest elided: the tooltip has the full text.
  QString shown = n.detail;
  if (sm.horizontalAdvance(shown) > detail.width() * lines)
    shown = sm.elidedText(shown, Qt::ElideRight, int(detail.width() * lines - 20));
  QTextOption option;
  option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
  p.drawText(detail, shown, option);
  p.setFont(font());
}

void TopologyView::paintLegend(QPainter& p) const {
  double x = kMargin;
  const double y = 12;
  auto item = [&](TopologyNodeKind kind, const QString& label, bool dashed = false) {
    const QRectF r(x, y, 26, 18);
    if (kind == TopologyNodeKind::Operator || kind == TopologyNodeKind::StateStore) {
      p.setPen(QPen(edgeFor(kind), 1.2));
      p.setBrush(fillFor(kind));
      p.drawRoundedRect(r, 4, 4);
    } else {
      cylinder(p, r, fillFor(kind),
               QPen(edgeFor(kind), 1.2, dashed ? Qt::DashLine : Qt::SolidLine));
    }
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QPointF(x + 32, y + 14), label);
    x += 32 + QFontMetrics(font()).horizontalAdvance(label) + 22;
  };
  item(TopologyNodeKind::SourceTopic, tr("source topic"));
  item(TopologyNodeKind::Operator, tr("operator (kind, then what it does)"));
  item(TopologyNodeKind::StateStore, tr("state store"));
  item(TopologyNodeKind::InternalTopic, tr("internal topic (repartition, changelog)"), true);
  item(TopologyNodeKind::SinkTopic, tr("sink topic"));
}

}  // namespace runnel::widgets
