#include "widgets/panels/message_browser.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/models/job_thread.h"
#include "widgets/models/long_operation.h"
#include "widgets/models/message_export.h"
#include "widgets/models/message_reader.h"
#include "widgets/models/message_table_model.h"
#include "widgets/models/plural.h"
#include "widgets/models/topic_list_model.h"
#include "widgets/panels/progress_strip.h"
#include "widgets/style/icons.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {

QToolButton* button(const QString& icon, const QString& text, QWidget* parent) {
  auto* b = new QToolButton(parent);
  b->setIcon(Icons::get(icon));
  b->setText(text);
  b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  b->setAutoRaise(true);
  return b;
}

}  // namespace

MessageBrowser::MessageBrowser(MessageReader* reader, TopicListModel* topics, QWidget* parent)
    : QWidget(parent), reader_(reader), topics_(topics), writer_(std::make_unique<JobThread>()) {
  reader_->setParent(this);
  model_ = new MessageTableModel(10000, this);

  topic_ = new QComboBox(this);
  topic_->setObjectName("browserTopic");
  topic_->setMinimumContentsLength(18);
  topic_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  topic_->addItems(topics_->topicNames());
  partition_ = new QComboBox(this);
  start_ = new QComboBox(this);
  start_->addItem(tr("Newest 100 per partition"), static_cast<int>(BrowseRequest::Start::Newest));
  start_->addItem(tr("Beginning"), static_cast<int>(BrowseRequest::Start::Beginning));
  start_->addItem(tr("Offset"), static_cast<int>(BrowseRequest::Start::Offset));
  start_->addItem(tr("Time"), static_cast<int>(BrowseRequest::Start::Timestamp));
  offset_ = new QSpinBox(this);
  offset_->setRange(0, INT_MAX);
  offset_->setPrefix(tr("offset "));
  time_ = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(-3600), this);
  time_->setDisplayFormat("yyyy-MM-dd HH:mm:ss");
  time_->setCalendarPopup(true);
  live_ = new QCheckBox(tr("Live tail"), this);
  live_->setToolTip(tr("Keep reading as new records arrive (the oldest rows are dropped "
                       "beyond %L1).")
                        .arg(model_->capacity()));
  readButton_ = button("run", tr("Read"), this);
  readButton_->setToolTip(tr("Read with these settings (Enter in the search box too)"));
  stopButton_ = button("stop", tr("Stop"), this);

  searchKind_ = new QComboBox(this);
  searchKind_->addItem(tr("Value contains"), static_cast<int>(RecordFilter::Kind::Value));
  searchKind_->addItem(tr("Key contains"), static_cast<int>(RecordFilter::Kind::Key));
  searchKind_->addItem(tr("Header"), static_cast<int>(RecordFilter::Kind::Header));
  searchKind_->addItem(tr("JSON path"), static_cast<int>(RecordFilter::Kind::JsonPath));
  search_ = new QLineEdit(this);
  search_->setObjectName("browserSearch");
  search_->setClearButtonEnabled(true);
  searchError_ = new QLabel(this);
  searchError_->setStyleSheet(
      QStringLiteral("color: %1").arg(Theme::instance().colors().offline.name()));
  searchError_->hide();
  exportButton_ = button("save", tr("Export"), this);
  exportButton_->setToolTip(tr("Save the rows shown as JSON lines or CSV"));
  produceButton_ = button("new-tab", tr("Produce…"), this);
  importButton_ = button("open", tr("Import…"), this);
  importButton_->setObjectName("browserImport");
  importButton_->setToolTip(
      tr("Produce records from a JSON lines or CSV file into a topic "
         "(previewed first)"));
  strip_ = new ProgressStrip(this);

  view_ = new QTableView(this);
  view_->setObjectName("browserView");
  view_->setModel(model_);
  view_->verticalHeader()->hide();
  view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  view_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setSelectionMode(QAbstractItemView::SingleSelection);
  view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view_->setShowGrid(false);
  view_->setAlternatingRowColors(true);
  view_->setWordWrap(false);
  view_->setFrameShape(QFrame::NoFrame);
  auto* header = view_->horizontalHeader();
  const QFontMetrics fm = fontMetrics();
  header->resizeSection(MessageTableModel::PartitionColumn, fm.horizontalAdvance("000") + 16);
  header->resizeSection(MessageTableModel::OffsetColumn, fm.horizontalAdvance("0000000000") + 16);
  header->resizeSection(MessageTableModel::TimestampColumn,
                        fm.horizontalAdvance("2026-11-26 06:00:00.000") + 16);
  header->resizeSection(MessageTableModel::KeyColumn, fm.horizontalAdvance("x") * 18);
  header->setSectionResizeMode(MessageTableModel::ValueColumn, QHeaderView::Stretch);
  header->resizeSection(MessageTableModel::HeadersColumn, fm.horizontalAdvance("Hdrs") + 20);

  detail_ = new QPlainTextEdit(this);
  detail_->setObjectName("browserDetail");
  detail_->setReadOnly(true);
  detail_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  detail_->setPlaceholderText(
      tr("Select a record to see it in full: key, value (pretty JSON), "
         "headers, timestamp, partition and offset."));
  detail_->setFrameShape(QFrame::NoFrame);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->addWidget(view_);
  splitter->addWidget(detail_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);

  status_ = new QLabel(this);
  status_->setObjectName("browserStatus");
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* row1 = new QHBoxLayout;
  row1->setSpacing(6);
  row1->addWidget(new QLabel(tr("Topic"), this));
  row1->addWidget(topic_);
  row1->addWidget(partition_);
  row1->addWidget(new QLabel(tr("from"), this));
  row1->addWidget(start_);
  row1->addWidget(offset_);
  row1->addWidget(time_);
  row1->addWidget(live_);
  row1->addStretch();
  row1->addWidget(readButton_);
  row1->addWidget(stopButton_);
  auto* row2 = new QHBoxLayout;
  row2->setSpacing(6);
  row2->addWidget(new QLabel(tr("Search"), this));
  row2->addWidget(searchKind_);
  row2->addWidget(search_, 1);
  row2->addWidget(exportButton_);
  row2->addWidget(importButton_);
  row2->addWidget(produceButton_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 6, 8, 6);
  layout->setSpacing(4);
  layout->addLayout(row1);
  layout->addLayout(row2);
  layout->addWidget(searchError_);
  layout->addWidget(splitter, 1);
  layout->addWidget(strip_);
  layout->addWidget(status_);

  searchDebounce_ = new QTimer(this);
  searchDebounce_->setSingleShot(true);
  searchDebounce_->setInterval(400);
  connect(searchDebounce_, &QTimer::timeout, this, &MessageBrowser::read);
  connect(search_, &QLineEdit::textEdited, searchDebounce_, qOverload<>(&QTimer::start));
  connect(search_, &QLineEdit::returnPressed, this, &MessageBrowser::read);
  connect(searchKind_, &QComboBox::currentIndexChanged, this, [this] {
    static const QStringList hints = {
        tr("text in the value, e.g. declined"), tr("text in the key, e.g. card-42"),
        tr("header name, or name=value"), tr("$.field.sub or $.items[0].sku, optionally =value")};
    search_->setPlaceholderText(hints.value(searchKind_->currentIndex()));
    if (!search_->text().isEmpty()) read();
  });
  search_->setPlaceholderText(tr("text in the value, e.g. declined"));
  connect(topic_, &QComboBox::currentTextChanged, this, [this] {
    updatePartitions();
    emit titleChanged(topic());
    read();
  });
  connect(partition_, &QComboBox::activated, this, &MessageBrowser::read);
  connect(start_, &QComboBox::currentIndexChanged, this, [this] {
    updateStartControls();
    read();
  });
  connect(live_, &QCheckBox::toggled, this, &MessageBrowser::read);
  connect(readButton_, &QToolButton::clicked, this, &MessageBrowser::read);
  connect(stopButton_, &QToolButton::clicked, this, &MessageBrowser::stopReading);
  connect(exportButton_, &QToolButton::clicked, this, &MessageBrowser::exportInteractive);
  connect(produceButton_, &QToolButton::clicked, this, [this] { emit produceRequested(topic()); });
  connect(importButton_, &QToolButton::clicked, this, [this] { emit importRequested(topic()); });
  connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          &MessageBrowser::showSelected);
  connect(reader_, &MessageReader::recordsArrived, this, [this](const QList<BrowsedRecord>& r) {
    QScrollBar* bar = view_->verticalScrollBar();
    const bool follow = live_->isChecked() && bar->value() >= bar->maximum() - 2;
    model_->append(r);
    if (follow) view_->scrollToBottom();
  });
  connect(reader_, &MessageReader::progress, this, &MessageBrowser::showProgress);
  connect(reader_, &MessageReader::finished, this, &MessageBrowser::showFinished);
  // Topics come and go; keep the combo's list in step without disturbing the choice.
  connect(topics_, &QAbstractItemModel::rowsInserted, this, [this] {
    const QStringList names = topics_->topicNames();
    for (int i = 0; i < names.size(); ++i)
      if (topic_->findText(names[i]) < 0) topic_->insertItem(i, names[i]);
  });
  // Partitions can be added while the browser is open.
  connect(topics_, &QAbstractItemModel::dataChanged, this, [this] {
    if (topics_->partitionsOf(topic()) != partition_->count() - 1) updatePartitions();
  });
  updateStartControls();
  updatePartitions();
  stopButton_->setEnabled(false);
}

MessageBrowser::~MessageBrowser() {
  reader_->stop();
}

void MessageBrowser::setTopic(const QString& topic) {
  if (topic_->findText(topic) < 0) topic_->addItem(topic);
  if (topic_->currentText() == topic) {
    read();
  } else {
    topic_->setCurrentText(topic);  // reads through currentTextChanged
  }
}

QString MessageBrowser::topic() const {
  return topic_->currentText();
}

void MessageBrowser::updatePartitions() {
  const int previous = partition_->currentData().isValid() ? partition_->currentData().toInt() : -1;
  const int count = topics_->partitionsOf(topic());
  const QSignalBlocker block(partition_);
  partition_->clear();
  partition_->addItem(tr("All partitions"), -1);
  for (int p = 0; p < count; ++p)
    partition_->addItem(tr("Partition %1").arg(p), p);
  const int index = partition_->findData(previous);
  partition_->setCurrentIndex(index < 0 ? 0 : index);
}

void MessageBrowser::updateStartControls() {
  const auto start = static_cast<BrowseRequest::Start>(start_->currentData().toInt());
  offset_->setVisible(start == BrowseRequest::Start::Offset);
  time_->setVisible(start == BrowseRequest::Start::Timestamp);
}

void MessageBrowser::read() {
  searchDebounce_->stop();
  if (topic().isEmpty()) {
    setStatus(tr("Pick a topic to browse."));
    return;
  }
  QString error;
  const auto kind = static_cast<RecordFilter::Kind>(searchKind_->currentData().toInt());
  const auto filter = RecordFilter::parse(kind, search_->text(), &error);
  if (!filter) {
    searchError_->setText(error);
    searchError_->show();
    return;
  }
  searchError_->hide();
  BrowseRequest request;
  request.topic = topic();
  request.partition = partition_->currentData().isValid() ? partition_->currentData().toInt() : -1;
  request.start = static_cast<BrowseRequest::Start>(start_->currentData().toInt());
  request.offset = offset_->value();
  request.timestampMs = time_->dateTime().toMSecsSinceEpoch();
  request.live = live_->isChecked();
  request.filter = *filter;
  request.maxMatches = model_->capacity();
  model_->clear();
  model_->setTopic(request.topic);
  detail_->clear();
  reader_->start(request);
  readButton_->setEnabled(true);
  stopButton_->setEnabled(true);
  setStatus(tr("Reading…"));
}

void MessageBrowser::stopReading() {
  reader_->stop();
  stopButton_->setEnabled(false);
  setStatus(tr("Stopped."));
}

bool MessageBrowser::reading() const {
  return reader_->running();
}

void MessageBrowser::setStatus(const QString& state, bool error) {
  state_ = state;
  stateIsError_ = error;
  const QLocale locale;
  QString rows = tr("%1 rows shown").arg(locale.toString(model_->rowCount()));
  if (model_->droppedCount() > 0)
    rows += tr(" (the %1 oldest dropped: the table keeps at most %2)")
                .arg(locale.toString(model_->droppedCount()), locale.toString(model_->capacity()));
  else
    rows += tr(" · keeps at most %1").arg(locale.toString(model_->capacity()));
  const auto& colors = Theme::instance().colors();
  status_->setStyleSheet(
      QStringLiteral("color: %1").arg((error ? colors.offline : colors.muted).name()));
  status_->setText(rows + QStringLiteral("  ·  ") + state);
}

QString MessageBrowser::status() const {
  return status_->text();
}

void MessageBrowser::showProgress(qint64 scanned, qint64 matched, const QString& state) {
  Q_UNUSED(matched);
  QString text = state;
  if (!search_->text().trimmed().isEmpty() && scanned > 0)
    text += tr(" (scanned %1)").arg(QLocale().toString(scanned));
  setStatus(text);
}

void MessageBrowser::showFinished(bool ok, const QString& message) {
  stopButton_->setEnabled(false);
  setStatus(message, !ok);
}

void MessageBrowser::showSelected() {
  const int row = view_->currentIndex().row();
  detail_->setPlainText(model_->detailJson(row));
}

QString MessageBrowser::exportTo(const QString& path) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly))
    return tr("Cannot write %1: %2").arg(path, file.errorString());
  const bool json = path.endsWith(".jsonl", Qt::CaseInsensitive) ||
                    path.endsWith(".json", Qt::CaseInsensitive) ||
                    path.endsWith(".ndjson", Qt::CaseInsensitive);
  QString problem = exportRecords(model_->records(), topic(),
                                  json ? ExportFormat::JsonLines : ExportFormat::Csv, file);
  if (!problem.isEmpty()) {
    file.cancelWriting();
    return problem;
  }
  if (!file.commit()) return tr("Cannot write %1: %2").arg(path, file.errorString());
  return {};
}

void MessageBrowser::exportInteractive() {
  if (model_->rowCount() == 0) {
    setStatus(tr("Nothing to export yet."));
    return;
  }
  QString selected;
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export %1").arg(counted(model_->rowCount(), tr("record"), tr("records"))),
      topic() + ".jsonl", tr("JSON lines (*.jsonl);;CSV (*.csv)"), &selected);
  if (path.isEmpty()) return;
  QString target = path;
  if (selected.startsWith("CSV") && !target.endsWith(".csv", Qt::CaseInsensitive)) target += ".csv";
  exportInBackground(target);
}

LongOperation* MessageBrowser::exportInBackground(const QString& path) {
  if (export_ && export_->running()) return export_;
  if (export_) export_->deleteLater();
  const qint64 rows = model_->rowCount();
  export_ =
      new LongOperation(tr("Exporting to %1").arg(QFileInfo(path).fileName()), tr("records"), this);
  strip_->follow(export_);
  exportButton_->setEnabled(false);
  connect(export_, &LongOperation::finished, this, [this](bool ok, bool, const QString& message) {
    exportButton_->setEnabled(true);
    setStatus(message, !ok);
  });
  auto records = std::make_shared<std::deque<BrowsedRecord>>(model_->records());
  const bool json = path.endsWith(".jsonl", Qt::CaseInsensitive) ||
                    path.endsWith(".json", Qt::CaseInsensitive) ||
                    path.endsWith(".ndjson", Qt::CaseInsensitive);
  writer_->post([records, path, json, rows, topicName = topic(), token = export_->token()] {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
      token->finish(false, tr("Cannot write %1: %2").arg(path, file.errorString()));
      return;
    }
    const QString problem = exportRecords(
        *records, topicName, json ? ExportFormat::JsonLines : ExportFormat::Csv, file, token.get());
    if (!problem.isEmpty()) {
      file.cancelWriting();
      token->finish(token->cancelled(), problem);
      return;
    }
    if (!file.commit()) {
      token->finish(false, tr("Cannot write %1: %2").arg(path, file.errorString()));
      return;
    }
    token->finish(true, tr("Exported %L1 records to %2.").arg(rows).arg(path));
  });
  return export_;
}

}  // namespace runnel::widgets
