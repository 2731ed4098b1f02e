#include "widgets/models/fault_model.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "engine/client/embedded_control.h"
#include "engine/common/error_code.h"

namespace runnel::widgets {

FaultModel::FaultModel(client::EmbeddedControl* control, QObject* parent)
    : QObject(parent), control_(control) {
  // A constant table: no engine work behind it.
  if (control_) {
    for (const client::InjectableApiInfo& api : control_->injectableApis())
      apis_.append({api.apiKey, QString::fromStdString(api.name)});
  }
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
    case LinkAction::Pause:
      return run(tr("Broker %1 paused: it keeps its connections but answers nothing").arg(a),
                 [a](client::EmbeddedControl& c) { return c.pauseBroker(a); });
    case LinkAction::Resume:
      return run(tr("Broker %1 resumed").arg(a),
                 [a](client::EmbeddedControl& c) { return c.resumeBroker(a); });
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

void FaultModel::injectError(const ErrorRule& rule) {
  client::InjectedError e;
  e.apiKey = static_cast<std::int16_t>(rule.apiKey);
  e.topic = rule.topic.trimmed().toStdString();
  e.errorCode = static_cast<std::int16_t>(rule.errorCode);
  e.count = rule.count;
  e.probability = rule.percent / 100.0;
  QString api = QStringLiteral("API %1").arg(rule.apiKey);
  for (const FaultChoice& c : apis_)
    if (c.value == rule.apiKey) api = c.label;
  const std::string_view name =
      kafka::errorCodeName(kafka::errorCodeFromWire(static_cast<std::int16_t>(rule.errorCode)));
  const QString error = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
  run(tr("%1 requests now answer %2").arg(api, error), [e](client::EmbeddedControl& c) {
    Result<std::int64_t> id = c.injectError(e);
    return id.isOk() ? Status::ok() : id.status();
  });
}

void FaultModel::removeFault(const FaultRow& row) {
  if (row.kind == QStringLiteral("request-error")) {
    const std::int64_t id = row.ruleId;
    return run(tr("Injected error removed"),
               [id](client::EmbeddedControl& c) { return c.removeInjectedError(id); });
  }
  if (row.kind == QStringLiteral("broker-paused"))
    return applyLinkFault(LinkAction::Resume, row.brokerA, -1);
  if (row.brokerB > 0) applyLinkFault(LinkAction::Heal, row.brokerA, row.brokerB);
}

QVector<FaultChoice> FaultModel::errorChoices() {
  using kafka::ErrorCode;
  const ErrorCode first[] = {ErrorCode::kNotLeaderOrFollower,     ErrorCode::kRequestTimedOut,
                             ErrorCode::kLeaderNotAvailable,      ErrorCode::kNotEnoughReplicas,
                             ErrorCode::kCoordinatorNotAvailable, ErrorCode::kNotCoordinator,
                             ErrorCode::kUnknownTopicOrPartition, ErrorCode::kNetworkException,
                             ErrorCode::kCorruptMessage,          ErrorCode::kUnknownServerError};
  auto choice = [](ErrorCode code) {
    const auto wire = kafka::toWire(code);
    return FaultChoice{wire,
                       QStringLiteral("%1 (%2)%3")
                           .arg(QString::fromStdString(std::string(kafka::errorCodeName(code))))
                           .arg(wire)
                           .arg(kafka::isRetriable(code) ? tr(" — retriable") : QString())};
  };
  QVector<FaultChoice> out;
  for (ErrorCode code : first)
    out.append(choice(code));
  for (int wire = 1; wire <= kafka::kHighestKnownErrorCode; ++wire) {
    const auto w = static_cast<std::int16_t>(wire);
    if (!kafka::isKnownErrorCode(w)) continue;
    const ErrorCode code = kafka::errorCodeFromWire(w);
    if (std::find(std::begin(first), std::end(first), code) == std::end(first))
      out.append(choice(code));
  }
  return out;
}

void FaultModel::run(QString done, std::function<Status(client::EmbeddedControl&)> action) {
  if (!control_) return;
  client::EmbeddedControl* control = control_;
  jobs_.post([this, control, done = std::move(done), action = std::move(action)] {
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
                 f.brokerB, f.ruleId});
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
