// SqlLexer: QScintilla's colouring of ksqlDB-dialect SQL — keywords, type names, functions,
// identifiers, strings, numbers, comments, operators, variables and lexical errors — using the
// engine's own tokenizer (through widgets/models/sql_script_text.h), so the editor colours text
// exactly as the parser reads it. Colours follow the studio theme (light or dark).
// GUI thread only; owned by its editor (QObject parent).
#pragma once

#include <Qsci/qscilexercustom.h>

namespace runnel::widgets {

class SqlLexer : public QsciLexerCustom {
  Q_OBJECT
 public:
  explicit SqlLexer(QObject* parent = nullptr);

  const char* language() const override { return "ksqlDB SQL"; }
  QString description(int style) const override;
  void styleText(int start, int end) override;

  // Re-colours for the theme (light or dark palette).
  void applyTheme(bool dark);
};

}  // namespace runnel::widgets
