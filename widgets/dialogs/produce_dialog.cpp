#include "widgets/dialogs/produce_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "widgets/models/long_operation.h"
#include "widgets/models/plural.h"
#include "widgets/models/produce_template.h"
#include "widgets/panels/progress_strip.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {

struct Template {
  const char* name;
  const char* key;
  const char* value;
};

const Template kTemplates[] = {
    {"Plain text", "key-{{i}}", "hello {{i}}"},
    {"Order (JSON)", "order-{{i}}",
     "{\n  \"orderId\": \"{{uuid}}\",\n  \"customer\": \"{{pick:ada|grace|linus|margaret}}\",\n"
     "  \"amount\": {{random}},\n  \"createdAt\": \"{{iso}}\"\n}"},
    {"Page view (JSON)", "user-{{pick:1|2|3|4|5}}",
     "{\"page\": \"/{{pick:home|cart|checkout|search}}\", \"at\": {{now}}, \"seq\": {{i}}}"},
    {"Card authorization (JSON)", "card-{{pick:1001|1002|1003}}",
     "{\"card_number\": \"{{pick:1001|1002|1003}}\", \"amount\": {{random}}, "
     "\"status\": \"{{pick:approved|declined}}\", \"ts\": {{now}}}"},
};

}  // namespace

ProduceDialog::ProduceDialog(QString topic, int partitions, DataActions* actions, QWidget* parent)
    : QDialog(parent), topic_(std::move(topic)), actions_(actions) {
  setWindowTitle(tr("Produce to %1").arg(topic_));
  resize(620, 560);
  const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);

  template_ = new QComboBox(this);
  template_->addItem(tr("Start from a template…"));
  for (const auto& t : kTemplates)
    template_->addItem(tr(t.name));

  key_ = new QLineEdit(QStringLiteral("key-{{i}}"), this);
  key_->setFont(mono);
  nullKey_ = new QCheckBox(tr("null key"), this);
  nullKey_->setToolTip(tr("Send no key: the producer spreads records over partitions"));
  value_ = new QPlainTextEdit(this);
  value_->setObjectName("produceValue");
  value_->setFont(mono);
  value_->setPlainText(QStringLiteral("hello {{i}}"));
  value_->setTabChangesFocus(true);

  headers_ = new QTableWidget(0, 2, this);
  headers_->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
  headers_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  headers_->verticalHeader()->hide();
  headers_->setMaximumHeight(110);
  auto* addHeader = new QPushButton(tr("Add header"), this);
  auto* removeHeader = new QPushButton(tr("Remove"), this);

  partition_ = new QComboBox(this);
  partition_->addItem(tr("Chosen by the key (default partitioner)"), -1);
  for (int p = 0; p < partitions; ++p)
    partition_->addItem(tr("Partition %1").arg(p), p);
  count_ = new QSpinBox(this);
  count_->setRange(1, 1'000'000);
  count_->setGroupSeparatorShown(true);

  preview_ = new QLabel(this);
  preview_->setFont(mono);
  preview_->setWordWrap(true);
  preview_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  preview_->setStyleSheet(QStringLiteral("color: %1").arg(Theme::instance().colors().muted.name()));
  auto* help =
      new QLabel(tr("Placeholders: <code>{{i}}</code> record number, <code>{{uuid}}</code>, "
                    "<code>{{now}}</code> ms, <code>{{iso}}</code> time, <code>{{random}}</code>, "
                    "<code>{{pick:a|b|c}}</code>"),
                 this);
  help->setWordWrap(true);
  outcome_ = new QLabel(this);
  outcome_->setObjectName("produceOutcome");
  outcome_->setWordWrap(true);
  strip_ = new ProgressStrip(this);

  auto* keyRow = new QHBoxLayout;
  keyRow->addWidget(key_, 1);
  keyRow->addWidget(nullKey_);
  auto* headerButtons = new QHBoxLayout;
  headerButtons->addWidget(addHeader);
  headerButtons->addWidget(removeHeader);
  headerButtons->addStretch();
  auto* headerBox = new QVBoxLayout;
  headerBox->addWidget(headers_);
  headerBox->addLayout(headerButtons);

  auto* form = new QFormLayout;
  form->addRow(QString(), template_);
  // Rows holding layouts get no buddy from QFormLayout: set it, or "&" shows as typed.
  auto* keyLabel = new QLabel(tr("&Key"), this);
  keyLabel->setBuddy(key_);
  auto* headersLabel = new QLabel(tr("&Headers"), this);
  headersLabel->setBuddy(headers_);
  form->addRow(keyLabel, keyRow);
  form->addRow(tr("&Value"), value_);
  form->addRow(headersLabel, headerBox);
  form->addRow(tr("&Partition"), partition_);
  form->addRow(tr("&Count"), count_);
  form->addRow(tr("First record"), preview_);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  sendButton_ = buttons->addButton(tr("Produce"), QDialogButtonBox::ActionRole);
  sendButton_->setDefault(true);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(sendButton_, &QPushButton::clicked, this, &ProduceDialog::send);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form, 1);
  layout->addWidget(help);
  layout->addWidget(outcome_);
  layout->addWidget(strip_);
  layout->addWidget(buttons);

  connect(template_, &QComboBox::activated, this, [this](int index) {
    if (index <= 0) return;
    const Template& t = kTemplates[index - 1];
    key_->setText(t.key);
    value_->setPlainText(t.value);
    template_->setCurrentIndex(0);
  });
  connect(addHeader, &QPushButton::clicked, this, [this] { addHeaderRow(); });
  connect(removeHeader, &QPushButton::clicked, this, [this] {
    if (headers_->currentRow() >= 0) headers_->removeRow(headers_->currentRow());
    updatePreview();
  });
  connect(key_, &QLineEdit::textChanged, this, &ProduceDialog::updatePreview);
  connect(nullKey_, &QCheckBox::toggled, this, [this](bool on) {
    key_->setEnabled(!on);
    updatePreview();
  });
  connect(value_, &QPlainTextEdit::textChanged, this, &ProduceDialog::updatePreview);
  connect(headers_, &QTableWidget::itemChanged, this, &ProduceDialog::updatePreview);
  connect(count_, &QSpinBox::valueChanged, this, [this](int n) {
    sendButton_->setText(n == 1 ? tr("Produce") : tr("Produce %L1").arg(n));
  });
  updatePreview();
}

void ProduceDialog::addHeaderRow(const QString& key, const QString& value) {
  const int row = headers_->rowCount();
  headers_->insertRow(row);
  headers_->setItem(row, 0, new QTableWidgetItem(key));
  headers_->setItem(row, 1, new QTableWidgetItem(value));
  headers_->setCurrentCell(row, 0);
}

ProduceRequest ProduceDialog::request() const {
  ProduceRequest r;
  r.topic = topic_;
  r.partition = partition_->currentData().toInt();
  r.keyTemplate = key_->text();
  r.nullKey = nullKey_->isChecked();
  r.valueTemplate = value_->toPlainText();
  for (int i = 0; i < headers_->rowCount(); ++i) {
    const QString k = headers_->item(i, 0) ? headers_->item(i, 0)->text().trimmed() : QString();
    if (k.isEmpty()) continue;
    r.headerTemplates.push_back(
        {k, headers_->item(i, 1) ? headers_->item(i, 1)->text() : QString()});
  }
  r.count = count_->value();
  return r;
}

void ProduceDialog::updatePreview() {
  const ProduceRequest r = request();
  const TemplateContext ctx{0, QDateTime::currentMSecsSinceEpoch()};
  QString text = tr("key: %1\nvalue: %2")
                     .arg(r.nullKey ? QStringLiteral("null") : expandTemplate(r.keyTemplate, ctx),
                          expandTemplate(r.valueTemplate, ctx).left(300));
  for (const auto& [k, v] : r.headerTemplates)
    text += tr("\nheader %1: %2").arg(k, expandTemplate(v, ctx));
  QStringList unknown = unknownPlaceholders(r.keyTemplate) + unknownPlaceholders(r.valueTemplate);
  if (!unknown.isEmpty())
    text += tr("\n⚠ not a placeholder, sent as typed: %1").arg(unknown.join(", "));
  preview_->setText(text);
}

QString ProduceDialog::preview() const {
  return preview_->text();
}

QString ProduceDialog::outcome() const {
  return outcome_->text();
}

void ProduceDialog::send() {
  if (operation_ && operation_->running()) return;
  sendButton_->setEnabled(false);
  outcome_->setStyleSheet({});
  outcome_->clear();
  outcome_->hide();
  if (operation_) operation_->deleteLater();
  operation_ = new LongOperation(
      tr("Producing %1 to %2").arg(counted(count_->value(), tr("record"), tr("records")), topic_),
      tr("records"), this);
  strip_->follow(operation_);
  connect(
      operation_, &LongOperation::finished, this,
      [this](bool ok, bool cancelled, const QString& message) {
        const auto& colors = Theme::instance().colors();
        const QColor colour = !ok ? colors.offline : cancelled ? colors.warning : colors.healthy;
        outcome_->setStyleSheet(QStringLiteral("color: %1").arg(colour.name()));
        outcome_->setText(message);
        outcome_->show();
        strip_->hide();  // the outcome line says it all
        sendButton_->setEnabled(true);
      });
  actions_->produce(request(), operation_->token());
}

}  // namespace runnel::widgets
