#include "widgets/editor/sql_editor.h"

#include <Qsci/qscistyle.h>

#include <QKeyEvent>
#include <QToolTip>

#include "widgets/editor/sql_lexer.h"

namespace runnel::widgets {
namespace {
constexpr int kCompletionListId = 1;
constexpr int kAnnotationStyle = 40;  // beyond the lexer's styles
}  // namespace

SqlEditor::SqlEditor(QWidget* parent) : QsciScintilla(parent), lexer_(new SqlLexer(this)) {
  setObjectName(QStringLiteral("sqlEditor"));
  setUtf8(true);
  setLexer(lexer_);
  setMarginType(0, NumberMargin);
  setMarginLineNumbers(0, true);
  setMarginWidth(0, QStringLiteral("0000"));
  setMarginType(1, SymbolMargin);
  setMarginWidth(1, 14);
  setMarginSensitivity(1, false);
  errorMarker_ = markerDefine(Circle);
  setMarginMarkerMask(1, 1 << errorMarker_);
  errorIndicator_ = indicatorDefine(SquiggleIndicator);
  setAnnotationDisplay(AnnotationBoxed);
  setBraceMatching(SloppyBraceMatch);
  setAutoIndent(true);
  setIndentationsUseTabs(false);
  setTabWidth(2);
  setCaretLineVisible(true);
  setWrapMode(WrapNone);
  // Scroll only as wide as the longest line, not Scintilla's fixed 2000 pixels.
  SendScintilla(SCI_SETSCROLLWIDTH, 1L);
  SendScintilla(SCI_SETSCROLLWIDTHTRACKING, 1L);
  setAutoCompletionSource(AcsNone);  // our own list, from the catalog
  SendScintilla(SCI_AUTOCSETIGNORECASE, 1L);
  SendScintilla(SCI_AUTOCSETMAXHEIGHT, 10L);
  SendScintilla(SCI_SETMOUSEDWELLTIME, 400L);
  connect(this, &QsciScintilla::userListActivated, this, &SqlEditor::completionChosen);
  connect(this, &QsciScintillaBase::SCN_DWELLSTART, this, &SqlEditor::showTooltipAt);
  connect(this, &QsciScintillaBase::SCN_DWELLEND, this, [] { QToolTip::hideText(); });
  connect(this, &QsciScintilla::textChanged, this, [this] {
    // An edit invalidates positions; the next run reports afresh.
    if (!errors_.isEmpty()) clearErrors();
  });
  applyTheme(false);
}

void SqlEditor::applyTheme(bool dark) {
  dark_ = dark;
  lexer_->applyTheme(dark);
  const QColor paper = dark ? QColor("#1e2228") : QColor("#ffffff");
  const QColor margin = dark ? QColor("#252a31") : QColor("#f6f8fa");
  const QColor marginText = dark ? QColor("#7f8a99") : QColor("#8c959f");
  const QColor error = dark ? QColor("#ff5370") : QColor("#cf222e");
  setPaper(paper);
  setMarginsBackgroundColor(margin);
  setMarginsForegroundColor(marginText);
  setCaretForegroundColor(dark ? QColor("#d6dbe1") : QColor("#1f2328"));
  setCaretLineBackgroundColor(dark ? QColor("#262c34") : QColor("#f3f6fa"));
  setSelectionBackgroundColor(dark ? QColor("#3a4a63") : QColor("#cfe3ff"));
  setMatchedBraceBackgroundColor(dark ? QColor("#3a4a63") : QColor("#dbe9ff"));
  setMarkerBackgroundColor(error, errorMarker_);
  setMarkerForegroundColor(error, errorMarker_);
  setIndicatorForegroundColor(error, errorIndicator_);
  SendScintilla(SCI_STYLESETBACK, kAnnotationStyle, dark ? QColor("#3b2327") : QColor("#ffebe9"));
  SendScintilla(SCI_STYLESETFORE, kAnnotationStyle, dark ? QColor("#ffb4ab") : QColor("#82071e"));
  // Re-annotate so the boxes take the new colours.
  const auto saved = errors_;
  for (auto it = saved.begin(); it != saved.end(); ++it)
    annotate(it.key() - 1, it.value(), kAnnotationStyle);
}

QStringList SqlEditor::completionsAtCursor() const {
  const int pos = int(SendScintilla(SCI_GETCURRENTPOS));
  return completer_.complete(text().toUtf8(), pos, nullptr);
}

void SqlEditor::showCompletions() {
  const QStringList words = completionsAtCursor();
  if (words.isEmpty()) {
    if (isListActive()) cancelList();
    return;
  }
  showUserList(kCompletionListId, words);
}

void SqlEditor::completionChosen(int id, const QString& chosen) {
  if (id != kCompletionListId) return;
  const int pos = int(SendScintilla(SCI_GETCURRENTPOS));
  int prefix = 0;
  completer_.complete(text().toUtf8(), pos, &prefix);
  SendScintilla(SCI_SETSELECTIONSTART, long(pos - prefix));
  SendScintilla(SCI_SETSELECTIONEND, long(pos));
  replaceSelectedText(chosen);
}

void SqlEditor::keyPressEvent(QKeyEvent* event) {
  const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
  if (enter && (event->modifiers() & Qt::ControlModifier)) {
    if (isListActive()) cancelList();
    if (event->modifiers() & Qt::ShiftModifier)
      emit runAllRequested();
    else
      emit runStatementRequested();
    event->accept();
    return;
  }
  if (event->key() == Qt::Key_Space && (event->modifiers() & Qt::ControlModifier)) {
    showCompletions();
    event->accept();
    return;
  }
  QsciScintilla::keyPressEvent(event);
  // Offer words while an identifier is being typed (from its second character) or after a dot.
  const QString typed = event->text();
  if (typed.size() == 1 && (typed[0].isLetterOrNumber() || typed[0] == QLatin1Char('_') ||
                            typed[0] == QLatin1Char('.'))) {
    int prefix = 0;
    const int pos = int(SendScintilla(SCI_GETCURRENTPOS));
    const QStringList words = completer_.complete(text().toUtf8(), pos, &prefix);
    if ((prefix >= 2 || typed[0] == QLatin1Char('.')) && !words.isEmpty())
      showUserList(kCompletionListId, words);
    else if (isListActive())
      cancelList();
  }
}

std::optional<SqlStatementRange> SqlEditor::statementAtCursor() const {
  return sqlStatementAt(text().toUtf8(), int(SendScintilla(SCI_GETCURRENTPOS)));
}

int SqlEditor::bytePosition(int line, int column) const {
  const int lineIndex = std::clamp(line - 1, 0, std::max(0, lines() - 1));
  const long lineStart = SendScintilla(SCI_POSITIONFROMLINE, long(lineIndex));
  const QString lineText = text(lineIndex);
  // Columns count code points; Scintilla positions are bytes.
  QString prefix;
  int points = 0;
  for (int i = 0; i < lineText.size() && points < column - 1; ++i) {
    prefix += lineText[i];
    if (!lineText[i].isHighSurrogate()) ++points;
  }
  return int(lineStart) + int(prefix.toUtf8().size());
}

void SqlEditor::markError(int line, int column, const QString& message) {
  if (line < 1) line = 1;
  if (column < 1) column = 1;
  const QSignalBlocker block(this);  // annotating is not an edit
  const int lineIndex = std::min(line - 1, std::max(0, lines() - 1));
  errors_.insert(lineIndex + 1, message);
  markerAdd(lineIndex, errorMarker_);
  // Underline the word at the error (or one character at the end of the input).
  const int start = bytePosition(lineIndex + 1, column);
  int end = int(SendScintilla(SCI_WORDENDPOSITION, long(start), 1L));
  if (end <= start) end = start + 1;
  errorStart_ = start;
  SendScintilla(SCI_SETINDICATORCURRENT, long(errorIndicator_));
  SendScintilla(SCI_INDICATORFILLRANGE, long(start), long(end - start));
  annotate(lineIndex, message, kAnnotationStyle);
  ensureLineVisible(lineIndex);
}

void SqlEditor::clearErrors() {
  const QSignalBlocker block(this);
  errors_.clear();
  errorStart_ = -1;
  markerDeleteAll(errorMarker_);
  clearAnnotations();
  SendScintilla(SCI_SETINDICATORCURRENT, long(errorIndicator_));
  SendScintilla(SCI_INDICATORCLEARRANGE, 0L, long(length()));
}

QList<int> SqlEditor::errorLines() const {
  return errors_.keys();
}

QString SqlEditor::errorMessageAt(int line) const {
  return errors_.value(line);
}

void SqlEditor::showTooltipAt(int position, int x, int y) {
  if (position < 0) return;
  const int line = int(SendScintilla(SCI_LINEFROMPOSITION, long(position))) + 1;
  const QString message = errors_.value(line);
  if (!message.isEmpty()) QToolTip::showText(mapToGlobal(QPoint(x, y)), message, this);
}

}  // namespace runnel::widgets
