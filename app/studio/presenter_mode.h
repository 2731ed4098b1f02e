// PresenterMode: the studio set up for a room — larger fonts everywhere, only the Lessons dock
// and the panel the current step points at on screen, and keyboard navigation between steps
// (→ / PgDn next, ← / PgUp back, Space do it, Esc leaves). Toggled from View ▸ Presenter Mode
// (F5 or Ctrl+Shift+P); leaving restores the font and the dock layout as they were.
// GUI thread only; a child of the main window, found with of().
#pragma once

#include <QByteArray>
#include <QFont>
#include <QList>
#include <QObject>
#include <QPointer>

class QAction;
class QShortcut;

namespace runnel::widgets {
class LessonRunner;
class LessonsPanel;
}  // namespace runnel::widgets

namespace runnel::studio {

class MainWindow;

class PresenterMode : public QObject {
  Q_OBJECT
 public:
  static PresenterMode* of(MainWindow* window);

  QAction* action() const { return action_; }
  bool isOn() const { return on_; }
  void setOn(bool on);
  // The lessons the keys step through (set once the session opens).
  void setLessons(widgets::LessonRunner* runner, widgets::LessonsPanel* panel);
  // While on: shows `dockObjectName` beside the Lessons dock and hides the other docks.
  void focusDock(const QString& dockObjectName);

 private:
  explicit PresenterMode(MainWindow* window);

  MainWindow* window_;
  QAction* action_;
  QList<QShortcut*> keys_;
  QPointer<widgets::LessonRunner> runner_;
  QPointer<widgets::LessonsPanel> panel_;
  bool on_ = false;
  QByteArray savedState_;
  QFont savedFont_;
};

}  // namespace runnel::studio
