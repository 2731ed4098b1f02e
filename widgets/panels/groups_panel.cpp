#include "widgets/panels/groups_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/dialogs/reset_offsets_dialog.h"
#include "widgets/models/data_actions.h"
#include "widgets/models/group_detail_model.h"
#include "widgets/models/group_list_model.h"
#include "widgets/models/plural.h"
#include "widgets/style/icons.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {

void styleTable(QTableView* v, int rowHeight) {
  v->verticalHeader()->hide();
  v->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  v->verticalHeader()->setDefaultSectionSize(rowHeight);
  v->setSelectionBehavior(QAbstractItemView::SelectRows);
  v->setSelectionMode(QAbstractItemView::SingleSelection);
  v->setEditTriggers(QAbstractItemView::NoEditTriggers);
  v->setShowGrid(false);
  v->setAlternatingRowColors(true);
  v->setWordWrap(false);
  v->setFrameShape(QFrame::NoFrame);
}

}  // namespace

GroupsPanel::GroupsPanel(GroupListModel* groups, DataActions* actions, QWidget* parent)
    : QWidget(parent), groups_(groups), actions_(actions) {
  detail_ = new GroupDetailModel(this);
  proxy_ = new QSortFilterProxyModel(this);
  proxy_->setSourceModel(groups_);
  proxy_->setFilterKeyColumn(GroupListModel::GroupColumn);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  proxy_->setSortRole(GroupListModel::SortRole);

  filter_ = new QLineEdit(this);
  filter_->setPlaceholderText(tr("Filter groups…"));
  filter_->setClearButtonEnabled(true);
  summary_ = new QLabel(this);
  summary_->setStyleSheet(QStringLiteral("color: %1").arg(Theme::instance().colors().muted.name()));

  const int rowHeight = fontMetrics().height() + 8;
  view_ = new QTableView(this);
  view_->setObjectName("groupsView");
  view_->setModel(proxy_);
  styleTable(view_, rowHeight);
  view_->setSortingEnabled(true);
  view_->sortByColumn(GroupListModel::GroupColumn, Qt::AscendingOrder);
  auto* h = view_->horizontalHeader();
  // Fixed widths: measuring 10,000 rows to fit them is what would make the list slow.
  h->setSectionResizeMode(GroupListModel::GroupColumn, QHeaderView::Stretch);
  const QFontMetrics fm = fontMetrics();
  h->resizeSection(GroupListModel::StateColumn, fm.horizontalAdvance("PreparingRebalance") + 16);
  h->resizeSection(GroupListModel::MembersColumn, fm.horizontalAdvance("Members") + 20);
  h->resizeSection(GroupListModel::PartitionsColumn, fm.horizontalAdvance("Partitions") + 20);
  h->resizeSection(GroupListModel::LagColumn, fm.horizontalAdvance("1,000,000") + 20);

  header_ = new QLabel(this);
  header_->setObjectName("groupHeader");
  header_->setWordWrap(true);
  header_->setTextFormat(Qt::RichText);
  reset_ = new QToolButton(this);
  reset_->setIcon(Icons::get("restart"));
  reset_->setText(tr("Reset offsets…"));
  reset_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  reset_->setAutoRaise(true);

  detailView_ = new QTableView(this);
  detailView_->setObjectName("groupDetailView");
  detailView_->setModel(detail_);
  styleTable(detailView_, rowHeight);
  auto* dh = detailView_->horizontalHeader();
  dh->resizeSection(GroupDetailModel::TopicColumn, fm.horizontalAdvance("x") * 16);
  dh->resizeSection(GroupDetailModel::PartitionColumn, fm.horizontalAdvance("Partition") + 16);
  dh->resizeSection(GroupDetailModel::CommittedColumn, fm.horizontalAdvance("Committed") + 30);
  dh->resizeSection(GroupDetailModel::EndColumn, fm.horizontalAdvance("High watermark") + 16);
  dh->resizeSection(GroupDetailModel::LagColumn, fm.horizontalAdvance("1,000,000") + 16);
  dh->setSectionResizeMode(GroupDetailModel::OwnerColumn, QHeaderView::Stretch);

  message_ = new QLabel(this);
  message_->setWordWrap(true);
  message_->hide();

  auto* top = new QWidget(this);
  auto* topLayout = new QVBoxLayout(top);
  topLayout->setContentsMargins(0, 0, 0, 0);
  auto* filterRow = new QHBoxLayout;
  filterRow->addWidget(filter_, 1);
  filterRow->addWidget(summary_);
  topLayout->addLayout(filterRow);
  topLayout->addWidget(view_, 1);

  auto* bottom = new QWidget(this);
  auto* bottomLayout = new QVBoxLayout(bottom);
  bottomLayout->setContentsMargins(0, 0, 0, 0);
  auto* headerRow = new QHBoxLayout;
  headerRow->addWidget(header_, 1);
  headerRow->addWidget(reset_, 0, Qt::AlignTop);
  bottomLayout->addLayout(headerRow);
  bottomLayout->addWidget(detailView_, 1);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  splitter->addWidget(top);
  splitter->addWidget(bottom);
  splitter->setStretchFactor(0, 1);
  splitter->setStretchFactor(1, 1);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 4, 6, 6);
  layout->setSpacing(4);
  layout->addWidget(splitter, 1);
  layout->addWidget(message_);

  connect(filter_, &QLineEdit::textChanged, this, [this](const QString& text) {
    proxy_->setFilterFixedString(text);
    updateSummary();
  });
  connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &GroupsPanel::selectionChanged);
  connect(reset_, &QToolButton::clicked, this, &GroupsPanel::resetSelected);
  connect(actions_, &DataActions::finished, this,
          [this](const QString& action, bool ok, const QString& text) {
            if (action != "reset-offsets") return;
            const auto& colors = Theme::instance().colors();
            message_->setStyleSheet(
                QStringLiteral("color: %1").arg((ok ? colors.healthy : colors.offline).name()));
            message_->setText(text);
            message_->show();
          });
  connect(groups_, &QAbstractItemModel::rowsInserted, this, &GroupsPanel::updateSummary);
  connect(groups_, &QAbstractItemModel::rowsRemoved, this, &GroupsPanel::updateSummary);
  updateHeader();
  updateSummary();
}

void GroupsPanel::showView(const ClusterViewPtr& view) {
  latest_ = view;
  groups_->update(*view);
  if (!detail_->groupId().isEmpty()) detail_->update(*view);
  updateHeader();
  updateSummary();
}

QString GroupsPanel::selectedGroup() const {
  const auto rows = view_->selectionModel()->selectedRows(GroupListModel::GroupColumn);
  return rows.isEmpty() ? QString() : rows.first().data().toString();
}

void GroupsPanel::selectGroup(const QString& groupId) {
  const int sourceRow = groups_->rowOf(groupId);
  if (sourceRow < 0) return;
  const QModelIndex index = proxy_->mapFromSource(groups_->index(sourceRow, 0));
  if (!index.isValid()) return;
  view_->selectionModel()->select(index,
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  view_->scrollTo(index);
}

void GroupsPanel::selectionChanged() {
  const QString group = selectedGroup();
  if (group == detail_->groupId()) return;
  detail_->setGroup(group, latest_.get());
  message_->hide();
  updateHeader();
}

QString GroupsPanel::header() const {
  return header_->text();
}

QString GroupsPanel::message() const {
  return message_->text();
}

void GroupsPanel::updateSummary() {
  int active = 0;
  for (int r = 0; r < groups_->rowCount(); ++r)
    active += groups_->row(r)->members > 0 ? 1 : 0;
  const int total = groups_->rowCount();
  const int shown = proxy_->rowCount();
  QString text = counted(total, tr("group"), tr("groups"));
  if (shown != total) text = tr("%1 of %2 groups").arg(shown).arg(total);
  summary_->setText(text + tr(" · %1 active").arg(active));
}

void GroupsPanel::updateHeader() {
  const auto& colors = Theme::instance().colors();
  if (detail_->groupId().isEmpty()) {
    header_->setText(QStringLiteral("<span style='color:%1'>%2</span>")
                         .arg(colors.muted.name(),
                              tr("Select a group to see its members, partitions and lag.")));
    reset_->setEnabled(false);
    return;
  }
  if (!detail_->found()) {
    header_->setText(tr("<b>%1</b> no longer exists.").arg(detail_->groupId().toHtmlEscaped()));
    reset_->setEnabled(false);
    return;
  }
  const auto& members = detail_->members();
  QStringList who;
  for (const auto& m : members)
    who << QStringLiteral("%1 <span style='color:%2'>%3 · %4</span>")
               .arg(m.clientId.toHtmlEscaped(), colors.muted.name(), m.host.toHtmlEscaped(),
                    counted(m.partitions, tr("partition"), tr("partitions")));
  const qint64 lag = detail_->totalLag();
  QString text = tr("<b>%1</b> · %2 · generation %3 · coordinator broker %4 · lag %5")
                     .arg(detail_->groupId().toHtmlEscaped(), detail_->state().toHtmlEscaped())
                     .arg(detail_->generation())
                     .arg(detail_->coordinator())
                     .arg(lag < 0 ? QStringLiteral("—") : QLocale().toString(lag));
  text +=
      QStringLiteral("<br>") + (members.empty() ? tr("No active members: offsets can be reset.")
                                                : tr("Members: ") + who.join(QStringLiteral(", ")));
  header_->setText(text);
  reset_->setEnabled(members.empty() && detail_->rowCount() > 0);
  reset_->setToolTip(members.empty()
                         ? tr("Move this group's committed offsets")
                         : tr("Stop the group's consumers first: offsets of an active group "
                              "cannot be reset."));
}

void GroupsPanel::resetSelected() {
  const QString group = detail_->groupId();
  if (group.isEmpty()) return;
  ResetOffsetsDialog dialog(group, detail_->rowCount(), this);
  if (dialog.exec() != QDialog::Accepted) return;
  message_->setStyleSheet({});
  message_->setText(tr("Resetting the offsets of %1…").arg(group));
  message_->show();
  actions_->resetGroupOffsets(group, dialog.target(), dialog.timestampMs());
}

}  // namespace runnel::widgets
