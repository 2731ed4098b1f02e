#include "app/studio/remote_windows.h"

#include <QCoreApplication>
#include <QDir>

#include "app/studio/main_window.h"
#include "app/studio/studio_session.h"
#include "engine/remote/remote_cluster_client.h"
#include "widgets/dialogs/connection_dialog.h"
#include "widgets/models/connection_store.h"
#include "widgets/models/connection_tester.h"
#include "widgets/models/keychain_secret_store.h"

namespace runnel::studio {

RemoteWindows::RemoteWindows(StudioOptions baseOptions, widgets::LogModel* logModel,
                             QString logFilePath, std::unique_ptr<widgets::SecretStore> secrets,
                             QObject* parent)
    : QObject(parent),
      baseOptions_(std::move(baseOptions)),
      logModel_(logModel),
      logFilePath_(std::move(logFilePath)),
      secrets_(secrets ? std::move(secrets) : std::make_unique<widgets::KeychainSecretStore>()) {
  QDir().mkpath(baseOptions_.dataDirectory);
  store_ = std::make_unique<widgets::ConnectionStore>(
      baseOptions_.dataDirectory + QStringLiteral("/workspace.sqlite"), secrets_.get());
  tester_ = new widgets::ConnectionTester(this);
  // Sessions are not children of their windows: they must outlive them (see closeAll()).
  connect(qApp, &QCoreApplication::aboutToQuit, this, &RemoteWindows::closeAll);
}

RemoteWindows::~RemoteWindows() {
  closeAll();
}

void RemoteWindows::closeAll() {
  delete dialog_.data();
  for (Opened& o : opened_) {
    delete o.window.data();
    delete o.session;
  }
  opened_.clear();
  // Quitting: these wait for their connection attempts here, once, off any window's path.
  for (StudioSession* session : closing_)
    delete session;
  closing_.clear();
}

widgets::ConnectionDialog* RemoteWindows::showDialog(QWidget* parent) {
  if (!dialog_) {
    dialog_ = new widgets::ConnectionDialog(store_.get(), tester_, parent);
    connect(dialog_, &widgets::ConnectionDialog::connectRequested, this, &RemoteWindows::open);
  }
  dialog_->show();
  dialog_->raise();
  dialog_->activateWindow();
  return dialog_;
}

MainWindow* RemoteWindows::open(const widgets::SavedConnection& connection) {
  StudioOptions options = baseOptions_;
  options.remote = true;
  options.clusterName = connection.name;
  options.screenshotPath.clear();
  options.quitAfterMs = -1;
  auto* window = new MainWindow(options, logModel_, logFilePath_);
  window->setAttribute(Qt::WA_DeleteOnClose);
  const remote::RemoteConfig config = widgets::ConnectionTester::configFor(connection);
  auto* session = new StudioSession([config]() -> Result<std::unique_ptr<client::ClusterClient>> {
    RUNNEL_ASSIGN_OR_RETURN(auto client, remote::RemoteClusterClient::open(config));
    return std::unique_ptr<client::ClusterClient>(std::move(client));
  });
  window->attachSession(session);
  connect(window, &MainWindow::connectToClusterRequested, this,
          [this, window] { showDialog(window); });
  // Deleted after its window: queued, so it runs once the window's panels are gone. A window
  // closed while its cluster is still connecting goes at once; its session follows when the
  // attempt answers, so closing never waits for the connect timeout.
  connect(window, &QObject::destroyed, this, [this, session] {
    for (qsizetype i = 0; i < opened_.size(); ++i) {
      if (opened_[i].session == session) {
        opened_.removeAt(i);
        if (session->isOpening()) {
          closing_.append(session);
          auto finish = [this, session] {
            closing_.removeOne(session);
            session->deleteLater();
          };
          connect(session, &StudioSession::opened, this, finish);
          connect(session, &StudioSession::failed, this, finish);
        } else {
          session->deleteLater();
        }
        return;
      }
    }
  });
  opened_.append({window, session});
  window->show();
  session->open();
  emit windowOpened(window);
  return window;
}

QList<MainWindow*> RemoteWindows::windows() const {
  QList<MainWindow*> out;
  for (const Opened& o : opened_)
    if (o.window) out << o.window.data();
  return out;
}

}  // namespace runnel::studio
