// What the studio was asked to do at start-up (from the command line), handed to MainWindow.
// A plain value.
#pragma once

#include <QString>

namespace runnel::studio {

struct StudioOptions {
  QString dataDirectory;     // cluster data, workspace, logs; empty = the platform default
  QString theme;             // "system", "light", "dark"; empty = the saved choice
  bool resetLayout = false;  // ignore the saved window geometry and dock layout
  QString screenshotPath;    // when set: save a PNG of the window after start-up, then quit
  int quitAfterMs = -1;      // when >= 0: quit on its own after this long (smoke tests)
  // A window on a remote Kafka cluster (File > Connect to Kafka Cluster): titled with its name,
  // embedded-only panels and actions hidden, its layout neither restored nor saved.
  bool remote = false;
  QString clusterName;
};

}  // namespace runnel::studio
