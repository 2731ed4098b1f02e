// ServerProcess: runs runnel-server for an interop suite — free ports, a temporary data
// directory, `--control stdin` — and waits for its bootstrap line. command() sends one control
// line and returns the one-line answer. Closing stdin shuts the server down cleanly.
// Test-only; used from the suite's thread.
#pragma once

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <string>

class ServerProcess {
 public:
  explicit ServerProcess(int brokers = 3) {
    process_.setProgram(QStringLiteral(RUNNEL_SERVER_PATH));
    process_.setArguments({"--brokers", QString::number(brokers), "--port", "0", "--data-dir",
                           dir_.path(), "--control", "stdin"});
    process_.setProcessChannelMode(QProcess::SeparateChannels);
    process_.start();
    if (!process_.waitForStarted(10000)) return;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 30000 && bootstrap_.empty()) {
      std::string line = readLine(30000 - static_cast<int>(t.elapsed()));
      if (line.rfind("bootstrap ", 0) == 0) bootstrap_ = line.substr(10);
      if (process_.state() != QProcess::Running) break;
    }
  }
  ~ServerProcess() {
    if (process_.state() == QProcess::Running) {
      process_.closeWriteChannel();
      if (!process_.waitForFinished(20000)) {
        process_.kill();
        process_.waitForFinished(5000);
      }
    }
  }
  const std::string& bootstrap() const { return bootstrap_; }
  bool running() const { return process_.state() == QProcess::Running; }
  std::string stderrText() { return process_.readAllStandardError().toStdString(); }

  std::string command(const std::string& line) {
    process_.write((line + "\n").c_str());
    process_.waitForBytesWritten(5000);
    return readLine(30000);
  }
  // Exit code after a clean shutdown (closing stdin), or -1.
  int shutdown() {
    process_.closeWriteChannel();
    if (!process_.waitForFinished(20000)) return -1;
    return process_.exitStatus() == QProcess::NormalExit ? process_.exitCode() : -1;
  }

 private:
  std::string readLine(int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!process_.canReadLine() && t.elapsed() < timeoutMs) {
      if (!process_.waitForReadyRead(200) && process_.state() != QProcess::Running) break;
    }
    if (!process_.canReadLine()) return {};
    return process_.readLine().trimmed().toStdString();
  }

  QTemporaryDir dir_;
  QProcess process_;
  std::string bootstrap_;
};

// Runs a program to completion (bounded), feeding `input`; returns stdout, or nullopt on failure.
inline std::optional<std::string> runTool(const QString& program, const QStringList& args,
                                          const QByteArray& input = {}, int timeoutMs = 30000,
                                          QString* errors = nullptr) {
  QProcess p;
  p.start(program, args);
  if (!p.waitForStarted(10000)) return std::nullopt;
  if (!input.isEmpty()) p.write(input);
  p.closeWriteChannel();
  if (!p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished(2000);
    if (errors) *errors = QString::fromUtf8(p.readAllStandardError());
    return std::nullopt;
  }
  if (errors) *errors = QString::fromUtf8(p.readAllStandardError());
  if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) return std::nullopt;
  return p.readAllStandardOutput().toStdString();
}
