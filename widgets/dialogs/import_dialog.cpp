#include "widgets/dialogs/import_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "widgets/models/data_actions.h"
#include "widgets/models/job_thread.h"
#include "widgets/models/long_operation.h"
#include "widgets/models/plural.h"
#include "widgets/models/topic_list_model.h"
#include "widgets/panels/progress_strip.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {

constexpr int kPreviewRows = 100;
constexpr int kListedProblems = 1000;

// One line of text for a table cell: null shown as such, long text cut.
QString cell(const QByteArray& bytes) {
  if (bytes.isNull()) return QStringLiteral("null");
  QString text = QString::fromUtf8(bytes).simplified();
  if (text.size() > 200) text = text.left(200) + QStringLiteral("…");
  return text;
}

struct Loaded {
  ImportParse parse;
  ExportFormat format = ExportFormat::JsonLines;
  QString error;
};

}  // namespace

ImportDialog::ImportDialog(const QString& topic, TopicListModel* topics, DataActions* actions,
                           QWidget* parent)
    : QDialog(parent), topics_(topics), actions_(actions), reader_(std::make_unique<JobThread>()) {
  setWindowTitle(tr("Import records"));
  resize(900, 620);

  path_ = new QLineEdit(this);
  path_->setObjectName("importPath");
  path_->setPlaceholderText(tr("A .jsonl or .csv file, e.g. one the message browser exported"));
  auto* browse = new QPushButton(tr("Choose…"), this);
  formatLabel_ = new QLabel(this);
  formatLabel_->setForegroundRole(QPalette::PlaceholderText);
  topic_ = new QComboBox(this);
  topic_->setObjectName("importTopic");
  topic_->addItems(topics_->topicNames());
  if (topic_->findText(topic) < 0 && !topic.isEmpty()) topic_->addItem(topic);
  topic_->setCurrentText(topic);
  keepTimestamps_ = new QCheckBox(tr("Keep the file's timestamps"), this);
  keepTimestamps_->setChecked(true);
  keepTimestamps_->setToolTip(
      tr("Off: records get the time of the import. On: old timestamps may fall out of the "
         "topic's retention soon after."));

  summary_ = new QLabel(tr("Choose a file to see what it holds before anything is sent."), this);
  summary_->setObjectName("importSummary");
  summary_->setWordWrap(true);

  preview_ = new QTableWidget(0, 6, this);
  preview_->setObjectName("importPreview");
  preview_->setHorizontalHeaderLabels(
      {tr("Line"), tr("Partition"), tr("Key"), tr("Value"), tr("Headers"), tr("Timestamp")});
  preview_->verticalHeader()->hide();
  preview_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  preview_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
  preview_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  preview_->setSelectionBehavior(QAbstractItemView::SelectRows);
  preview_->setAlternatingRowColors(true);
  preview_->setShowGrid(false);
  preview_->setWordWrap(false);
  preview_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  auto* header = preview_->horizontalHeader();
  header->setSectionResizeMode(QHeaderView::Interactive);
  header->setSectionResizeMode(3, QHeaderView::Stretch);
  header->resizeSection(0, 56);
  header->resizeSection(1, 80);
  header->resizeSection(2, 130);
  header->resizeSection(4, 150);
  header->resizeSection(5, 190);

  problemsTitle_ = new QLabel(this);
  problems_ = new QListWidget(this);
  problems_->setObjectName("importProblems");
  problems_->setStyleSheet(
      QStringLiteral("color: %1").arg(Theme::instance().colors().offline.name()));

  strip_ = new ProgressStrip(this);

  auto* fileRow = new QHBoxLayout;
  fileRow->addWidget(path_, 1);
  fileRow->addWidget(browse);
  auto* topicRow = new QHBoxLayout;
  topicRow->addWidget(topic_, 1);
  topicRow->addWidget(keepTimestamps_);
  auto* form = new QFormLayout;
  // Rows holding layouts get no buddy from QFormLayout: set it, or "&" shows as typed.
  auto* fileLabel = new QLabel(tr("&File"), this);
  fileLabel->setBuddy(path_);
  auto* topicLabel = new QLabel(tr("&Into topic"), this);
  topicLabel->setBuddy(topic_);
  form->addRow(fileLabel, fileRow);
  form->addRow(QString(), formatLabel_);
  form->addRow(topicLabel, topicRow);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  importButton_ = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
  importButton_->setEnabled(false);
  importButton_->setDefault(true);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(summary_);
  layout->addWidget(preview_, 1);
  layout->addWidget(problemsTitle_);
  layout->addWidget(problems_);
  layout->addWidget(strip_);
  layout->addWidget(buttons);
  problemsTitle_->hide();
  problems_->hide();

  connect(browse, &QPushButton::clicked, this, &ImportDialog::chooseFile);
  connect(path_, &QLineEdit::returnPressed, this, [this] { loadFile(path_->text()); });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(importButton_, &QPushButton::clicked, this, &ImportDialog::startImport);
  connect(topic_, &QComboBox::currentTextChanged, this, [this] {
    fillPreview();
    showParse();
  });
}

ImportDialog::~ImportDialog() {
  // Stop a long read now: the reader thread is joined before the operation would cancel it.
  if (reading_) reading_->cancel();
}

QString ImportDialog::targetTopic() const {
  return topic_->currentText();
}

QString ImportDialog::summary() const {
  return summary_->text();
}

void ImportDialog::chooseFile() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Import records"), path_->text(),
      tr("JSON lines or CSV (*.jsonl *.ndjson *.json *.csv);;All files (*)"));
  if (!path.isEmpty()) loadFile(path);
}

void ImportDialog::loadFile(const QString& path) {
  path_->setText(path);
  loading_ = true;
  importButton_->setEnabled(false);
  summary_->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
  auto* reading =
      new LongOperation(tr("Reading %1").arg(QFileInfo(path).fileName()), tr("bytes"), this);
  strip_->follow(reading);
  if (reading_) reading_->cancel();
  reading_ = reading;
  auto loaded = std::make_shared<Loaded>();
  reader_->post([path, loaded, token = reading->token()] {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
      loaded->error = tr("Cannot read %1: %2").arg(path, file.errorString());
      token->finish(false, loaded->error);
      return;
    }
    const QByteArray data = file.readAll();
    loaded->format = guessImportFormat(path, data.left(256));
    loaded->parse = parseImport(data, loaded->format, token.get());
    token->finish(true, tr("%1 read.").arg(counted(data.size(), tr("byte"), tr("bytes"))));
  });
  connect(
      reading, &LongOperation::finished, this,
      [this, loaded, reading](bool ok, bool cancelled, const QString& message) {
        reading->deleteLater();
        loading_ = false;
        strip_->dismiss();
        if (!ok || cancelled) {
          parse_ = {};
          fillPreview();
          summary_->setText(cancelled ? tr("Reading the file was cancelled.") : message);
          return;
        }
        parse_ = std::move(loaded->parse);
        format_ = loaded->format;
        formatLabel_->setText(format_ == ExportFormat::JsonLines
                                  ? tr("JSON lines: one object per line with key, value, headers, "
                                       "partition, timestamp")
                                  : tr("CSV: a header row names the columns; without one, each "
                                       "line is a value or key,value"));
        fillPreview();
        showParse();
      });
}

void ImportDialog::showParse() {
  if (loading_ || path_->text().isEmpty()) return;
  const QLocale locale;
  const int n = static_cast<int>(parse_.records.size());
  QString text = tr("<b>%1</b> ready to produce into <b>%2</b>")
                     .arg(counted(n, tr("record"), tr("records")).toHtmlEscaped(),
                          targetTopic().toHtmlEscaped());
  const int partitions = topics_->partitionsOf(targetTopic());
  if (parse_.hadPartitions)
    text += tr(" — partitions kept from the file where %1 has them (it has %2), others by key")
                .arg(targetTopic().toHtmlEscaped())
                .arg(partitions);
  else
    text += tr(" — partitioned by key");
  text += '.';
  const auto& colors = Theme::instance().colors();
  if (!parse_.problems.isEmpty())
    text += QStringLiteral("<br><span style='color:%1'>%2</span>")
                .arg(colors.offline.name(),
                     tr("%1 rejected, listed below: they will not be sent.")
                         .arg(counted(static_cast<qint64>(parse_.problems.size()), tr("line"),
                                      tr("lines"))));
  else
    text += tr(" No line rejected.");
  for (const QString& note : parse_.notes)
    text += QStringLiteral("<br><span style='color:%1'>%2</span>")
                .arg(colors.warning.name(), note.toHtmlEscaped());
  if (n > kPreviewRows)
    text += QStringLiteral("<br><span style='color:%1'>%2</span>")
                .arg(colors.muted.name(), tr("The first %1 are shown.").arg(kPreviewRows));
  summary_->setText(text);
  importButton_->setEnabled(n > 0 && !targetTopic().isEmpty() &&
                            !(operation_ && operation_->running()));
  importButton_->setText(n == 0 ? tr("Import") : tr("Import %1").arg(locale.toString(n)));
}

void ImportDialog::fillPreview() {
  const int partitions = topics_->partitionsOf(targetTopic());
  const int rows = static_cast<int>(std::min<qsizetype>(parse_.records.size(), kPreviewRows));
  preview_->setRowCount(rows);
  for (int i = 0; i < rows; ++i) {
    const ImportedRecord& r = parse_.records[i];
    QStringList headers;
    for (const auto& [k, v] : r.headers)
      headers << k + '=' + cell(v);
    const QString partition =
        r.partition && *r.partition < partitions ? QString::number(*r.partition) : tr("by key");
    const QString timestamp =
        r.timestampMs && keepTimestamps_->isChecked()
            ? QDateTime::fromMSecsSinceEpoch(*r.timestampMs, Qt::UTC).toString(Qt::ISODateWithMs)
            : tr("at import");
    const QStringList cells = {QString::number(r.line),
                               partition,
                               cell(r.key),
                               cell(r.value),
                               headers.join(QStringLiteral(", ")),
                               timestamp};
    for (int c = 0; c < cells.size(); ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
      if (c == 1 || c == 5) item->setForeground(Theme::instance().colors().muted);
      if (c < 2) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      preview_->setItem(i, c, item);
    }
  }
  problems_->clear();
  for (int i = 0; i < parse_.problems.size() && i < kListedProblems; ++i)
    problems_->addItem(
        tr("Line %1: %2").arg(parse_.problems[i].line).arg(parse_.problems[i].reason));
  if (parse_.problems.size() > kListedProblems)
    problems_->addItem(tr("… and %1 more").arg(parse_.problems.size() - kListedProblems));
  problemsTitle_->setText(
      tr("Rejected lines (%1) — fix them in the file and choose it again to send them too:")
          .arg(parse_.problems.size()));
  // As tall as its lines, up to six; it scrolls beyond.
  const int shown = static_cast<int>(std::min<qsizetype>(problems_->count(), 6));
  problems_->setFixedHeight(problems_->sizeHintForRow(0) * std::max(shown, 1) +
                            2 * problems_->frameWidth() + 4);
  problemsTitle_->setVisible(!parse_.problems.isEmpty());
  problems_->setVisible(!parse_.problems.isEmpty());
}

void ImportDialog::startImport() {
  if (loading_ || parse_.records.isEmpty() || (operation_ && operation_->running())) return;
  ImportRequest request;
  request.topic = targetTopic();
  request.topicPartitions = topics_->partitionsOf(request.topic);
  request.keepTimestamps = keepTimestamps_->isChecked();
  request.records = parse_.records;
  request.rejected = parse_.problems;
  if (operation_) operation_->deleteLater();
  operation_ = new LongOperation(tr("Importing into %1").arg(request.topic), tr("records"), this);
  strip_->follow(operation_);
  importButton_->setEnabled(false);
  topic_->setEnabled(false);
  outcome_.clear();
  connect(operation_, &LongOperation::finished, this,
          [this](bool ok, bool, const QString& message) {
            outcome_ = message;
            topic_->setEnabled(true);
            showParse();
            emit importFinished(ok, message);
          });
  actions_->importRecords(request, operation_->token());
}

}  // namespace runnel::widgets
