#include "widgets/models/sql_completer.h"

#include <QSet>

#include "engine/sql/lexer/lexer.h"
#include "widgets/models/sql_script_text.h"

namespace runnel::widgets {
namespace {

bool isWordByte(char c) {
  return sql::isIdentifierChar(c);
}

// The identifier ending just before byte `end` (skipping spaces when `skipSpace`).
QByteArray wordBefore(const QByteArray& text, int end, bool skipSpace, int* start = nullptr) {
  int i = end;
  if (skipSpace)
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n' ||
                     text[i - 1] == '\r'))
      --i;
  int j = i;
  while (j > 0 && isWordByte(text[j - 1]))
    --j;
  if (start) *start = j;
  return text.mid(j, i - j);
}

}  // namespace

SqlCompleter::SqlCompleter() : keywords_(sqlKeywords()), functions_(sqlFunctionNames()) {}

const SqlCatalogSnapshot::Source* SqlCompleter::findSource(const QString& name) const {
  for (const auto& s : catalog_.sources)
    if (s.name.compare(name, Qt::CaseInsensitive) == 0) return &s;
  return nullptr;
}

QStringList SqlCompleter::complete(const QByteArray& utf8, int cursor, int* prefixLength) const {
  cursor = std::clamp(cursor, 0, int(utf8.size()));
  int prefixStart = cursor;
  const QString prefix = QString::fromUtf8(wordBefore(utf8, cursor, false, &prefixStart));
  if (prefixLength) *prefixLength = cursor - prefixStart;

  // The statement around the cursor: its sources and their aliases ("FROM a x", "JOIN b AS y").
  const auto statement = sqlStatementAt(utf8, cursor);
  QList<const SqlCatalogSnapshot::Source*> named;
  QHash<QString, const SqlCatalogSnapshot::Source*> aliases;
  if (statement) {
    const QByteArray text = utf8.mid(statement->offset, statement->length);
    const auto tokens = sql::tokenize(std::string_view(text.constData(), text.size()));
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (!tokens[i].is(sql::TokenKind::kIdentifier)) continue;
      const QString word =
          QString::fromUtf8(tokens[i].text.data(), qsizetype(tokens[i].text.size()));
      const auto* source = findSource(word);
      if (!source) continue;
      if (!named.contains(source)) named << source;
      std::size_t a = i + 1;
      if (a < tokens.size() && tokens[a].isKeyword(sql::Keyword::kAs)) ++a;
      if (a < tokens.size() && tokens[a].is(sql::TokenKind::kIdentifier))
        aliases.insert(
            QString::fromUtf8(tokens[a].text.data(), qsizetype(tokens[a].text.size())).toUpper(),
            source);
    }
  }

  QStringList candidates;
  const bool afterDot = prefixStart > 0 && utf8[prefixStart - 1] == '.';
  if (afterDot) {
    const QString qualifier = QString::fromUtf8(wordBefore(utf8, prefixStart - 1, false));
    const auto* source = findSource(qualifier);
    if (!source) source = aliases.value(qualifier.toUpper());
    if (source) candidates = source->columns;
  } else {
    const QString previous = QString::fromUtf8(wordBefore(utf8, prefixStart, true)).toUpper();
    static const QSet<QString> wantsSource = {"FROM", "JOIN", "INTO", "DESCRIBE", "EXTENDED"};
    QStringList sources;
    for (const auto& s : catalog_.sources)
      sources << s.name;
    if (wantsSource.contains(previous)) {
      candidates = sources;
    } else {
      for (const auto* s : named)
        candidates << s->columns;
      candidates << functions_ << keywords_ << sources;
    }
  }

  // Lower-case typing gets lower-case words: the dialect is case-insensitive.
  const bool lower = !prefix.isEmpty() && prefix == prefix.toLower();
  QStringList out;
  QSet<QString> seen;
  for (const QString& c : candidates) {
    if (!c.startsWith(prefix, Qt::CaseInsensitive)) continue;
    if (c.compare(prefix, Qt::CaseInsensitive) == 0) continue;  // already typed in full
    const QString shown = lower ? c.toLower() : c;
    if (seen.contains(shown)) continue;
    seen.insert(shown);
    out << shown;
  }
  return out;
}

}  // namespace runnel::widgets
