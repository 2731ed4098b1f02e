#include "widgets/panels/log_panel.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <spdlog/common.h>

#include "widgets/models/log_model.h"
#include "widgets/style/icons.h"

namespace runnel::widgets {
namespace {

// Filters rows by minimum level and by text in the message column.
class LevelFilter : public QSortFilterProxyModel {
 public:
  using QSortFilterProxyModel::QSortFilterProxyModel;
  void setMinimumLevel(int level) {
    minimumLevel_ = level;
    invalidateFilter();
  }

 protected:
  bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
    const QModelIndex index = sourceModel()->index(row, LogModel::MessageColumn, parent);
    if (sourceModel()->data(index, LogModel::LevelRole).toInt() < minimumLevel_) return false;
    return QSortFilterProxyModel::filterAcceptsRow(row, parent);
  }

 private:
  int minimumLevel_ = spdlog::level::info;
};

}  // namespace

LogPanel::LogPanel(LogModel* model, QString logFilePath, QWidget* parent)
    : QWidget(parent), model_(model), logFilePath_(std::move(logFilePath)) {
  auto* filter = new LevelFilter(this);
  filter->setSourceModel(model_);
  filter->setFilterKeyColumn(LogModel::MessageColumn);
  filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
  filter_ = filter;

  levelBox_ = new QComboBox(this);
  levelBox_->addItem(tr("Debug and above"), int(spdlog::level::debug));
  levelBox_->addItem(tr("Info and above"), int(spdlog::level::info));
  levelBox_->addItem(tr("Warnings and errors"), int(spdlog::level::warn));
  levelBox_->addItem(tr("Errors only"), int(spdlog::level::err));
  levelBox_->setCurrentIndex(1);
  connect(levelBox_, &QComboBox::currentIndexChanged, this,
          [this](int i) { setMinimumLevel(levelBox_->itemData(i).toInt()); });

  search_ = new QLineEdit(this);
  search_->setPlaceholderText(tr("Filter messages…"));
  search_->setClearButtonEnabled(true);
  connect(search_, &QLineEdit::textChanged, filter_, &QSortFilterProxyModel::setFilterFixedString);

  auto* openFile = new QToolButton(this);
  openFile->setIcon(Icons::get(QStringLiteral("open")));
  openFile->setToolTip(logFilePath_.isEmpty()
                           ? tr("Logging to a file is off")
                           : tr("Open the full log file (%1)").arg(logFilePath_));
  openFile->setEnabled(!logFilePath_.isEmpty());
  connect(openFile, &QToolButton::clicked, this,
          [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(logFilePath_)); });

  auto* clear = new QToolButton(this);
  clear->setText(tr("Clear"));
  clear->setToolTip(tr("Clear the panel (the log file keeps everything)"));
  connect(clear, &QToolButton::clicked, model_, &LogModel::clear);

  view_ = new QTableView(this);
  view_->setModel(filter_);
  view_->setObjectName(QStringLiteral("logView"));
  view_->verticalHeader()->hide();
  view_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
  view_->horizontalHeader()->setStretchLastSection(true);
  view_->horizontalHeader()->setSectionResizeMode(LogModel::TimeColumn,
                                                  QHeaderView::ResizeToContents);
  view_->horizontalHeader()->setSectionResizeMode(LogModel::LevelColumn,
                                                  QHeaderView::ResizeToContents);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setShowGrid(false);
  view_->setAlternatingRowColors(true);
  view_->setWordWrap(false);
  view_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);

  connect(view_->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
    stickToBottom_ = value >= view_->verticalScrollBar()->maximum() - 2;
  });
  connect(model_, &LogModel::linesAppended, this, &LogPanel::followNewLines);

  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(6, 4, 6, 0);
  bar->addWidget(levelBox_);
  bar->addWidget(search_, 1);
  bar->addWidget(clear);
  bar->addWidget(openFile);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(4);
  layout->addLayout(bar);
  layout->addWidget(view_, 1);
}

void LogPanel::setMinimumLevel(int minimumLevel) {
  static_cast<LevelFilter*>(filter_)->setMinimumLevel(minimumLevel);
}

void LogPanel::followNewLines() {
  if (stickToBottom_) view_->scrollToBottom();
}

}  // namespace runnel::widgets
