#include "app/sql/sql_shell.h"

#include <chrono>
#include <condition_variable>
#include <istream>
#include <ostream>
#include <thread>

#include "engine/sql/parser/statement_splitter.h"
#include "engine/sql/text_result_sink.h"

namespace runnel::app {
namespace {

// Prints a push query's rows and lets the shell wait for its end.
class ShellSink final : public sql::ResultSink {
 public:
  ShellSink(sql::TextResultSink::Style style, std::ostream& out, std::mutex& outMu)
      : text_(
            style,
            [&out, &outMu](const std::string& line) {
              std::lock_guard<std::mutex> lock(outMu);
              out << line << '\n' << std::flush;
            },
            [this](const Status& status) {
              std::lock_guard<std::mutex> lock(mu_);
              ended_ = true;
              status_ = status;
              cv_.notify_all();
            }) {}

  void onStart(const std::string& queryId, const sql::Schema& columns, bool table,
               sql::WindowKind window) override {
    text_.onStart(queryId, columns, table, window);
  }
  void onRow(const sql::ResultRow& row) override { text_.onRow(row); }
  void onEnd(const Status& status) override { text_.onEnd(status); }

  // True once the query ended; waits at most `ms`.
  bool waitEnded(int ms) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return ended_; });
  }
  Status status() {
    std::lock_guard<std::mutex> lock(mu_);
    return status_;
  }

 private:
  sql::TextResultSink text_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool ended_ = false;
  Status status_;
};

}  // namespace

std::atomic<bool>& SqlShell::interrupted() {
  static std::atomic<bool> flag{false};
  return flag;
}

std::string isolateStatement(const std::string& script, std::uint32_t offset,
                             std::uint32_t length) {
  std::string out;
  out.reserve(script.size());
  const std::uint32_t end = offset + length;
  for (std::uint32_t i = 0; i < script.size(); ++i) {
    const char c = script[i];
    if ((i >= offset && i < end) || c == '\n') {
      out.push_back(c);
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      out.push_back(' ');  // one space per code point keeps columns (counted in code points)
    }
  }
  return out;
}

bool SqlShell::runStatement(const std::string& script, std::uint32_t offset, std::uint32_t length) {
  const std::string text = isolateStatement(script, offset, length);
  ShellSink sink(
      options_.json ? sql::TextResultSink::Style::kJson : sql::TextResultSink::Style::kTable, out_,
      outMu_);
  bool ok = true;
  std::optional<std::string> pushId;
  for (const sql::StatementResult& r : engine_.runScript(text, &sink)) {
    std::lock_guard<std::mutex> lock(outMu_);
    if (!r.ok()) {
      err_ << r.status.message() << "\n\n" << std::flush;
      ok = false;
      continue;
    }
    // The engine says "Push query <id> started"; its rows follow, so the message is noise here.
    const bool push = r.queryId && r.message.rfind("Push query ", 0) == 0;
    if (push) {
      pushId = r.queryId;
      for (const auto& n : r.notices)
        out_ << "Notice: " << n << "\n";
    } else {
      out_ << r.toText() << std::flush;
    }
  }
  if (!pushId) return ok;

  // A push query streams until LIMIT, an interrupt, or the timeout.
  const auto started = std::chrono::steady_clock::now();
  while (!sink.waitEnded(50)) {
    const bool timedOut =
        options_.pushTimeoutMs > 0 && std::chrono::steady_clock::now() - started >=
                                          std::chrono::milliseconds(options_.pushTimeoutMs);
    if (interrupted().load() || timedOut) {
      interrupted() = false;
      (void)engine_.terminate(*pushId);
      sink.waitEnded(5000);
      std::lock_guard<std::mutex> lock(outMu_);
      out_ << (timedOut ? "Push query stopped after the time limit.\n" : "Push query terminated.\n")
           << std::flush;
      return ok;
    }
  }
  const Status end = sink.status();
  if (!end.isOk()) {
    std::lock_guard<std::mutex> lock(outMu_);
    err_ << "Push query failed: " << end.message() << "\n" << std::flush;
    return false;
  }
  return ok;
}

int SqlShell::runText(const std::string& script) {
  int failures = 0;
  for (const sql::StatementSpan& span : sql::splitStatements(script))
    failures += runStatement(script, span.range.offset, span.range.length) ? 0 : 1;
  return failures;
}

int SqlShell::run(std::istream& in) {
  int failures = 0;
  std::string buffer;
  std::uint32_t done = 0;  // bytes of `buffer` already run
  std::string line;
  auto prompt = [&] {
    if (!options_.interactive) return;
    std::lock_guard<std::mutex> lock(outMu_);
    const bool pending = buffer.find_first_not_of(" \t\r\n", done) != std::string::npos;
    out_ << (pending ? "      > " : "runnel> ") << std::flush;
  };
  prompt();
  while (std::getline(in, line)) {
    interrupted() = false;
    buffer += line;
    buffer += '\n';
    // Run every complete statement; keep an unterminated tail for the next lines. Line numbers
    // stay those of the whole session's input.
    for (const sql::StatementSpan& span : sql::splitStatements(buffer)) {
      if (span.range.offset < done) continue;
      if (!span.terminated) break;
      failures += runStatement(buffer, span.range.offset, span.range.length) ? 0 : 1;
      done = span.range.end();
    }
    if (options_.interactive && buffer.find_first_not_of(" \t\r\n", done) == std::string::npos) {
      // Nothing pending: start afresh so a long session does not re-split its whole history.
      buffer.clear();
      done = 0;
    }
    prompt();
  }
  // End of input: an unterminated last statement still runs, as a script's last line may lack ';'.
  for (const sql::StatementSpan& span : sql::splitStatements(buffer))
    if (span.range.offset >= done)
      failures += runStatement(buffer, span.range.offset, span.range.length) ? 0 : 1;
  if (options_.interactive) out_ << "\n";
  return failures;
}

}  // namespace runnel::app
