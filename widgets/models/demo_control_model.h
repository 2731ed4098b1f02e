// DemoControlModel: the studio's handle on demo event time and data generators — pause, resume,
// step and fast-forward the DemoClock, change its speed, start and stop each generator and set
// its rate. Clock calls are instant; generator starts and stops (topic creation, flushing) run on
// a worker thread and report back as sentences. Polls the clock and the generators' counters a
// few times a second for the panel.
// Lives on the GUI thread; the clock and generator set must outlive it, or shutdown() first.
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <QVector>

#include "widgets/models/job_thread.h"

namespace runnel {
class DemoClock;
}
namespace runnel::datagen {
class GeneratorSet;
}

namespace runnel::widgets {

struct GeneratorRow {
  QString source;  // "card-authorizations"
  QString topic;
  bool running = false;
  double rate = 0;
  qint64 sent = 0;
  qint64 failed = 0;
  QString lastError;
};

class DemoControlModel : public QObject {
  Q_OBJECT
 public:
  DemoControlModel(DemoClock* clock, datagen::GeneratorSet* generators, QObject* parent = nullptr);
  ~DemoControlModel() override;

  qint64 eventTimeMs() const;
  bool paused() const;
  double speed() const;
  void pause();
  void resume();
  void stepMs(qint64 ms);
  void setSpeed(double speed);

  const QVector<GeneratorRow>& generators() const { return rows_; }
  void startGenerator(const QString& source);
  void stopGenerator(const QString& source);
  void setRate(const QString& source, double recordsPerSecond);
  // Re-reads the generators' state now (also done on a timer).
  void refresh();
  void shutdown();
  // Waits for queued starts and stops (tests).
  void drain() { jobs_.drain(); }

 signals:
  void clockChanged();
  void generatorsChanged();
  void actionFinished(bool ok, const QString& message);

 private:
  DemoClock* clock_;
  datagen::GeneratorSet* generators_;
  QVector<GeneratorRow> rows_;
  QTimer poll_;
  JobThread jobs_;  // last: stops first
};

}  // namespace runnel::widgets
