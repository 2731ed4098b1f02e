#include "widgets/dialogs/reset_offsets_dialog.h"

#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "widgets/models/plural.h"

namespace runnel::widgets {

ResetOffsetsDialog::ResetOffsetsDialog(const QString& group, int partitions, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Reset offsets of %1").arg(group));
  auto* intro = new QLabel(
      tr("Move the committed offsets of <b>%1</b> on its %2. Its consumers will start from "
         "there the next time they join.")
          .arg(group.toHtmlEscaped(), counted(partitions, tr("partition"), tr("partitions"))),
      this);
  intro->setWordWrap(true);
  earliest_ = new QRadioButton(tr("Earliest — re-read everything still retained"), this);
  latest_ = new QRadioButton(tr("Latest — skip everything written so far (lag becomes 0)"), this);
  timestamp_ = new QRadioButton(tr("From a time — the first record at or after:"), this);
  earliest_->setChecked(true);
  time_ = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(-3600), this);
  time_->setDisplayFormat("yyyy-MM-dd HH:mm:ss");
  time_->setCalendarPopup(true);
  time_->setEnabled(false);
  connect(timestamp_, &QRadioButton::toggled, time_, &QWidget::setEnabled);

  auto* timeRow = new QHBoxLayout;
  timeRow->addSpacing(24);
  timeRow->addWidget(time_);
  timeRow->addStretch();
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Reset offsets"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addSpacing(6);
  layout->addWidget(earliest_);
  layout->addWidget(latest_);
  layout->addWidget(timestamp_);
  layout->addLayout(timeRow);
  layout->addSpacing(6);
  layout->addWidget(buttons);
}

OffsetResetTarget ResetOffsetsDialog::target() const {
  if (latest_->isChecked()) return OffsetResetTarget::Latest;
  if (timestamp_->isChecked()) return OffsetResetTarget::Timestamp;
  return OffsetResetTarget::Earliest;
}

qint64 ResetOffsetsDialog::timestampMs() const {
  return time_->dateTime().toMSecsSinceEpoch();
}

}  // namespace runnel::widgets
