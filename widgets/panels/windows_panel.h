// WindowsPanel: the "Windows" view of one windowed query — a line saying what the window clause
// does in words ("Tumbling windows of 5 min, aligned to the epoch; late records accepted for
// 1 min after a window ends; EMIT CHANGES: a row per update"), a filter box to pick keys, the
// counts (keys, records, late dropped, rows emitted) and the WindowTimelineView.
// GUI thread only; owns the timeline it is given and its view.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace runnel::widgets {

class WindowTimeline;
class WindowTimelineView;

class WindowsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit WindowsPanel(WindowTimeline* timeline, QWidget* parent = nullptr);

  WindowTimeline* timeline() const { return timeline_; }
  WindowTimelineView* view() const { return view_; }
  QLineEdit* filter() const { return filter_; }
  QLabel* summary() const { return summary_; }
  // The window clause in words.
  static QString describe(const WindowTimeline& timeline);

 private:
  void updateSummary();

  WindowTimeline* timeline_;
  WindowTimelineView* view_;
  QLineEdit* filter_;
  QLabel* summary_;
};

}  // namespace runnel::widgets
