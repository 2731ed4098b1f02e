#include "widgets/dialogs/welcome_dialog.h"

#include <QCommandLinkButton>
#include <QLabel>
#include <QVBoxLayout>

#include "widgets/style/icons.h"

namespace runnel::widgets {

WelcomeDialog::WelcomeDialog(QWidget* parent) : QDialog(parent) {
  setObjectName(QStringLiteral("welcomeDialog"));
  setWindowTitle(tr("Welcome to Runnel Studio"));
  auto* icon = new QLabel(this);
  icon->setPixmap(Icons::application().pixmap(56, 56));
  auto* title = new QLabel(tr("Welcome to Runnel Studio"), this);
  QFont big = title->font();
  big.setPointSizeF(big.pointSizeF() * 1.6);
  big.setWeight(QFont::DemiBold);
  title->setFont(big);
  auto* intro = new QLabel(
      tr("A small Kafka-compatible cluster is already running inside the studio: three brokers, "
         "with demo card payments flowing. Everything you see in the panels is live, and you can "
         "break it on purpose."),
      this);
  intro->setWordWrap(true);

  lessons_ = new QCommandLinkButton(tr("Start the guided lessons"),
                                    tr("Eight short lessons on the ideas of event streaming, "
                                       "played out step by step on the running cluster."),
                                    this);
  lessons_->setIcon(Icons::get(QStringLiteral("lessons")));
  tour_ = new QCommandLinkButton(tr("Take the tour of the panels"),
                                 tr("What each panel shows, one at a time."), this);
  tour_->setIcon(Icons::get(QStringLiteral("help")));
  skip_ = new QCommandLinkButton(tr("Skip"),
                                 tr("Go straight to the studio. The lessons stay in Help ▸ "
                                    "Lessons (F1)."),
                                 this);
  skip_->setIcon(Icons::get(QStringLiteral("run")));

  auto* head = new QHBoxLayout;
  head->addWidget(icon, 0, Qt::AlignTop);
  auto* words = new QVBoxLayout;
  words->addWidget(title);
  words->addWidget(intro);
  head->addLayout(words, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(20, 20, 20, 16);
  layout->addLayout(head);
  layout->addSpacing(10);
  layout->addWidget(lessons_);
  layout->addWidget(tour_);
  layout->addWidget(skip_);
  setMinimumWidth(520);

  auto choose = [this](Choice c) {
    emit chosen(c);
    accept();
  };
  connect(lessons_, &QCommandLinkButton::clicked, this, [choose] { choose(Choice::Lessons); });
  connect(tour_, &QCommandLinkButton::clicked, this, [choose] { choose(Choice::Tour); });
  connect(skip_, &QCommandLinkButton::clicked, this, [choose] { choose(Choice::Skip); });
  lessons_->setDefault(true);
  lessons_->setFocus();
}

}  // namespace runnel::widgets
