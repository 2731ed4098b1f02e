#include "widgets/panels/demo_controls_panel.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>
#include <cmath>

#include "widgets/models/demo_control_model.h"
#include "widgets/style/icons.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {
QString titleFor(const QString& source) {
  if (source == QLatin1String("card-authorizations"))
    return DemoControlsPanel::tr("Card authorizations");
  if (source == QLatin1String("orders")) return DemoControlsPanel::tr("Orders");
  if (source == QLatin1String("page-views")) return DemoControlsPanel::tr("Page views");
  return source;
}
QString describe(const QString& source) {
  if (source == QLatin1String("card-authorizations"))
    return DemoControlsPanel::tr("with fraud bursts, for the possible_fraud query");
  if (source == QLatin1String("orders")) return DemoControlsPanel::tr("shop orders");
  return DemoControlsPanel::tr("clicks on a web site");
}
}  // namespace

double DemoControlsPanel::rateForSlider(int position) {
  return std::round(std::pow(10.0, 6.0 * position / kSliderSteps));
}
int DemoControlsPanel::sliderForRate(double rate) {
  if (rate <= 1) return 0;
  return static_cast<int>(std::lround(std::log10(rate) / 6.0 * kSliderSteps));
}

DemoControlsPanel::DemoControlsPanel(DemoControlModel* model, QWidget* parent)
    : QWidget(parent), model_(model) {
  setObjectName(QStringLiteral("demoControlsPanel"));

  auto* clockBox = new QGroupBox(tr("Event time"), this);
  time_ = new QLabel(clockBox);
  QFont big = time_->font();
  big.setPointSizeF(big.pointSizeF() * 1.6);
  big.setWeight(QFont::DemiBold);
  time_->setFont(big);
  clockState_ = new QLabel(clockBox);
  clockState_->setForegroundRole(QPalette::PlaceholderText);
  pause_ = new QPushButton(clockBox);
  pause_->setObjectName(QStringLiteral("demoClockPause"));
  auto* step = new QPushButton(tr("Step +1 min"), clockBox);
  step->setToolTip(tr("Move event time forward by one minute at once"));
  auto* forward = new QPushButton(tr("Fast-forward +5 min"), clockBox);
  forward->setToolTip(tr("Jump event time five minutes ahead, so open windows close now"));
  speed_ = new QComboBox(clockBox);
  for (double s : {1.0, 10.0, 60.0, 600.0})
    speed_->addItem(s == 1.0 ? tr("real time")
                             : tr("%1× (%2 per second)")
                                   .arg(s)
                                   .arg(s == 10   ? tr("10 s")
                                        : s == 60 ? tr("1 min")
                                                  : tr("10 min")),
                    s);
  speed_->setToolTip(tr("How fast event time runs compared with the wall clock"));

  auto* clockButtons = new QHBoxLayout;
  clockButtons->addWidget(pause_);
  clockButtons->addWidget(step);
  clockButtons->addWidget(forward);
  clockButtons->addStretch(1);
  auto* clockLayout = new QVBoxLayout(clockBox);
  clockLayout->addWidget(time_);
  auto* speedRow = new QHBoxLayout;
  speedRow->addWidget(clockState_, 1);
  speedRow->addWidget(new QLabel(tr("Speed"), clockBox));
  speedRow->addWidget(speed_);
  clockLayout->addLayout(speedRow);
  clockLayout->addLayout(clockButtons);

  auto* genBox = new QGroupBox(tr("Data generators"), this);
  auto* grid = new QGridLayout(genBox);
  grid->setColumnStretch(2, 1);
  int line = 0;
  for (const GeneratorRow& g : model_->generators()) {
    Row row;
    row.source = g.source;
    auto* name = new QLabel(QStringLiteral("<b>%1</b> <span style=\"color:gray\">→ %2</span>")
                                .arg(titleFor(g.source), g.topic.toHtmlEscaped()),
                            genBox);
    name->setToolTip(describe(g.source));
    row.status = new QLabel(genBox);
    row.status->setForegroundRole(QPalette::PlaceholderText);
    row.toggle = new QPushButton(genBox);
    row.toggle->setObjectName(QStringLiteral("generatorToggle-") + g.source);
    row.rate = new QSlider(Qt::Horizontal, genBox);
    row.rate->setRange(0, kSliderSteps);
    row.rate->setValue(sliderForRate(g.rate));
    row.rate->setToolTip(tr("Records per second (1 to 1,000,000, logarithmic)"));
    row.rateLabel = new QLabel(genBox);
    row.rateLabel->setMinimumWidth(90);
    row.rateLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    grid->addWidget(name, line, 0, 1, 2);
    grid->addWidget(row.status, line, 2, 1, 2, Qt::AlignRight);
    grid->addWidget(row.toggle, line + 1, 0);
    grid->addWidget(row.rate, line + 1, 1, 1, 2);
    grid->addWidget(row.rateLabel, line + 1, 3);
    line += 2;
    const QString source = g.source;
    connect(row.toggle, &QPushButton::clicked, this, [this, source] {
      for (const GeneratorRow& r : model_->generators()) {
        if (r.source != source) continue;
        if (r.running)
          model_->stopGenerator(source);
        else
          model_->startGenerator(source);
      }
    });
    QLabel* rateLabel = row.rateLabel;
    connect(row.rate, &QSlider::valueChanged, this, [rateLabel](int v) {
      rateLabel->setText(tr("%L1 /s").arg(rateForSlider(v), 0, 'f', 0));
    });
    // Applied on release (or keyboard steps), so dragging does not flood the engine.
    connect(row.rate, &QSlider::sliderReleased, this, [this, source, slider = row.rate] {
      model_->setRate(source, rateForSlider(slider->value()));
    });
    connect(
        row.rate, &QSlider::actionTriggered, this, [this, source, slider = row.rate](int action) {
          if (action != QAbstractSlider::SliderMove)
            QMetaObject::invokeMethod(
                this,
                [this, source, slider] { model_->setRate(source, rateForSlider(slider->value())); },
                Qt::QueuedConnection);
        });
    rows_.append(row);
  }
  if (rows_.isEmpty()) {
    auto* none =
        new QLabel(tr("Demo data is off (the studio was started with --no-demo)."), genBox);
    none->setWordWrap(true);
    grid->addWidget(none, 0, 0);
  }

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 6, 8, 6);
  layout->addWidget(clockBox);
  layout->addWidget(genBox);
  layout->addStretch(1);

  connect(pause_, &QPushButton::clicked, this, [this] {
    if (model_->paused())
      model_->resume();
    else
      model_->pause();
  });
  connect(step, &QPushButton::clicked, this, [this] { model_->stepMs(60'000); });
  connect(forward, &QPushButton::clicked, this, [this] { model_->stepMs(qint64{5} * 60'000); });
  connect(speed_, &QComboBox::activated, this,
          [this] { model_->setSpeed(speed_->currentData().toDouble()); });
  connect(model_, &DemoControlModel::clockChanged, this, &DemoControlsPanel::refreshClock);
  connect(model_, &DemoControlModel::generatorsChanged, this,
          &DemoControlsPanel::refreshGenerators);
  refreshClock();
  refreshGenerators();
}

void DemoControlsPanel::refreshClock() {
  time_->setText(QDateTime::fromMSecsSinceEpoch(model_->eventTimeMs())
                     .toString(QStringLiteral("yyyy-MM-dd  HH:mm:ss")));
  const bool paused = model_->paused();
  pause_->setText(paused ? tr("Resume") : tr("Pause"));
  pause_->setIcon(Icons::get(paused ? QStringLiteral("run") : QStringLiteral("stop")));
  clockState_->setText(paused ? tr("Paused: new records all carry this time")
                              : tr("Running at %1× real time").arg(model_->speed()));
  const int index = speed_->findData(model_->speed());
  if (index >= 0 && !speed_->view()->isVisible()) speed_->setCurrentIndex(index);
}

void DemoControlsPanel::refreshGenerators() {
  const auto& colors = Theme::instance().colors();
  for (Row& row : rows_) {
    for (const GeneratorRow& g : model_->generators()) {
      if (g.source != row.source) continue;
      row.toggle->setText(g.running ? tr("Stop") : tr("Start"));
      row.toggle->setIcon(Icons::get(g.running ? QStringLiteral("stop") : QStringLiteral("run")));
      QString status =
          g.running
              ? QStringLiteral("<span style=\"color:%1\">●</span> ").arg(colors.healthy.name()) +
                    tr("running · %L1 sent").arg(g.sent)
              : tr("stopped · %L1 sent").arg(g.sent);
      if (g.failed > 0)
        status += QStringLiteral(" · <span style=\"color:%1\">%2</span>")
                      .arg(colors.offline.name(), tr("%L1 failed").arg(g.failed));
      row.status->setText(status);
      row.status->setToolTip(g.lastError);
      if (!row.rate->isSliderDown()) {
        QSignalBlocker block(row.rate);
        row.rate->setValue(sliderForRate(g.rate));
      }
      row.rateLabel->setText(tr("%L1 /s").arg(g.rate, 0, 'f', 0));
    }
  }
}

}  // namespace runnel::widgets
