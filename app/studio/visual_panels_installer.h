// Installs the studio's visual panels once a session has opened: The Log (the log strip with
// record details), Charts, Demo Data (event clock and generators, when the cluster plays demo
// data) and Break Things (link faults, when the cluster is embedded). Their engine-facing models
// stop when the application is about to quit, before the session closes the cluster.
// GUI thread only; everything it creates is owned by the window.
#pragma once

namespace runnel::studio {

class MainWindow;
class StudioSession;

void installVisualPanels(MainWindow& window, StudioSession& session);

}  // namespace runnel::studio
