// The studio's dock panels, described once: object name (the key QSettings stores the layout
// under, so never rename one), title, icon, where it sits in the default layout, and what it
// shows. MainWindow builds its docks and the View menu from this list.
#pragma once

#include <QString>
#include <Qt>
#include <vector>

namespace runnel::studio {

struct DockSpec {
  QString objectName;
  QString title;
  QString iconName;
  Qt::DockWidgetArea area;
  QString tabifyWith;  // object name of the dock it shares a tab stack with, or empty
  bool visibleByDefault;
  QString shortcut;     // toggles the dock
  QString description;  // what the panel shows (placeholder text and tooltips)
};

const std::vector<DockSpec>& dockCatalog();

}  // namespace runnel::studio
