#include "widgets/panels/placeholder_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "widgets/style/icons.h"

namespace runnel::widgets {

PlaceholderPanel::PlaceholderPanel(const QString& iconName, const QString& title,
                                   const QString& description, QWidget* parent)
    : QWidget(parent), title_(title), description_(description) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(24, 24, 24, 24);
  layout->setSpacing(10);
  layout->addStretch(1);

  auto* icon = new QLabel(this);
  icon->setPixmap(Icons::get(iconName).pixmap(QSize(40, 40)));
  icon->setAlignment(Qt::AlignCenter);
  icon->setEnabled(false);  // draws the icon in the muted (disabled) colour
  layout->addWidget(icon);

  auto* heading = new QLabel(title, this);
  heading->setAlignment(Qt::AlignCenter);
  QFont headingFont = heading->font();
  headingFont.setPointSizeF(headingFont.pointSizeF() * 1.15);
  headingFont.setBold(true);
  heading->setFont(headingFont);
  layout->addWidget(heading);

  // Centred by stretches rather than an alignment flag: a word-wrapped QLabel placed with an
  // alignment flag gets the height for the wrong width and clips its last lines.
  auto* text = new QLabel(description, this);
  text->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
  text->setWordWrap(true);
  text->setForegroundRole(QPalette::PlaceholderText);
  text->setMaximumWidth(460);
  text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
  auto* row = new QHBoxLayout;
  row->addStretch(1);
  row->addWidget(text, 10);
  row->addStretch(1);
  layout->addLayout(row);

  layout->addStretch(2);
  setObjectName(QStringLiteral("placeholder:") + title);
}

}  // namespace runnel::widgets
