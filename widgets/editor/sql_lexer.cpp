#include "widgets/editor/sql_lexer.h"

#include <Qsci/qsciscintilla.h>

#include <QFontDatabase>

#include "widgets/models/sql_script_text.h"

namespace runnel::widgets {

SqlLexer::SqlLexer(QObject* parent) : QsciLexerCustom(parent) {
  QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  mono.setPointSize(std::max(mono.pointSize(), 10));
  setDefaultFont(mono);
  for (int s = 0; s < kSqlTextClassCount; ++s)
    setFont(mono, s);
  QFont bold = mono;
  bold.setBold(true);
  setFont(bold, int(SqlTextClass::kKeyword));
  QFont italic = mono;
  italic.setItalic(true);
  setFont(italic, int(SqlTextClass::kComment));
  applyTheme(false);
}

QString SqlLexer::description(int style) const {
  switch (SqlTextClass(style)) {
    case SqlTextClass::kDefault:
      return tr("Default");
    case SqlTextClass::kKeyword:
      return tr("Keyword");
    case SqlTextClass::kType:
      return tr("Type");
    case SqlTextClass::kFunction:
      return tr("Function");
    case SqlTextClass::kIdentifier:
      return tr("Identifier");
    case SqlTextClass::kQuotedIdentifier:
      return tr("Quoted identifier");
    case SqlTextClass::kString:
      return tr("String");
    case SqlTextClass::kNumber:
      return tr("Number");
    case SqlTextClass::kComment:
      return tr("Comment");
    case SqlTextClass::kOperator:
      return tr("Operator");
    case SqlTextClass::kVariable:
      return tr("Variable");
    case SqlTextClass::kError:
      return tr("Error");
  }
  return {};
}

void SqlLexer::applyTheme(bool dark) {
  // Two palettes tuned for contrast on the studio's editor backgrounds.
  struct Palette {
    const char* paper;
    const char* text;
    const char* keyword;
    const char* type;
    const char* function;
    const char* identifier;
    const char* quoted;
    const char* string;
    const char* number;
    const char* comment;
    const char* op;
    const char* variable;
    const char* error;
  };
  static constexpr Palette kLight{"#ffffff", "#1f2328", "#8250df", "#0550ae", "#6639ba",
                                  "#1f2328", "#953800", "#0a3069", "#0550ae", "#6e7781",
                                  "#cf222e", "#116329", "#cf222e"};
  static constexpr Palette kDark{"#1e2228", "#d6dbe1", "#c792ea", "#82aaff", "#ffcb6b",
                                 "#d6dbe1", "#f78c6c", "#c3e88d", "#f78c6c", "#7f8a99",
                                 "#89ddff", "#7fdbca", "#ff5370"};
  const Palette& p = dark ? kDark : kLight;
  const char* colours[kSqlTextClassCount] = {p.text,       p.keyword, p.type,     p.function,
                                             p.identifier, p.quoted,  p.string,   p.number,
                                             p.comment,    p.op,      p.variable, p.error};
  setDefaultPaper(QColor(p.paper));
  setDefaultColor(QColor(p.text));
  for (int s = 0; s < kSqlTextClassCount; ++s) {
    setColor(QColor(colours[s]), s);
    setPaper(QColor(p.paper), s);
  }
  setPaper(QColor(p.paper), -1);
}

void SqlLexer::styleText(int start, int end) {
  (void)start, (void)end;
  QsciScintilla* ed = editor();
  if (!ed) return;
  // Comments and strings may span lines, and scripts are small: re-colour the whole text.
  const QByteArray text = ed->text().toUtf8();
  startStyling(0);
  int at = 0;
  for (const SqlTextSpan& span : classifySql(text)) {
    if (span.offset > at) setStyling(span.offset - at, int(SqlTextClass::kDefault));
    setStyling(span.length, int(span.textClass));
    at = span.offset + span.length;
  }
  if (at < text.size()) setStyling(int(text.size()) - at, int(SqlTextClass::kDefault));
}

}  // namespace runnel::widgets
