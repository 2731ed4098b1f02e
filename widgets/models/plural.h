// Counted nouns for the studio's sentences ("1 topic", "1,000 topics"): Qt's %n plurals need a
// translation file to drop the "(s)", which the studio does not ship. Pure; any thread.
#pragma once

#include <QLocale>
#include <QString>

namespace runnel::widgets {

inline QString counted(qint64 n, const QString& one, const QString& many) {
  return QLocale().toString(n) + QLatin1Char(' ') + (n == 1 ? one : many);
}

}  // namespace runnel::widgets
