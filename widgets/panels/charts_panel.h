// The Charts panel: records produced and consumed per second across the cluster, and each
// consumer group's lag, over the last two minutes; themed with the studio's colours.
// GUI thread only; owns its RateHistoryModel.
#pragma once

#include <QWidget>

#include "widgets/models/cluster_feed.h"

class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace runnel::widgets {

class RateHistoryModel;

class ChartsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ChartsPanel(QWidget* parent = nullptr);

  void showView(const ClusterViewPtr& view);
  RateHistoryModel* model() const { return model_; }
  QLineSeries* produceSeries() const { return produce_; }
  QLineSeries* consumeSeries() const { return consume_; }
  QChart* lagChart() const { return lagChart_; }

 private:
  void redraw();
  void applyTheme();

  RateHistoryModel* model_;
  QChart* rateChart_;
  QChart* lagChart_;
  QChartView* rateView_;
  QChartView* lagView_;
  QLineSeries* produce_;
  QLineSeries* consume_;
  QDateTimeAxis* rateTime_;
  QValueAxis* rateValue_;
  QDateTimeAxis* lagTime_;
  QValueAxis* lagValue_;
};

}  // namespace runnel::widgets
