#include "widgets/panels/windows_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QVBoxLayout>

#include "widgets/models/window_timeline.h"
#include "widgets/visual/window_timeline_view.h"

namespace runnel::widgets {

WindowsPanel::WindowsPanel(WindowTimeline* timeline, QWidget* parent)
    : QWidget(parent), timeline_(timeline) {
  timeline_->setParent(this);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->setSpacing(6);
  auto* about = new QLabel(describe(*timeline_), this);
  about->setWordWrap(true);
  about->setTextFormat(Qt::RichText);
  layout->addWidget(about);
  auto* bar = new QHBoxLayout;
  filter_ = new QLineEdit(this);
  filter_->setPlaceholderText(tr("Filter keys (e.g. a card number)"));
  filter_->setClearButtonEnabled(true);
  filter_->setMinimumWidth(300);
  filter_->setMaximumWidth(360);
  bar->addWidget(filter_);
  summary_ = new QLabel(this);
  bar->addWidget(summary_, 1);
  layout->addLayout(bar);
  view_ = new WindowTimelineView(timeline_, this);
  layout->addWidget(view_, 1);
  connect(filter_, &QLineEdit::textChanged, view_, &WindowTimelineView::setFilter);
  connect(timeline_, &WindowTimeline::changed, this, &WindowsPanel::updateSummary);
  updateSummary();
}

QString WindowsPanel::describe(const WindowTimeline& timeline) {
  const TimelineSpec& s = timeline.spec();
  const QString size = WindowTimeline::formatDuration(s.sizeMs);
  QString what;
  switch (s.kind) {
    case TimelineWindowKind::Tumbling:
      what = tr("<b>Tumbling windows of %1</b>, back to back, aligned to the epoch (each record "
                "falls in exactly one).")
                 .arg(size);
      break;
    case TimelineWindowKind::Hopping:
      what = tr("<b>Hopping windows of %1, a new one every %2</b>: they overlap, so a record "
                "falls in several (one lane each).")
                 .arg(size, WindowTimeline::formatDuration(s.advanceMs));
      break;
    case TimelineWindowKind::Session:
      what = tr("<b>Session windows with a %1 gap</b>: records of a key less than %1 apart "
                "share a session; a record between two sessions merges them.")
                 .arg(size);
      break;
  }
  const QString grace =
      tr(" Records may arrive up to <b>%1</b> after a window ends (the grace period); later "
         "ones are <span style='color:#e03636'>dropped as late</span>. Time is event time: "
         "the <b>stream time</b> is the largest event time seen.")
          .arg(WindowTimeline::formatDuration(s.graceMs));
  const QString output =
      s.emitFinal
          ? tr(" <b>EMIT FINAL</b>: one result per window, once it closes (end + grace).")
          : tr(" <b>EMIT CHANGES</b>: an updated row for every record that changes a window.");
  return what + grace + output;
}

void WindowsPanel::updateSummary() {
  const QLocale locale;
  summary_->setText(
      tr("%1 keys · %2 records · %3 late, dropped · %4 rows emitted")
          .arg(locale.toString(timeline_->keyCount()), locale.toString(timeline_->recordCount()),
               locale.toString(timeline_->lateCount()), locale.toString(timeline_->emitCount())));
}

}  // namespace runnel::widgets
