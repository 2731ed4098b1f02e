#include "app/studio/lessons_installer.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDockWidget>
#include <QSettings>
#include <QTimer>

#include "app/studio/main_window.h"
#include "app/studio/presenter_mode.h"
#include "app/studio/query_panels_installer.h"
#include "app/studio/studio_session.h"
#include "widgets/dialogs/welcome_dialog.h"
#include "widgets/models/lesson_runner.h"
#include "widgets/panels/lessons_panel.h"
#include "widgets/panels/log_strip_panel.h"
#include "widgets/visual/highlight_frame.h"

namespace runnel::studio {
namespace {

const char* kWelcomeKey = "welcome/shown";
const char* kLessonsDock = "lessonsDock";

int lessonIndex(const widgets::LessonRunner& runner, const QString& idPrefix) {
  for (int i = 0; i < runner.lessons().size(); ++i)
    if (runner.lessons()[i].id.startsWith(idPrefix)) return i;
  return -1;
}

// The topic a step is about: the one its action names, else the lesson's first.
QString stepTopic(const widgets::LessonRunner& runner) {
  const widgets::LessonStep* step = runner.currentStep();
  if (!step) return {};
  for (const char* key : {"topic", "name"}) {
    QString t = step->action.args.value(QLatin1String(key)).toString();
    if (!t.isEmpty()) return t;
  }
  const QStringList& topics = runner.currentLesson()->topics;
  return topics.isEmpty() ? QString() : topics.first();
}

// Brings the dock a step points at to the front and frames it. The Lessons dock must stay in
// sight beside it: when the two share a tab stack, the target moves beside the lessons.
void highlight(MainWindow& window, const widgets::LessonRunner& runner, const QString& target) {
  QDockWidget* dock = window.dock(target);
  QDockWidget* lessons = window.dock(QLatin1String(kLessonsDock));
  if (!dock) return;
  PresenterMode::of(&window)->focusDock(target);
  dock->show();
  if (lessons && lessons->isVisible() && window.tabifiedDockWidgets(lessons).contains(dock))
    window.splitDockWidget(lessons, dock, Qt::Vertical);
  dock->raise();
  // The log strip shows one partition: make it the lesson's.
  if (auto* strip = qobject_cast<widgets::LogStripPanel*>(dock->widget())) {
    const int index = strip->topicBox()->findText(stepTopic(runner));
    if (index >= 0) strip->topicBox()->setCurrentIndex(index);
  }
  // Raising and re-laying out docks settles on the next event loop turn; frame it after that.
  QTimer::singleShot(0, dock, [dock] { widgets::HighlightFrame::flash(dock, 4000); });
}

void showLessons(MainWindow& window, widgets::LessonRunner* runner, const QString& idPrefix) {
  if (QDockWidget* dock = window.dock(QLatin1String(kLessonsDock))) {
    dock->show();
    dock->raise();
  }
  const int index = lessonIndex(*runner, idPrefix);
  if (index >= 0) runner->startLesson(index);
}

}  // namespace

void installLessons(MainWindow& window, StudioSession& session) {
  auto* runner = new widgets::LessonRunner(session.client(), &window);
  QStringList errors;
  runner->setLessons(widgets::Lesson::loadAll(QStringLiteral(":/lessons"), &errors));
  for (const QString& e : errors)
    qWarning("lesson left out: %s", qPrintable(e));
  runner->setSqlSession(QueryPanels::of(&window)->sql());
  // The runner's consumers and producers must go before the session closes the cluster.
  QObject::connect(qApp, &QCoreApplication::aboutToQuit, runner, &widgets::LessonRunner::shutdown);

  auto* panel = new widgets::LessonsPanel(runner);
  window.setDockPanel(QLatin1String(kLessonsDock), panel);
  QObject::connect(
      runner, &widgets::LessonRunner::highlightRequested, &window,
      [&window, runner](const QString& target) { highlight(window, *runner, target); });
  PresenterMode::of(&window)->setLessons(runner, panel);

  QSettings settings;
  if (settings.value(kWelcomeKey).toBool() || !window.isVisible()) return;
  settings.setValue(kWelcomeKey, true);
  auto* welcome = new widgets::WelcomeDialog(&window);
  welcome->setAttribute(Qt::WA_DeleteOnClose);
  QObject::connect(welcome, &widgets::WelcomeDialog::chosen, &window,
                   [&window, runner](widgets::WelcomeDialog::Choice choice) {
                     if (choice == widgets::WelcomeDialog::Choice::Lessons)
                       showLessons(window, runner, QStringLiteral("01"));
                     else if (choice == widgets::WelcomeDialog::Choice::Tour)
                       showLessons(window, runner, QStringLiteral("00"));
                   });
  welcome->show();
  welcome->raise();
}

}  // namespace runnel::studio
