#include "widgets/style/icons.h"

#include <QFile>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QApplication>
#include <QSvgRenderer>
#include <QtDebug>

#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {

// Renders the SVG at paint time with the palette's colour for the icon's mode, so an icon made
// before a theme switch still draws correctly after it.
class TintedSvgEngine : public QIconEngine {
 public:
  explicit TintedSvgEngine(QByteArray svg) : svg_(std::move(svg)) {}

  void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override {
    const QPalette palette = QApplication::palette();
    QColor color = palette.color(QPalette::WindowText);
    if (mode == QIcon::Disabled) color = palette.color(QPalette::Disabled, QPalette::WindowText);
    if (mode == QIcon::Selected) color = palette.color(QPalette::HighlightedText);
    QByteArray tinted = svg_;
    tinted.replace("currentColor", color.name().toLatin1());
    QSvgRenderer renderer(tinted);
    renderer.render(painter, rect);
  }

  QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override {
    QPixmap pm(size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    paint(&p, QRect(QPoint(0, 0), size), mode, state);
    return pm;
  }

  QIconEngine* clone() const override { return new TintedSvgEngine(svg_); }
  QString key() const override { return QStringLiteral("RunnelTintedSvg"); }

 private:
  QByteArray svg_;
};

}  // namespace

QIcon Icons::get(const QString& name) {
  QFile file(QStringLiteral(":/icons/%1.svg").arg(name));
  if (!file.open(QIODevice::ReadOnly)) {
    qWarning() << "Runnel: no icon named" << name;
    return {};
  }
  return QIcon(new TintedSvgEngine(file.readAll()));
}

QIcon Icons::application() {
  return QIcon(QStringLiteral(":/icons/runnel.svg"));
}

}  // namespace runnel::widgets
