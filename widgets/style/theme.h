// The studio's colour themes: Light, Dark, or System (follows the desktop's preference and
// re-applies when it changes). Also the semantic colours panels use (leader, follower, in-sync,
// out-of-sync, danger, ...), so every panel draws the cluster in one visual language.
// Lives on the GUI thread; owned by the application (parented to qApp).
#pragma once

#include <QColor>
#include <QObject>
#include <QPalette>

namespace runnel::widgets {

enum class ThemeChoice { System, Light, Dark };

// Colours with a meaning, chosen per theme so they read well on its background.
struct SemanticColors {
  QColor accent;     // selection, links, the "live" marker
  QColor leader;     // partition leader
  QColor follower;   // in-sync follower
  QColor outOfSync;  // replica out of the ISR
  QColor offline;    // dead broker / offline partition
  QColor healthy;    // alive broker, OK status
  QColor warning;
  QColor muted;    // secondary text
  QColor surface;  // card background
  QColor surfaceBorder;
};

class Theme : public QObject {
  Q_OBJECT
 public:
  static Theme& instance();

  ThemeChoice choice() const { return choice_; }
  bool isDark() const { return dark_; }
  const SemanticColors& colors() const { return colors_; }

  // Applies the choice to the whole application (palette, style sheet, icons) and remembers it.
  void apply(ThemeChoice choice);
  // Re-evaluates System after the platform reports a palette or theme change.
  void refreshFromSystem();

  static QString name(ThemeChoice choice);
  static ThemeChoice fromName(const QString& name);  // unknown -> System
  // Whether the desktop prefers dark colours (Qt 6.4 has no colour-scheme API, so look at the
  // platform palette, GTK/GNOME hints and the Windows registry).
  static bool systemPrefersDark();

 signals:
  void changed();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  Theme();
  static QPalette lightPalette();
  static QPalette darkPalette();

  ThemeChoice choice_ = ThemeChoice::System;
  bool dark_ = false;
  bool applying_ = false;
  QPalette systemPalette_;
  SemanticColors colors_;
};

}  // namespace runnel::widgets
