// The Lessons panel: the list of guided lessons, the current step's title and text, what the
// last "Do it" did (and whether the cluster shows it), a progress bar and Back / Do it / Next.
// In presenter mode its text is set large for a room. Everything it does goes through the
// LessonRunner, which does the cluster work off the GUI thread.
// GUI thread only. Borrows the runner.
#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace runnel::widgets {

class LessonRunner;

class LessonsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit LessonsPanel(LessonRunner* runner, QWidget* parent = nullptr);

  // Larger type for a projector; the layout stays the same.
  void setPresenterMode(bool on);
  bool presenterMode() const { return presenter_; }

  QListWidget* lessonList() const { return list_; }
  QPushButton* backButton() const { return back_; }
  QPushButton* doButton() const { return do_; }
  QPushButton* nextButton() const { return next_; }
  QLabel* stepText() const { return text_; }
  QLabel* outcomeLabel() const { return outcome_; }

 private:
  void refresh();
  void applyFonts();

  LessonRunner* runner_;
  QListWidget* list_;
  QLabel* lessonTitle_;
  QLabel* stepTitle_;
  QLabel* text_;
  QLabel* outcome_;
  QProgressBar* progress_;
  QPushButton* back_;
  QPushButton* do_;
  QPushButton* next_;
  bool presenter_ = false;
};

}  // namespace runnel::widgets
