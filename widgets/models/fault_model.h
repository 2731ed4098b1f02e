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
  qint64 ruleId = -1;  // "request-error" rows: the injected error's id
};

// A choice for the "inject an error" dialog: an API or an error code, with a readable label.
struct FaultChoice {
  int value = 0;
  QString label;
};

// What the "inject an error" dialog asks for.
struct ErrorRule {
  int apiKey = 0;
  QString topic;  // empty: any topic
  int errorCode = 0;
  int count = 0;  // > 0: the next `count` requests; 0: every one (times `percent`)
  int percent = 100;
};

class FaultModel : public QObject {
  Q_OBJECT
 public:
  // Pause/Resume act on `brokerA` alone: a paused broker answers nothing until resumed.
  enum class LinkAction { Cut, CutOneWay, Delay, Drop, Heal, Isolate, Pause, Resume };

  explicit FaultModel(client::EmbeddedControl* control, QObject* parent = nullptr);
  static bool actsOnOneBroker(LinkAction a) {
    return a == LinkAction::Isolate || a == LinkAction::Pause || a == LinkAction::Resume;
  }
  ~FaultModel() override;

  // `amount`: milliseconds for Delay, a percentage (0-100) for Drop; ignored otherwise.
  // Isolate cuts every link of `brokerA` (`brokerB` is ignored).
  void applyLinkFault(LinkAction action, int brokerA, int brokerB, double amount = 0);
  void clearAll();
  // Injects an error code into the Kafka requests the rule picks; listed as a "request-error".
  void injectError(const ErrorRule& rule);
  // Removes one listed fault (an injected error, or a paused broker by resuming it).
  void removeFault(const FaultRow& row);
  // The APIs the backend can inject errors into (empty: it cannot).
  const QVector<FaultChoice>& apiChoices() const { return apis_; }
  // Every Kafka error code, the ones demos use most first: "NOT_LEADER_OR_FOLLOWER (6) —
  // retriable".
  static QVector<FaultChoice> errorChoices();
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
  QVector<FaultChoice> apis_;
  QTimer poll_;
  JobThread jobs_;  // last: stops first
};

}  // namespace runnel::widgets
