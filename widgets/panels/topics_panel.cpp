#include "widgets/panels/topics_panel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/dialogs/create_topic_dialog.h"
#include "widgets/dialogs/reassign_dialog.h"
#include "widgets/dialogs/topic_config_dialog.h"
#include "widgets/models/data_actions.h"
#include "widgets/models/plural.h"
#include "widgets/models/topic_list_model.h"
#include "widgets/style/icons.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {

// Hides internal topics unless asked, and matches the filter text against the name.
class TopicFilterProxy : public QSortFilterProxyModel {
 public:
  using QSortFilterProxyModel::QSortFilterProxyModel;
  void setShowInternal(bool show) {
    showInternal_ = show;
    invalidateFilter();
  }

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& parent) const override {
    const QModelIndex name = sourceModel()->index(sourceRow, TopicListModel::NameColumn, parent);
    if (!showInternal_ && name.data(TopicListModel::InternalRole).toBool()) return false;
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, parent);
  }

 private:
  bool showInternal_ = false;
};

QToolButton* toolButton(const QString& icon, const QString& text, const QString& tip,
                        QWidget* parent) {
  auto* b = new QToolButton(parent);
  b->setIcon(Icons::get(icon));
  b->setText(text);
  b->setToolTip(tip);
  b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  b->setAutoRaise(true);
  return b;
}

}  // namespace

TopicsPanel::TopicsPanel(TopicListModel* model, DataActions* actions, QWidget* parent)
    : QWidget(parent), model_(model), actions_(actions) {
  auto* proxy = new TopicFilterProxy(this);
  proxy_ = proxy;
  proxy_->setSourceModel(model_);
  proxy_->setFilterKeyColumn(TopicListModel::NameColumn);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  proxy_->setSortRole(TopicListModel::SortRole);
  // Views arrive several times a second; re-sorting on each is what keeps the order stable.
  proxy_->setDynamicSortFilter(true);

  newButton_ = toolButton("new-tab", tr("New"), tr("Create a topic"), this);
  browseButton_ =
      toolButton("open", tr("Browse"), tr("Browse the selected topic's messages"), this);
  produceButton_ =
      toolButton("run", tr("Produce"), tr("Write records to the selected topic"), this);
  moreButton_ = toolButton("theme", tr("More"), tr("Configure, add partitions, delete"), this);
  moreButton_->setPopupMode(QToolButton::InstantPopup);
  auto* more = new QMenu(moreButton_);
  more->addAction(tr("Configure…"), this, &TopicsPanel::configureSelected);
  more->addAction(tr("Add partitions…"), this, &TopicsPanel::addPartitionsToSelected);
  more->addAction(tr("Reassign replicas…"), this, &TopicsPanel::reassignSelected);
  more->addAction(tr("Elect preferred leaders"), this, &TopicsPanel::electSelected);
  more->addAction(tr("Cancel reassignment"), this, &TopicsPanel::cancelReassignSelected);
  more->addSeparator();
  more->addAction(Icons::get("kill"), tr("Delete…"), this, &TopicsPanel::deleteSelected);
  moreButton_->setMenu(more);

  filter_ = new QLineEdit(this);
  filter_->setObjectName("topicFilter");
  filter_->setPlaceholderText(tr("Filter topics…"));
  filter_->setClearButtonEnabled(true);
  showInternal_ = new QCheckBox(tr("Internal"), this);
  showInternal_->setToolTip(tr("Also list the cluster's own topics (consumer offsets, …)"));

  view_ = new QTableView(this);
  view_->setObjectName("topicsView");
  view_->setModel(proxy_);
  view_->setSortingEnabled(true);
  view_->sortByColumn(TopicListModel::NameColumn, Qt::AscendingOrder);
  view_->verticalHeader()->hide();
  view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  view_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
  auto* header = view_->horizontalHeader();
  // Fixed widths, never ResizeToContents: measuring 1,000 rows on every update is what makes
  // big lists slow.
  header->setSectionResizeMode(TopicListModel::NameColumn, QHeaderView::Stretch);
  const int digits = fontMetrics().horizontalAdvance(QStringLiteral("Partitions")) + 20;
  header->resizeSection(TopicListModel::PartitionsColumn, digits);
  header->resizeSection(TopicListModel::ReplicationColumn,
                        fontMetrics().horizontalAdvance(QStringLiteral("RF")) + 30);
  header->resizeSection(TopicListModel::SizeColumn,
                        fontMetrics().horizontalAdvance(QStringLiteral("1023 MB")) + 24);
  header->resizeSection(TopicListModel::RateColumn,
                        fontMetrics().horizontalAdvance(QStringLiteral("Records/s")) + 24);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setSelectionMode(QAbstractItemView::SingleSelection);
  view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view_->setShowGrid(false);
  view_->setAlternatingRowColors(true);
  view_->setWordWrap(false);
  view_->setFrameShape(QFrame::NoFrame);
  view_->setContextMenuPolicy(Qt::CustomContextMenu);

  summary_ = new QLabel(this);
  summary_->setStyleSheet(QStringLiteral("color: %1").arg(Theme::instance().colors().muted.name()));
  message_ = new QLabel(this);
  message_->setObjectName("topicsMessage");
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  message_->hide();

  auto* tools = new QHBoxLayout;
  tools->setSpacing(2);
  tools->addWidget(newButton_);
  tools->addWidget(browseButton_);
  tools->addWidget(produceButton_);
  tools->addWidget(moreButton_);
  tools->addStretch();
  tools->addWidget(showInternal_);
  auto* filterRow = new QHBoxLayout;
  filterRow->addWidget(filter_, 1);
  filterRow->addWidget(summary_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 4, 6, 6);
  layout->setSpacing(4);
  layout->addLayout(tools);
  layout->addLayout(filterRow);
  layout->addWidget(view_, 1);
  layout->addWidget(message_);

  connect(filter_, &QLineEdit::textChanged, this, [this](const QString& text) {
    proxy_->setFilterFixedString(text);
    updateSummary();
  });
  connect(showInternal_, &QCheckBox::toggled, this, [this, proxy](bool on) {
    proxy->setShowInternal(on);
    updateSummary();
  });
  connect(newButton_, &QToolButton::clicked, this, &TopicsPanel::newTopic);
  connect(browseButton_, &QToolButton::clicked, this, [this] {
    if (!selectedTopic().isEmpty()) emit browseRequested(selectedTopic());
  });
  connect(produceButton_, &QToolButton::clicked, this, [this] {
    if (!selectedTopic().isEmpty()) emit produceRequested(selectedTopic());
  });
  connect(view_, &QTableView::doubleClicked, this, [this] {
    if (!selectedTopic().isEmpty()) emit browseRequested(selectedTopic());
  });
  connect(view_, &QTableView::customContextMenuRequested, this, &TopicsPanel::showContextMenu);
  connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &TopicsPanel::updateButtons);
  connect(model_, &QAbstractItemModel::rowsInserted, this, [this] {
    if (!pendingSelect_.isEmpty() && model_->rowOf(pendingSelect_) >= 0) {
      selectTopic(pendingSelect_);
      pendingSelect_.clear();
    }
    updateSummary();
  });
  connect(model_, &QAbstractItemModel::rowsRemoved, this, &TopicsPanel::updateSummary);
  connect(actions_, &DataActions::finished, this, &TopicsPanel::showOutcome);
  updateSummary();
  updateButtons();
}

QString TopicsPanel::selectedTopic() const {
  const auto rows = view_->selectionModel()->selectedRows(TopicListModel::NameColumn);
  return rows.isEmpty() ? QString() : rows.first().data().toString();
}

void TopicsPanel::selectTopic(const QString& topic) {
  const int sourceRow = model_->rowOf(topic);
  if (sourceRow < 0) return;
  const QModelIndex index = proxy_->mapFromSource(model_->index(sourceRow, 0));
  if (!index.isValid()) return;
  view_->selectionModel()->select(index,
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  view_->scrollTo(index);
}

QString TopicsPanel::message() const {
  return message_->text();
}

void TopicsPanel::updateSummary() {
  const int total = model_->rowCount();
  const int shown = proxy_->rowCount();
  summary_->setText(shown == total ? counted(total, tr("topic"), tr("topics"))
                                   : tr("%1 of %2").arg(shown).arg(total));
}

void TopicsPanel::updateButtons() {
  const bool any = !selectedTopic().isEmpty();
  browseButton_->setEnabled(any);
  produceButton_->setEnabled(any);
  moreButton_->setEnabled(any);
}

void TopicsPanel::showOutcome(const QString& action, bool ok, const QString& text) {
  if (action == "load-configs" && ok) return;
  const auto& colors = Theme::instance().colors();
  message_->setText(text);
  message_->setStyleSheet(
      QStringLiteral("color: %1").arg((ok ? colors.healthy : colors.offline).name()));
  message_->show();
  message_->setToolTip(text);
}

void TopicsPanel::showContextMenu(const QPoint& pos) {
  const QModelIndex index = view_->indexAt(pos);
  QMenu menu(this);
  if (index.isValid()) {
    const QString topic = index.siblingAtColumn(TopicListModel::NameColumn).data().toString();
    menu.addAction(Icons::get("open"), tr("Browse messages"), this,
                   [this, topic] { emit browseRequested(topic); });
    menu.addAction(Icons::get("run"), tr("Produce…"), this,
                   [this, topic] { emit produceRequested(topic); });
    menu.addSeparator();
    menu.addAction(tr("Configure…"), this, &TopicsPanel::configureSelected);
    menu.addAction(tr("Add partitions…"), this, &TopicsPanel::addPartitionsToSelected);
    menu.addAction(tr("Reassign replicas…"), this, &TopicsPanel::reassignSelected);
    menu.addAction(tr("Elect preferred leaders"), this, &TopicsPanel::electSelected);
    const TopicListModel::Row* row = model_->row(model_->rowOf(topic));
    if (row && row->reassigning > 0) {
      menu.addAction(tr("Cancel reassignment (%1 in progress)").arg(row->reassigning), this,
                     &TopicsPanel::cancelReassignSelected);
    }
    menu.addSeparator();
    menu.addAction(Icons::get("kill"), tr("Delete…"), this, &TopicsPanel::deleteSelected);
    menu.addSeparator();
  }
  menu.addAction(Icons::get("new-tab"), tr("New topic…"), this, &TopicsPanel::newTopic);
  menu.exec(view_->viewport()->mapToGlobal(pos));
}

void TopicsPanel::newTopic() {
  CreateTopicDialog dialog(model_->topicNames(), brokerCount_, this);
  if (dialog.exec() != QDialog::Accepted) return;
  const NewTopicRequest request = dialog.request();
  pendingSelect_ = request.name;
  showOutcome("create-topic", true, tr("Creating %1…").arg(request.name));
  actions_->createTopic(request);
}

void TopicsPanel::deleteSelected() {
  const QString topic = selectedTopic();
  if (topic.isEmpty()) return;
  const auto* row = model_->row(model_->rowOf(topic));
  const QString size = row ? TopicListModel::formatBytes(row->sizeBytes) : QString();
  QMessageBox box(QMessageBox::Warning, tr("Delete topic"),
                  tr("Delete topic <b>%1</b> and all of its records (%2)?").arg(topic, size),
                  QMessageBox::Cancel, this);
  box.setInformativeText(
      tr("This cannot be undone. Consumers reading it will stop receiving "
         "records."));
  QPushButton* del = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
  box.setDefaultButton(QMessageBox::Cancel);
  box.exec();
  if (box.clickedButton() != del) return;
  showOutcome("delete-topic", true, tr("Deleting %1…").arg(topic));
  actions_->deleteTopic(topic);
}

void TopicsPanel::addPartitionsToSelected() {
  const QString topic = selectedTopic();
  if (topic.isEmpty()) return;
  const int current = model_->partitionsOf(topic);
  bool ok = false;
  const int total = QInputDialog::getInt(
      this, tr("Add partitions"),
      tr("%1 has %2 partitions. New total (partitions can only be added; keys will map to "
         "different partitions from now on):")
          .arg(topic)
          .arg(current),
      current + 1, current + 1, 100000, 1, &ok);
  if (!ok) return;
  actions_->addPartitions(topic, total);
}

void TopicsPanel::configureSelected() {
  const QString topic = selectedTopic();
  if (topic.isEmpty()) return;
  auto* dialog = new TopicConfigDialog(topic, actions_, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->show();
}

ReassignDialog* TopicsPanel::openReassignDialog() {
  const QString topic = selectedTopic();
  if (topic.isEmpty()) return nullptr;
  auto* dialog = new ReassignDialog(topic, model_->replicasOf(topic), model_->brokerIds(),
                                    model_->brokersAlive(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    actions_->reassignReplicas(dialog->topic(), dialog->plan().changedTargets());
  });
  dialog->show();
  return dialog;
}

void TopicsPanel::reassignSelected() {
  openReassignDialog();
}

void TopicsPanel::electSelected() {
  const QString topic = selectedTopic();
  if (!topic.isEmpty()) actions_->electPreferredLeaders(topic, model_->partitionsOf(topic));
}

void TopicsPanel::cancelReassignSelected() {
  const QString topic = selectedTopic();
  if (!topic.isEmpty()) actions_->cancelReassignments(topic);
}

}  // namespace runnel::widgets
