#include "widgets/panels/charts_panel.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>

#include "widgets/models/rate_history_model.h"
#include "widgets/models/sql_session.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {
QChart* makeChart(const QString& title) {
  auto* chart = new QChart;
  chart->setTitle(title);
  chart->legend()->setAlignment(Qt::AlignBottom);
  chart->setMargins(QMargins(4, 4, 4, 4));
  chart->setAnimationOptions(QChart::NoAnimation);  // 2 updates a second: animation only blurs
  return chart;
}

// Ticks on round numbers: 5 for a ceiling of 2·10^k (steps of 0.5·10^k), else 6.
int ticksFor(double ceiling) {
  double lead = ceiling;
  while (lead >= 10)
    lead /= 10;
  return lead == 2 ? 5 : 6;
}

double niceCeiling(double v) {
  if (v <= 10) return 10;
  double step = 1;
  while (step * 10 < v)
    step *= 10;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * step >= v) return m * step;
  return v;
}

// Distinct, readable colours for group lag lines after the semantic ones.
const QColor kGroupColors[] = {QColor("#8e6cef"), QColor("#e8871e"), QColor("#1fa187"),
                               QColor("#d94f70"), QColor("#4a90d9"), QColor("#9aa436")};
}  // namespace

ChartsPanel::ChartsPanel(QWidget* parent)
    : QWidget(parent), model_(new RateHistoryModel(120'000, this)) {
  setObjectName(QStringLiteral("chartsPanel"));
  rateChart_ = makeChart(tr("Records per second"));
  produce_ = new QLineSeries(rateChart_);
  produce_->setName(tr("produced"));
  consume_ = new QLineSeries(rateChart_);
  consume_->setName(tr("consumed (committed, all groups)"));
  rateChart_->addSeries(produce_);
  rateChart_->addSeries(consume_);
  rateTime_ = new QDateTimeAxis(rateChart_);
  rateTime_->setFormat(QStringLiteral("HH:mm:ss"));
  rateTime_->setTickCount(5);
  rateValue_ = new QValueAxis(rateChart_);
  rateValue_->setLabelFormat(QStringLiteral("%.0f"));
  rateChart_->addAxis(rateTime_, Qt::AlignBottom);
  rateChart_->addAxis(rateValue_, Qt::AlignLeft);
  for (QLineSeries* s : {produce_, consume_}) {
    s->attachAxis(rateTime_);
    s->attachAxis(rateValue_);
  }

  auto addTimeAxes = [](QChart* chart, QDateTimeAxis*& time, QValueAxis*& value) {
    time = new QDateTimeAxis(chart);
    time->setFormat(QStringLiteral("HH:mm:ss"));
    time->setTickCount(5);
    value = new QValueAxis(chart);
    value->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(time, Qt::AlignBottom);
    chart->addAxis(value, Qt::AlignLeft);
  };
  lagChart_ = makeChart(tr("Consumer lag (records behind the high watermark)"));
  addTimeAxes(lagChart_, lagTime_, lagValue_);
  queryChart_ = makeChart(tr("Persistent queries: records read per second"));
  addTimeAxes(queryChart_, queryTime_, queryValue_);

  rateView_ = new QChartView(rateChart_, this);
  lagView_ = new QChartView(lagChart_, this);
  queryView_ = new QChartView(queryChart_, this);
  for (QChartView* v : {rateView_, lagView_, queryView_}) {
    v->setRenderHint(QPainter::Antialiasing);
    v->setMinimumSize(320, 200);
  }
  queryView_->hide();  // until a persistent query runs
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(rateView_, 1);
  layout->addWidget(lagView_, 1);
  layout->addWidget(queryView_, 1);

  connect(model_, &RateHistoryModel::updated, this, &ChartsPanel::redraw);
  connect(&Theme::instance(), &Theme::changed, this, &ChartsPanel::applyTheme);
  applyTheme();
  redraw();
}

void ChartsPanel::showView(const ClusterViewPtr& view) {
  model_->showView(view);
}

void ChartsPanel::attachSql(SqlSession* sql) {
  if (!sql) return;
  connect(sql, &SqlSession::queriesChanged, this, [this, sql] {
    std::map<QString, double> rates;
    for (const SqlQueryRow& q : sql->queries())
      if (q.persistent && q.state == QLatin1String("RUNNING")) rates[q.id] = q.recordsPerSecond;
    model_->addQueryRates(rates, QDateTime::currentMSecsSinceEpoch());
  });
}

void ChartsPanel::applyTheme() {
  const Theme& theme = Theme::instance();
  const auto& c = theme.colors();
  for (QChart* chart : {rateChart_, lagChart_, queryChart_}) {
    chart->setTheme(theme.isDark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette().color(QPalette::Base));
    chart->setBackgroundRoundness(6);
    chart->setTitleBrush(palette().color(QPalette::Text));
    chart->legend()->setLabelColor(palette().color(QPalette::Text));
    for (QAbstractAxis* axis : chart->axes()) {
      axis->setLabelsColor(c.muted);
      axis->setGridLineColor(c.surfaceBorder);
      axis->setLinePenColor(c.surfaceBorder);
    }
  }
  produce_->setPen(QPen(c.leader, 2.5));
  consume_->setPen(QPen(c.accent, 2.5));
  for (QChart* chart : {lagChart_, queryChart_}) {
    int i = 0;
    for (QAbstractSeries* s : chart->series())
      static_cast<QLineSeries*>(s)->setPen(QPen(kGroupColors[i++ % std::size(kGroupColors)], 2.5));
  }
}

double ChartsPanel::syncLines(QChart* chart, QDateTimeAxis* time, QValueAxis* value,
                              const std::map<QString, QVector<QPointF>>& lines) {
  QHash<QString, QLineSeries*> existing;
  for (QAbstractSeries* s : chart->series())
    existing.insert(s->name(), static_cast<QLineSeries*>(s));
  double top = 0;
  bool added = false;
  for (const auto& [name, points] : lines) {
    QLineSeries* series = existing.take(name);
    if (!series) {
      series = new QLineSeries(chart);
      series->setName(name);
      chart->addSeries(series);
      series->attachAxis(time);
      series->attachAxis(value);
      added = true;
    }
    series->replace(points);
    for (const QPointF& p : points)
      top = std::max(top, p.y());
  }
  for (QLineSeries* gone : existing) {
    chart->removeSeries(gone);
    delete gone;
  }
  if (added) applyTheme();
  return top;
}

void ChartsPanel::redraw() {
  const qint64 now =
      model_->latestMs() > 0 ? model_->latestMs() : QDateTime::currentMSecsSinceEpoch();
  const QDateTime from = QDateTime::fromMSecsSinceEpoch(now - model_->windowMs());
  const QDateTime to = QDateTime::fromMSecsSinceEpoch(now);
  produce_->replace(model_->produceRate());
  consume_->replace(model_->consumeRate());
  double top = 0;
  for (const QPointF& p : model_->produceRate())
    top = std::max(top, p.y());
  for (const QPointF& p : model_->consumeRate())
    top = std::max(top, p.y());
  rateTime_->setRange(from, to);
  rateValue_->setRange(0, niceCeiling(top * 1.1));
  rateValue_->setTickCount(ticksFor(rateValue_->max()));

  // One line per group (and per query), added as they appear and dropped when they leave the
  // window.
  const double lagTop = syncLines(lagChart_, lagTime_, lagValue_, model_->lagByGroup());
  lagTime_->setRange(from, to);
  lagValue_->setRange(0, niceCeiling(lagTop * 1.1));
  lagValue_->setTickCount(ticksFor(lagValue_->max()));

  const double queryTop = syncLines(queryChart_, queryTime_, queryValue_, model_->queryRates());
  queryTime_->setRange(from, to);
  queryValue_->setRange(0, niceCeiling(queryTop * 1.1));
  queryValue_->setTickCount(ticksFor(queryValue_->max()));
  queryView_->setVisible(!model_->queryRates().empty());
}

}  // namespace runnel::widgets
