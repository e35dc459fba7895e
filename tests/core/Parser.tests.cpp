// The parser: AST shape for each construct, precedence, literal decoding,
// struct-literal restriction in conditions, recovery and nesting limits.
#include <catch2/catch.hpp>

#include "tide/core/internal/parser.h"

using namespace tide::core;

namespace {

struct Parsed {
  Arena arena;
  DiagnosticSink sink;
  FileAst file;
  std::string text;
};

std::unique_ptr<Parsed> parse(std::string text) {
  auto parsed = std::make_unique<Parsed>();
  parsed->text = std::move(text);
  parsed->file = parseFile(0, parsed->text, parsed->arena, parsed->sink);
  return parsed;
}

// The expression of `fn f() { return EXPR; }`.
Expr* returned(Parsed& parsed) {
  REQUIRE(parsed.file.decls.count == 1);
  Block* body = parsed.file.decls[0]->body;
  REQUIRE(body->statements.count == 1);
  return body->statements[0]->value;
}

// A compact rendering of an expression tree to check precedence.
std::string shape(const Expr* expr) {
  static const char* const kOps[] = {"+", "-",  "*",  "/",  "%",  "<<", ">>", "&", "|",
                                     "^", "&&", "||", "==", "!=", "<",  "<=", ">", ">="};
  switch (expr->kind) {
    case ExprKind::Binary:
      return "(" + shape(expr->left) + kOps[static_cast<int>(expr->binaryOp)] + shape(expr->right) +
             ")";
    case ExprKind::Unary:
      return std::string("-!~&").substr(static_cast<int>(expr->unaryOp), 1) + shape(expr->left);
    case ExprKind::Cast: return "(" + shape(expr->left) + " as T)";
    case ExprKind::Paren: return shape(expr->left);
    case ExprKind::Call: return shape(expr->left) + "()";
    case ExprKind::Field: return shape(expr->left) + "." + std::string(expr->text);
    case ExprKind::Deref: return shape(expr->left) + ".*";
    case ExprKind::Index: return shape(expr->left) + "[" + shape(expr->right) + "]";
    default: return std::string(expr->text.empty() ? "?" : expr->text);
  }
}

std::string shapeOf(const std::string& expression) {
  auto parsed = parse("fn f() { return " + expression + "; }");
  INFO(expression);
  REQUIRE_FALSE(parsed->sink.hasErrors());
  return shape(returned(*parsed));
}

}  // namespace

TEST_CASE("Binary operators follow the spec's precedence table", "[parser]") {
  CHECK(shapeOf("a || b && c == d | e ^ f & g << h + i * j") ==
        "(a||(b&&(c==(d|(e^(f&(g<<(h+(i*j)))))))))");
  CHECK(shapeOf("a - b - c") == "((a-b)-c)");
  CHECK(shapeOf("-a as u8 * b") == "((-a as T)*b)");
  CHECK(shapeOf("&p.f[i].* + x.y()") == "(&p.f[i].*+x.y())");
}

TEST_CASE("Literals are decoded with underscores and bases", "[parser]") {
  auto parsed = parse("fn f() { return 0x_1; }");
  CHECK(parsed->sink.hasErrors());
  for (auto [text, value] : std::vector<std::pair<std::string, int64_t>>{{"42", 42},
                                                                         {"0x2A", 42},
                                                                         {"0o52", 42},
                                                                         {"0b101010", 42},
                                                                         {"1_000_000", 1000000},
                                                                         {"'a'", 97},
                                                                         {"'\\n'", 10},
                                                                         {"'\\x41'", 65}}) {
    auto ok = parse("fn f() { return " + text + "; }");
    INFO(text);
    REQUIRE_FALSE(ok->sink.hasErrors());
    CHECK(static_cast<int64_t>(returned(*ok)->sema.intValue) == value);
  }
  auto floats = parse("fn f() { return 2.0e-3; }");
  CHECK(returned(*floats)->sema.floatValue == 2.0e-3);
}

TEST_CASE("Every declaration form parses, with trailing commas", "[parser]") {
  auto parsed = parse(
      "const LIMIT: i64 = 1000;\nvar counter: i64 = 0;\nlet GREETING: *u8 = \"hello\";\n"
      "struct Point { x: i32, y: i32, }\nextern fn printf(fmt: *u8, ...): i32;\n"
      "fn @[.inline, .export,] g(a: i64, b: fn(i64,): bool,): i64 { return a; }\n");
  REQUIRE_FALSE(parsed->sink.hasErrors());
  REQUIRE(parsed->file.decls.count == 6);
  CHECK(parsed->file.decls[3]->params.count == 2);
  CHECK(parsed->file.decls[4]->variadic);
  CHECK(parsed->file.decls[5]->attributes.count == 2);
}

TEST_CASE("A struct literal in a condition must be parenthesized", "[parser]") {
  auto bare = parse("fn f() { if x == S { } }");
  CHECK_FALSE(bare->sink.hasErrors());  // `{` opens the block
  auto parenthesized = parse("fn f() { while (P { x: 1 }).x > n { } }");
  CHECK_FALSE(parenthesized->sink.hasErrors());
}

TEST_CASE("The parser recovers at statement boundaries and reports each error once", "[parser]") {
  auto parsed = parse("fn f() {\n  let = 1;\n  let y = ;\n  g();\n}\nfn h() { }\n");
  REQUIRE(parsed->sink.diagnostics().size() == 2);
  CHECK(parsed->sink.diagnostics()[0].message == "expected a variable name, found '='");
  CHECK(parsed->sink.diagnostics()[1].message == "expected an expression, found ';'");
  CHECK(parsed->file.decls.count == 2);
}

TEST_CASE("Comparison operators do not chain", "[parser]") {
  auto parsed = parse("fn f() { return a < b < c; }");
  REQUIRE(parsed->sink.diagnostics().size() == 1);
  CHECK(parsed->sink.diagnostics()[0].message ==
        "comparison operators cannot be chained; use parentheses");
}

TEST_CASE("Deep nesting stops with one error instead of overflowing the stack", "[parser]") {
  for (std::string open : {"(", "{", "-", "*"}) {
    std::string text = "fn f() { let x = ";
    if (open == "{") text = "fn f() ";
    if (open == "*") text = "fn f(p: ";
    for (int i = 0; i < 100000; ++i) text += open;
    auto parsed = parse(text);
    INFO(open);
    REQUIRE(parsed->sink.diagnostics().size() == 1);
    CHECK(parsed->sink.diagnostics()[0].message == "nesting too deep (limit 256)");
  }
  std::string fine = "fn f() { return ";
  for (int i = 0; i < 200; ++i) fine += "(";
  fine += "1";
  for (int i = 0; i < 200; ++i) fine += ")";
  CHECK_FALSE(parse(fine + "; }")->sink.hasErrors());
}
