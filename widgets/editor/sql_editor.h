// SqlEditor: the studio's SQL text editor (QScintilla) — dialect highlighting (SqlLexer), line
// numbers, completion of keywords, functions, streams, tables and columns (SqlCompleter over
// the engine catalog snapshot), and error markers: a squiggle at the reported line:column, a
// margin marker, the message as an annotation under the line and as a tooltip. Ctrl+Enter asks
// to run the statement under the cursor, Ctrl+Shift+Enter the whole script.
// GUI thread only; owns its lexer and completer.
#pragma once

#include <Qsci/qsciscintilla.h>

#include <optional>

#include "widgets/models/sql_completer.h"
#include "widgets/models/sql_script_text.h"

namespace runnel::widgets {

class SqlLexer;

class SqlEditor : public QsciScintilla {
  Q_OBJECT
 public:
  explicit SqlEditor(QWidget* parent = nullptr);

  void setCatalog(const SqlCatalogSnapshot& catalog) { completer_.setCatalog(catalog); }
  // Candidates for the word at the cursor (what the popup shows).
  QStringList completionsAtCursor() const;
  // Opens the completion popup at the cursor, if there is anything to offer.
  void showCompletions();

  // The statement under the cursor (byte range in text().toUtf8()).
  std::optional<SqlStatementRange> statementAtCursor() const;
  // Marks an error at 1-based `line` and `column` (code points) with `message`.
  void markError(int line, int column, const QString& message);
  void clearErrors();
  // Lines (1-based) carrying an error marker, and the message there (tests, tooltips).
  QList<int> errorLines() const;
  QString errorMessageAt(int line) const;
  int errorIndicatorStart() const { return errorStart_; }  // byte position, -1 when none

  void applyTheme(bool dark);

 signals:
  void runStatementRequested();
  void runAllRequested();

 protected:
  void keyPressEvent(QKeyEvent* event) override;

 private:
  void completionChosen(int id, const QString& text);
  void showTooltipAt(int position, int x, int y);
  int bytePosition(int line, int column) const;

  SqlLexer* lexer_;
  SqlCompleter completer_;
  int errorMarker_ = 0;
  int errorIndicator_ = 0;
  int errorStart_ = -1;
  QMap<int, QString> errors_;  // line -> message
  bool dark_ = false;
};

}  // namespace runnel::widgets
