#include "widgets/dialogs/create_topic_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "widgets/models/plural.h"
#include "widgets/models/topic_rules.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {

CreateTopicDialog::CreateTopicDialog(QStringList existingTopics, int brokerCount, QWidget* parent)
    : QDialog(parent), existing_(std::move(existingTopics)) {
  setWindowTitle(tr("New topic"));
  setMinimumWidth(460);

  name_ = new QLineEdit(this);
  name_->setObjectName("topicName");
  name_->setPlaceholderText(tr("e.g. orders, payments.v2"));
  name_->setMaxLength(kMaxTopicNameLength + 20);  // longer names still get a clear message
  nameHint_ = new QLabel(this);
  nameHint_->setWordWrap(true);

  partitions_ = new QSpinBox(this);
  partitions_->setRange(1, 10000);
  partitions_->setValue(3);
  partitions_->setToolTip(
      tr("Partitions split a topic so several consumers can read it in "
         "parallel. You can add more later, never remove them."));

  replication_ = new QSpinBox(this);
  const int maxRf = std::max(1, brokerCount);
  replication_->setRange(1, maxRf);
  replication_->setValue(std::min(3, maxRf));
  replication_->setSuffix(tr(" of %1").arg(counted(maxRf, tr("broker"), tr("brokers"))));
  replication_->setToolTip(tr("How many brokers keep a copy of each partition."));

  cleanup_ = new QComboBox(this);
  cleanup_->addItem(tr("delete — drop old records after the retention time"), "delete");
  cleanup_->addItem(tr("compact — keep the latest record per key"), "compact");
  cleanup_->addItem(tr("compact, delete — both"), "compact,delete");

  retention_ = new QLineEdit(this);
  retention_->setObjectName("retention");
  retention_->setPlaceholderText(tr("cluster default (e.g. 7d, 12h, 30m, forever)"));
  retentionHint_ = new QLabel(this);
  retentionHint_->setWordWrap(true);

  auto* form = new QFormLayout;
  form->addRow(tr("&Name"), name_);
  form->addRow(QString(), nameHint_);
  form->addRow(tr("&Partitions"), partitions_);
  form->addRow(tr("&Replication"), replication_);
  form->addRow(tr("&Cleanup"), cleanup_);
  form->addRow(tr("R&etention"), retention_);
  form->addRow(QString(), retentionHint_);

  buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons_->button(QDialogButtonBox::Ok)->setText(tr("Create"));
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons_);

  connect(name_, &QLineEdit::textChanged, this, &CreateTopicDialog::revalidate);
  connect(retention_, &QLineEdit::textChanged, this, &CreateTopicDialog::revalidate);
  revalidate();
}

void CreateTopicDialog::revalidate() {
  const auto& colors = Theme::instance().colors();
  const QString name = name_->text();
  QString nameProblem = topicNameProblem(name);
  if (nameProblem.isEmpty() && existing_.contains(name))
    nameProblem = tr("A topic named %1 already exists.").arg(name);
  const QString collision = nameProblem.isEmpty() ? topicNameCollision(name, existing_) : QString();
  // An empty name is the starting state, not a mistake: hint rather than scold.
  const bool quietEmpty = name.isEmpty();
  nameHint_->setText(
      quietEmpty
          ? tr("Letters, digits, '.', '_' and '-'; up to %1 characters.").arg(kMaxTopicNameLength)
      : !nameProblem.isEmpty() ? nameProblem
                               : collision);
  nameHint_->setStyleSheet(QStringLiteral("color: %1")
                               .arg((quietEmpty               ? colors.muted
                                     : !nameProblem.isEmpty() ? colors.offline
                                                              : colors.warning)
                                        .name()));
  nameHint_->setVisible(!nameHint_->text().isEmpty());

  QString retentionProblem;
  const QString rt = retention_->text().trimmed();
  if (!rt.isEmpty()) {
    const auto ms = parseDurationMs(rt);
    if (!ms)
      retentionProblem =
          tr("Cannot read \"%1\" as a duration; try 7d, 12h, 30m, 90s or forever.").arg(rt);
    retentionHint_->setText(ms ? tr("Records are kept for %1.").arg(formatDurationMs(*ms))
                               : retentionProblem);
    retentionHint_->setStyleSheet(
        QStringLiteral("color: %1").arg((ms ? colors.muted : colors.offline).name()));
  }
  retentionHint_->setVisible(!rt.isEmpty());

  problem_ = !nameProblem.isEmpty() ? nameProblem : retentionProblem;
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(problem_.isEmpty());
}

NewTopicRequest CreateTopicDialog::request() const {
  NewTopicRequest r;
  r.name = name_->text();
  r.partitions = partitions_->value();
  r.replicationFactor = replication_->value();
  r.cleanupPolicy = cleanup_->currentData().toString();
  const QString rt = retention_->text().trimmed();
  if (!rt.isEmpty()) r.retentionMs = parseDurationMs(rt);
  return r;
}

}  // namespace runnel::widgets
