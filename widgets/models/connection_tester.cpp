#include "widgets/models/connection_tester.h"

#include <QPointer>

#include "engine/remote/remote_cluster_client.h"

namespace runnel::widgets {

ConnectionTester::ConnectionTester(QObject* parent) : QObject(parent) {}

ConnectionTester::~ConnectionTester() {
  for (auto& t : workers_)
    if (t.joinable()) t.join();
}

remote::RemoteConfig ConnectionTester::configFor(const SavedConnection& connection) {
  remote::RemoteConfig config;
  config.name = connection.name.trimmed().toStdString();
  QStringList servers;
  for (const QString& s : connection.bootstrapServers.split(',', Qt::SkipEmptyParts))
    servers << s.trimmed();
  config.bootstrapServers = servers.join(',').toStdString();
  for (const auto& [key, value] : connection.properties)
    config.properties[key.trimmed().toStdString()] = value.toStdString();
  return config;
}

void ConnectionTester::test(const SavedConnection& connection) {
  remote::RemoteConfig config = configFor(connection);
  config.connectTimeout = timeout_;
  const int generation = ++generation_;
  running_ = true;
  QPointer<ConnectionTester> self(this);
  workers_.emplace_back([self, config, generation] {
    bool ok = false;
    QString message;
    auto opened = remote::RemoteClusterClient::open(config);
    if (opened.isOk()) {
      auto view = (*opened)->observer().view();
      ok = view.isOk();
      if (ok) {
        int topics = 0;
        for (const auto& t : view->topics)
          topics += t.internal ? 0 : 1;
        message = tr("Connected to %1: %n broker(s), ", nullptr, int(view->brokers.size()))
                      .arg(QString::fromStdString(config.bootstrapServers)) +
                  tr("%n topic(s), ", nullptr, topics) +
                  tr("%n consumer group(s).", nullptr, int(view->groups.size()));
      } else {
        message = QString::fromStdString(view.status().message());
      }
    } else {
      message = QString::fromStdString(opened.status().message());
    }
    QMetaObject::invokeMethod(
        self.data(),
        [self, generation, ok, message] {
          if (!self || generation != self->generation_) return;
          self->running_ = false;
          emit self->finished(ok, message);
        },
        Qt::QueuedConnection);
  });
}

}  // namespace runnel::widgets
