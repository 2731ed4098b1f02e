#include "widgets/models/produce_template.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>

namespace runnel::widgets {
namespace {

const QRegularExpression& placeholder() {
  static const QRegularExpression re(
      QStringLiteral("\\{\\{\\s*([a-zA-Z]+)(?::([^}]*))?\\s*\\}\\}"));
  return re;
}

bool known(const QString& name) {
  return name == "i" || name == "uuid" || name == "now" || name == "iso" || name == "random" ||
         name == "pick";
}

}  // namespace

QString expandTemplate(const QString& text, const TemplateContext& context) {
  if (!text.contains(QStringLiteral("{{"))) return text;
  QString out;
  out.reserve(text.size() + 16);
  qsizetype last = 0;
  auto it = placeholder().globalMatch(text);
  while (it.hasNext()) {
    const auto m = it.next();
    out += QStringView(text).mid(last, m.capturedStart() - last);
    last = m.capturedEnd();
    const QString name = m.captured(1);
    if (name == "i") {
      out += QString::number(context.index);
    } else if (name == "uuid") {
      out += QUuid::createUuid().toString(QUuid::WithoutBraces);
    } else if (name == "now") {
      out += QString::number(context.nowMs);
    } else if (name == "iso") {
      out += QDateTime::fromMSecsSinceEpoch(context.nowMs, Qt::UTC).toString(Qt::ISODateWithMs);
    } else if (name == "random") {
      out += QString::number(QRandomGenerator::global()->bounded(1'000'000));
    } else if (name == "pick" && !m.captured(2).isEmpty()) {
      const QStringList choices = m.captured(2).split('|');
      out += choices.at(QRandomGenerator::global()->bounded(static_cast<int>(choices.size())));
    } else {
      out += m.captured(0);
    }
  }
  out += QStringView(text).mid(last);
  return out;
}

QStringList unknownPlaceholders(const QString& text) {
  QStringList unknown;
  auto it = placeholder().globalMatch(text);
  while (it.hasNext()) {
    const auto m = it.next();
    if (!known(m.captured(1)) || (m.captured(1) == "pick" && m.captured(2).isEmpty()))
      unknown << m.captured(0);
  }
  return unknown;
}

}  // namespace runnel::widgets
