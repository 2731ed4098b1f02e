// FaultModel: the "break things" controls over the embedded cluster's EmbeddedControl — cut, slow
// or lossy-fy links between brokers, isolate a broker, heal a link, clear everything — and the list
// of faults now in force. Every action runs on a worker thread and reports back as a sentence; the
// list is re-read after each action and once a second. Lives on the GUI thread; the control must
// outlive it, or shutdown() must be called first.
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <QVector>
#include <functional>

#include "engine/common/status.h"
#include "widgets/models/job_thread.h"

namespace runnel::client {
class EmbeddedControl;
}

namespace runnel::widgets {

struct FaultRow {
  QString kind;  // "link-cut", "link-delay", "link-drop", ...
  QString description;
  int brokerA = -1;
  int brokerB = -1;
};

class FaultModel : public QObject {
  Q_OBJECT
 public:
  enum class LinkAction { Cut, CutOneWay, Delay, Drop, Heal, Isolate };

  explicit FaultModel(client::EmbeddedControl* control, QObject* parent = nullptr);
  ~FaultModel() override;

  // `amount`: milliseconds for Delay, a percentage (0-100) for Drop; ignored otherwise.
  // Isolate cuts every link of `brokerA` (`brokerB` is ignored).
  void applyLinkFault(LinkAction action, int brokerA, int brokerB, double amount = 0);
  void clearAll();
  void refresh();
  const QVector<FaultRow>& faults() const { return faults_; }
  void shutdown();
  void drain() { jobs_.drain(); }

 signals:
  void faultsChanged();
  void actionFinished(bool ok, const QString& message);

 private:
  void run(QString done, std::function<Status(client::EmbeddedControl&)> action);
  void readFaults();

  client::EmbeddedControl* control_;
  QVector<FaultRow> faults_;
  QTimer poll_;
  JobThread jobs_;  // last: stops first
};

}  // namespace runnel::widgets
