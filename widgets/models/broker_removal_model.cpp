#include "widgets/models/broker_removal_model.h"

#include <QMetaObject>

#include "engine/client/embedded_control.h"
#include "widgets/models/plural.h"

namespace runnel::widgets {

BrokerRemovalModel::BrokerRemovalModel(client::EmbeddedControl* control, QObject* parent)
    : QObject(parent), control_(control) {}

BrokerRemovalModel::~BrokerRemovalModel() {
  shutdown();
}

void BrokerRemovalModel::shutdown() {
  plans_.shutdown();
  removals_.shutdown();
  control_ = nullptr;
}

void BrokerRemovalModel::drain() {
  plans_.drain();
  removals_.drain();
}

QString BrokerRemovalModel::describePlan(const client::BrokerRemovalPlan& plan) {
  if (plan.replicasToMove == 0) return tr("It holds no replicas, so nothing has to move.");
  QStringList where;
  for (const auto& [id, n] : plan.movesPerBroker)
    where << tr("%1 to broker %2").arg(n).arg(id);
  return tr("%1 move: %2.")
      .arg(counted(plan.replicasToMove, tr("replica"), tr("replicas")), where.join(tr(", ")));
}

QString BrokerRemovalModel::describeRefusal(int brokerId, const QString& engineMessage) {
  if (engineMessage.startsWith(QStringLiteral("cannot remove")))
    return engineMessage.left(1).toUpper() + engineMessage.mid(1);
  return tr("Cannot remove broker %1: %2").arg(brokerId).arg(engineMessage);
}

void BrokerRemovalModel::requestPlan(int brokerId) {
  if (!control_) {
    emit refused(brokerId,
                 tr("Cannot remove broker %1: this cluster cannot remove brokers").arg(brokerId));
    return;
  }
  client::EmbeddedControl* control = control_;
  plans_.post([this, control, brokerId] {
    Result<client::BrokerRemovalPlan> plan = control->planBrokerRemoval(brokerId);
    const bool ok = plan.isOk();
    const QString text =
        ok ? describePlan(*plan)
           : describeRefusal(brokerId, QString::fromStdString(plan.status().message()));
    QMetaObject::invokeMethod(
        this,
        [this, brokerId, ok, text] {
          if (ok)
            emit planReady(brokerId, text);
          else
            emit refused(brokerId, text);
        },
        Qt::QueuedConnection);
  });
}

void BrokerRemovalModel::remove(int brokerId) {
  if (!control_ || removing_.count(brokerId)) return;
  removing_.insert(brokerId);
  emit removalStarted(brokerId);
  client::EmbeddedControl* control = control_;
  removals_.post([this, control, brokerId] {
    const Status s = control->removeBroker(brokerId);
    const QString text = s.isOk() ? tr("Broker %1 removed").arg(brokerId)
                                  : describeRefusal(brokerId, QString::fromStdString(s.message()));
    QMetaObject::invokeMethod(
        this,
        [this, brokerId, ok = s.isOk(), text] {
          removing_.erase(brokerId);
          emit removalFinished(brokerId, ok, text);
        },
        Qt::QueuedConnection);
  });
}

}  // namespace runnel::widgets
