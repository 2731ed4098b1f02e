// Templates for the produce dialog: text where {{i}} becomes the record's index in the batch,
// {{uuid}} a fresh random UUID, {{now}} the send time in ms since the epoch, {{iso}} the same as
// ISO-8601, {{random}} a number 0..999999, {{pick:a|b|c}} one of the choices. Unknown
// placeholders stay as typed, so a typo is visible in the produced record. Pure; any thread.
#pragma once

#include <QString>
#include <QStringList>

namespace runnel::widgets {

struct TemplateContext {
  int index = 0;
  qint64 nowMs = 0;
};

QString expandTemplate(const QString& text, const TemplateContext& context);
// The placeholders a template uses that expandTemplate does not know (for the dialog's warning).
QStringList unknownPlaceholders(const QString& text);

}  // namespace runnel::widgets
