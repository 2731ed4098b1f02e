#include "app/studio/dock_catalog.h"

#include <QCoreApplication>

namespace runnel::studio {

const std::vector<DockSpec>& dockCatalog() {
  auto tr = [](const char* text) { return QCoreApplication::translate("DockCatalog", text); };
  static const std::vector<DockSpec> catalog = {
      {"clusterDock", tr("Cluster"), "cluster", Qt::LeftDockWidgetArea, "", true, "Alt+1",
       tr("A card for every broker: its id and port, alive or dead, how many partitions it "
          "leads, bytes in and out per second, with Kill and Restart buttons. The controller is "
          "marked.")},
      {"topicsDock", tr("Topics"), "topics", Qt::LeftDockWidgetArea, "clusterDock", true, "Alt+2",
       tr("Every topic with its partitions, replication, size and rates; create, configure and "
          "delete topics, browse and produce messages.")},
      {"leadershipDock", tr("Partition Leadership"), "leadership", Qt::RightDockWidgetArea, "",
       true, "Alt+3",
       tr("For each topic, a grid of partitions × brokers: the leader, the followers, which "
          "replicas are in sync. Kill a broker and watch leadership move.")},
      {"groupsDock", tr("Consumer Groups"), "groups", Qt::RightDockWidgetArea, "leadershipDock",
       true, "Alt+4",
       tr("Each consumer group's members, their assigned partitions, committed offsets and lag; "
          "reset the offsets of an idle group.")},
      {"logStripDock", tr("The Log"), "log", Qt::BottomDockWidgetArea, "", true, "Alt+5",
       tr("One partition's log drawn as a strip of records from old to new — segments, log "
          "start, high watermark, log end — with a marker where each consumer group is reading.")},
      {"resultsDock", tr("Query Results"), "results", Qt::BottomDockWidgetArea, "logStripDock",
       true, "Alt+6",
       tr("Live result tables of running queries, updated in place per key and window, with the "
          "changelog beside them.")},
      {"eventsDock", tr("Events"), "events", Qt::BottomDockWidgetArea, "logStripDock", true,
       "Alt+7",
       tr("A timeline of what happened in the cluster: brokers dying and restarting, leaders "
          "moving, replicas leaving and rejoining the in-sync set, groups rebalancing.")},
      {"chartsDock", tr("Charts"), "charts", Qt::BottomDockWidgetArea, "logStripDock", false,
       "Alt+8", tr("Produce and consume rates, lag per group over time, and query throughput.")},
      {"clientsDock", tr("Clients"), "clients", Qt::BottomDockWidgetArea, "logStripDock", false, "",
       tr("The Kafka clients connected to the brokers' listeners: client id, software and "
          "version, address, broker and request rates.")},
      {"logDock", tr("Log"), "terminal", Qt::BottomDockWidgetArea, "logStripDock", true, "Alt+9",
       tr("Everything the engine and the studio log, with filters.")},
      {"demoDock", tr("Demo Data"), "clock", Qt::RightDockWidgetArea, "groupsDock", true, "",
       tr("The demo's event clock — pause it, step it, fast-forward it — and the data "
          "generators (card authorizations with fraud bursts, orders, page views) with a rate "
          "for each.")},
      {"faultsDock", tr("Break Things"), "fault", Qt::RightDockWidgetArea, "groupsDock", true, "",
       tr("Cut, slow or lossy-fy the links between brokers, see every fault in force and clear "
          "them all in one click.")},
      {"lessonsDock", tr("Lessons"), "lessons", Qt::RightDockWidgetArea, "leadershipDock", false,
       "F1",
       tr("Guided lessons on the ideas of event streaming, played out on the running cluster, "
          "step by step.")},
  };
  return catalog;
}

}  // namespace runnel::studio
