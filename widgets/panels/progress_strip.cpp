#include "widgets/panels/progress_strip.h"

#include <QHBoxLayout>
#include <QVBoxLayout>
#include <algorithm>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>

#include "widgets/models/long_operation.h"
#include "widgets/style/icons.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {

ProgressStrip::ProgressStrip(QWidget* parent) : QWidget(parent) {
  setObjectName("progressStrip");
  title_ = new QLabel(this);
  title_->setTextFormat(Qt::PlainText);
  QFont bold = title_->font();
  bold.setBold(true);
  title_->setFont(bold);
  detail_ = new QLabel(this);
  detail_->setTextFormat(Qt::PlainText);
  detail_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  bar_ = new QProgressBar(this);
  bar_->setTextVisible(false);
  bar_->setMaximumHeight(fontMetrics().height());
  outcome_ = new QLabel(this);
  outcome_->setTextFormat(Qt::PlainText);
  outcome_->setWordWrap(true);
  outcome_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  cancel_ = new QPushButton(Icons::get("stop"), tr("Cancel"), this);
  cancel_->setToolTip(
      tr("Stop now: what is already done stays done, and the outcome says how "
         "much that was"));
  close_ = new QPushButton(tr("Dismiss"), this);
  close_->setFlat(true);

  // Title and count above, the bar and Cancel below: the count never has to wrap. The outcome
  // takes the bar's place, on a line of its own so a long message wraps.
  auto* top = new QHBoxLayout;
  top->setSpacing(8);
  top->addWidget(title_);
  top->addStretch(1);
  top->addWidget(detail_);
  top->addWidget(close_);
  auto* bottom = new QHBoxLayout;
  bottom->setSpacing(8);
  bottom->addWidget(bar_, 1);
  bottom->addWidget(cancel_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 4, 0, 4);
  layout->setSpacing(3);
  layout->addLayout(top);
  layout->addLayout(bottom);
  layout->addWidget(outcome_);

  connect(cancel_, &QPushButton::clicked, this, [this] {
    if (operation_) operation_->cancel();
  });
  connect(close_, &QPushButton::clicked, this, &ProgressStrip::dismiss);
  hide();
}

void ProgressStrip::follow(LongOperation* operation) {
  if (operation_) disconnect(operation_, nullptr, this, nullptr);
  operation_ = operation;
  clock_.start();
  title_->setText(operation->title());
  title_->setStyleSheet({});
  detail_->setStyleSheet(QStringLiteral("color: %1").arg(Theme::instance().colors().muted.name()));
  detail_->setText(tr("starting…"));
  bar_->setRange(0, 0);  // busy until the total is known
  bar_->show();
  cancel_->show();
  cancel_->setEnabled(true);
  close_->hide();
  connect(operation, &LongOperation::progressed, this, &ProgressStrip::showProgress);
  connect(operation, &LongOperation::finished, this, &ProgressStrip::showFinished);
  connect(operation, &LongOperation::cancelRequestedChanged, this, [this] {
    cancel_->setEnabled(false);
    detail_->setText(tr("cancelling…"));
  });
  show();
}

void ProgressStrip::showProgress(qint64 done, qint64 total) {
  if (!operation_) return;
  const QLocale locale;
  if (total > 0) {
    // QProgressBar holds ints: scale to per-mille so any count fits.
    bar_->setRange(0, 1000);
    bar_->setValue(static_cast<int>(std::min<qint64>(1000, done * 1000 / total)));
  }
  QString text =
      total > 0
          ? tr("%1 of %2 %3").arg(locale.toString(done), locale.toString(total), operation_->unit())
          : tr("%1 %2").arg(locale.toString(done), operation_->unit());
  const double seconds = static_cast<double>(clock_.elapsed()) / 1000.0;
  if (seconds >= 0.5 && done > 0)
    text += tr(" · %1/s").arg(locale.toString(static_cast<qint64>(done / seconds)));
  if (operation_->cancelRequested()) text += tr(" · cancelling…");
  detail_->setText(text);
}

void ProgressStrip::showFinished(bool ok, bool cancelled, const QString& message) {
  const auto& colors = Theme::instance().colors();
  const QColor colour = !ok ? colors.offline : cancelled ? colors.warning : colors.healthy;
  bar_->hide();
  cancel_->hide();
  detail_->hide();
  close_->show();
  outcome_->setStyleSheet(QStringLiteral("color: %1").arg(colour.name()));
  outcome_->setText(message);
  outcome_->show();
}

void ProgressStrip::dismiss() {
  if (operation_ && operation_->running()) return;  // a running operation stays visible
  hide();
}

QString ProgressStrip::text() const {
  return title_->text() + QStringLiteral(" ") +
         (outcome_->isHidden() ? detail_->text() : outcome_->text());
}

}  // namespace runnel::widgets
