#include "widgets/panels/faults_panel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "widgets/dialogs/inject_error_dialog.h"
#include "widgets/models/fault_model.h"
#include "widgets/style/icons.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {

FaultsPanel::FaultsPanel(FaultModel* model, QWidget* parent) : QWidget(parent), model_(model) {
  setObjectName(QStringLiteral("faultsPanel"));
  auto* linkBox = new QGroupBox(tr("Brokers and the links between them"), this);
  action_ = new QComboBox(linkBox);
  action_->addItem(tr("Cut the link"), static_cast<int>(FaultModel::LinkAction::Cut));
  action_->addItem(tr("Cut one way (A → B)"), static_cast<int>(FaultModel::LinkAction::CutOneWay));
  action_->addItem(tr("Delay messages"), static_cast<int>(FaultModel::LinkAction::Delay));
  action_->addItem(tr("Drop messages"), static_cast<int>(FaultModel::LinkAction::Drop));
  action_->addItem(tr("Heal the link"), static_cast<int>(FaultModel::LinkAction::Heal));
  action_->addItem(tr("Isolate broker A (cut all its links)"),
                   static_cast<int>(FaultModel::LinkAction::Isolate));
  action_->addItem(tr("Pause broker A (alive, answers nothing)"),
                   static_cast<int>(FaultModel::LinkAction::Pause));
  action_->addItem(tr("Resume broker A"), static_cast<int>(FaultModel::LinkAction::Resume));
  brokerA_ = new QComboBox(linkBox);
  brokerB_ = new QComboBox(linkBox);
  amount_ = new QSpinBox(linkBox);
  apply_ = new QPushButton(Icons::get(QStringLiteral("fault")), tr("Apply"), linkBox);
  apply_->setObjectName(QStringLiteral("faultApply"));
  auto* pair = new QHBoxLayout;
  pair->addWidget(brokerA_, 1);
  pair->addWidget(new QLabel(QStringLiteral("↔"), linkBox));
  pair->addWidget(brokerB_, 1);
  auto* form = new QFormLayout(linkBox);
  form->addRow(tr("Do"), action_);
  form->addRow(tr("Between"), pair);
  form->addRow(tr("Amount"), amount_);
  form->addRow(QString(), apply_);

  auto* activeBox = new QGroupBox(tr("Faults in force"), this);
  list_ = new QListWidget(activeBox);
  list_->setObjectName(QStringLiteral("faultList"));
  list_->setAlternatingRowColors(true);
  clear_ =
      new QPushButton(Icons::get(QStringLiteral("restart")), tr("Clear all faults"), activeBox);
  clear_->setObjectName(QStringLiteral("faultClearAll"));
  clear_->setToolTip(
      tr("Heal every link, resume paused brokers and remove every injected error at once"));
  inject_ = new QPushButton(Icons::get(QStringLiteral("fault")), tr("Inject an error…"), activeBox);
  inject_->setObjectName(QStringLiteral("faultInjectError"));
  inject_->setToolTip(
      tr("Make chosen Kafka requests (Produce, Fetch, Metadata, ...) answer an "
         "error code"));
  inject_->setVisible(!model_->apiChoices().isEmpty());
  remove_ = new QPushButton(tr("Remove"), activeBox);
  remove_->setObjectName(QStringLiteral("faultRemove"));
  remove_->setToolTip(tr("Remove the selected fault (a paused broker is resumed)"));
  auto* activeButtons = new QHBoxLayout;
  activeButtons->addWidget(inject_);
  activeButtons->addStretch(1);
  activeButtons->addWidget(remove_);
  activeButtons->addWidget(clear_);
  auto* activeLayout = new QVBoxLayout(activeBox);
  activeLayout->addWidget(list_, 1);
  activeLayout->addLayout(activeButtons);

  result_ = new QLabel(this);
  result_->setWordWrap(true);
  auto* hint = new QLabel(tr("Replication between brokers goes through these links. Cut the "
                             "leader off and watch the followers fall out of sync in the "
                             "Partition Leadership panel. A paused broker stays alive but "
                             "answers nothing: its followers fall out of sync, and after the "
                             "session timeout its leaders move. Kill, restart, pause and resume "
                             "brokers from their cards in the Cluster panel too."),
                          this);
  hint->setWordWrap(true);
  hint->setForegroundRole(QPalette::PlaceholderText);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 6, 8, 6);
  layout->addWidget(hint);
  layout->addWidget(linkBox);
  layout->addWidget(activeBox, 1);
  layout->addWidget(result_);

  connect(action_, &QComboBox::currentIndexChanged, this, &FaultsPanel::refreshAmount);
  connect(apply_, &QPushButton::clicked, this, [this] {
    const int a = brokerA_->currentData().toInt();
    const int b = brokerB_->currentData().toInt();
    const auto action = static_cast<FaultModel::LinkAction>(action_->currentData().toInt());
    if (a == b && !FaultModel::actsOnOneBroker(action)) {
      result_->setText(tr("Pick two different brokers: a link joins two of them."));
      return;
    }
    model_->applyLinkFault(action, a, b, amount_->value());
  });
  connect(clear_, &QPushButton::clicked, model_, &FaultModel::clearAll);
  connect(inject_, &QPushButton::clicked, this, &FaultsPanel::openInjectDialog);
  connect(remove_, &QPushButton::clicked, this, [this] {
    const int row = list_->currentRow();
    if (row >= 0 && row < model_->faults().size()) model_->removeFault(model_->faults()[row]);
  });
  connect(list_, &QListWidget::currentRowChanged, this,
          [this](int row) { remove_->setEnabled(row >= 0 && row < model_->faults().size()); });
  connect(model_, &FaultModel::faultsChanged, this, &FaultsPanel::refreshList);
  connect(model_, &FaultModel::actionFinished, this, [this](bool ok, const QString& message) {
    const auto& c = Theme::instance().colors();
    result_->setText(QStringLiteral("<span style=\"color:%1\">●</span> %2")
                         .arg((ok ? c.healthy : c.offline).name(), message.toHtmlEscaped()));
  });
  refreshAmount();
  refreshList();
}

void FaultsPanel::showView(const ClusterViewPtr& view) {
  if (!view) return;
  QList<int> ids;
  for (const auto& b : view->brokers)
    ids << b.id;
  if (ids == brokers_) return;
  brokers_ = ids;
  for (QComboBox* box : {brokerA_, brokerB_}) {
    const QVariant keep = box->currentData();
    QSignalBlocker block(box);
    box->clear();
    for (int id : ids)
      box->addItem(tr("broker %1").arg(id), id);
    const int index = box->findData(keep);
    box->setCurrentIndex(index >= 0 ? index : (box == brokerB_ && ids.size() > 1 ? 1 : 0));
  }
}

void FaultsPanel::refreshAmount() {
  const auto action = static_cast<FaultModel::LinkAction>(action_->currentData().toInt());
  const bool delay = action == FaultModel::LinkAction::Delay;
  const bool drop = action == FaultModel::LinkAction::Drop;
  amount_->setEnabled(delay || drop);
  amount_->setRange(delay ? 1 : 1, delay ? 10'000 : 100);
  amount_->setSuffix(delay ? tr(" ms") : drop ? tr(" %") : QString());
  amount_->setValue(delay ? 200 : drop ? 30 : amount_->value());
  brokerB_->setEnabled(!FaultModel::actsOnOneBroker(action));
}

void FaultsPanel::openInjectDialog() {
  InjectErrorDialog dialog(model_->apiChoices(), FaultModel::errorChoices(), this);
  if (dialog.exec() == QDialog::Accepted) model_->injectError(dialog.rule());
}

void FaultsPanel::refreshList() {
  list_->clear();
  for (const FaultRow& f : model_->faults()) {
    const QString icon = f.kind == QStringLiteral("broker-paused") ? QStringLiteral("stop")
                                                                   : QStringLiteral("fault");
    auto* item = new QListWidgetItem(Icons::get(icon), f.description, list_);
    item->setToolTip(f.kind);
  }
  remove_->setEnabled(false);
  if (model_->faults().isEmpty()) {
    auto* none = new QListWidgetItem(tr("No faults: every link is healthy."), list_);
    none->setFlags(Qt::NoItemFlags);
  }
  clear_->setEnabled(!model_->faults().isEmpty());
}

}  // namespace runnel::widgets
