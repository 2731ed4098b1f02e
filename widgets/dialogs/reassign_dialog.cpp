#include "widgets/dialogs/reassign_dialog.h"

#include <QComboBox>
#include <algorithm>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {

constexpr int kPartitionColumn = 0;
constexpr int kNowColumn = 1;
constexpr int kFirstBrokerColumn = 2;

}  // namespace

ReassignDialog::ReassignDialog(const QString& topic, const QList<QList<int>>& replicas,
                               const QList<int>& brokers, const QList<bool>& alive, QWidget* parent)
    : QDialog(parent), topic_(topic), brokers_(brokers), alive_(alive), plan_(replicas, brokers) {
  setWindowTitle(tr("Reassign replicas of %1").arg(topic));
  const auto& colors = Theme::instance().colors();

  auto* intro = new QLabel(
      tr("Tick the brokers that should hold each partition and pick its preferred leader. New "
         "replicas copy the log from the leader; once they are in sync the unticked ones leave "
         "and their data is deleted. Producers and consumers keep running."),
      this);
  intro->setWordWrap(true);

  const int brokerColumns = static_cast<int>(brokers_.size());
  table_ = new QTableWidget(plan_.partitionCount(), kFirstBrokerColumn + brokerColumns + 1, this);
  table_->setObjectName(QStringLiteral("reassignTable"));
  QStringList headers{tr("Partition"), tr("Now")};
  for (int i = 0; i < brokerColumns; ++i) {
    headers << (alive_.value(i, true) ? tr("Broker %1").arg(brokers_[i])
                                      : tr("Broker %1 (dead)").arg(brokers_[i]));
  }
  headers << tr("Preferred leader");
  table_->setHorizontalHeaderLabels(headers);
  table_->verticalHeader()->hide();
  table_->setSelectionMode(QAbstractItemView::NoSelection);
  table_->setFocusPolicy(Qt::NoFocus);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setStretchLastSection(true);

  for (int p = 0; p < plan_.partitionCount(); ++p) {
    auto* name = new QTableWidgetItem(tr("P%1").arg(p));
    name->setFlags(Qt::ItemIsEnabled);
    table_->setItem(p, kPartitionColumn, name);
    auto* now = new QTableWidgetItem(ReassignmentPlan::idSet(plan_.current(p)));
    now->setFlags(Qt::ItemIsEnabled);
    now->setForeground(colors.muted);
    now->setToolTip(tr("The replicas now, preferred leader first"));
    table_->setItem(p, kNowColumn, now);
    for (int i = 0; i < brokerColumns; ++i) {
      auto* tick = new QTableWidgetItem;
      tick->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
      tick->setCheckState(plan_.current(p).contains(brokers_[i]) ? Qt::Checked : Qt::Unchecked);
      tick->setTextAlignment(Qt::AlignCenter);
      table_->setItem(p, kFirstBrokerColumn + i, tick);
    }
    auto* combo = new QComboBox(table_);
    combo->setObjectName(QStringLiteral("preferred%1").arg(p));
    table_->setCellWidget(p, kFirstBrokerColumn + brokerColumns, combo);
    connect(combo, &QComboBox::currentIndexChanged, this, [this, p] {
      if (!updating_) rowChanged(p);
    });
  }
  connect(table_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
    if (!updating_ && item->column() >= kFirstBrokerColumn) rowChanged(item->row());
  });

  preview_ = new QLabel(this);
  preview_->setObjectName(QStringLiteral("reassignPreview"));
  preview_->setWordWrap(true);
  preview_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  preview_->setStyleSheet(QStringLiteral("QLabel { background: %1; border: 1px solid %2; "
                                         "border-radius: 6px; padding: 8px; }")
                              .arg(colors.surface.name(), colors.surfaceBorder.name()));
  problems_ = new QLabel(this);
  problems_->setObjectName(QStringLiteral("reassignProblems"));
  problems_->setWordWrap(true);
  problems_->setStyleSheet(QStringLiteral("color: %1").arg(colors.offline.name()));

  buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons_->button(QDialogButtonBox::Ok)->setText(tr("Reassign"));
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addWidget(table_, plan_.partitionCount() > 12 ? 1 : 0);
  layout->addWidget(new QLabel(tr("What moves"), this));
  layout->addWidget(preview_);
  layout->addWidget(problems_);
  layout->addStretch(1);
  layout->addWidget(buttons_);

  for (int p = 0; p < plan_.partitionCount(); ++p)
    rowChanged(p);
  // Up to 12 partitions show without scrolling; the table is no taller than its rows.
  const int rows = std::min(plan_.partitionCount(), 12);
  const int height = table_->horizontalHeader()->sizeHint().height() +
                     rows * table_->verticalHeader()->defaultSectionSize() +
                     2 * table_->frameWidth();
  table_->setMinimumHeight(height);
  if (plan_.partitionCount() <= 12) table_->setMaximumHeight(height);
  resize(std::max(560, 190 + 110 * brokerColumns), sizeHint().height());
}

QComboBox* ReassignDialog::preferredCombo(int partition) const {
  return qobject_cast<QComboBox*>(
      table_->cellWidget(partition, kFirstBrokerColumn + static_cast<int>(brokers_.size())));
}

void ReassignDialog::rowChanged(int partition) {
  QList<int> ticked;
  for (int i = 0; i < brokers_.size(); ++i) {
    if (table_->item(partition, kFirstBrokerColumn + i)->checkState() == Qt::Checked)
      ticked << brokers_[i];
  }
  QComboBox* combo = preferredCombo(partition);
  const int wanted = combo->currentData().isValid() ? combo->currentData().toInt() : -1;
  // Keep the current replicas' order, then the new ones ascending; the preferred one goes first.
  QList<int> target;
  for (int id : plan_.current(partition)) {
    if (ticked.contains(id)) target << id;
  }
  for (int id : ticked) {
    if (!target.contains(id)) target << id;
  }
  const int preferred = target.contains(wanted) ? wanted : target.value(0, -1);
  if (preferred >= 0) target.move(target.indexOf(preferred), 0);
  {
    const QSignalBlocker block(combo);
    updating_ = true;
    combo->clear();
    for (int id : target)
      combo->addItem(tr("Broker %1").arg(id), id);
    combo->setCurrentIndex(target.isEmpty() ? -1 : 0);
    updating_ = false;
  }
  plan_.setTarget(partition, target);
  // Cells that change are tinted: green joins, red leaves.
  const auto& colors = Theme::instance().colors();
  for (int i = 0; i < brokers_.size(); ++i) {
    QTableWidgetItem* item = table_->item(partition, kFirstBrokerColumn + i);
    const bool now = plan_.current(partition).contains(brokers_[i]);
    const bool next = target.contains(brokers_[i]);
    updating_ = true;
    if (now == next) {
      item->setBackground(QBrush());
      item->setText({});
    } else {
      QColor tint = next ? colors.follower : colors.offline;
      tint.setAlpha(50);
      item->setBackground(tint);
      item->setText(next ? tr("joins") : tr("leaves"));
    }
    updating_ = false;
  }
  refreshPreview();
}

void ReassignDialog::setReplicas(int partition, const QList<int>& brokers) {
  updating_ = true;
  for (int i = 0; i < brokers_.size(); ++i) {
    table_->item(partition, kFirstBrokerColumn + i)
        ->setCheckState(brokers.contains(brokers_[i]) ? Qt::Checked : Qt::Unchecked);
  }
  QComboBox* combo = preferredCombo(partition);
  combo->clear();
  if (!brokers.isEmpty()) combo->addItem(tr("Broker %1").arg(brokers.first()), brokers.first());
  updating_ = false;
  rowChanged(partition);
}

QString ReassignDialog::previewText() const {
  return preview_->text();
}

bool ReassignDialog::canApply() const {
  return buttons_->button(QDialogButtonBox::Ok)->isEnabled();
}

void ReassignDialog::refreshPreview() {
  preview_->setText(plan_.preview());
  const QStringList problems = plan_.problems();
  problems_->setText(problems.join(QLatin1Char('\n')));
  problems_->setVisible(!problems.isEmpty());
  buttons_->button(QDialogButtonBox::Ok)
      ->setEnabled(problems.isEmpty() && !plan_.moves().isEmpty());
}

}  // namespace runnel::widgets
