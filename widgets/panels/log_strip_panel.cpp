#include "widgets/panels/log_strip_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

#include "widgets/models/log_strip_model.h"
#include "widgets/models/record_fetcher.h"
#include "widgets/style/theme.h"
#include "widgets/visual/log_strip_view.h"

namespace runnel::widgets {
namespace {
QString swatch(const QColor& color, const QString& text) {
  return QStringLiteral("<span style=\"color:%1\">■</span> %2").arg(color.name(), text);
}
}  // namespace

LogStripPanel::LogStripPanel(RecordFetcher* fetcher, QWidget* parent)
    : QWidget(parent), model_(new LogStripModel(this)), fetcher_(fetcher) {
  setObjectName(QStringLiteral("logStripPanel"));
  topics_ = new QComboBox(this);
  topics_->setObjectName(QStringLiteral("logStripTopic"));
  topics_->setMinimumContentsLength(18);
  partitions_ = new QComboBox(this);
  partitions_->setObjectName(QStringLiteral("logStripPartition"));
  zoom_ = new QComboBox(this);
  for (qint64 n : {1, 10, 100, 1000, 10000})
    zoom_->addItem(n == 1 ? tr("1 record per cell") : tr("%L1 records per cell").arg(n), n);
  zoom_->addItem(tr("Whole log"), LogStripModel::kFitWholeLog);
  follow_ = new QCheckBox(tr("Follow the live end"), this);
  follow_->setChecked(true);
  summary_ = new QLabel(this);
  summary_->setTextFormat(Qt::RichText);

  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Topic"), this));
  bar->addWidget(topics_);
  bar->addWidget(new QLabel(tr("Partition"), this));
  bar->addWidget(partitions_);
  bar->addSpacing(12);
  bar->addWidget(zoom_);
  bar->addWidget(follow_);
  bar->addStretch(1);
  bar->addWidget(summary_);

  strip_ = new LogStripView(model_, this);
  scroll_ = new QScrollBar(Qt::Horizontal, this);
  scroll_->setToolTip(tr("Scroll back through the log (stops following the live end)"));
  auto* stripBox = new QWidget(this);
  auto* stripLayout = new QVBoxLayout(stripBox);
  stripLayout->setContentsMargins(0, 0, 0, 0);
  stripLayout->addWidget(strip_, 1);
  stripLayout->addWidget(scroll_);

  details_ = new QTextBrowser(this);
  details_->setObjectName(QStringLiteral("logStripRecord"));
  details_->setPlaceholderText(
      tr("Click a record in the strip to see its key, value, headers "
         "and timestamp."));
  details_->setMinimumWidth(260);

  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(stripBox);
  split->addWidget(details_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 6, 8, 6);
  layout->addLayout(bar);
  layout->addWidget(split, 1);

  connect(model_, &LogStripModel::topicsChanged, this, &LogStripPanel::refreshTopics);
  connect(model_, &LogStripModel::changed, this, &LogStripPanel::refreshChrome);
  connect(topics_, &QComboBox::currentTextChanged, this, [this](const QString& topic) {
    if (topic.isEmpty()) return;
    model_->select(topic, 0);
    refreshPartitions();
  });
  connect(partitions_, &QComboBox::currentIndexChanged, this, [this](int index) {
    if (index >= 0) model_->select(topics_->currentText(), index);
  });
  connect(zoom_, &QComboBox::currentIndexChanged, this,
          [this] { model_->setZoom(zoom_->currentData().toLongLong()); });
  connect(follow_, &QCheckBox::toggled, model_, &LogStripModel::setFollowLive);
  connect(scroll_, &QScrollBar::valueChanged, this, [this](int value) {
    if (updatingScroll_) return;
    model_->scrollTo(model_->state().logStart +
                     static_cast<qint64>(value) * model_->recordsPerCell());
  });
  connect(strip_, &LogStripView::recordClicked, this, [this](qint64 offset) {
    if (!fetcher_) return;
    details_->setHtml(tr("<p>Reading offset %L1…</p>").arg(offset));
    fetcher_->fetch(model_->topic(), model_->partition(), offset);
  });
  if (fetcher_) {
    connect(fetcher_, &RecordFetcher::fetched, this, &LogStripPanel::showRecord);
    connect(fetcher_, &RecordFetcher::failed, this, [this](const QString& message) {
      details_->setHtml(QStringLiteral("<p>%1</p>").arg(message.toHtmlEscaped()));
    });
  }
  refreshChrome();
}

void LogStripPanel::showView(const ClusterViewPtr& view) {
  model_->showView(view);
}

void LogStripPanel::refreshTopics() {
  const QString current = topics_->currentText();
  QSignalBlocker block(topics_);
  topics_->clear();
  topics_->addItems(model_->topics());
  const int keep = topics_->findText(current.isEmpty() ? model_->topic() : current);
  topics_->setCurrentIndex(std::max(0, keep));
  block.unblock();
  if (topics_->currentText() != model_->topic()) model_->select(topics_->currentText(), 0);
  refreshPartitions();
}

void LogStripPanel::refreshPartitions() {
  const int count = model_->partitionCount(model_->topic());
  if (partitions_->count() == count) return;
  QSignalBlocker block(partitions_);
  partitions_->clear();
  for (int i = 0; i < count; ++i)
    partitions_->addItem(QString::number(i));
  partitions_->setCurrentIndex(std::min(model_->partition(), count - 1));
}

void LogStripPanel::refreshChrome() {
  const LogStripState& s = model_->state();
  if (follow_->isChecked() != model_->followLive()) {
    QSignalBlocker block(follow_);
    follow_->setChecked(model_->followLive());
  }
  refreshPartitions();
  const auto& c = Theme::instance().colors();
  summary_->setText(
      s.known ? tr("%1 &nbsp; %2 &nbsp; %3 &nbsp; %L4 records, %5 segment(s), leader: broker %6")
                    .arg(swatch(c.follower, tr("replicated")), swatch(c.warning, tr("leader only")),
                         swatch(LogStripView::groupColor(), tr("consumer group")))
                    .arg(s.logEnd - s.logStart)
                    .arg(s.segmentBases.size())
                    .arg(s.leader)
              : QString());
  // The scroll bar spans the log in cells; its page is the visible window.
  const qint64 rpc = model_->recordsPerCell();
  const qint64 cells = (s.logEnd - s.logStart) / rpc + 1;
  updatingScroll_ = true;
  scroll_->setRange(0, static_cast<int>(std::clamp<qint64>(cells - model_->visibleCells(), 0,
                                                           std::numeric_limits<int>::max())));
  scroll_->setPageStep(model_->visibleCells());
  scroll_->setValue(static_cast<int>(
      std::clamp<qint64>((model_->firstOffset() - s.logStart) / rpc, 0, scroll_->maximum())));
  updatingScroll_ = false;
}

void LogStripPanel::showRecord(const FetchedRecord& r) {
  if (r.topic != model_->topic() || r.partition != model_->partition()) return;
  strip_->setSelectedOffset(r.offset);
  QString headers;
  for (const auto& [k, v] : r.headers)
    headers += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                   .arg(k.toHtmlEscaped(), v.toHtmlEscaped());
  if (headers.isEmpty()) headers = tr("<tr><td><i>none</i></td></tr>");
  const QString time = QDateTime::fromMSecsSinceEpoch(r.timestampMs)
                           .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
  details_->setHtml(tr("<h3 style=\"margin:0\">%1 · partition %2 · offset %L3</h3>"
                       "<p style=\"color:gray;margin:2px 0 8px 0\">timestamp %4</p>"
                       "<p style=\"margin:0\"><b>Key</b></p><pre>%5</pre>"
                       "<p style=\"margin:0\"><b>Value</b></p><pre>%6</pre>"
                       "<p style=\"margin:0\"><b>Headers</b></p><table>%7</table>")
                        .arg(r.topic.toHtmlEscaped())
                        .arg(r.partition)
                        .arg(r.offset)
                        .arg(time)
                        .arg(r.key.toHtmlEscaped(), r.value.toHtmlEscaped(), headers));
}

}  // namespace runnel::widgets
