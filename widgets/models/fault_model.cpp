#include "widgets/models/fault_model.h"

#include "engine/client/embedded_control.h"

namespace runnel::widgets {

FaultModel::FaultModel(client::EmbeddedControl* control, QObject* parent)
    : QObject(parent), control_(control) {
  poll_.setInterval(1000);
  connect(&poll_, &QTimer::timeout, this, &FaultModel::refresh);
  poll_.start();
  refresh();
}

FaultModel::~FaultModel() {
  shutdown();
}

void FaultModel::shutdown() {
  poll_.stop();
  jobs_.shutdown();
  control_ = nullptr;
}

void FaultModel::applyLinkFault(LinkAction action, int a, int b, double amount) {
  switch (action) {
    case LinkAction::Cut:
      return run(tr("Link %1 ↔ %2 cut").arg(a).arg(b),
                 [a, b](client::EmbeddedControl& c) { return c.cutLink(a, b, false); });
    case LinkAction::CutOneWay:
      return run(tr("Link %1 → %2 cut (one way)").arg(a).arg(b),
                 [a, b](client::EmbeddedControl& c) { return c.cutLink(a, b, true); });
    case LinkAction::Delay: {
      const int ms = static_cast<int>(amount);
      return run(tr("Link %1 ↔ %2 delayed by %3 ms").arg(a).arg(b).arg(ms),
                 [a, b, ms](client::EmbeddedControl& c) { return c.delayLink(a, b, ms); });
    }
    case LinkAction::Drop: {
      const double rate = amount / 100.0;
      return run(tr("Link %1 ↔ %2 drops %3% of messages").arg(a).arg(b).arg(amount),
                 [a, b, rate](client::EmbeddedControl& c) { return c.dropOnLink(a, b, rate); });
    }
    case LinkAction::Isolate:
      return run(tr("Broker %1 isolated: every link to it is cut").arg(a),
                 [a](client::EmbeddedControl& c) { return c.isolateBroker(a); });
    case LinkAction::Heal:
      return run(tr("Link %1 ↔ %2 healed").arg(a).arg(b),
                 [a, b](client::EmbeddedControl& c) { return c.healLink(a, b); });
  }
}

void FaultModel::clearAll() {
  run(tr("Every fault cleared"), [](client::EmbeddedControl& c) {
    c.clearFaults();
    return Status::ok();
  });
}

void FaultModel::run(QString done, std::function<Status(client::EmbeddedControl&)> action) {
  if (!control_) return;
  client::EmbeddedControl* control = control_;
  jobs_.post([this, control, done, action] {
    const Status s = action(*control);
    QMetaObject::invokeMethod(
        this,
        [this, done, s] {
          emit actionFinished(
              s.isOk(),
              s.isOk() ? done
                       : tr("Could not break that: %1").arg(QString::fromStdString(s.toString())));
        },
        Qt::QueuedConnection);
    readFaults();
  });
}

void FaultModel::refresh() {
  if (!control_) return;
  jobs_.post([this] { readFaults(); });
}

void FaultModel::readFaults() {
  QVector<FaultRow> rows;
  for (const client::ActiveFault& f : control_->activeFaults())
    rows.append({QString::fromStdString(f.kind), QString::fromStdString(f.description), f.brokerA,
                 f.brokerB});
  QMetaObject::invokeMethod(
      this,
      [this, rows] {
        const bool changed = [&] {
          if (rows.size() != faults_.size()) return true;
          for (int i = 0; i < rows.size(); ++i)
            if (rows[i].description != faults_[i].description) return true;
          return false;
        }();
        faults_ = rows;
        if (changed) emit faultsChanged();
      },
      Qt::QueuedConnection);
}

}  // namespace runnel::widgets
