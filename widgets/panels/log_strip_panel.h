// The Log panel: pick a topic and partition and watch its log as a strip — records old to new,
// segments, log start, high watermark and log end, and where each consumer group is reading —
// following the live end (or parked where you scrolled); click a record to see it in full.
// GUI thread only. Borrows the RecordFetcher (may be null: no record details).
#pragma once

#include <QWidget>

#include "widgets/models/cluster_feed.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QScrollBar;
class QTextBrowser;

namespace runnel::widgets {

class LogStripModel;
class LogStripView;
class RecordFetcher;
struct FetchedRecord;

class LogStripPanel : public QWidget {
  Q_OBJECT
 public:
  explicit LogStripPanel(RecordFetcher* fetcher, QWidget* parent = nullptr);

  void showView(const ClusterViewPtr& view);
  LogStripModel* model() const { return model_; }
  LogStripView* strip() const { return strip_; }
  QComboBox* topicBox() const { return topics_; }
  QComboBox* partitionBox() const { return partitions_; }
  QTextBrowser* details() const { return details_; }

 private:
  void refreshTopics();
  void refreshPartitions();
  void refreshChrome();
  void showRecord(const FetchedRecord& record);

  LogStripModel* model_;
  RecordFetcher* fetcher_;
  QComboBox* topics_;
  QComboBox* partitions_;
  QComboBox* zoom_;
  QCheckBox* follow_;
  QLabel* summary_;
  LogStripView* strip_;
  QScrollBar* scroll_;
  QTextBrowser* details_;
  bool updatingScroll_ = false;
};

}  // namespace runnel::widgets
