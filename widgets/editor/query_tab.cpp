#include "widgets/editor/query_tab.h"

#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QSplitter>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/editor/sql_editor.h"
#include "widgets/models/script_store.h"
#include "widgets/models/sql_session.h"
#include "widgets/style/icons.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {
namespace {

QString firstLine(const QString& text) {
  return text.section(QLatin1Char('\n'), 0, 0);
}

QString htmlTable(const SqlStatementOutcome& o) {
  QString html = QStringLiteral(
      "<table cellspacing=0 cellpadding=3 border=1 "
      "style=\"border-collapse:collapse\"><tr>");
  for (const QString& c : o.tableColumns)
    html += QStringLiteral("<th align=left>%1</th>").arg(c.toHtmlEscaped());
  html += QStringLiteral("</tr>");
  for (const QStringList& row : o.tableRows) {
    html += QStringLiteral("<tr>");
    for (const QString& cell : row)
      html += QStringLiteral("<td>%1</td>").arg(cell.toHtmlEscaped());
    html += QStringLiteral("</tr>");
  }
  return html + QStringLiteral("</table>");
}

}  // namespace

QueryTab::QueryTab(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("queryTab"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);

  auto* bar = new QToolBar(this);
  bar->setIconSize(QSize(16, 16));
  bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  QAction* run =
      bar->addAction(Icons::get(QStringLiteral("run")), tr("Run"), this, &QueryTab::runStatement);
  run->setToolTip(tr("Run the statement under the cursor (Ctrl+Enter)"));
  QAction* all =
      bar->addAction(Icons::get(QStringLiteral("run-all")), tr("Run All"), this, &QueryTab::runAll);
  all->setToolTip(tr("Run the whole script, stopping at the first error (Ctrl+Shift+Enter)"));
  bar->addSeparator();
  QAction* save = bar->addAction(Icons::get(QStringLiteral("save")), tr("Save"), this,
                                 [this] { saveScript(scriptName_); });
  save->setToolTip(tr("Save this script in the workspace"));
  openButton_ = new QToolButton(bar);
  openButton_->setIcon(Icons::get(QStringLiteral("open")));
  openButton_->setText(tr("Open"));
  openButton_->setToolTip(tr("Open a script saved in the workspace"));
  openButton_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  openButton_->setPopupMode(QToolButton::InstantPopup);
  openButton_->setMenu(new QMenu(openButton_));
  connect(openButton_->menu(), &QMenu::aboutToShow, this, &QueryTab::fillOpenMenu);
  bar->addWidget(openButton_);
  historyButton_ = new QToolButton(bar);
  historyButton_->setIcon(Icons::get(QStringLiteral("clock")));
  historyButton_->setText(tr("History"));
  historyButton_->setToolTip(tr("Statements run before: pick one to insert it"));
  historyButton_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  historyButton_->setPopupMode(QToolButton::InstantPopup);
  historyButton_->setMenu(new QMenu(historyButton_));
  connect(historyButton_->menu(), &QMenu::aboutToShow, this, &QueryTab::fillHistoryMenu);
  bar->addWidget(historyButton_);
  auto* spacer = new QWidget(bar);
  spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
  bar->addWidget(spacer);
  status_ = new QLabel(tr("Waiting for the cluster…"), bar);
  status_->setObjectName(QStringLiteral("queryStatus"));
  status_->setForegroundRole(QPalette::PlaceholderText);
  status_->setContentsMargins(0, 0, 8, 0);
  bar->addWidget(status_);
  layout->addWidget(bar);

  auto* split = new QSplitter(Qt::Vertical, this);
  editor_ = new SqlEditor(split);
  messages_ = new QTextBrowser(split);
  messages_->setObjectName(QStringLiteral("queryMessages"));
  messages_->setOpenLinks(false);
  messages_->setPlaceholderText(
      tr("What each statement did appears here. Push queries (SELECT … EMIT CHANGES) stream "
         "into the Query Results panel."));
  split->addWidget(editor_);
  split->addWidget(messages_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);
  split->setSizes({420, 140});
  layout->addWidget(split);

  connect(editor_, &SqlEditor::runStatementRequested, this, &QueryTab::runStatement);
  connect(editor_, &SqlEditor::runAllRequested, this, &QueryTab::runAll);
  editor_->applyTheme(Theme::instance().isDark());
  connect(&Theme::instance(), &Theme::changed, this,
          [this] { editor_->applyTheme(Theme::instance().isDark()); });
}

void QueryTab::attach(SqlSession* session, ScriptStore* store) {
  session_ = session;
  store_ = store;
  if (!session_) return;
  editor_->setCatalog(session_->catalog());
  connect(session_, &SqlSession::catalogChanged, editor_, &SqlEditor::setCatalog);
  connect(session_, &SqlSession::statementFinished, this, &QueryTab::showOutcome);
  connect(session_, &SqlSession::runFinished, this, [this](int runId, int failures) {
    if (!runs_.remove(runId)) return;
    status_->setText(failures == 0 ? tr("Done") : tr("%n statement(s) failed", "", failures));
  });
  auto ready = [this] { status_->setText(tr("Ready · Ctrl+Enter runs the statement")); };
  if (session_->isReady())
    ready();
  else
    connect(session_, &SqlSession::ready, this, ready);
}

void QueryTab::runStatement() {
  run(false);
}
void QueryTab::runAll() {
  run(true);
}

void QueryTab::run(bool all) {
  if (!session_ || !session_->isReady()) {
    status_->setText(tr("The SQL engine is not ready yet: the cluster is still starting"));
    return;
  }
  editor_->clearErrors();
  std::optional<SqlStatementRange> only;
  if (!all) {
    only = editor_->statementAtCursor();
    if (!only) {
      status_->setText(tr("Nothing to run: the script has no statement"));
      return;
    }
  } else if (sqlStatements(editor_->text().toUtf8()).isEmpty()) {
    status_->setText(tr("Nothing to run: the script has no statement"));
    return;
  }
  runs_.insert(session_->run(editor_->text(), only));
  status_->setText(tr("Running…"));
}

void QueryTab::showOutcome(int runId, const SqlStatementOutcome& o) {
  if (!runs_.contains(runId)) return;
  if (store_) store_->addHistory(o.statement, o.ok);
  const auto& colors = Theme::instance().colors();
  const QString statement = firstLine(o.statement).left(120).toHtmlEscaped();
  if (!o.ok) {
    if (o.errorLine > 0) editor_->markError(o.errorLine, o.errorColumn, firstLine(o.error));
    appendMessage(QStringLiteral("<p><span style=\"color:%1\">✗</span> <code>%2</code><pre "
                                 "style=\"color:%1\">%3</pre></p>")
                      .arg(colors.offline.name(), statement, o.error.toHtmlEscaped()));
    return;
  }
  QString body =
      o.push ? tr("Streaming into Query Results as %1").arg(o.queryId) : o.message.toHtmlEscaped();
  for (const QString& n : o.notices)
    body += QStringLiteral("<br><i>%1</i>").arg(n.toHtmlEscaped());
  if (!o.tableColumns.isEmpty()) body += htmlTable(o);
  appendMessage(QStringLiteral("<p><span style=\"color:%1\">✓</span> <code>%2</code><br>%3</p>")
                    .arg(colors.healthy.name(), statement, body));
}

void QueryTab::appendMessage(const QString& html) {
  messages_->append(html);
}

bool QueryTab::saveScript(QString name) {
  if (!store_) {
    status_->setText(tr("The workspace is not open: cannot save"));
    return false;
  }
  if (name.isEmpty()) {
    bool ok = false;
    name = QInputDialog::getText(this, tr("Save Script"), tr("Script name:"), QLineEdit::Normal,
                                 scriptName_, &ok);
    if (!ok || name.trimmed().isEmpty()) return false;
  }
  if (!store_->saveScript(name, editor_->text())) {
    status_->setText(tr("Not saved: %1").arg(store_->lastError()));
    return false;
  }
  scriptName_ = name.trimmed();
  status_->setText(tr("Saved as “%1”").arg(scriptName_));
  emit titleChanged(scriptName_);
  return true;
}

void QueryTab::openScript(const QString& name) {
  if (!store_) return;
  const auto script = store_->script(name);
  if (!script) {
    status_->setText(tr("No saved script called “%1”").arg(name));
    return;
  }
  editor_->setText(script->text);
  scriptName_ = script->name;
  emit titleChanged(scriptName_);
}

void QueryTab::showOpenMenu() {
  openButton_->showMenu();
}

void QueryTab::fillOpenMenu() {
  QMenu* menu = openButton_->menu();
  menu->clear();
  const auto scripts = store_ ? store_->scripts() : QList<SavedScript>{};
  if (scripts.isEmpty()) menu->addAction(tr("No saved scripts yet"))->setEnabled(false);
  for (const SavedScript& s : scripts)
    menu->addAction(s.name, this, [this, name = s.name] { openScript(name); });
}

void QueryTab::fillHistoryMenu() {
  QMenu* menu = historyButton_->menu();
  menu->clear();
  const auto history = store_ ? store_->history(30) : QList<HistoryEntry>{};
  if (history.isEmpty()) menu->addAction(tr("Nothing run yet"))->setEnabled(false);
  for (const HistoryEntry& h : history) {
    QString label = h.statement.simplified();
    if (label.size() > 90) label = label.left(89) + QStringLiteral("…");
    QAction* a = menu->addAction(
        QStringLiteral("%1  %2").arg(h.ranAt.toString(QStringLiteral("HH:mm:ss")), label), this,
        [this, text = h.statement] { editor_->insert(text + QStringLiteral("\n")); });
    a->setIcon(Icons::get(h.ok ? QStringLiteral("run") : QStringLiteral("fault")));
  }
}

}  // namespace runnel::widgets
