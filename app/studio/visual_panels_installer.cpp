#include "app/studio/visual_panels_installer.h"

#include <QCoreApplication>
#include <QStatusBar>

#include "app/studio/main_window.h"
#include "app/studio/query_panels_installer.h"
#include "app/studio/studio_cluster.h"
#include "app/studio/studio_session.h"
#include "engine/kafka/front_end/kafka_front_end.h"
#include "widgets/models/client_list_model.h"
#include "widgets/models/demo_control_model.h"
#include "widgets/models/fault_model.h"
#include "widgets/models/record_fetcher.h"
#include "widgets/panels/charts_panel.h"
#include "widgets/panels/clients_panel.h"
#include "widgets/panels/demo_controls_panel.h"
#include "widgets/panels/faults_panel.h"
#include "widgets/panels/log_strip_panel.h"

namespace runnel::studio {

void installVisualPanels(MainWindow& window, StudioSession& session) {
  client::ClusterClient* client = session.client();
  widgets::ClusterFeed* feed = session.feed();
  auto* fetcher = new widgets::RecordFetcher(client, &window);
  QObject::connect(qApp, &QCoreApplication::aboutToQuit, fetcher,
                   &widgets::RecordFetcher::shutdown);

  auto* log = new widgets::LogStripPanel(fetcher);
  QObject::connect(feed, &widgets::ClusterFeed::viewUpdated, log,
                   &widgets::LogStripPanel::showView);
  window.setDockPanel(QStringLiteral("logStripDock"), log);

  auto* charts = new widgets::ChartsPanel;
  QObject::connect(feed, &widgets::ClusterFeed::viewUpdated, charts,
                   &widgets::ChartsPanel::showView);
  // The SQL engine is installed before these panels (MainWindow::showClusterPanels).
  charts->attachSql(QueryPanels::of(&window)->sql());
  window.setDockPanel(QStringLiteral("chartsDock"), charts);

  auto report = [&window](bool ok, const QString& message) {
    window.statusBar()->showMessage(message, ok ? 5000 : 15000);
  };
  if (auto* studio = dynamic_cast<StudioCluster*>(client); studio && studio->demoClock()) {
    auto* demo = new widgets::DemoControlModel(studio->demoClock(), studio->generators(), &window);
    QObject::connect(qApp, &QCoreApplication::aboutToQuit, demo,
                     &widgets::DemoControlModel::shutdown);
    QObject::connect(demo, &widgets::DemoControlModel::actionFinished, &window, report);
    window.setDockPanel(QStringLiteral("demoDock"), new widgets::DemoControlsPanel(demo));
  }
  if (auto* studio = dynamic_cast<StudioCluster*>(client); studio && studio->listeners()) {
    kafka::KafkaFrontEnd* listeners = studio->listeners();
    auto* clients =
        new widgets::ClientListModel([listeners] { return listeners->clients(); }, &window);
    QObject::connect(qApp, &QCoreApplication::aboutToQuit, clients,
                     &widgets::ClientListModel::shutdown);
    window.setDockPanel(
        QStringLiteral("clientsDock"),
        new widgets::ClientsPanel(clients, QString::fromStdString(studio->bootstrapServers())));
  }
  if (session.controllable()) {
    auto* faults = new widgets::FaultModel(client->embeddedControl(), &window);
    QObject::connect(qApp, &QCoreApplication::aboutToQuit, faults, &widgets::FaultModel::shutdown);
    QObject::connect(faults, &widgets::FaultModel::actionFinished, &window, report);
    auto* panel = new widgets::FaultsPanel(faults);
    QObject::connect(feed, &widgets::ClusterFeed::viewUpdated, panel,
                     &widgets::FaultsPanel::showView);
    window.setDockPanel(QStringLiteral("faultsDock"), panel);
  }
  if (const widgets::ClusterViewPtr view = feed->latest()) {
    log->showView(view);
    charts->showView(view);
  }
}

}  // namespace runnel::studio
