// Syntax errors: exact positions, messages and caret rendering; recovery so one script reports
// several errors and keeps its good statements; no input crashes the parser; statement splitting.
#include <QtTest>

#include <random>

#include "engine/sql/parser/statement_splitter.h"
#include "sql_test_util.h"

using namespace runnel::sql;
using namespace runnel::sql::ast;

Q_DECLARE_METATYPE(std::string)

class ParseErrorTest : public QObject {
  Q_OBJECT
 private slots:
  void firstError_data() {
    QTest::addColumn<std::string>("text");
    QTest::addColumn<std::string>("rendered");
    auto row = [](const char* name, const char* text, const char* rendered) {
      QTest::newRow(name) << std::string(text) << std::string(rendered);
    };
    row("misspelt FROM", "CREATE STREAM x AS\nSELECT a, b\n  FORM t;",
        "line 3:3: mismatched input 'FORM' expecting FROM\n  FORM t;\n  ^\nhint: did you mean "
        "FROM?");
    row("misspelt FROM after alias-like word", "SELECT card_number, count(*) FORM attempts;",
        "line 1:30: mismatched input 'FORM' expecting FROM\nSELECT card_number, count(*) FORM "
        "attempts;\n"
        "                             ^\nhint: did you mean FROM?");
    row("misspelt WHERE", "SELECT * FROM t WHER x > 1;",
        "line 1:17: mismatched input 'WHER' expecting a clause or ';'\nSELECT * FROM t WHER x > "
        "1;\n"
        "                ^\nhint: did you mean WHERE?");
    row("unknown statement", "SELEC * FROM t",
        "line 1:1: mismatched input 'SELEC' expecting a statement (SELECT, CREATE, INSERT, SHOW, "
        "DESCRIBE, "
        "EXPLAIN, PRINT, TERMINATE, DROP, SET, UNSET)\nSELEC * FROM t\n^\nhint: did you mean "
        "SELECT?");
    row("end of input", "SELECT * FROM",
        "line 1:14: unexpected end of input, expecting a stream or table name\nSELECT * FROM\n     "
        "        ^");
    row("missing time unit", "SELECT a FROM s WINDOW TUMBLING (SIZE 5) GROUP BY a;",
        "line 1:40: mismatched input ')' expecting a time unit (MILLISECONDS, SECONDS, MINUTES, "
        "HOURS or DAYS)\n"
        "SELECT a FROM s WINDOW TUMBLING (SIZE 5) GROUP BY a;\n                                    "
        "   ^");
    row("misspelt unit", "SELECT a FROM s WINDOW TUMBLING (SIZE 5 MINUETS) GROUP BY a;",
        "line 1:41: mismatched input 'MINUETS' expecting a time unit (MILLISECONDS, SECONDS, "
        "MINUTES, HOURS or "
        "DAYS)\nSELECT a FROM s WINDOW TUMBLING (SIZE 5 MINUETS) GROUP BY a;\n                     "
        "                   ^\n"
        "hint: did you mean MINUTES?");
    row("hopping without advance", "SELECT a FROM s WINDOW HOPPING (SIZE 5 SECONDS) GROUP BY a",
        "line 1:47: mismatched input ')' expecting ', ADVANCE BY'\n"
        "SELECT a FROM s WINDOW HOPPING (SIZE 5 SECONDS) GROUP BY a\n                              "
        "                ^\n"
        "hint: a HOPPING window needs SIZE and ADVANCE BY");
    row("clause order", "SELECT a FROM s GROUP BY a WHERE a > 1",
        "line 1:28: WHERE clause is out of order\nSELECT a FROM s GROUP BY a WHERE a > 1\n         "
        "                  ^\n"
        "hint: the clauses of a query go in this order: SELECT, FROM [JOIN ...], WINDOW, WHERE, "
        "GROUP BY, "
        "PARTITION BY, HAVING, EMIT, LIMIT");
    row("reserved word as name", "CREATE STREAM select (a INT);",
        "line 1:15: mismatched input 'select' expecting a stream name\nCREATE STREAM select (a "
        "INT);\n"
        "              ^\nhint: select is a reserved word; write `select` to use it as a name");
    row("unterminated string", "SELECT * FROM s WHERE name = 'abc;\n",
        "line 1:30: unterminated string literal (missing closing ')\nSELECT * FROM s WHERE name = "
        "'abc;\n"
        "                             ^");
    row("stray character", "SELECT a # b FROM s",
        "line 1:10: unexpected character '#'\nSELECT a # b FROM s\n         ^");
    row("tab aligned caret", "SELECT\n\ta +\tFROM s",
        "line 2:6: mismatched input 'FROM' expecting an expression\n\ta +\tFROM s\n\t   \t^");
    row("reserved word as column", "SELECT window, a FROM s",
        "line 1:8: mismatched input 'window' expecting an expression\nSELECT window, a FROM s\n    "
        "   ^\n"
        "hint: window is a reserved word; write `window` to use it as a name");
    row("list separator", "CREATE STREAM s (a INT) WITH (kafka_topic='x' value_format='json')",
        "line 1:47: mismatched input 'value_format' expecting ',' or ')'\n"
        "CREATE STREAM s (a INT) WITH (kafka_topic='x' value_format='json')\n"
        "                                              ^");
    row("utf8 before error", "SELECT 'héllo' héllo FROM s",
        "line 1:17: unexpected character '\xC3\xA9'\nSELECT 'héllo' héllo FROM s\n                "
        "^");
    row("missing semicolon", "SHOW STREAMS\nSHOW TABLES;",
        "line 2:1: mismatched input 'SHOW' expecting ';'\nSHOW TABLES;\n^\n"
        "hint: is a ';' missing at the end of the previous statement?");
    row("struct field with dot", "SELECT a.b.c FROM s",
        "line 1:11: a column reference has at most one qualifier (source.column)\nSELECT a.b.c "
        "FROM s\n          ^\n"
        "hint: use '->' to read a STRUCT field, as in source.column->field");
    row("csas with columns", "CREATE STREAM s (a INT) AS SELECT a FROM t",
        "line 1:17: CREATE ... AS SELECT cannot declare columns\nCREATE STREAM s (a INT) AS SELECT "
        "a FROM t\n"
        "                ^\nhint: the columns come from the SELECT; remove the column list");
    row("duplicate property", "CREATE STREAM s WITH (kafka_topic='a', KAFKA_TOPIC='b')",
        "line 1:40: duplicate property KAFKA_TOPIC\nCREATE STREAM s WITH (kafka_topic='a', "
        "KAFKA_TOPIC='b')\n"
        "                                       ^");
    row("bad emit", "SELECT * FROM s EMIT CHANGE",
        "line 1:22: mismatched input 'CHANGE' expecting CHANGES or FINAL\nSELECT * FROM s EMIT "
        "CHANGE\n"
        "                     ^\nhint: did you mean CHANGES?");
    row("join without on", "SELECT * FROM a JOIN b WHERE x",
        "line 1:24: mismatched input 'WHERE' expecting ON or WITHIN\nSELECT * FROM a JOIN b WHERE "
        "x\n"
        "                       ^");
  }
  void firstError() {
    QFETCH(std::string, text);
    QFETCH(std::string, rendered);
    ParseResult r = parseScript(text);
    QVERIFY(!r.errors.empty());
    QCOMPARE(r.errors[0].render(text), rendered);
  }

  void errorFieldsArePositions() {
    std::string text =
        "SHOW STREAMS;\nSELECT x\nFROM s\nWINDOW TUMBLING (SIZE 5 MINUTE) GROUP BY x HAVING;";
    ParseResult r = parseScript(text);
    QCOMPARE(r.errors.size(), size_t(1));
    const ParseError& e = r.errors[0];
    QCOMPARE(e.line, 4u);
    QCOMPARE(e.column, 50u);
    QCOMPARE(std::string(text.substr(e.offset, e.length)), std::string(";"));
    QCOMPARE(e.message, std::string("mismatched input ';' expecting an expression"));
    QCOMPARE(e.toString(), std::string("line 4:50: mismatched input ';' expecting an expression"));
    QCOMPARE(r.statements.size(), size_t(1));  // SHOW STREAMS survived
  }

  void recoversToReportSeveralErrors() {
    std::string script =
        "CREATE STREAM a (x INT) WITH (kafka_topic='a', value_format='json');\n"
        "SELECT * FORM a;\n"                      // error 1
        "SELECT x FROM a EMIT CHANGES;\n"         // fine
        "CREATE STREAM b AS SELECT x, FROM a;\n"  // error 2
        "DROP STREAM a\n"                         // error 3 (missing ';')
        "DESCRIBE a;\n"                           // resumes here
        "SHOW STREEMS;\n";                        // error 4
    ParseResult r = parseScript(script);
    QCOMPARE(r.errors.size(), size_t(4));
    QCOMPARE(r.errors[0].line, 2u);
    QCOMPARE(r.errors[0].column, 10u);
    QCOMPARE(r.errors[1].line, 4u);
    QCOMPARE(r.errors[1].column, 30u);
    QCOMPARE(r.errors[1].hint, std::string("is there an extra ',' before FROM?"));
    QCOMPARE(r.errors[2].line, 6u);
    QCOMPARE(r.errors[2].message, std::string("mismatched input 'DESCRIBE' expecting ';'"));
    QCOMPARE(r.errors[3].line, 7u);
    QCOMPARE(r.errors[3].hint, std::string("did you mean STREAMS?"));
    QCOMPARE(r.statements.size(), size_t(3));
    QCOMPARE(r.statements[0]->kind, StmtKind::kCreateSource);
    QCOMPARE(r.statements[1]->kind, StmtKind::kQuery);
    QCOMPARE(r.statements[2]->kind, StmtKind::kDescribe);
    std::string all = renderErrors(r.errors, script);
    QVERIFY(
        all.find(
            "line 2:10: mismatched input 'FORM' expecting FROM\nSELECT * FORM a;\n         ^") !=
        std::string::npos);
  }

  void recoveryStopsAtStatementKeywordOnNewLine() {
    // The error swallows the rest of its statement but the next line's CREATE is parsed.
    std::string script =
        "SELECT * FROM s WHERE (a > \nCREATE STREAM t (a INT) WITH (kafka_topic='t');";
    ParseResult r = parseScript(script);
    QCOMPARE(r.errors.size(), size_t(1));
    QCOMPARE(r.statements.size(), size_t(1));
    QCOMPARE(r.statements[0]->kind, StmtKind::kCreateSource);
  }

  void asSelectOnNextLineIsNotANewStatement() {
    std::string script = "CREATE STREAM x WTH (kafka_topic='x') AS\nSELECT * FROM y;\nSHOW TOPICS;";
    ParseResult r = parseScript(script);
    QCOMPARE(r.errors.size(), size_t(1));
    QCOMPARE(r.errors[0].hint, std::string("did you mean WITH?"));
    QCOMPARE(r.statements.size(), size_t(1));
    QCOMPARE(r.statements[0]->kind, StmtKind::kList);
  }

  void errorsAreCapped() {
    std::string script;
    for (int i = 0; i < 300; ++i)
      script += "BOGUS;\n";
    ParseResult r = parseScript(script);
    QCOMPARE(r.errors.size(), kMaxParseErrors);
  }

  void deepNestingIsAnErrorNotACrash() {
    std::string deep(100000, '(');
    ParseResult r = parseScript("SELECT " + deep + " FROM s");
    QVERIFY(!r.ok());
    QVERIFY(r.errors[0].message.find("nested too deeply") != std::string::npos);
    std::string notDeep = "SELECT " + std::string(50, '(') + "1" + std::string(50, ')') + " FROM s";
    QVERIFY(parseScript(notDeep).ok());
    std::string types = "CREATE STREAM s (a ";
    for (int i = 0; i < 5000; ++i)
      types += "ARRAY<";
    QVERIFY(!parseScript(types).ok());
    std::string explains;
    for (int i = 0; i < 5000; ++i)
      explains += "EXPLAIN ";
    QVERIFY(!parseScript(explains + "SHOW TOPICS").ok());
    std::string nots = "SELECT * FROM s WHERE ";
    for (int i = 0; i < 5000; ++i)
      nots += "NOT - ";
    QVERIFY(!parseScript(nots + "x").ok());
  }

  void brokenScriptsStayLinear() {
    // Each broken statement's look-ahead stops at its ';', so this is fast rather than quadratic.
    std::string script;
    for (int i = 0; i < 4000; ++i)
      script += "SELECT a FROM s GROUP BY ((a;\nSELECT x FROM t GROUP BY (x);\n";
    ParseResult r = parseScript(script);
    QCOMPARE(r.statements.size(), size_t(4000));
    QCOMPARE(r.errors.size(), kMaxParseErrors);
  }

  void randomGarbageNeverCrashes() {
    // Deterministic fuzzing: random bytes, and random mixes of real SQL fragments.
    std::mt19937 rng(20240607);
    const char* fragments[] = {
        "SELECT", "*",      "FROM",    "s",      "WHERE",    "(",      ")",       ",",
        ";",      "'x'",    "`q`",     "WINDOW", "TUMBLING", "SIZE",   "5",       "MINUTES",
        "JOIN",   "ON",     "=",       "->",     "[",        "]",      "CASE",    "WHEN",
        "THEN",   "END",    "CAST",    "AS",     "INT",      "ARRAY",  "<",       ">",
        "NOT",    "IN",     "BETWEEN", "AND",    "-",        "EMIT",   "CHANGES", "1.5e",
        "'",      "/*",     "--",      "${v}",   "=>",       "CREATE", "STREAM",  "WITH",
        "INSERT", "INTO",   "VALUES",  "GROUP",  "BY",       "HAVING", "\n",      "\xC3",
        "\xFF",   "EXPLAIN"};
    size_t parsedStatements = 0;
    for (int round = 0; round < 1500; ++round) {
      std::string text;
      int n = std::uniform_int_distribution<int>(0, 40)(rng);
      bool bytes = round % 3 == 0;
      if (round % 3 == 1) {
        // A valid script with a few random byte edits.
        text =
            "SHOW STREAMS; SELECT a, COUNT(*) FROM s WINDOW TUMBLING (SIZE 5 MINUTES) GROUP BY a "
            "HAVING COUNT(*) > 3 EMIT CHANGES; DROP TABLE t; PRINT 'x' LIMIT 2;";
        int edits = std::uniform_int_distribution<int>(1, 3)(rng);
        for (int e = 0; e < edits; ++e) {
          size_t at = std::uniform_int_distribution<size_t>(0, text.size() - 1)(rng);
          text[at] =
              fragments[std::uniform_int_distribution<size_t>(0, std::size(fragments) - 1)(rng)][0];
        }
        n = 0;
      }
      for (int i = 0; i < n; ++i) {
        if (bytes) {
          text.push_back(static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng)));
        } else {
          text +=
              fragments[std::uniform_int_distribution<size_t>(0, std::size(fragments) - 1)(rng)];
          text.push_back(' ');
        }
      }
      ParseResult r = parseScript(text);
      parsedStatements += r.statements.size();
      for (const ParseError& e : r.errors) {
        QVERIFY(e.offset <= text.size());
        QVERIFY(e.offset + e.length <= text.size());
        QVERIFY(!e.message.empty());
        QVERIFY(!e.render(text).empty());
      }
      // Whatever parsed must print and parse again.
      for (const auto& s : r.statements) {
        std::string printed = toSql(*s);
        ParseResult again = parseScript(printed);
        // The message is built only on failure: this loop runs for every generated script.
        if (!again.ok()) QFAIL(std::string(text).append(" -> ").append(printed).c_str());
      }
      splitStatements(text);
    }
    QVERIFY(parsedStatements > 0);  // the mixes do produce some valid statements
  }

  void splitsStatements() {
    std::string script =
        "-- intro\nSELECT ';' FROM s;  \n\n/* x; */ SHOW TOPICS ;;\n  DESCRIBE `a;b`";
    std::vector<StatementSpan> spans = splitStatements(script);
    QCOMPARE(spans.size(), size_t(3));
    QCOMPARE(std::string(spans[0].text(script)), std::string("SELECT ';' FROM s;"));
    QVERIFY(spans[0].terminated);
    QCOMPARE(spans[0].range.line, 2u);
    QCOMPARE(std::string(spans[1].text(script)), std::string("SHOW TOPICS ;"));
    QCOMPARE(spans[1].range.column, 10u);
    QCOMPARE(std::string(spans[2].text(script)), std::string("DESCRIBE `a;b`"));
    QVERIFY(!spans[2].terminated);
  }

  void statementUnderCursor() {
    std::string script = "SHOW TOPICS;\n\nSELECT * FROM s;\n";
    auto at = [&](size_t offset) {
      return std::string(statementAt(script, uint32_t(offset))->text(script));
    };
    QCOMPARE(at(0), std::string("SHOW TOPICS;"));
    QCOMPARE(at(5), std::string("SHOW TOPICS;"));
    QCOMPARE(at(12), std::string("SHOW TOPICS;"));  // just after the ';'
    QCOMPARE(at(13), std::string("SHOW TOPICS;"));  // blank line after it
    QCOMPARE(at(20), std::string("SELECT * FROM s;"));
    QCOMPARE(at(script.size()), std::string("SELECT * FROM s;"));
    QVERIFY(!statementAt("  -- only a comment", 3).has_value());
    QCOMPARE(std::string(statementAt("  SHOW TOPICS", 0)->text("  SHOW TOPICS")),
             std::string("SHOW TOPICS"));
  }
};

QTEST_APPLESS_MAIN(ParseErrorTest)
#include "parse_error_test.moc"
