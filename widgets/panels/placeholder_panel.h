// A panel that is not built yet: it names itself and says, in a sentence or two, what it will
// show, so the studio's layout can be arranged and tested before every panel exists.
// GUI thread only; owned by its dock widget.
#pragma once

#include <QWidget>

namespace runnel::widgets {

class PlaceholderPanel : public QWidget {
  Q_OBJECT
 public:
  PlaceholderPanel(const QString& iconName, const QString& title, const QString& description,
                   QWidget* parent = nullptr);

  QString title() const { return title_; }
  QString description() const { return description_; }

 private:
  QString title_;
  QString description_;
};

}  // namespace runnel::widgets
