// BrokerRemovalModel: removing a broker from the studio. It asks the engine what a removal would
// move where (for the confirmation), runs the removal (the engine drains the broker first, which
// takes a while), and reports each outcome as a sentence. Plans and removals run on two worker
// threads, so a plan is answered even while a removal drains; results come back queued.
// Lives on the GUI thread; the control must outlive it, or shutdown() must be called first.
#pragma once

#include <QObject>
#include <QString>
#include <set>

#include "widgets/models/job_thread.h"

namespace runnel::client {
class EmbeddedControl;
struct BrokerRemovalPlan;
}  // namespace runnel::client

namespace runnel::widgets {

class BrokerRemovalModel : public QObject {
  Q_OBJECT
 public:
  explicit BrokerRemovalModel(client::EmbeddedControl* control, QObject* parent = nullptr);
  ~BrokerRemovalModel() override;

  // Answers with planReady() or refused().
  void requestPlan(int brokerId);
  // Answers with removalFinished(); removalStarted() first.
  void remove(int brokerId);
  bool isRemoving(int brokerId) const { return removing_.count(brokerId) > 0; }
  void shutdown();
  // Waits for every job posted so far (tests).
  void drain();

  // "12 replicas move: 6 to broker 1, 6 to broker 2." or "It holds no replicas."
  static QString describePlan(const client::BrokerRemovalPlan& plan);
  // An engine refusal as a sentence that names the broker: "Cannot remove broker 3: ...".
  static QString describeRefusal(int brokerId, const QString& engineMessage);

 signals:
  void planReady(int brokerId, const QString& summary);
  void refused(int brokerId, const QString& message);
  void removalStarted(int brokerId);
  void removalFinished(int brokerId, bool ok, const QString& message);

 private:
  client::EmbeddedControl* control_;
  std::set<int> removing_;  // GUI thread only
  // Declared last: destroyed first, so no job outlives the members it uses.
  JobThread plans_;
  JobThread removals_;
};

}  // namespace runnel::widgets
