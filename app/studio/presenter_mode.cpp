#include "app/studio/presenter_mode.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QShortcut>

#include "app/studio/main_window.h"
#include "widgets/models/lesson_runner.h"
#include "widgets/panels/lessons_panel.h"

namespace runnel::studio {
namespace {
constexpr qreal kFontScale = 1.4;
const char* kLessonsDockName = "lessonsDock";
}  // namespace

PresenterMode* PresenterMode::of(MainWindow* window) {
  if (auto* existing = window->findChild<PresenterMode*>(QString(), Qt::FindDirectChildrenOnly))
    return existing;
  return new PresenterMode(window);
}

PresenterMode::PresenterMode(MainWindow* window) : QObject(window), window_(window) {
  action_ = new QAction(tr("&Presenter Mode"), this);
  action_->setObjectName(QStringLiteral("presenterModeAction"));
  action_->setCheckable(true);
  action_->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(tr("Ctrl+Shift+P"))});
  action_->setStatusTip(
      tr("Large type, only the lesson and its panel on screen; arrows and Space drive the "
         "lesson"));
  connect(action_, &QAction::toggled, this, &PresenterMode::setOn);

  auto key = [this](const QKeySequence& seq, auto slot) {
    auto* s = new QShortcut(seq, window_);
    s->setContext(Qt::WindowShortcut);
    s->setEnabled(false);
    connect(s, &QShortcut::activated, this, slot);
    keys_ << s;
  };
  auto next = [this] {
    if (runner_) runner_->next();
  };
  auto back = [this] {
    if (runner_) runner_->back();
  };
  key(QKeySequence(Qt::Key_Right), next);
  key(QKeySequence(Qt::Key_PageDown), next);
  key(QKeySequence(Qt::Key_Left), back);
  key(QKeySequence(Qt::Key_PageUp), back);
  key(QKeySequence(Qt::Key_Space), [this] {
    if (runner_) runner_->doStep();
  });
  key(QKeySequence(Qt::Key_Escape), [this] { action_->setChecked(false); });
}

void PresenterMode::setLessons(widgets::LessonRunner* runner, widgets::LessonsPanel* panel) {
  runner_ = runner;
  panel_ = panel;
  if (panel_) panel_->setPresenterMode(on_);
}

void PresenterMode::setOn(bool on) {
  if (on == on_) return;
  on_ = on;
  if (action_->isChecked() != on) action_->setChecked(on);
  if (on) {
    savedState_ = window_->saveState(MainWindow::kLayoutVersion);
    savedFont_ = QApplication::font();
    QFont big = savedFont_;
    big.setPointSizeF(savedFont_.pointSizeF() * kFontScale);
    QApplication::setFont(big);
    QString keep;
    if (runner_ && runner_->currentStep()) keep = runner_->currentStep()->highlight;
    focusDock(keep);
  } else {
    QApplication::setFont(savedFont_);
    window_->restoreState(savedState_, MainWindow::kLayoutVersion);
  }
  for (QShortcut* s : keys_)
    s->setEnabled(on);
  if (panel_) panel_->setPresenterMode(on);
}

void PresenterMode::focusDock(const QString& dockObjectName) {
  if (!on_) return;
  for (QDockWidget* dock : window_->docks()) {
    const QString name = dock->objectName();
    const bool keep = name == QLatin1String(kLessonsDockName) || name == dockObjectName;
    dock->setVisible(keep);
    if (keep) dock->raise();
  }
}

}  // namespace runnel::studio
