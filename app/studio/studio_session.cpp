#include "app/studio/studio_session.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>

namespace runnel::studio {

StudioSession::StudioSession(Opener opener, QObject* parent)
    : QObject(parent), opener_(std::move(opener)) {}

StudioSession::~StudioSession() {
  for (auto& t : workers_)
    if (t.joinable()) t.join();
  if (feed_) feed_->stop();
  feed_.reset();
  client_.reset();
}

void StudioSession::open() {
  QPointer<StudioSession> self(this);
  opening_ = true;
  workers_.emplace_back([self, opener = opener_] {
    Result<std::unique_ptr<client::ClusterClient>> result = opener();
    // The client moves to the GUI thread through a shared holder (queued lambdas must be copyable).
    auto holder =
        std::make_shared<Result<std::unique_ptr<client::ClusterClient>>>(std::move(result));
    QMetaObject::invokeMethod(
        qApp,
        [self, holder] {
          if (!self) return;
          self->opening_ = false;
          if (!holder->isOk()) {
            emit self->failed(QString::fromStdString(holder->status().toString()));
            return;
          }
          self->client_ = std::move(*holder).value();
          self->feed_ = std::make_unique<widgets::ClusterFeed>(&self->client_->observer());
          self->feed_->start();
          emit self->opened();
        },
        Qt::QueuedConnection);
  });
}

void StudioSession::runAction(QString description,
                              std::function<Status(client::EmbeddedControl&)> action) {
  client::EmbeddedControl* control = client_ ? client_->embeddedControl() : nullptr;
  if (!control) {
    emit actionFinished(false, tr("%1: not possible on this cluster").arg(description));
    return;
  }
  QPointer<StudioSession> self(this);
  workers_.emplace_back([self, control, description = std::move(description),
                         action = std::move(action)] {
    const Status status = action(*control);
    QMetaObject::invokeMethod(
        qApp,
        [self, status, description] {
          if (!self) return;
          if (self->feed_) self->feed_->refreshSoon();
          emit self->actionFinished(
              status.isOk(),
              status.isOk()
                  ? description
                  : tr("%1 failed: %2").arg(description, QString::fromStdString(status.message())));
        },
        Qt::QueuedConnection);
  });
}

void StudioSession::killBroker(std::int32_t id) {
  runAction(tr("Broker %1 killed").arg(id),
            [id](client::EmbeddedControl& c) { return c.killBroker(id); });
}

void StudioSession::restartBroker(std::int32_t id) {
  runAction(tr("Broker %1 restarted").arg(id),
            [id](client::EmbeddedControl& c) { return c.restartBroker(id); });
}

void StudioSession::pauseBroker(std::int32_t id) {
  runAction(tr("Broker %1 paused: it keeps its connections but answers nothing").arg(id),
            [id](client::EmbeddedControl& c) { return c.pauseBroker(id); });
}

void StudioSession::resumeBroker(std::int32_t id) {
  runAction(tr("Broker %1 resumed").arg(id),
            [id](client::EmbeddedControl& c) { return c.resumeBroker(id); });
}

void StudioSession::addBroker() {
  runAction(tr("Broker added"), [](client::EmbeddedControl& c) {
    Result<std::int32_t> id = c.addBroker();
    return id.isOk() ? Status::ok() : id.status();
  });
}

}  // namespace runnel::studio
