#include "widgets/panels/results_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "widgets/models/live_result.h"
#include "widgets/models/running_queries_model.h"
#include "widgets/panels/live_result_view.h"
#include "widgets/panels/query_insight_view.h"
#include "widgets/style/icons.h"

namespace runnel::widgets {

ResultsPanel::ResultsPanel(SqlSession* session, QWidget* parent)
    : QWidget(parent), session_(session), queries_(new RunningQueriesModel(session, this)) {
  setObjectName(QStringLiteral("resultsPanel"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  tabs_ = new QTabWidget(this);
  tabs_->setDocumentMode(true);
  tabs_->setTabsClosable(true);
  layout->addWidget(tabs_);

  auto* page = new QWidget(tabs_);
  auto* pageLayout = new QVBoxLayout(page);
  pageLayout->setContentsMargins(6, 6, 6, 6);
  auto* row = new QHBoxLayout;
  auto* hint = new QLabel(tr("Queries running on the SQL engine. Persistent queries keep writing "
                             "to their topic until terminated."),
                          page);
  hint->setForegroundRole(QPalette::PlaceholderText);
  hint->setWordWrap(true);
  row->addWidget(hint, 1);
  insight_ = new QPushButton(tr("Windows && Topology"), page);
  insight_->setObjectName(QStringLiteral("showQueryInsight"));
  insight_->setToolTip(
      tr("See the selected query's windows (records, late drops, emitted rows "
         "per key) and its topology (EXPLAIN drawn)"));
  insight_->setEnabled(false);
  row->addWidget(insight_);
  terminate_ = new QPushButton(Icons::get(QStringLiteral("stop")), tr("Terminate"), page);
  terminate_->setObjectName(QStringLiteral("terminateQuery"));
  terminate_->setEnabled(false);
  row->addWidget(terminate_);
  pageLayout->addLayout(row);
  queriesView_ = new QTableView(page);
  queriesView_->setObjectName(QStringLiteral("runningQueries"));
  queriesView_->setModel(queries_);
  queriesView_->setSelectionBehavior(QAbstractItemView::SelectRows);
  queriesView_->setSelectionMode(QAbstractItemView::SingleSelection);
  queriesView_->setAlternatingRowColors(true);
  queriesView_->verticalHeader()->hide();
  queriesView_->horizontalHeader()->setStretchLastSection(true);
  queriesView_->horizontalHeader()->setDefaultSectionSize(130);
  queriesView_->setColumnWidth(RunningQueriesModel::kId, 230);
  pageLayout->addWidget(queriesView_);
  tabs_->addTab(page, Icons::get(QStringLiteral("results")), tr("Queries"));
  // The Queries tab stays: hide its close button.
  tabs_->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr);
  tabs_->tabBar()->setTabButton(0, QTabBar::LeftSide, nullptr);

  auto updateButton = [this] {
    const auto rows = queriesView_->selectionModel()->selectedRows();
    terminate_->setEnabled(!rows.isEmpty() && queries_->isRunning(rows.first().row()));
    insight_->setEnabled(!rows.isEmpty() && queries_->isRunning(rows.first().row()));
  };
  connect(queriesView_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          updateButton);
  connect(queries_, &QAbstractItemModel::dataChanged, this, updateButton);
  connect(queries_, &QAbstractItemModel::modelReset, this, updateButton);
  connect(terminate_, &QPushButton::clicked, this, &ResultsPanel::terminateSelected);
  connect(insight_, &QPushButton::clicked, this, [this] {
    const auto rows = queriesView_->selectionModel()->selectedRows();
    if (!rows.isEmpty()) openInsight(queries_->queryId(rows.first().row()));
  });
  connect(queriesView_, &QTableView::doubleClicked, this,
          [this](const QModelIndex& index) { openInsight(queries_->queryId(index.row())); });
  connect(tabs_, &QTabWidget::tabCloseRequested, this, [this](int index) {
    if (auto* insight = qobject_cast<QueryInsightView*>(tabs_->widget(index))) {
      tabs_->removeTab(index);
      insight->deleteLater();
      return;
    }
    auto* view = qobject_cast<LiveResultView*>(tabs_->widget(index));
    if (!view) return;
    if (!view->result()->ended()) session_->terminate(view->result()->header().queryId);
    tabs_->removeTab(index);
    view->result()->deleteLater();
    view->deleteLater();
  });
}

LiveResultView* ResultsPanel::addResult(LiveResult* result) {
  result->setParent(this);
  auto* view = new LiveResultView(result, tabs_);
  connect(view, &LiveResultView::stopRequested, session_, &SqlSession::terminate);
  connect(view, &LiveResultView::insightRequested, this, &ResultsPanel::openInsight);
  const QString title =
      result->header().queryId.isEmpty() ? tr("Push query") : result->header().queryId;
  const int index = tabs_->addTab(view, Icons::get(QStringLiteral("query")), title);
  tabs_->setTabToolTip(index, result->sql());
  connect(result, &LiveResult::started, this, [this, view](const LiveResultHeader& h) {
    const int i = tabs_->indexOf(view);
    if (i >= 0) tabs_->setTabText(i, h.queryId);
  });
  tabs_->setCurrentIndex(index);
  return view;
}

QueryInsightView* ResultsPanel::openInsight(const QString& queryId) {
  if (queryId.isEmpty()) return nullptr;
  for (int i = 0; i < tabs_->count(); ++i) {
    auto* existing = qobject_cast<QueryInsightView*>(tabs_->widget(i));
    if (existing && existing->queryId() == queryId) {
      tabs_->setCurrentIndex(i);
      return existing;
    }
  }
  auto* view = new QueryInsightView(session_, queryId, tabs_);
  const int index = tabs_->addTab(view, tr("%1 · windows & topology").arg(queryId));
  tabs_->setCurrentIndex(index);
  return view;
}

void ResultsPanel::terminateSelected() {
  const auto rows = queriesView_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return;
  const QString id = queries_->queryId(rows.first().row());
  if (!id.isEmpty()) session_->terminate(id);
  terminate_->setEnabled(false);
}

}  // namespace runnel::widgets
