#include "widgets/dialogs/inject_error_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace runnel::widgets {

InjectErrorDialog::InjectErrorDialog(const QVector<FaultChoice>& apis,
                                     const QVector<FaultChoice>& errors, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Inject an error into Kafka requests"));
  setObjectName(QStringLiteral("injectErrorDialog"));
  api_ = new QComboBox(this);
  for (const FaultChoice& c : apis)
    api_->addItem(c.label, c.value);
  topic_ = new QLineEdit(this);
  topic_->setPlaceholderText(tr("any topic"));
  topic_->setClearButtonEnabled(true);
  error_ = new QComboBox(this);
  for (const FaultChoice& c : errors)
    error_->addItem(c.label, c.value);
  error_->setMaxVisibleItems(16);

  byCount_ = new QRadioButton(tr("The next"), this);
  count_ = new QSpinBox(this);
  count_->setRange(1, 1'000'000);
  count_->setValue(3);
  count_->setSuffix(tr(" requests"));
  byShare_ = new QRadioButton(tr("From now on,"), this);
  percent_ = new QSpinBox(this);
  percent_->setRange(1, 100);
  percent_->setValue(100);
  percent_->setSuffix(tr(" % of requests"));
  byCount_->setChecked(true);
  auto* countRow = new QHBoxLayout;
  countRow->addWidget(byCount_);
  countRow->addWidget(count_, 1);
  auto* shareRow = new QHBoxLayout;
  shareRow->addWidget(byShare_);
  shareRow->addWidget(percent_, 1);
  auto* which = new QVBoxLayout;
  which->addLayout(countRow);
  which->addLayout(shareRow);

  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  summary_->setForegroundRole(QPalette::PlaceholderText);
  auto* hint = new QLabel(tr("The broker answers the chosen requests with this error instead of "
                             "serving them (a refused Produce stores nothing). Clients retry "
                             "retriable errors; watch them do it, then clear the rule."),
                          this);
  hint->setWordWrap(true);

  buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons_->button(QDialogButtonBox::Ok)->setText(tr("Inject"));
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* form = new QFormLayout;
  form->addRow(tr("Requests"), api_);
  form->addRow(tr("Topic"), topic_);
  form->addRow(tr("Answer with"), error_);
  form->addRow(tr("Which"), which);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(hint);
  layout->addLayout(form);
  layout->addWidget(summary_);
  layout->addWidget(buttons_);

  for (QComboBox* box : {api_, error_})
    connect(box, &QComboBox::currentIndexChanged, this, &InjectErrorDialog::refresh);
  connect(topic_, &QLineEdit::textChanged, this, &InjectErrorDialog::refresh);
  connect(byCount_, &QRadioButton::toggled, this, &InjectErrorDialog::refresh);
  connect(count_, &QSpinBox::valueChanged, this, &InjectErrorDialog::refresh);
  connect(percent_, &QSpinBox::valueChanged, this, &InjectErrorDialog::refresh);
  refresh();
  setMinimumWidth(460);
}

ErrorRule InjectErrorDialog::rule() const {
  ErrorRule r;
  r.apiKey = api_->currentData().toInt();
  r.topic = topic_->text().trimmed();
  r.errorCode = error_->currentData().toInt();
  r.count = byCount_->isChecked() ? count_->value() : 0;
  r.percent = byCount_->isChecked() ? 100 : percent_->value();
  return r;
}

bool InjectErrorDialog::selectApi(int apiKey) {
  const int i = api_->findData(apiKey);
  if (i >= 0) api_->setCurrentIndex(i);
  return i >= 0;
}

bool InjectErrorDialog::selectError(int errorCode) {
  const int i = error_->findData(errorCode);
  if (i >= 0) error_->setCurrentIndex(i);
  return i >= 0;
}

void InjectErrorDialog::refresh() {
  count_->setEnabled(byCount_->isChecked());
  percent_->setEnabled(byShare_->isChecked());
  const QString topic = topic_->text().trimmed();
  const QString error = error_->currentText().section(QLatin1Char(' '), 0, 0);
  const QString api = api_->currentText();
  QString text =
      byCount_->isChecked()
          ? (count_->value() == 1 ? tr("the next %1 request").arg(api)
                                  : tr("the next %1 %2 requests").arg(count_->value()).arg(api))
          : tr("%1% of %2 requests").arg(percent_->value()).arg(api);
  if (!topic.isEmpty()) text += tr(" for topic %1").arg(topic);
  summary_->setText(tr("In short: %1 get %2.").arg(text, error));
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(api_->count() > 0 && error_->count() > 0);
}

}  // namespace runnel::widgets
