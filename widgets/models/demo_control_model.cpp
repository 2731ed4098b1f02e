#include "widgets/models/demo_control_model.h"

#include "engine/common/demo_clock.h"
#include "engine/datagen/generator_set.h"

namespace runnel::widgets {

DemoControlModel::DemoControlModel(DemoClock* clock, datagen::GeneratorSet* generators,
                                   QObject* parent)
    : QObject(parent), clock_(clock), generators_(generators) {
  poll_.setInterval(250);
  connect(&poll_, &QTimer::timeout, this, [this] {
    refresh();
    emit clockChanged();
  });
  poll_.start();
  refresh();
}

DemoControlModel::~DemoControlModel() {
  shutdown();
}

void DemoControlModel::shutdown() {
  poll_.stop();
  jobs_.shutdown();
  clock_ = nullptr;
  generators_ = nullptr;
}

qint64 DemoControlModel::eventTimeMs() const {
  return clock_ ? clock_->nowMs() : 0;
}
bool DemoControlModel::paused() const {
  return clock_ && clock_->isPaused();
}
double DemoControlModel::speed() const {
  return clock_ ? clock_->speed() : 1.0;
}

void DemoControlModel::pause() {
  if (!clock_) return;
  clock_->pause();
  emit clockChanged();
}
void DemoControlModel::resume() {
  if (!clock_) return;
  clock_->resume();
  emit clockChanged();
}
void DemoControlModel::stepMs(qint64 ms) {
  if (!clock_ || ms <= 0) return;
  clock_->stepMs(ms);
  emit clockChanged();
}
void DemoControlModel::setSpeed(double speed) {
  if (!clock_ || !(speed > 0)) return;
  clock_->setSpeed(speed);
  emit clockChanged();
}

void DemoControlModel::refresh() {
  if (!generators_) return;
  QVector<GeneratorRow> rows;
  for (const datagen::GeneratorStatus& s : generators_->status()) {
    GeneratorRow r;
    r.source = QString::fromStdString(s.source);
    r.topic = QString::fromStdString(s.topic);
    r.running = s.running;
    r.rate = s.recordsPerSecond;
    r.sent = s.stats.sent;
    r.failed = s.stats.failed;
    r.lastError = QString::fromStdString(s.stats.lastError);
    rows.append(r);
  }
  const bool changed = rows.size() != rows_.size() || [&] {
    for (int i = 0; i < rows.size(); ++i)
      if (rows[i].running != rows_[i].running || rows[i].sent != rows_[i].sent ||
          rows[i].rate != rows_[i].rate)
        return true;
    return false;
  }();
  rows_ = std::move(rows);
  if (changed) emit generatorsChanged();
}

void DemoControlModel::startGenerator(const QString& source) {
  if (!generators_) return;
  datagen::GeneratorSet* set = generators_;
  jobs_.post([this, set, source] {
    const Status s = set->start(source.toStdString());
    QMetaObject::invokeMethod(
        this,
        [this, source, s] {
          refresh();
          emit actionFinished(
              s.isOk(),
              s.isOk()
                  ? tr("Generator %1 started").arg(source)
                  : tr("Could not start %1: %2").arg(source, QString::fromStdString(s.toString())));
        },
        Qt::QueuedConnection);
  });
}

void DemoControlModel::stopGenerator(const QString& source) {
  if (!generators_) return;
  datagen::GeneratorSet* set = generators_;
  jobs_.post([this, set, source] {
    const Status s = set->stop(source.toStdString());
    QMetaObject::invokeMethod(
        this,
        [this, source, s] {
          refresh();
          emit actionFinished(
              s.isOk(),
              s.isOk()
                  ? tr("Generator %1 stopped").arg(source)
                  : tr("Could not stop %1: %2").arg(source, QString::fromStdString(s.toString())));
        },
        Qt::QueuedConnection);
  });
}

void DemoControlModel::setRate(const QString& source, double recordsPerSecond) {
  if (!generators_) return;
  const Status s = generators_->setRate(source.toStdString(), recordsPerSecond);
  if (!s.isOk()) emit actionFinished(false, QString::fromStdString(s.toString()));
  refresh();
}

}  // namespace runnel::widgets
