// ProgressStrip: the studio's one way of showing a long operation — what runs, a bar with
// "done of total" and the rate, and a Cancel button; when the work ends, the bar gives way to
// the outcome in the theme's OK or error colour. Panels and dialogs embed one (the message
// browser above its status line, the produce and import dialogs above their buttons).
// GUI thread only; does not own the LongOperation it follows.
#pragma once

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace runnel::widgets {

class LongOperation;

class ProgressStrip : public QWidget {
  Q_OBJECT
 public:
  explicit ProgressStrip(QWidget* parent = nullptr);

  // Follows `operation` from now on (shows itself); a previous one is no longer followed.
  void follow(LongOperation* operation);
  // Hides the strip (the outcome stays readable where the owner reports it).
  void dismiss();

  QProgressBar* bar() const { return bar_; }
  QPushButton* cancelButton() const { return cancel_; }
  QString text() const;

 private:
  void showProgress(qint64 done, qint64 total);
  void showFinished(bool ok, bool cancelled, const QString& message);

  QPointer<LongOperation> operation_;
  QLabel* title_;
  QProgressBar* bar_;
  QLabel* detail_;   // "n of total unit · rate", while running
  QLabel* outcome_;  // the final message, once finished
  QPushButton* cancel_;
  QPushButton* close_;
  QElapsedTimer clock_;
};

}  // namespace runnel::widgets
