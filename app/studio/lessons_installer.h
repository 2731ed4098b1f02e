// Installs the guided lessons once a session has opened: the LessonRunner over the session's
// cluster (with the studio's SQL engine for the stream-processing lesson), the Lessons panel in
// its dock, the highlight that raises and frames the dock a step points at, presenter mode's
// navigation, and — on the very first start — the welcome screen offering the lessons, the tour
// of the panels, or neither. GUI thread only; everything it creates is owned by the window.
#pragma once

namespace runnel::studio {

class MainWindow;
class StudioSession;

void installLessons(MainWindow& window, StudioSession& session);

}  // namespace runnel::studio
