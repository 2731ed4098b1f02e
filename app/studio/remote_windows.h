// RemoteWindows: the studio's windows on remote Kafka clusters. Shows the connection dialog
// (saved connections in the workspace, secrets in the platform key store), and opens one
// MainWindow per connection the user picks, each with its own StudioSession over a
// RemoteClusterClient opened off the GUI thread; several can be open at once. A closed window
// is destroyed first, then its session (the panels' workers stop before the client goes).
// GUI thread only; owns the windows and sessions it opens and the connection store.
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <memory>

#include "app/studio/studio_options.h"
#include "widgets/models/saved_connection.h"
#include "widgets/models/secret_store.h"

namespace runnel::widgets {
class ConnectionDialog;
class ConnectionStore;
class ConnectionTester;
class LogModel;
}  // namespace runnel::widgets

namespace runnel::studio {

class MainWindow;
class StudioSession;

class RemoteWindows : public QObject {
  Q_OBJECT
 public:
  // `secrets` null: the platform key store (QtKeychain). Tests pass their own.
  RemoteWindows(StudioOptions baseOptions, widgets::LogModel* logModel, QString logFilePath,
                std::unique_ptr<widgets::SecretStore> secrets = nullptr, QObject* parent = nullptr);
  ~RemoteWindows() override;

  widgets::ConnectionStore* store() const { return store_.get(); }
  // Shows the (one) connection dialog over `parent`, creating it on first use.
  widgets::ConnectionDialog* showDialog(QWidget* parent);
  // Opens a window on `connection` and starts connecting; returns it at once.
  MainWindow* open(const widgets::SavedConnection& connection);
  QList<MainWindow*> windows() const;

 signals:
  void windowOpened(runnel::studio::MainWindow* window);

 private:
  struct Opened {
    QPointer<MainWindow> window;
    StudioSession* session;
  };
  void closeAll();

  StudioOptions baseOptions_;
  widgets::LogModel* logModel_;
  QString logFilePath_;
  std::unique_ptr<widgets::SecretStore> secrets_;
  std::unique_ptr<widgets::ConnectionStore> store_;
  widgets::ConnectionTester* tester_;
  QPointer<widgets::ConnectionDialog> dialog_;
  QList<Opened> opened_;
  QList<StudioSession*> closing_;  // windows gone, connection attempt not yet answered
};

}  // namespace runnel::studio
