// The Charts panel: records produced and consumed per second across the cluster, each
// consumer group's lag, and (once persistent queries run) each query's input rate, over the
// last two minutes; themed with the studio's colours.
// GUI thread only; owns its RateHistoryModel.
#pragma once

#include <QPointF>
#include <QVector>
#include <QWidget>
#include <map>

#include "widgets/models/cluster_feed.h"

class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace runnel::widgets {

class RateHistoryModel;
class SqlSession;

class ChartsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ChartsPanel(QWidget* parent = nullptr);

  void showView(const ClusterViewPtr& view);
  // Follows the running persistent queries of `sql` in a third chart, shown while it has lines.
  void attachSql(SqlSession* sql);
  RateHistoryModel* model() const { return model_; }
  QLineSeries* produceSeries() const { return produce_; }
  QLineSeries* consumeSeries() const { return consume_; }
  QChart* lagChart() const { return lagChart_; }
  QChart* queryChart() const { return queryChart_; }
  QChartView* queryView() const { return queryView_; }

 private:
  void redraw();
  void applyTheme();
  // Keeps one line per name in `chart`, adding and dropping series as names come and go;
  // returns the largest value drawn.
  double syncLines(QChart* chart, QDateTimeAxis* time, QValueAxis* value,
                   const std::map<QString, QVector<QPointF>>& lines);

  RateHistoryModel* model_;
  QChart* rateChart_;
  QChart* lagChart_;
  QChart* queryChart_;
  QChartView* rateView_;
  QChartView* lagView_;
  QChartView* queryView_;
  QLineSeries* produce_;
  QLineSeries* consume_;
  QDateTimeAxis* rateTime_;
  QValueAxis* rateValue_;
  QDateTimeAxis* lagTime_;
  QValueAxis* lagValue_;
  QDateTimeAxis* queryTime_;
  QValueAxis* queryValue_;
};

}  // namespace runnel::widgets
