#include "widgets/models/sql_session.h"

#include <QRegularExpression>

#include "engine/sql/planner/physical_plan.h"
#include "engine/sql/query_manager.h"
#include "widgets/models/engine_text.h"
#include "widgets/models/live_result.h"
#include "widgets/models/live_result_feed.h"
#include "widgets/models/window_timeline.h"

namespace runnel::widgets {

SqlSession::SqlSession(client::ClusterClient& cluster, QString stateDir, QObject* parent)
    : QObject(parent), cluster_(cluster), stateDir_(std::move(stateDir)) {
  qRegisterMetaType<SqlStatementOutcome>();
  qRegisterMetaType<SqlCatalogSnapshot>();
  qRegisterMetaType<TopologyGraph>();
  statements_.setMaxThreadCount(1);
  polls_.setMaxThreadCount(1);
  sql::EngineOptions options;
  options.stateDir = stateDir_.toStdString();
  engine_ = std::make_unique<sql::QueryManager>(cluster_, *Clock::system(), options);
  pollTimer_.setInterval(1000);
  connect(&pollTimer_, &QTimer::timeout, this, &SqlSession::refreshQueries);
}

SqlSession::~SqlSession() {
  pollTimer_.stop();
  statements_.waitForDone();
  polls_.waitForDone();
  engine_.reset();  // stops every query before the feeds they write to go
}

void SqlSession::start() {
  statements_.start([this] {
    std::vector<std::string> notices;
    const Status s = engine_->start(&notices);
    const SqlCatalogSnapshot catalog = s.isOk() ? snapshot() : SqlCatalogSnapshot{};
    QMetaObject::invokeMethod(
        this,
        [this, s, catalog] {
          if (!s.isOk()) {
            emit failed(qs(s.message()));
            return;
          }
          ready_ = true;
          catalog_ = catalog;
          emit catalogChanged(catalog_);
          emit ready();
          refreshQueries();
          pollTimer_.start();
        },
        Qt::QueuedConnection);
  });
}

std::pair<int, int> SqlSession::errorPosition(const QString& message) {
  static const QRegularExpression re(QStringLiteral("^line (\\d+):(\\d+):"));
  const auto m = re.match(message);
  if (!m.hasMatch()) return {0, 0};
  return {m.captured(1).toInt(), m.captured(2).toInt()};
}

SqlCatalogSnapshot SqlSession::snapshot() const {
  SqlCatalogSnapshot out;
  for (const sql::SourceInfo& s : engine_->catalog().list()) {
    SqlCatalogSnapshot::Source src;
    src.name = qs(s.name);
    src.table = s.isTable();
    for (const auto& c : s.schema.columns) {
      src.columns << qs(c.name);
      src.columnTypes << qs(c.type.toSql());
    }
    out.sources << src;
  }
  return out;
}

int SqlSession::run(const QString& script, std::optional<SqlStatementRange> only) {
  const int runId = nextRun_++;
  ++pendingRuns_;
  const QByteArray utf8 = script.toUtf8();
  statements_.start([this, runId, utf8, only] {
    QList<SqlStatementRange> ranges = only ? QList<SqlStatementRange>{*only} : sqlStatements(utf8);
    int failures = 0;
    for (const SqlStatementRange& range : ranges) {
      const QByteArray text = isolateSqlStatement(utf8, range);
      auto feed = std::make_shared<LiveResultFeed>();
      {
        std::lock_guard<std::mutex> lock(feedsMu_);
        feeds_.push_back(feed);
      }
      const auto results = engine_->runScript(
          std::string_view(text.constData(), std::size_t(text.size())), feed.get());
      for (const sql::StatementResult& r : results) {
        SqlStatementOutcome o;
        o.statement = qs(r.statement).trimmed();
        if (o.statement.isEmpty())
          o.statement = QString::fromUtf8(utf8.mid(range.offset, range.length));
        o.ok = r.ok();
        o.message = qs(r.message);
        for (const auto& n : r.notices)
          o.notices << qs(n);
        if (!r.ok()) {
          o.error = qs(r.status.message());
          std::tie(o.errorLine, o.errorColumn) = errorPosition(o.error);
          ++failures;
        }
        if (r.table) {
          for (const auto& c : r.table->columns)
            o.tableColumns << qs(c);
          for (const auto& row : r.table->rows) {
            QStringList cells;
            for (const auto& c : row)
              cells << qs(c);
            o.tableRows << cells;
          }
        }
        if (r.queryId) o.queryId = qs(*r.queryId);
        o.push = r.queryId && r.message.rfind("Push query ", 0) == 0;
        const QString sqlText = o.statement;
        QMetaObject::invokeMethod(
            this,
            [this, runId, o, feed, sqlText] {
              if (o.push) emit pushStarted(runId, new LiveResult(feed, sqlText, this));
              emit statementFinished(runId, o);
            },
            Qt::QueuedConnection);
      }
      if (!feed->started()) {
        std::lock_guard<std::mutex> lock(feedsMu_);
        std::erase(feeds_, feed);  // no push query: nothing writes to it
      }
      if (!results.empty() && !results.back().ok() && !only) {
        // Like ksqlDB's RUN SCRIPT: stop at the first failing statement, so a script does not
        // build on something that did not get created.
        break;
      }
    }
    const SqlCatalogSnapshot catalog = snapshot();
    QMetaObject::invokeMethod(
        this,
        [this, runId, failures, catalog] {
          --pendingRuns_;
          catalog_ = catalog;
          emit catalogChanged(catalog_);
          emit runFinished(runId, failures);
          refreshQueries();
        },
        Qt::QueuedConnection);
  });
  return runId;
}

void SqlSession::terminate(const QString& queryId) {
  const std::string id = queryId.toStdString();
  statements_.start([this, id] {
    const Status s = engine_->terminate(id);
    QMetaObject::invokeMethod(
        this,
        [this, s, id] {
          if (!s.isOk()) {
            SqlStatementOutcome o;
            o.statement = QStringLiteral("TERMINATE %1;").arg(qs(id));
            o.ok = false;
            o.error = qs(s.message());
            emit statementFinished(0, o);
          }
          refreshQueries();
        },
        Qt::QueuedConnection);
  });
}

void SqlSession::observeWindows(const QString& queryId) {
  polls_.start([this, queryId] {
    auto trace = engine_->observeWindows(queryId.toStdString());
    QString error = trace.isOk() ? QString() : qs(trace.status().message());
    std::shared_ptr<sql::WindowTrace> shared = trace.isOk() ? *trace : nullptr;
    QMetaObject::invokeMethod(
        this,
        [this, queryId, error, shared] {
          if (!shared) {
            emit insightFailed(queryId, error);
            return;
          }
          emit windowsReady(queryId, new WindowTimeline(shared, queryId, this));
        },
        Qt::QueuedConnection);
  });
}

void SqlSession::fetchTopology(const QString& queryId) {
  polls_.start([this, queryId] {
    auto plan = engine_->plan(queryId.toStdString());
    const QString error = plan.isOk() ? QString() : qs(plan.status().message());
    const TopologyGraph graph = plan.isOk() ? TopologyGraph::fromPlan(*plan) : TopologyGraph{};
    QMetaObject::invokeMethod(
        this,
        [this, queryId, error, graph] {
          if (!error.isEmpty())
            emit insightFailed(queryId, error);
          else
            emit topologyReady(queryId, graph);
        },
        Qt::QueuedConnection);
  });
}

void SqlSession::refreshQueries() {
  if (pollInFlight_ || !ready_) return;
  pollInFlight_ = true;
  polls_.start([this] {
    QList<SqlQueryRow> rows;
    for (const sql::QueryInfo& q : engine_->queries()) {
      SqlQueryRow r;
      r.id = qs(q.id);
      r.persistent = q.kind == sql::QueryKind::kPersistent;
      r.state = qs(std::string(sql::queryStateName(q.state)));
      r.sql = qs(q.sql);
      r.sink = qs(q.sinkName);
      r.recordsIn = q.stats.recordsIn;
      r.recordsOut = q.stats.recordsOut;
      r.recordsPerSecond = q.recordsPerSecond;
      r.error = qs(q.error);
      rows << r;
    }
    QMetaObject::invokeMethod(
        this,
        [this, rows] {
          pollInFlight_ = false;
          queries_ = rows;
          emit queriesChanged();
        },
        Qt::QueuedConnection);
  });
}

}  // namespace runnel::widgets
