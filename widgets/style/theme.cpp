#include "widgets/style/theme.h"

#include <QApplication>
#include <QEvent>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleHints>

namespace runnel::widgets {

Theme& Theme::instance() {
  static Theme* theme = new Theme();  // parented to qApp below, so Qt frees it at exit
  return *theme;
}

Theme::Theme() {
  setParent(qApp);
  systemPalette_ = QApplication::palette();
  qApp->installEventFilter(this);
}

QString Theme::name(ThemeChoice choice) {
  switch (choice) {
    case ThemeChoice::Light:
      return QStringLiteral("light");
    case ThemeChoice::Dark:
      return QStringLiteral("dark");
    case ThemeChoice::System:
      break;
  }
  return QStringLiteral("system");
}

ThemeChoice Theme::fromName(const QString& name) {
  const QString n = name.trimmed().toLower();
  if (n == QLatin1String("light")) return ThemeChoice::Light;
  if (n == QLatin1String("dark")) return ThemeChoice::Dark;
  return ThemeChoice::System;
}

bool Theme::systemPrefersDark() {
  const QByteArray forced = qgetenv("RUNNEL_THEME");
  if (!forced.isEmpty()) return forced.toLower() == "dark";
#if defined(Q_OS_WIN)
  QSettings personalize(
      QStringLiteral(
          "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize"),
      QSettings::NativeFormat);
  if (personalize.contains(QStringLiteral("AppsUseLightTheme")))
    return personalize.value(QStringLiteral("AppsUseLightTheme")).toInt() == 0;
#elif defined(Q_OS_LINUX)
  const QByteArray gtkTheme = qgetenv("GTK_THEME").toLower();
  if (gtkTheme.contains("dark")) return true;
  // GNOME/KDE write their preference where the portal reads it; the cheap hint is the
  // colour-scheme key mirrored into the environment by some sessions.
  const QByteArray scheme = qgetenv("COLOR_SCHEME").toLower();
  if (scheme.contains("dark")) return true;
#endif
  // macOS and platforms with a theme plugin hand us a dark palette when the desktop is dark.
  const QPalette platform = QGuiApplication::palette();
  return platform.color(QPalette::Window).lightness() < 128;
}

QPalette Theme::lightPalette() {
  QPalette p;
  p.setColor(QPalette::Window, QColor(0xf4, 0xf5, 0xf7));
  p.setColor(QPalette::WindowText, QColor(0x1f, 0x23, 0x28));
  p.setColor(QPalette::Base, QColor(0xff, 0xff, 0xff));
  p.setColor(QPalette::AlternateBase, QColor(0xf0, 0xf2, 0xf5));
  p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xf0));
  p.setColor(QPalette::ToolTipText, QColor(0x1f, 0x23, 0x28));
  p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x91, 0x9c));
  p.setColor(QPalette::Text, QColor(0x1f, 0x23, 0x28));
  p.setColor(QPalette::Button, QColor(0xfa, 0xfb, 0xfc));
  p.setColor(QPalette::ButtonText, QColor(0x1f, 0x23, 0x28));
  p.setColor(QPalette::BrightText, Qt::white);
  p.setColor(QPalette::Highlight, QColor(0x1f, 0x6f, 0xeb));
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, QColor(0x09, 0x69, 0xda));
  p.setColor(QPalette::Mid, QColor(0xd0, 0xd7, 0xde));
  p.setColor(QPalette::Dark, QColor(0xaf, 0xb8, 0xc1));
  p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x8c, 0x95, 0x9f));
  p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x8c, 0x95, 0x9f));
  p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x8c, 0x95, 0x9f));
  return p;
}

QPalette Theme::darkPalette() {
  QPalette p;
  p.setColor(QPalette::Window, QColor(0x1e, 0x21, 0x27));
  p.setColor(QPalette::WindowText, QColor(0xe6, 0xed, 0xf3));
  p.setColor(QPalette::Base, QColor(0x16, 0x19, 0x1e));
  p.setColor(QPalette::AlternateBase, QColor(0x22, 0x26, 0x2d));
  p.setColor(QPalette::ToolTipBase, QColor(0x2d, 0x33, 0x3b));
  p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xed, 0xf3));
  p.setColor(QPalette::PlaceholderText, QColor(0x7d, 0x85, 0x90));
  p.setColor(QPalette::Text, QColor(0xe6, 0xed, 0xf3));
  p.setColor(QPalette::Button, QColor(0x2a, 0x2f, 0x37));
  p.setColor(QPalette::ButtonText, QColor(0xe6, 0xed, 0xf3));
  p.setColor(QPalette::BrightText, Qt::white);
  p.setColor(QPalette::Highlight, QColor(0x2f, 0x81, 0xf7));
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, QColor(0x58, 0xa6, 0xff));
  p.setColor(QPalette::Mid, QColor(0x3a, 0x40, 0x48));
  p.setColor(QPalette::Dark, QColor(0x10, 0x12, 0x16));
  p.setColor(QPalette::Shadow, QColor(0x05, 0x06, 0x08));
  p.setColor(QPalette::Light, QColor(0x3a, 0x40, 0x48));
  p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6e, 0x76, 0x81));
  p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6e, 0x76, 0x81));
  p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6e, 0x76, 0x81));
  return p;
}

void Theme::apply(ThemeChoice choice) {
  choice_ = choice;
  dark_ = choice == ThemeChoice::Dark || (choice == ThemeChoice::System && systemPrefersDark());
  applying_ = true;
  // Fusion draws the same on every platform and honours our palettes completely.
  if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  QApplication::setPalette(dark_ ? darkPalette() : lightPalette());

  if (dark_) {
    colors_ = {QColor(0x58, 0xa6, 0xff), QColor(0x3f, 0xb9, 0x50), QColor(0x38, 0x8b, 0xfd),
               QColor(0xd2, 0x99, 0x22), QColor(0xf8, 0x51, 0x49), QColor(0x3f, 0xb9, 0x50),
               QColor(0xd2, 0x99, 0x22), QColor(0x8b, 0x94, 0x9e), QColor(0x24, 0x29, 0x30),
               QColor(0x36, 0x3c, 0x45)};
  } else {
    colors_ = {QColor(0x09, 0x69, 0xda), QColor(0x1a, 0x7f, 0x37), QColor(0x21, 0x6e, 0xd8),
               QColor(0xbf, 0x87, 0x00), QColor(0xcf, 0x22, 0x2e), QColor(0x1a, 0x7f, 0x37),
               QColor(0x9a, 0x67, 0x00), QColor(0x65, 0x6d, 0x76), QColor(0xff, 0xff, 0xff),
               QColor(0xd0, 0xd7, 0xde)};
  }
  // A few touches the palette cannot express: calmer dock title bars and roomier tabs.
  qApp->setStyleSheet(
      QStringLiteral(
          "QDockWidget::title { padding: 5px 8px; background: %1; border-bottom: 1px solid %2; }"
          "QTabBar::tab { padding: 5px 12px; }"
          "QStatusBar { border-top: 1px solid %2; }"
          "QStatusBar QLabel { padding: 0 6px; }")
          .arg(colors_.surface.name(), colors_.surfaceBorder.name()));
  applying_ = false;
  emit changed();
}

void Theme::refreshFromSystem() {
  if (choice_ != ThemeChoice::System) return;
  const bool wantDark = systemPrefersDark();
  if (wantDark != dark_) apply(ThemeChoice::System);
}

bool Theme::eventFilter(QObject* watched, QEvent* event) {
  if (watched == qApp && !applying_ &&
      (event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::ThemeChange)) {
    refreshFromSystem();
  }
  return QObject::eventFilter(watched, event);
}

}  // namespace runnel::widgets
