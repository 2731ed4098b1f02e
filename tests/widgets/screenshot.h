// Docs screenshots from the widget suites: with RUNNEL_SCREENSHOT_DIR set (run the suite under
// Xvfb), a widget's picture is saved there; without it nothing happens, so CI runs the same code.
#pragma once

#include <QCoreApplication>
#include <QPixmap>
#include <QSize>
#include <QString>
#include <QWidget>

namespace runnel::widgets::testing {

// A valid `size` resizes and shows the widget first, for panels a test never puts on screen.
inline void shoot(QWidget& w, const QString& name, QSize size = {}) {
  const QString dir = qEnvironmentVariable("RUNNEL_SCREENSHOT_DIR");
  if (dir.isEmpty()) return;
  if (size.isValid()) {
    w.resize(size);
    w.show();
  }
  QCoreApplication::processEvents();
  if (!w.grab().save(dir + "/" + name)) qWarning("could not save %s", qPrintable(name));
}

}  // namespace runnel::widgets::testing
