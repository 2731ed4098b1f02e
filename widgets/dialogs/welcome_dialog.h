// WelcomeDialog: what a newcomer sees on the studio's first start — a few words on what Runnel
// is and three ways in: the guided lessons, a tour of the panels, or straight to work.
// GUI thread only; the caller owns it (usually WA_DeleteOnClose).
#pragma once

#include <QDialog>

class QCommandLinkButton;

namespace runnel::widgets {

class WelcomeDialog : public QDialog {
  Q_OBJECT
 public:
  enum class Choice { Lessons, Tour, Skip };

  explicit WelcomeDialog(QWidget* parent = nullptr);

  QCommandLinkButton* lessonsButton() const { return lessons_; }
  QCommandLinkButton* tourButton() const { return tour_; }
  QCommandLinkButton* skipButton() const { return skip_; }

 signals:
  void chosen(runnel::widgets::WelcomeDialog::Choice choice);

 private:
  QCommandLinkButton* lessons_;
  QCommandLinkButton* tour_;
  QCommandLinkButton* skip_;
};

}  // namespace runnel::widgets
