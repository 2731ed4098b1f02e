#include "app/studio/query_panels_installer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDockWidget>
#include <QStatusBar>
#include <QTabWidget>

#include "app/studio/main_window.h"
#include "app/studio/studio_session.h"
#include "widgets/editor/query_tab.h"
#include "widgets/editor/sql_editor.h"
#include "widgets/models/live_result.h"
#include "widgets/models/script_store.h"
#include "widgets/models/sql_session.h"
#include "widgets/panels/results_panel.h"
#include "widgets/style/icons.h"

namespace runnel::studio {

QueryPanels* QueryPanels::of(MainWindow* window, const QString& dataDirectory) {
  if (auto* existing = window->findChild<QueryPanels*>(QString(), Qt::FindDirectChildrenOnly))
    return existing;
  return new QueryPanels(window, dataDirectory);
}

QueryPanels::QueryPanels(MainWindow* window, QString dataDirectory)
    : QObject(window), window_(window), dataDirectory_(std::move(dataDirectory)) {
  setObjectName(QStringLiteral("queryPanels"));
  if (!dataDirectory_.isEmpty()) {
    QDir().mkpath(dataDirectory_);
    store_ = std::make_unique<widgets::ScriptStore>(dataDirectory_ +
                                                    QStringLiteral("/workspace.sqlite"));
  }
}

// Tabs and docks are the window's children too; whichever goes first, the session's signals
// disconnect themselves and the tabs only use it on a user's action.
QueryPanels::~QueryPanels() = default;

QString QueryPanels::starterScript() {
  return QStringLiteral(
      "-- Fraud detection on the demo topic authorization_attempts.\n"
      "-- Ctrl+Shift+Enter runs it all; Ctrl+Enter one statement.\n"
      "\n"
      "-- 1. Declare the topic's JSON records as a stream.\n"
      "CREATE STREAM IF NOT EXISTS authorization_attempts (\n"
      "  card_number STRING, amount DOUBLE, merchant STRING, country STRING,\n"
      "  status STRING, attempt_id BIGINT\n"
      ") WITH (KAFKA_TOPIC='authorization_attempts', VALUE_FORMAT='JSON');\n"
      "\n"
      "-- 2. Read topics from their beginning.\n"
      "SET 'auto.offset.reset' = 'earliest';\n"
      "\n"
      "-- 3. A persistent query: cards tried > 3 times in 5 minutes.\n"
      "CREATE TABLE IF NOT EXISTS possible_fraud AS\n"
      "  SELECT card_number, count(*) AS attempts\n"
      "  FROM authorization_attempts\n"
      "  WINDOW TUMBLING (SIZE 5 MINUTE)\n"
      "  GROUP BY card_number\n"
      "  HAVING count(*) > 3;\n"
      "\n"
      "-- 4. Watch the table change live in Query Results.\n"
      "SELECT * FROM possible_fraud EMIT CHANGES;\n");
}

// A remote cluster has none of the demo topics, so its first tab explores what is there instead.
QString QueryPanels::remoteStarterScript() {
  return QStringLiteral(
      "-- This window is on a remote Kafka cluster.\n"
      "-- Ctrl+Enter runs the statement under the cursor.\n"
      "\n"
      "-- 1. What topics does the cluster have?\n"
      "SHOW TOPICS;\n"
      "\n"
      "-- 2. Look at a few records of one (replace my_topic).\n"
      "PRINT 'my_topic' FROM BEGINNING LIMIT 5;\n"
      "\n"
      "-- 3. Declare it as a stream (columns as in its JSON values), then query it:\n"
      "-- CREATE STREAM my_stream (id STRING, amount DOUBLE)\n"
      "--   WITH (KAFKA_TOPIC='my_topic', VALUE_FORMAT='JSON');\n"
      "-- SET 'auto.offset.reset' = 'earliest';\n"
      "-- SELECT id, count(*) FROM my_stream\n"
      "--   WINDOW TUMBLING (SIZE 1 MINUTE) GROUP BY id EMIT CHANGES;\n");
}

widgets::QueryTab* QueryPanels::addTab() {
  QTabWidget* workspace = window_->workspace();
  auto* tab = new widgets::QueryTab(workspace);
  if (tabsMade_++ == 0)
    tab->editor()->setText(window_->isRemote() ? remoteStarterScript() : starterScript());
  tab->attach(sql_, store_.get());
  const int index = workspace->addTab(tab, widgets::Icons::get(QStringLiteral("query")),
                                      tr("Query %1").arg(tabsMade_));
  connect(tab, &widgets::QueryTab::titleChanged, workspace, [workspace, tab](const QString& t) {
    const int i = workspace->indexOf(tab);
    if (i >= 0) workspace->setTabText(i, t);
  });
  workspace->setCurrentIndex(index);
  workspace->setTabsClosable(workspace->count() > 1);
  return tab;
}

void QueryPanels::install(StudioSession* session) {
  if (sql_ || !session || !session->client()) return;
  // Each cluster keeps its own query state: a remote window must not share the embedded one's.
  const bool remote = session->client()->embeddedControl() == nullptr;
  const QString stateSubdir =
      remote ? QStringLiteral("/sql-state-remote/") +
                   QString::fromLatin1(
                       QCryptographicHash::hash(session->client()->bootstrapServers().c_str(),
                                                QCryptographicHash::Sha1)
                           .toHex()
                           .left(12))
             : QStringLiteral("/sql-state");
  const QString stateDir = dataDirectory_.isEmpty() ? QString() : dataDirectory_ + stateSubdir;
  if (!stateDir.isEmpty()) QDir().mkpath(stateDir);
  sql_ = new widgets::SqlSession(*session->client(), stateDir, this);
  results_ = new widgets::ResultsPanel(sql_);
  window_->setDockPanel(QStringLiteral("resultsDock"), results_);
  connect(sql_, &widgets::SqlSession::pushStarted, this, [this](int, widgets::LiveResult* r) {
    if (!results_) return;
    results_->addResult(r);
    if (QDockWidget* dock = window_->dock(QStringLiteral("resultsDock"))) {
      dock->show();
      dock->raise();
    }
  });
  connect(sql_, &widgets::SqlSession::failed, this, [this](const QString& message) {
    window_->statusBar()->showMessage(tr("The SQL engine did not start: %1").arg(message));
  });
  for (auto* tab : window_->workspace()->findChildren<widgets::QueryTab*>())
    tab->attach(sql_, store_.get());
  sql_->start();
}

widgets::ResultsPanel* QueryPanels::results() const {
  return results_;
}

widgets::QueryTab* QueryPanels::currentTab() const {
  return qobject_cast<widgets::QueryTab*>(window_->workspace()->currentWidget());
}

void QueryPanels::runStatement() {
  if (auto* tab = currentTab()) tab->runStatement();
}

void QueryPanels::runAll() {
  if (auto* tab = currentTab()) tab->runAll();
}

void QueryPanels::terminateAll() {
  if (!sql_) return;
  for (const auto& q : sql_->queries())
    if (q.state == QLatin1String("RUNNING")) sql_->terminate(q.id);
}

}  // namespace runnel::studio
