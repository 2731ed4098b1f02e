// Installs the studio's data panels once a session has opened: the Topics dock, the Consumer
// Groups dock, message browser tabs in the workspace and the produce dialog, all fed by the
// session's ClusterFeed and acting through one DataActions worker.
// GUI thread only. Everything it creates is torn down when the application is about to quit,
// before the session (and the client the workers use) is destroyed.
#pragma once

namespace runnel::studio {

class MainWindow;
class StudioSession;

void installDataPanels(MainWindow& window, StudioSession& session);

}  // namespace runnel::studio
