#include "widgets/panels/lessons_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "widgets/models/lesson_runner.h"
#include "widgets/style/icons.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {

LessonsPanel::LessonsPanel(LessonRunner* runner, QWidget* parent)
    : QWidget(parent), runner_(runner) {
  setObjectName(QStringLiteral("lessonsPanel"));
  list_ = new QListWidget(this);
  list_->setObjectName(QStringLiteral("lessonList"));
  list_->setAlternatingRowColors(false);
  list_->setWordWrap(true);
  list_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
  for (int i = 0; i < runner_->lessons().size(); ++i) {
    const Lesson& l = runner_->lessons()[i];
    auto* item = new QListWidgetItem(l.title, list_);
    item->setToolTip(l.summary);
    item->setData(Qt::UserRole, i);
  }
  list_->setMaximumHeight(list_->sizeHintForRow(0) * 9 + 2 * list_->frameWidth() + 4);

  lessonTitle_ = new QLabel(this);
  lessonTitle_->setForegroundRole(QPalette::PlaceholderText);
  lessonTitle_->setWordWrap(true);
  stepTitle_ = new QLabel(this);
  stepTitle_->setWordWrap(true);
  text_ = new QLabel(this);
  text_->setObjectName(QStringLiteral("lessonStepText"));
  text_->setWordWrap(true);
  text_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  outcome_ = new QLabel(this);
  outcome_->setObjectName(QStringLiteral("lessonOutcome"));
  outcome_->setWordWrap(true);
  outcome_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  progress_ = new QProgressBar(this);
  progress_->setTextVisible(true);
  progress_->setMaximumHeight(16);

  back_ = new QPushButton(tr("◀ Back"), this);
  back_->setToolTip(tr("Go to the previous step (the scene is replayed up to it) — PgUp, ←"));
  do_ = new QPushButton(Icons::get(QStringLiteral("run")), tr("Do it"), this);
  do_->setObjectName(QStringLiteral("lessonDoIt"));
  do_->setDefault(true);
  do_->setToolTip(tr("Perform this step on the cluster — Space in presenter mode"));
  next_ = new QPushButton(tr("Next ▶"), this);
  next_->setToolTip(tr("Go to the next step (doing this one first) — PgDn, →"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(back_);
  buttons->addStretch(1);
  buttons->addWidget(do_);
  buttons->addWidget(next_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 8, 8, 8);
  layout->addWidget(list_);
  layout->addSpacing(6);
  layout->addWidget(lessonTitle_);
  layout->addWidget(stepTitle_);
  layout->addWidget(text_, 1);
  layout->addWidget(outcome_);
  layout->addWidget(progress_);
  layout->addLayout(buttons);

  connect(list_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
    runner_->startLesson(item->data(Qt::UserRole).toInt());
  });
  connect(list_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
    const int index = item->data(Qt::UserRole).toInt();
    if (index != runner_->lessonIndex()) runner_->startLesson(index);
  });
  connect(back_, &QPushButton::clicked, runner_, &LessonRunner::back);
  connect(do_, &QPushButton::clicked, runner_, &LessonRunner::doStep);
  connect(next_, &QPushButton::clicked, runner_, &LessonRunner::next);
  connect(runner_, &LessonRunner::stateChanged, this, &LessonsPanel::refresh);
  connect(&Theme::instance(), &Theme::changed, this, &LessonsPanel::refresh);
  applyFonts();
  refresh();
}

void LessonsPanel::setPresenterMode(bool on) {
  presenter_ = on;
  applyFonts();
  refresh();
}

void LessonsPanel::applyFonts() {
  const qreal base = QWidget::font().pointSizeF() > 0 ? QWidget::font().pointSizeF() : 10;
  const qreal scale = presenter_ ? 1.6 : 1.0;
  auto sized = [&](QLabel* label, qreal factor, QFont::Weight weight) {
    QFont f = label->font();
    f.setPointSizeF(base * factor * scale);
    f.setWeight(weight);
    label->setFont(f);
  };
  sized(lessonTitle_, 0.95, QFont::Normal);
  sized(stepTitle_, 1.35, QFont::DemiBold);
  sized(text_, 1.1, QFont::Normal);
  sized(outcome_, 0.95, QFont::Normal);
  list_->setVisible(!presenter_);
}

void LessonsPanel::refresh() {
  const Lesson* lesson = runner_->currentLesson();
  const LessonStep* step = runner_->currentStep();
  for (int i = 0; i < list_->count(); ++i) {
    QListWidgetItem* item = list_->item(i);
    QFont f = item->font();
    f.setBold(item->data(Qt::UserRole).toInt() == runner_->lessonIndex());
    item->setFont(f);
  }
  if (!lesson || !step) {
    lessonTitle_->setText(tr("Guided lessons"));
    stepTitle_->setText(tr("Pick a lesson to begin"));
    text_->setText(
        tr("Each lesson sets up its own small scene on the running cluster — topics, "
           "producers, consumers — and walks through one idea of event streaming. "
           "Press Do it to make each step happen; the panel where it shows lights "
           "up."));
    outcome_->clear();
    progress_->setRange(0, 1);
    progress_->setValue(0);
    progress_->setFormat(QString());
    back_->setEnabled(false);
    do_->setEnabled(false);
    next_->setEnabled(false);
    return;
  }
  const int steps = static_cast<int>(lesson->steps.size());
  const int index = runner_->stepIndex();
  int done = 0;
  for (int i = 0; i < steps; ++i)
    done += runner_->stepDone(i) ? 1 : 0;
  lessonTitle_->setText(lesson->title);
  stepTitle_->setText(tr("Step %1 of %2 · %3").arg(index + 1).arg(steps).arg(step->title));
  text_->setText(step->text);
  const auto& colors = Theme::instance().colors();
  const QString outcome = runner_->outcome();
  if (outcome.isEmpty()) {
    outcome_->clear();
  } else {
    const QColor c = runner_->busy()        ? colors.muted
                     : runner_->outcomeOk() ? colors.healthy
                                            : colors.offline;
    outcome_->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                          .arg(c.name(), outcome.toHtmlEscaped().replace('\n', "<br>")));
  }
  progress_->setRange(0, steps);
  progress_->setValue(done);
  progress_->setFormat(done == steps ? tr("Lesson complete") : tr("%v of %m steps done"));
  const bool busy = runner_->busy();
  const bool hasAction = !step->action.kind.isEmpty();
  back_->setEnabled(!busy && index > 0);
  do_->setEnabled(!busy && (hasAction || !step->checks.isEmpty()) && !runner_->stepDone(index));
  do_->setText(runner_->stepDone(index) ? tr("Done") : busy ? tr("Working…") : tr("Do it"));
  next_->setEnabled(!busy && index + 1 < steps);
}

}  // namespace runnel::widgets
