// Icons drawn from the SVGs in resources/icons/, tinted with the current theme's text colour and
// rendered at every size and device-pixel ratio Qt asks for, so they stay crisp on high-DPI
// screens and readable in dark mode. GUI thread only.
#pragma once

#include <QIcon>
#include <QString>

namespace runnel::widgets {

class Icons {
 public:
  // `name` is the file name without extension in :/icons ("kill", "run", ...). Unknown names
  // give a null icon (and a warning once).
  static QIcon get(const QString& name);
  // The application icon (full colour, not tinted).
  static QIcon application();
};

}  // namespace runnel::widgets
