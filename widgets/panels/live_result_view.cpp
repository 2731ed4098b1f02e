#include "widgets/panels/live_result_view.h"

#include <QActionGroup>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QSaveFile>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include "widgets/models/job_thread.h"
#include "widgets/models/live_result.h"
#include "widgets/models/long_operation.h"
#include "widgets/models/result_export.h"
#include "widgets/models/result_table_model.h"
#include "widgets/panels/progress_strip.h"
#include "widgets/style/icons.h"

namespace runnel::widgets {
namespace {

QTableView* makeView(QAbstractItemModel* model, QWidget* parent) {
  auto* view = new QTableView(parent);
  view->setModel(model);
  view->setAlternatingRowColors(true);
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->setWordWrap(false);
  view->verticalHeader()->setDefaultSectionSize(22);
  view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  view->horizontalHeader()->setStretchLastSection(true);
  view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
  view->horizontalHeader()->setDefaultSectionSize(170);
  return view;
}

}  // namespace

LiveResultView::LiveResultView(LiveResult* result, QWidget* parent)
    : QWidget(parent),
      result_(result),
      table_(new ResultTableModel(ResultTableModel::Mode::kCurrent, 50000, this)),
      changelog_(new ResultTableModel(ResultTableModel::Mode::kChangelog, 20000, this)),
      writer_(std::make_unique<JobThread>()) {
  setObjectName(QStringLiteral("liveResultView"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  auto* bar = new QToolBar(this);
  bar->setIconSize(QSize(16, 16));
  bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  auto* views = new QActionGroup(this);
  QAction* tableAction = bar->addAction(tr("Table"));
  tableAction->setToolTip(tr("The current result: one row per key and window, updated in place"));
  QAction* changelogAction = bar->addAction(tr("Changelog"));
  changelogAction->setToolTip(tr("Every change in arrival order: + upsert, − delete"));
  for (QAction* a : {tableAction, changelogAction}) {
    a->setCheckable(true);
    views->addAction(a);
  }
  tableAction->setChecked(true);
  connect(changelogAction, &QAction::toggled, this, &LiveResultView::showChangelog);
  bar->addSeparator();
  pause_ = bar->addAction(tr("Pause"));
  pause_->setCheckable(true);
  pause_->setToolTip(tr("Freeze the view; rows keep arriving and show on resume"));
  connect(pause_, &QAction::toggled, result_, &LiveResult::setPaused);
  stop_ = bar->addAction(Icons::get(QStringLiteral("stop")), tr("Stop"), this,
                         [this] { emit stopRequested(result_->header().queryId); });
  stop_->setToolTip(tr("Terminate this push query"));
  QAction* insight = bar->addAction(tr("Windows && Topology"), this,
                                    [this] { emit insightRequested(result_->header().queryId); });
  insight->setObjectName(QStringLiteral("showResultInsight"));
  insight->setToolTip(tr("How this query runs: its windows per key and its topology"));
  bar->addSeparator();
  bar->addAction(Icons::get(QStringLiteral("save")), tr("CSV"), this, [this] { exportAs(false); })
      ->setToolTip(tr("Export the rows shown to a CSV file"));
  bar->addAction(Icons::get(QStringLiteral("save")), tr("JSON"), this, [this] { exportAs(true); })
      ->setToolTip(tr("Export the rows shown to a JSON file"));
  auto* spacer = new QWidget(bar);
  spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
  bar->addWidget(spacer);
  stats_ = new QLabel(bar);
  stats_->setObjectName(QStringLiteral("resultStats"));
  stats_->setContentsMargins(0, 0, 8, 0);
  bar->addWidget(stats_);
  layout->addWidget(bar);

  stack_ = new QStackedWidget(this);
  tableView_ = makeView(table_, stack_);
  changelogView_ = makeView(changelog_, stack_);
  stack_->addWidget(tableView_);
  stack_->addWidget(changelogView_);
  layout->addWidget(stack_);
  strip_ = new ProgressStrip(this);
  strip_->setContentsMargins(8, 0, 8, 0);
  layout->addWidget(strip_);

  auto setHeader = [this](const LiveResultHeader& h) {
    table_->setHeader(h);
    changelog_->setHeader(h);
  };
  if (!result_->header().columns.isEmpty()) setHeader(result_->header());
  connect(result_, &LiveResult::started, this, setHeader);
  connect(result_, &LiveResult::rowsArrived, this, [this](const QList<LiveRow>& rows) {
    const bool first = table_->rowCount() == 0 && changelog_->rowCount() == 0;
    table_->applyRows(rows);
    changelog_->applyRows(rows);
    if (first) {
      // Fit the columns to the first rows (timestamps are wide); later rows keep the widths.
      tableView_->resizeColumnsToContents();
      changelogView_->resizeColumnsToContents();
    }
    if (changelogView_->isVisible()) changelogView_->scrollToBottom();
  });
  connect(result_, &LiveResult::statsChanged, this, &LiveResultView::updateStats);
  connect(result_, &LiveResult::finished, this, &LiveResultView::updateStats);
  updateStats();
}

void LiveResultView::showChangelog(bool on) {
  stack_->setCurrentWidget(on ? changelogView_ : tableView_);
}

void LiveResultView::updateStats() {
  QString state;
  if (result_->ended())
    state = result_->endError().isEmpty() ? tr("ended") : tr("failed: %1").arg(result_->endError());
  else if (result_->paused())
    state = tr("paused");
  else
    state = tr("live");
  stats_->setText(tr("%1 rows shown · %2 changes · %3 rows/s · %4")
                      .arg(table_->rowCount())
                      .arg(result_->rowCount())
                      .arg(result_->rowsPerSecond(), 0, 'f', 1)
                      .arg(state));
  stop_->setEnabled(!result_->ended());
  pause_->setEnabled(!result_->ended());
}

LiveResultView::~LiveResultView() = default;

bool LiveResultView::exportTo(const QString& path, bool json, QString* error) const {
  const ResultTableModel* model = stack_->currentWidget() == changelogView_ ? changelog_ : table_;
  QSaveFile file(path);
  QString problem;
  if (!file.open(QIODevice::WriteOnly)) {
    problem = file.errorString();
  } else {
    problem = writeResult(snapshotOf(*model), json, file);
    if (problem.isEmpty() && !file.commit()) problem = file.errorString();
  }
  if (error) *error = problem;
  return problem.isEmpty();
}

LongOperation* LiveResultView::exportInBackground(const QString& path, bool json) {
  if (export_ && export_->running()) return export_;
  if (export_) export_->deleteLater();
  const ResultTableModel* model = stack_->currentWidget() == changelogView_ ? changelog_ : table_;
  auto snapshot = std::make_shared<ResultSnapshot>(snapshotOf(*model));
  export_ =
      new LongOperation(tr("Exporting to %1").arg(QFileInfo(path).fileName()), tr("rows"), this);
  strip_->follow(export_);
  writer_->post([snapshot, path, json, token = export_->token()] {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
      token->finish(false, tr("Cannot write %1: %2").arg(path, file.errorString()));
      return;
    }
    const QString problem = writeResult(*snapshot, json, file, token.get());
    if (!problem.isEmpty()) {
      file.cancelWriting();
      token->finish(token->cancelled(), problem);
      return;
    }
    if (!file.commit()) {
      token->finish(false, tr("Cannot write %1: %2").arg(path, file.errorString()));
      return;
    }
    token->finish(true, tr("Exported %L1 rows to %2.").arg(snapshot->rows.size()).arg(path));
  });
  return export_;
}

void LiveResultView::exportAs(bool json) {
  const QString path = QFileDialog::getSaveFileName(
      this, json ? tr("Export JSON") : tr("Export CSV"),
      result_->header().queryId + (json ? QStringLiteral(".json") : QStringLiteral(".csv")),
      json ? tr("JSON (*.json)") : tr("CSV (*.csv)"));
  if (path.isEmpty()) return;
  exportInBackground(path, json);
}

}  // namespace runnel::widgets
