// SqlCompleter: what the editor offers at the cursor — columns after "source.", streams and
// tables after FROM/JOIN/INTO/DESCRIBE, otherwise the columns of the sources the statement
// names, then functions, keywords and sources — all filtered by the word being typed. The
// catalog comes as a Qt-only snapshot (SqlCatalogSnapshot) that SqlSession refreshes after
// every statement. A plain value used on the GUI thread.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace runnel::widgets {

struct SqlCatalogSnapshot {
  struct Source {
    QString name;  // canonical (upper case)
    bool table = false;
    QStringList columns;
    QStringList columnTypes;  // same order
  };
  QList<Source> sources;
};

class SqlCompleter {
 public:
  SqlCompleter();

  void setCatalog(SqlCatalogSnapshot catalog) { catalog_ = std::move(catalog); }
  const SqlCatalogSnapshot& catalog() const { return catalog_; }

  // Candidates at byte offset `cursor` of `utf8`, best first; *prefixLength is set to the bytes
  // of the word being typed (which a chosen candidate replaces).
  QStringList complete(const QByteArray& utf8, int cursor, int* prefixLength) const;

 private:
  const SqlCatalogSnapshot::Source* findSource(const QString& name) const;

  SqlCatalogSnapshot catalog_;
  QStringList keywords_;
  QStringList functions_;
};

}  // namespace runnel::widgets
