#include "widgets/dialogs/topic_config_dialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "widgets/models/plural.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {
enum Column { NameColumn, ValueColumn, SourceColumn };
}

TopicConfigDialog::TopicConfigDialog(QString topic, DataActions* actions, QWidget* parent)
    : QDialog(parent), topic_(std::move(topic)), actions_(actions) {
  setWindowTitle(tr("Configure %1").arg(topic_));
  resize(720, 520);
  status_ = new QLabel(tr("Loading the settings of %1…").arg(topic_), this);
  filter_ = new QLineEdit(this);
  filter_->setPlaceholderText(tr("Filter settings…"));
  filter_->setClearButtonEnabled(true);
  table_ = new QTableWidget(0, 3, this);
  table_->setHorizontalHeaderLabels({tr("Setting"), tr("Value"), tr("Source")});
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
  table_->horizontalHeader()->setSectionResizeMode(SourceColumn, QHeaderView::ResizeToContents);
  table_->setAlternatingRowColors(true);
  table_->setShowGrid(false);
  table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                          QAbstractItemView::AnyKeyPressed);
  buttons_ = new QDialogButtonBox(QDialogButtonBox::Apply | QDialogButtonBox::Close, this);
  buttons_->button(QDialogButtonBox::Apply)->setEnabled(false);
  connect(buttons_->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
          &TopicConfigDialog::apply);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(filter_, &QLineEdit::textChanged, this, &TopicConfigDialog::filter);
  connect(table_, &QTableWidget::itemChanged, this, [this] {
    const bool dirty = !pendingSets().isEmpty() || !pendingResets().isEmpty();
    buttons_->button(QDialogButtonBox::Apply)->setEnabled(dirty);
  });

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(status_);
  layout->addWidget(filter_);
  layout->addWidget(table_, 1);
  auto* hint = new QLabel(
      tr("Double-click a value to change it; clear a value set on the topic to go back to the "
         "default."),
      this);
  hint->setStyleSheet(QStringLiteral("color: %1").arg(Theme::instance().colors().muted.name()));
  layout->addWidget(hint);
  layout->addWidget(buttons_);

  connect(actions_, &DataActions::topicConfigsLoaded, this, &TopicConfigDialog::showConfigs);
  connect(actions_, &DataActions::finished, this,
          [this](const QString& action, bool ok, const QString& message) {
            if (action == "load-configs" && !ok) {
              status_->setText(message);
            } else if (action == "alter-configs") {
              status_->setText(message);
              if (ok) actions_->loadTopicConfigs(topic_);
            }
          });
  actions_->loadTopicConfigs(topic_);
}

void TopicConfigDialog::showConfigs(const QString& topic, const QList<TopicConfigRow>& rows) {
  if (topic != topic_) return;
  loaded_ = rows;
  const QSignalBlocker block(table_);
  table_->setRowCount(static_cast<int>(rows.size()));
  const QColor muted = Theme::instance().colors().muted;
  int overridden = 0;
  for (int i = 0; i < rows.size(); ++i) {
    const TopicConfigRow& r = rows[i];
    auto* name = new QTableWidgetItem(r.name);
    name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    name->setToolTip(r.documentation);
    auto* value = new QTableWidgetItem(r.isNull ? QString() : r.value);
    value->setFlags(r.readOnly ? (Qt::ItemIsEnabled | Qt::ItemIsSelectable)
                               : (Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable));
    auto* source = new QTableWidgetItem(r.overridden ? tr("set on topic") : tr("default"));
    source->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (r.overridden) {
      QFont bold = name->font();
      bold.setBold(true);
      name->setFont(bold);
      ++overridden;
    } else {
      source->setForeground(muted);
    }
    table_->setItem(i, NameColumn, name);
    table_->setItem(i, ValueColumn, value);
    table_->setItem(i, SourceColumn, source);
  }
  status_->setText(tr("%1: %2, %3 set on the topic.")
                       .arg(topic_, counted(rows.size(), tr("setting"), tr("settings")))
                       .arg(overridden));
  buttons_->button(QDialogButtonBox::Apply)->setEnabled(false);
  filter(filter_->text());
}

QMap<QString, QString> TopicConfigDialog::pendingSets() const {
  QMap<QString, QString> sets;
  for (int i = 0; i < loaded_.size() && i < table_->rowCount(); ++i) {
    const QString now = table_->item(i, ValueColumn)->text();
    const TopicConfigRow& r = loaded_[i];
    if (now.isEmpty() && r.overridden) continue;  // a reset, not a set
    if (now != (r.isNull ? QString() : r.value) && !now.isEmpty()) sets[r.name] = now;
  }
  return sets;
}

QStringList TopicConfigDialog::pendingResets() const {
  QStringList resets;
  for (int i = 0; i < loaded_.size() && i < table_->rowCount(); ++i)
    if (loaded_[i].overridden && table_->item(i, ValueColumn)->text().isEmpty())
      resets << loaded_[i].name;
  return resets;
}

void TopicConfigDialog::apply() {
  status_->setText(tr("Applying…"));
  buttons_->button(QDialogButtonBox::Apply)->setEnabled(false);
  actions_->alterTopicConfigs(topic_, pendingSets(), pendingResets());
}

void TopicConfigDialog::filter(const QString& text) {
  for (int i = 0; i < table_->rowCount(); ++i)
    table_->setRowHidden(
        i, !text.isEmpty() &&
               !table_->item(i, NameColumn)->text().contains(text, Qt::CaseInsensitive));
}

}  // namespace runnel::widgets
