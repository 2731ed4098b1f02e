#include "widgets/dialogs/connection_dialog.h"

#include <QDialogButtonBox>
#include <algorithm>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/models/connection_store.h"
#include "widgets/models/connection_tester.h"
#include "widgets/style/icons.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {

constexpr int kKeyColumn = 0;
constexpr int kValueColumn = 1;

QString masked(const QString& value) {
  return value.isEmpty() ? QString() : QString(8, QChar(0x2022));
}

// Shows and edits the values of secret properties (per ConnectionStore::isSecretKey) masked.
class ValueDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override {
    QStyledItemDelegate::initStyleOption(option, index);
    if (isSecret(index)) option->text = masked(index.data().toString());
  }
  QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                        const QModelIndex& index) const override {
    QWidget* editor = QStyledItemDelegate::createEditor(parent, option, index);
    if (auto* line = qobject_cast<QLineEdit*>(editor); line && isSecret(index))
      line->setEchoMode(QLineEdit::Password);
    return editor;
  }

 private:
  static bool isSecret(const QModelIndex& index) {
    return ConnectionStore::isSecretKey(index.siblingAtColumn(kKeyColumn).data().toString());
  }
};

const char* const kCommonProperties[] = {
    "security.protocol", "sasl.mechanism",           "sasl.username",    "sasl.password",
    "ssl.ca.location",   "ssl.certificate.location", "ssl.key.location", "ssl.key.password",
    "client.id",         "socket.timeout.ms"};

}  // namespace

ConnectionDialog::ConnectionDialog(ConnectionStore* store, ConnectionTester* tester,
                                   QWidget* parent)
    : QDialog(parent), store_(store), tester_(tester) {
  setObjectName(QStringLiteral("connectionDialog"));
  setWindowTitle(tr("Connect to Kafka cluster"));
  resize(860, 520);

  list_ = new QListWidget(this);
  list_->setObjectName(QStringLiteral("savedConnections"));
  list_->setMinimumWidth(200);
  auto* newButton = new QPushButton(Icons::get(QStringLiteral("new-tab")), tr("New"), this);
  delete_ = new QPushButton(Icons::get(QStringLiteral("kill")), tr("Delete"), this);
  delete_->setEnabled(false);
  auto* listButtons = new QHBoxLayout;
  listButtons->addWidget(newButton);
  listButtons->addWidget(delete_);
  listButtons->addStretch();
  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(new QLabel(tr("<b>Saved connections</b>"), left));
  leftLayout->addWidget(list_);
  leftLayout->addLayout(listButtons);

  name_ = new QLineEdit(this);
  name_->setPlaceholderText(tr("e.g. kafka-staging"));
  bootstrap_ = new QLineEdit(this);
  bootstrap_->setPlaceholderText(tr("broker1.example.com:9092,broker2.example.com:9092"));
  properties_ = new QTableWidget(0, 2, this);
  properties_->setObjectName(QStringLiteral("connectionProperties"));
  properties_->setHorizontalHeaderLabels({tr("Property"), tr("Value")});
  properties_->horizontalHeader()->setSectionResizeMode(kKeyColumn, QHeaderView::Interactive);
  properties_->horizontalHeader()->setStretchLastSection(true);
  properties_->setColumnWidth(kKeyColumn, 220);
  properties_->verticalHeader()->hide();
  properties_->setItemDelegateForColumn(kValueColumn, new ValueDelegate(properties_));
  properties_->setToolTip(
      tr("librdkafka properties passed through to every client: security.protocol, sasl.*, "
         "ssl.*, … Passwords and keys are masked."));
  // A key renamed into or out of a secret name changes how its value is drawn.
  connect(properties_, &QTableWidget::itemChanged, properties_->viewport(),
          qOverload<>(&QWidget::update));

  auto* addProperty = new QToolButton(this);
  addProperty->setText(tr("Add property"));
  addProperty->setPopupMode(QToolButton::MenuButtonPopup);
  addProperty->setToolButtonStyle(Qt::ToolButtonTextOnly);
  auto* common = new QMenu(addProperty);
  for (const char* key : kCommonProperties) {
    common->addAction(QString::fromLatin1(key), this,
                      [this, key] { addPropertyRow(QString::fromLatin1(key), QString()); });
  }
  addProperty->setMenu(common);
  connect(addProperty, &QToolButton::clicked, this, [this] { addPropertyRow({}, {}); });
  auto* removeProperty = new QPushButton(tr("Remove"), this);
  connect(removeProperty, &QPushButton::clicked, this, [this] {
    const int row = properties_->currentRow();
    if (row >= 0) properties_->removeRow(row);
  });
  auto* propertyButtons = new QHBoxLayout;
  propertyButtons->addWidget(addProperty);
  propertyButtons->addWidget(removeProperty);
  propertyButtons->addStretch();

  storageNote_ = new QLabel(this);
  storageNote_->setObjectName(QStringLiteral("secretStorageNote"));
  storageNote_->setWordWrap(true);
  outcome_ = new QLabel(this);
  outcome_->setObjectName(QStringLiteral("connectionOutcome"));
  outcome_->setWordWrap(true);
  outcome_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  outcome_->setMinimumHeight(outcome_->fontMetrics().lineSpacing() * 2);

  auto* form = new QFormLayout;
  form->addRow(tr("&Name:"), name_);
  form->addRow(tr("&Bootstrap servers:"), bootstrap_);
  auto* right = new QWidget(this);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addLayout(form);
  rightLayout->addWidget(
      new QLabel(tr("Properties (librdkafka, for SASL/SSL and tuning):"), right));
  rightLayout->addWidget(properties_, 1);
  rightLayout->addLayout(propertyButtons);
  rightLayout->addWidget(storageNote_);
  rightLayout->addWidget(outcome_);

  auto* splitter = new QSplitter(this);
  splitter->addWidget(left);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 1);
  splitter->setChildrenCollapsible(false);

  auto* buttons = new QDialogButtonBox(this);
  test_ = buttons->addButton(tr("&Test connection"), QDialogButtonBox::ActionRole);
  QPushButton* saveButton = buttons->addButton(tr("&Save"), QDialogButtonBox::ApplyRole);
  QPushButton* connectButton = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
  connectButton->setDefault(true);
  buttons->addButton(QDialogButtonBox::Close);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(test_, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
  connect(saveButton, &QPushButton::clicked, this, &ConnectionDialog::save);
  connect(connectButton, &QPushButton::clicked, this, &ConnectionDialog::connectToCluster);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(splitter, 1);
  layout->addWidget(buttons);

  connect(newButton, &QPushButton::clicked, this, &ConnectionDialog::newConnection);
  connect(delete_, &QPushButton::clicked, this, [this] {
    if (editing_.isEmpty()) return;
    if (QMessageBox::question(
            this, tr("Delete connection"),
            tr("Delete the saved connection %1 and its stored secrets?").arg(editing_)) ==
        QMessageBox::Yes)
      deleteSelected();
  });
  connect(list_, &QListWidget::currentTextChanged, this, [this](const QString& name) {
    if (name.isEmpty() || name == editing_) return;
    if (auto c = store_->load(name)) {
      editing_ = name;
      setConnection(*c);
      delete_->setEnabled(true);
      showOutcome(true, store_->lastError().startsWith(QLatin1String("the key store"))
                            ? store_->lastError()
                            : QString());
    }
  });
  connect(tester_, &ConnectionTester::finished, this, &ConnectionDialog::showOutcome);

  refreshList({});
  if (list_->count() > 0) {
    list_->setCurrentRow(0);
  } else {
    newConnection();
  }
}

void ConnectionDialog::refreshList(const QString& select) {
  const QSignalBlocker blocker(list_);
  list_->clear();
  for (const QString& name : store_->names()) {
    auto* item = new QListWidgetItem(Icons::get(QStringLiteral("cluster")), name, list_);
    if (name == select) list_->setCurrentItem(item);
  }
}

void ConnectionDialog::newConnection() {
  editing_.clear();
  list_->clearSelection();
  list_->setCurrentRow(-1);
  delete_->setEnabled(false);
  setConnection({});
  showOutcome(true, {});
  name_->setFocus();
}

void ConnectionDialog::setConnection(const SavedConnection& c) {
  name_->setText(c.name);
  bootstrap_->setText(c.bootstrapServers);
  properties_->setRowCount(0);
  for (const auto& [key, value] : c.properties)
    addPropertyRow(key, value);
  showStorageNote(c.secretsInPlainText);
}

void ConnectionDialog::addPropertyRow(const QString& key, const QString& value) {
  const int row = properties_->rowCount();
  properties_->insertRow(row);
  properties_->setItem(row, kKeyColumn, new QTableWidgetItem(key));
  properties_->setItem(row, kValueColumn, new QTableWidgetItem(value));
  if (!isVisible()) return;
  properties_->setCurrentCell(row, key.isEmpty() ? kKeyColumn : kValueColumn);
  properties_->editItem(properties_->currentItem());
}

SavedConnection ConnectionDialog::connection() const {
  SavedConnection c;
  c.name = name_->text().trimmed();
  c.bootstrapServers = bootstrap_->text().trimmed();
  for (int row = 0; row < properties_->rowCount(); ++row) {
    const QString key = properties_->item(row, kKeyColumn)->text().trimmed();
    const QString value = properties_->item(row, kValueColumn)->text();
    if (key.isEmpty() && value.isEmpty()) continue;  // an unused row
    c.properties.append({key, value});
  }
  return c;
}

QString ConnectionDialog::displayedValue(int row) const {
  QStyleOptionViewItem option;
  option.initFrom(properties_);
  const QModelIndex index = properties_->model()->index(row, kValueColumn);
  auto* delegate = static_cast<ValueDelegate*>(properties_->itemDelegateForColumn(kValueColumn));
  delegate->initStyleOption(&option, index);
  return option.text;
}

bool ConnectionDialog::selectSaved(const QString& name) {
  const auto items = list_->findItems(name, Qt::MatchExactly);
  if (items.isEmpty()) return false;
  list_->setCurrentItem(items.first());
  return editing_ == name;
}

bool ConnectionDialog::save() {
  const SavedConnection c = connection();
  if (!store_->save(c, editing_)) {
    showOutcome(false, tr("Not saved: %1").arg(store_->lastError()));
    return false;
  }
  editing_ = c.name;
  refreshList(c.name);
  delete_->setEnabled(true);
  showStorageNote(!store_->secretsProtected() &&
                  std::any_of(c.properties.begin(), c.properties.end(),
                              [](const auto& p) { return ConnectionStore::isSecretKey(p.first); }));
  showOutcome(true, tr("Saved %1.").arg(c.name));
  return true;
}

void ConnectionDialog::deleteSelected() {
  if (editing_.isEmpty()) return;
  const QString name = editing_;
  if (!store_->remove(name)) {
    showOutcome(false, tr("Not deleted: %1").arg(store_->lastError()));
    return;
  }
  refreshList({});
  newConnection();
  showOutcome(true, tr("Deleted %1.").arg(name));
}

void ConnectionDialog::testConnection() {
  SavedConnection c = connection();
  if (c.name.isEmpty()) c.name = QStringLiteral("test");  // a test needs no name
  if (const QString problem = ConnectionStore::validate(c); !problem.isEmpty()) {
    showOutcome(false, problem);
    return;
  }
  test_->setEnabled(false);
  outcome_->setText(tr("Connecting to %1…").arg(c.bootstrapServers.toHtmlEscaped()));
  tester_->test(c);
}

void ConnectionDialog::connectToCluster() {
  if (!save()) return;
  emit connectRequested(connection());
  accept();
}

void ConnectionDialog::showOutcome(bool ok, const QString& message) {
  test_->setEnabled(true);
  if (message.isEmpty()) {
    outcome_->clear();
    return;
  }
  const auto& colors = Theme::instance().colors();
  outcome_->setText(QStringLiteral("<span style=\"color:%1\">%2</span> %3")
                        .arg((ok ? colors.healthy : colors.offline).name(),
                             ok ? QStringLiteral("✔") : QStringLiteral("✖"),
                             message.toHtmlEscaped()));
}

void ConnectionDialog::showStorageNote(bool plainTextConnection) {
  const auto& colors = Theme::instance().colors();
  const bool protectedStore = store_->secretsProtected();
  QString text = store_->secretStorageNote().toHtmlEscaped();
  if (plainTextConnection && protectedStore)
    text += tr(" This connection was saved without one: save it again to move its secrets there.");
  storageNote_->setText(QStringLiteral("<span style=\"color:%1\">%2</span> %3")
                            .arg((protectedStore ? colors.healthy : colors.warning).name(),
                                 protectedStore ? QStringLiteral("✔") : QStringLiteral("⚠"), text));
}

}  // namespace runnel::widgets
