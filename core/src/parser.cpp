// Recursive-descent parser for Toy (spec §2, §4–§6). One function per grammar
// rule with its EBNF above it. The token stream is pulled from the Lexer with a
// one-token lookahead. Recovery: a failed statement skips to its ';' or to the
// closing '}' of the block; a failed declaration skips to the next token that
// can start a declaration at brace depth 0.
#include "tide/core/internal/parser.h"

#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "tide/core/internal/body_skim.h"

namespace tide::core {

namespace {

class Parser {
 public:
  Parser(uint32_t file, std::string_view text, Arena& arena, DiagnosticSink& sink,
         ParseScratch& scratch, uint32_t start = 0, bool deferBodies = false)
      : file_(file),
        text_(text),
        arena_(arena),
        sink_(sink),
        lexer_(file, text, sink),
        deferBodies_(deferBodies),
        scratch_(scratch.items) {
    lexer_.seek(start);
    lexer_.next(current_);
    lexer_.next(lookahead_);
  }

  FileAst parseProgram();
  // A function body from its '{' (a deferred one); `end` is where it stopped.
  Block* parseBody(uint32_t& end) {
    Block* body = parseBlock();
    end = previousEnd_;
    return body;
  }

 private:
  uint32_t file_;
  std::string_view text_;
  Arena& arena_;
  DiagnosticSink& sink_;
  Lexer lexer_;
  bool deferBodies_;
  Token current_, lookahead_;
  uint32_t previousEnd_ = 0;
  int depth_ = 0;
  bool stopped_ = false;  // nesting limit hit: the rest of the file is skipped
  bool noStructLiteral_ = false;
  // Pointer lists under construction (statements of a block, arguments of a
  // call) share one stack: a rule pushes its items and then moves them into
  // the arena, so no list costs a heap allocation of its own. It is the
  // caller's, so the parsers of deferred bodies share one too.
  std::vector<void*>& scratch_;
  // A function's or extern's parameters before they move into the arena
  // (declarations do not nest): a local vector was two mallocs per function.
  std::vector<Param> params_;
  template <typename T>
  List<T*> takeList(size_t mark) {
    uint32_t count = static_cast<uint32_t>(scratch_.size() - mark);
    if (count == 0) return {};
    T** items = static_cast<T**>(arena_.allocate(sizeof(T*) * count, alignof(T*)));
    for (uint32_t i = 0; i < count; ++i) items[i] = static_cast<T*>(scratch_[mark + i]);
    scratch_.resize(mark);
    return {items, count};
  }

  // --- token helpers
  bool at(TokenKind kind) const { return current_.kind == kind; }
  std::string_view spelling(Token token) const {
    return text_.substr(token.begin, token.end - token.begin);
  }
  SourceRange rangeOf(Token token) const { return {file_, token.begin, token.end}; }
  SourceRange span(uint32_t begin) const { return {file_, begin, std::max(begin, previousEnd_)}; }
  // Tokens are copied field by field: the lexer has just written lookahead_
  // that way, and a whole-struct reload of fresh narrow stores stalls on
  // store forwarding (measured in this function and Lexer::next).
  static void copyToken(Token& to, const Token& from) {
    to.kind = from.kind;
    to.begin = from.begin;
    to.end = from.end;
  }
  Token advance() {
    Token token;
    copyToken(token, current_);
    previousEnd_ = token.end;
    copyToken(current_, lookahead_);
    if (stopped_)
      lookahead_ = Token{TokenKind::EndOfFile, token.end, token.end};
    else
      lexer_.next(lookahead_);
    return token;
  }
  bool accept(TokenKind kind) {
    if (!at(kind)) return false;
    advance();
    return true;
  }
  // One syntax error per statement: later ones are usually its echo.
  size_t statementErrorMark_ = 0;
  void errorHere(const std::string& expected) {
    if (stopped_ || at(TokenKind::Invalid)) return;
    if (sink_.errorCount() > statementErrorMark_) return;
    sink_.error(rangeOf(current_),
                "expected " + expected + ", found " +
                    (at(TokenKind::EndOfFile) ? std::string("end of file")
                                              : "'" + std::string(spelling(current_)) + "'"));
  }
  bool expect(TokenKind kind) {
    if (accept(kind)) return true;
    if (kind == TokenKind::Semicolon && !stopped_ && !at(TokenKind::Invalid) &&
        sink_.errorCount() <= statementErrorMark_ && current_.begin > previousEnd_) {
      // A missing ';' is reported right after the previous token, where it belongs.
      sink_.error({file_, previousEnd_, previousEnd_ + 1},
                  "expected ';' after this, found " +
                      (at(TokenKind::EndOfFile) ? std::string("end of file")
                                                : "'" + std::string(spelling(current_)) + "'"));
      return false;
    }
    errorHere(std::string(tokenKindName(kind)));
    return false;
  }
  void stopFile() {
    stopped_ = true;
    current_ = lookahead_ = Token{TokenKind::EndOfFile, current_.begin, current_.begin};
  }
  // Operators chained at one level (`a + b + c ...`, `x as T as U`, `f()()`)
  // deepen the tree as much as nesting does; sema and lowering recurse over
  // the tree, so the sum is bounded too.
  int chainDepth_ = 0;
  bool chainTooLong() {
    if (depth_ + chainDepth_ <= kMaxExpressionDepth || stopped_) return stopped_;
    sink_.error(rangeOf(current_), "expression too long (limit " +
                                       std::to_string(kMaxExpressionDepth) + " operators deep)");
    stopFile();
    return true;
  }
  // RAII depth guard for recursive rules. Entered for nearly every
  // expression: the common case (within both limits, not stopped) is inline,
  // the messages out of line (inlined whole, the string building kept the
  // constructor a call: ~1.4% of the front end's instructions).
  struct Nest {
    Parser& parser;
    bool ok;
    explicit Nest(Parser& p) : parser(p), ok(true) {
      ++parser.depth_;
      if (parser.depth_ > kMaxNesting || parser.depth_ + parser.chainDepth_ > kMaxExpressionDepth ||
          parser.stopped_)
        ok = parser.enterPastLimit();
    }
    ~Nest() { --parser.depth_; }
  };
  // Nest's checks once depth_ is incremented; false: stop parsing here.
  [[gnu::noinline]] bool enterPastLimit() {
    if (depth_ > kMaxNesting && !stopped_) {
      sink_.error(rangeOf(current_),
                  "nesting too deep (limit " + std::to_string(kMaxNesting) + ")");
      stopFile();
    }
    return !stopped_ && !chainTooLong();
  }

  Expr* errorExpr(uint32_t begin) {
    Expr* expr = arena_.make<Expr>();
    expr->kind = ExprKind::Error;
    expr->range = span(begin);
    return expr;
  }

  void skipToDeclarationStart();
  void skipStatement();

  Decl* parseDeclaration();
  Decl* parseFunction();
  bool deferBody(Decl& decl);
  Decl* parseExtern();
  Decl* parseStruct();
  Decl* parseConstOrGlobal();
  List<Attribute> parseAttributes();
  bool parseParams(std::vector<Param>& params, bool allowVariadic, bool& variadic);
  TypeExpr* parseType();
  Block* parseBlock();
  Stmt* parseStatement();
  Stmt* parseLet();
  Stmt* parseIf();
  Stmt* parseWhile();
  Stmt* parseLoop();
  Stmt* parseFor();
  Stmt* parseReturn();
  Stmt* parseSimpleStatement();
  Expr* parseExpression();
  Expr* parseCondition();
  Expr* parseBinary(int level);
  Expr* parseCast();
  Expr* parseUnary();
  Expr* parsePostfix();
  Expr* parsePrimary();
  Expr* parseStructLiteral(Token name);
  Expr* parseArrayLiteral();
  Expr* parseIntrinsic();
  List<Expr*> parseArguments(TokenKind close);
  Expr* parseIntegerLiteral(Token token);
  Expr* parseFloatLiteral(Token token);
  Expr* parseQuotedLiteral(Token token);
};

bool startsDeclaration(TokenKind kind) {
  return kind == TokenKind::KwFn || kind == TokenKind::KwExtern || kind == TokenKind::KwStruct ||
         kind == TokenKind::KwConst || kind == TokenKind::KwVar || kind == TokenKind::KwLet;
}

void Parser::skipToDeclarationStart() {
  int braces = 0;
  while (!at(TokenKind::EndOfFile)) {
    if (braces == 0 && startsDeclaration(current_.kind)) return;
    if (at(TokenKind::LBrace)) ++braces;
    if (at(TokenKind::RBrace) && braces > 0) --braces;
    advance();
  }
}

// Skips the rest of a broken statement: up to and including ';' at this
// level, or up to (not including) the '}' that closes the enclosing block.
void Parser::skipStatement() {
  int braces = 0;
  while (!at(TokenKind::EndOfFile)) {
    if (braces == 0 && at(TokenKind::Semicolon)) {
      advance();
      return;
    }
    if (at(TokenKind::LBrace)) ++braces;
    if (at(TokenKind::RBrace)) {
      if (braces == 0) return;
      if (--braces == 0) {
        advance();
        return;
      }
    }
    advance();
  }
}

// program = { declaration } EOF
FileAst Parser::parseProgram() {
  std::vector<Decl*> decls;
  while (!at(TokenKind::EndOfFile)) {
    if (Decl* decl = parseDeclaration()) decls.push_back(decl);
  }
  return {file_, makeList(arena_, decls), text_};
}

// declaration = function | extern | struct | const | global
Decl* Parser::parseDeclaration() {
  statementErrorMark_ = sink_.errorCount();
  switch (current_.kind) {
    case TokenKind::KwFn: return parseFunction();
    case TokenKind::KwExtern: return parseExtern();
    case TokenKind::KwStruct: return parseStruct();
    case TokenKind::KwConst:
    case TokenKind::KwVar:
    case TokenKind::KwLet: return parseConstOrGlobal();
    default:
      errorHere("a declaration");
      advance();
      skipToDeclarationStart();
      return nullptr;
  }
}

// attributes = "@[" "." IDENT { "," "." IDENT } [ "," ] "]"
List<Attribute> Parser::parseAttributes() {
  std::vector<Attribute> attributes;
  if (!accept(TokenKind::AtBracket)) return {};
  while (!at(TokenKind::RBracket) && !at(TokenKind::EndOfFile)) {
    uint32_t begin = current_.begin;
    if (!expect(TokenKind::Dot)) break;
    if (!at(TokenKind::Identifier)) {
      errorHere("an attribute name");
      break;
    }
    Token name = advance();
    attributes.push_back({spelling(name), span(begin)});
    if (!accept(TokenKind::Comma)) break;
  }
  expect(TokenKind::RBracket);
  return makeList(arena_, attributes);
}

// params = [ param { "," param } [ "," ] ]   param = IDENT ":" type
// (extern only: the list may end with "..." and no comma after it)
bool Parser::parseParams(std::vector<Param>& params, bool allowVariadic, bool& variadic) {
  if (!expect(TokenKind::LParen)) return false;
  while (!at(TokenKind::RParen) && !at(TokenKind::EndOfFile)) {
    if (at(TokenKind::Ellipsis)) {
      Token dots = advance();
      if (!allowVariadic) sink_.error(rangeOf(dots), "'...' is only allowed in an extern function");
      variadic = true;
      if (at(TokenKind::Comma)) {
        sink_.error(rangeOf(current_), "no trailing comma is allowed after '...'");
        advance();
      }
      break;
    }
    if (!at(TokenKind::Identifier)) {
      errorHere("a parameter name");
      return false;
    }
    Token name = advance();
    if (!expect(TokenKind::Colon)) return false;
    TypeExpr* type = parseType();
    if (!type) return false;
    params.push_back({spelling(name), rangeOf(name), type, nullptr});
    if (!accept(TokenKind::Comma)) break;
  }
  return expect(TokenKind::RParen);
}

// function = "fn" [ attributes ] IDENT "(" params ")" [ ":" type ] block
Decl* Parser::parseFunction() {
  uint32_t begin = advance().begin;
  Decl* decl = arena_.make<Decl>();
  decl->kind = DeclKind::Function;
  decl->attributes = parseAttributes();
  if (!at(TokenKind::Identifier)) {
    errorHere("a function name");
    skipToDeclarationStart();
    return nullptr;
  }
  Token name = advance();
  decl->name = spelling(name);
  decl->nameRange = rangeOf(name);
  params_.clear();
  bool variadic = false;
  if (!parseParams(params_, false, variadic)) {
    skipToDeclarationStart();
    return nullptr;
  }
  decl->params = makeList(arena_, params_);
  if (accept(TokenKind::Colon)) decl->resultType = parseType();
  if (!at(TokenKind::LBrace)) {
    errorHere("'{'");
    skipToDeclarationStart();
    return nullptr;
  }
  if (deferBodies_ && deferBody(*decl)) {
    decl->range = span(begin);
    return decl;
  }
  size_t errorsBefore = sink_.errorCount();
  decl->body = parseBlock();
  decl->hadSyntaxError = sink_.errorCount() > errorsBefore;
  decl->range = span(begin);
  return decl;
}

// Leaves the body at current_ ('{') for parseBody, when its end can be found
// without the lexer: the tokens after it are lexed from there.
bool Parser::deferBody(Decl& decl) {
  size_t end = skimFunctionBody(text_, current_.begin);
  if (end == kNoBodyEnd) return false;
  decl.bodyDeferred = true;
  decl.bodyBegin = current_.begin;
  decl.bodyEnd = static_cast<uint32_t>(end);
  previousEnd_ = decl.bodyEnd;
  lexer_.seek(end);
  lexer_.next(current_);
  lexer_.next(lookahead_);
  return true;
}

// extern = "extern" "fn" IDENT "(" params ")" [ ":" type ] ";"
Decl* Parser::parseExtern() {
  uint32_t begin = advance().begin;
  Decl* decl = arena_.make<Decl>();
  decl->kind = DeclKind::Extern;
  if (!expect(TokenKind::KwFn) || !at(TokenKind::Identifier)) {
    if (!stopped_ && at(TokenKind::Identifier) == false) errorHere("a function name");
    skipToDeclarationStart();
    return nullptr;
  }
  Token name = advance();
  decl->name = spelling(name);
  decl->nameRange = rangeOf(name);
  params_.clear();
  if (!parseParams(params_, true, decl->variadic)) {
    skipToDeclarationStart();
    return nullptr;
  }
  decl->params = makeList(arena_, params_);
  if (accept(TokenKind::Colon)) decl->resultType = parseType();
  if (!expect(TokenKind::Semicolon)) skipToDeclarationStart();
  decl->range = span(begin);
  return decl;
}

// struct = "struct" IDENT "{" [ field { "," field } [ "," ] ] "}"   field = IDENT ":" type
Decl* Parser::parseStruct() {
  uint32_t begin = advance().begin;
  Decl* decl = arena_.make<Decl>();
  decl->kind = DeclKind::Struct;
  if (!at(TokenKind::Identifier)) {
    errorHere("a struct name");
    skipToDeclarationStart();
    return nullptr;
  }
  Token name = advance();
  decl->name = spelling(name);
  decl->nameRange = rangeOf(name);
  std::vector<Param> fields;
  bool ok = expect(TokenKind::LBrace);
  while (ok && !at(TokenKind::RBrace) && !at(TokenKind::EndOfFile)) {
    if (!at(TokenKind::Identifier)) {
      errorHere("a field name");
      ok = false;
      break;
    }
    Token field = advance();
    if (!expect(TokenKind::Colon)) {
      ok = false;
      break;
    }
    TypeExpr* type = parseType();
    if (!type) {
      ok = false;
      break;
    }
    fields.push_back({spelling(field), rangeOf(field), type, nullptr});
    if (!accept(TokenKind::Comma)) break;
  }
  if (!ok || !expect(TokenKind::RBrace)) {
    skipToDeclarationStart();
    if (!ok) return nullptr;
  }
  decl->params = makeList(arena_, fields);
  decl->range = span(begin);
  return decl;
}

// const  = "const" IDENT [ ":" type ] "=" expression ";"
// global = ( "var" | "let" ) IDENT [ ":" type ] [ "=" expression ] ";"
Decl* Parser::parseConstOrGlobal() {
  Token keyword = advance();
  Decl* decl = arena_.make<Decl>();
  decl->kind = keyword.kind == TokenKind::KwConst ? DeclKind::Const : DeclKind::Global;
  decl->isMutable = keyword.kind == TokenKind::KwVar;
  if (!at(TokenKind::Identifier)) {
    errorHere("a name");
    skipToDeclarationStart();
    return nullptr;
  }
  Token name = advance();
  decl->name = spelling(name);
  decl->nameRange = rangeOf(name);
  if (accept(TokenKind::Colon)) decl->typeExpr = parseType();
  if (accept(TokenKind::Eq)) {
    decl->value = parseExpression();
  } else if (decl->kind == DeclKind::Const) {
    errorHere("'=' (a const needs a value)");
  }
  if (!expect(TokenKind::Semicolon)) {
    skipToDeclarationStart();
    return nullptr;
  }
  decl->range = span(keyword.begin);
  return decl;
}

// type = IDENT | "*" type | "[" expression "]" type
//      | "fn" "(" [ type { "," type } [ "," ] ] ")" [ ":" type ]
TypeExpr* Parser::parseType() {
  Nest nest(*this);
  if (!nest.ok) return nullptr;
  uint32_t begin = current_.begin;
  TypeExpr* type = arena_.make<TypeExpr>();
  if (at(TokenKind::Identifier)) {
    type->kind = TypeExprKind::Named;
    type->name = spelling(advance());
  } else if (accept(TokenKind::Star)) {
    type->kind = TypeExprKind::Pointer;
    type->inner = parseType();
    if (!type->inner) return nullptr;
  } else if (accept(TokenKind::LBracket)) {
    type->kind = TypeExprKind::Array;
    bool saved = noStructLiteral_;
    noStructLiteral_ = false;
    type->length = parseExpression();
    noStructLiteral_ = saved;
    if (!expect(TokenKind::RBracket)) return nullptr;
    type->inner = parseType();
    if (!type->inner) return nullptr;
  } else if (accept(TokenKind::KwFn)) {
    type->kind = TypeExprKind::Function;
    std::vector<TypeExpr*> params;
    if (!expect(TokenKind::LParen)) return nullptr;
    while (!at(TokenKind::RParen) && !at(TokenKind::EndOfFile)) {
      TypeExpr* param = parseType();
      if (!param) return nullptr;
      params.push_back(param);
      if (!accept(TokenKind::Comma)) break;
    }
    if (!expect(TokenKind::RParen)) return nullptr;
    type->params = makeList(arena_, params);
    if (accept(TokenKind::Colon)) {
      type->inner = parseType();
      if (!type->inner) return nullptr;
    }
  } else {
    errorHere("a type");
    return nullptr;
  }
  type->range = span(begin);
  return type;
}

// block = "{" { statement } "}"
Block* Parser::parseBlock() {
  Nest nest(*this);
  Block* block = arena_.make<Block>();
  uint32_t begin = current_.begin;
  size_t mark = scratch_.size();
  if (nest.ok && expect(TokenKind::LBrace)) {
    bool saved = noStructLiteral_;
    noStructLiteral_ = false;
    while (!at(TokenKind::RBrace) && !at(TokenKind::EndOfFile)) {
      if (Stmt* statement = parseStatement()) scratch_.push_back(statement);
    }
    noStructLiteral_ = saved;
    expect(TokenKind::RBrace);
  }
  block->range = span(begin);
  block->statements = takeList<Stmt>(mark);
  return block;
}

// statement = let | if | while | loop | for | return | "break" ";" | "continue" ";"
//           | block | simpleStatement ";"
Stmt* Parser::parseStatement() {
  statementErrorMark_ = sink_.errorCount();
  switch (current_.kind) {
    case TokenKind::KwLet:
    case TokenKind::KwVar: return parseLet();
    case TokenKind::KwIf: return parseIf();
    case TokenKind::KwWhile: return parseWhile();
    case TokenKind::KwLoop: return parseLoop();
    case TokenKind::KwFor: return parseFor();
    case TokenKind::KwReturn: return parseReturn();
    case TokenKind::KwBreak:
    case TokenKind::KwContinue: {
      Token keyword = advance();
      Stmt* statement = arena_.make<Stmt>();
      statement->kind = keyword.kind == TokenKind::KwBreak ? StmtKind::Break : StmtKind::Continue;
      if (!expect(TokenKind::Semicolon)) skipStatement();
      statement->range = span(keyword.begin);
      return statement;
    }
    case TokenKind::LBrace: {
      Stmt* statement = arena_.make<Stmt>();
      statement->kind = StmtKind::Block;
      statement->body = parseBlock();
      statement->range = statement->body->range;
      return statement;
    }
    case TokenKind::Semicolon: {
      Token semicolon = advance();
      sink_.warning(rangeOf(semicolon), "empty statement");
      return nullptr;
    }
    case TokenKind::KwFn:
    case TokenKind::KwStruct:
    case TokenKind::KwExtern:
    case TokenKind::KwConst: {
      sink_.error(rangeOf(current_), std::string(tokenKindName(current_.kind)) +
                                         " declarations are only allowed at the top level");
      advance();
      skipStatement();
      return nullptr;
    }
    default: return parseSimpleStatement();
  }
}

// let = ( "let" | "var" ) IDENT [ ":" type ] [ "=" expression ] ";"
Stmt* Parser::parseLet() {
  Token keyword = advance();
  Stmt* statement = arena_.make<Stmt>();
  statement->kind = StmtKind::Let;
  statement->isMutable = keyword.kind == TokenKind::KwVar;
  if (!at(TokenKind::Identifier)) {
    errorHere("a variable name");
    skipStatement();
    return nullptr;
  }
  Token name = advance();
  statement->name = spelling(name);
  statement->nameRange = rangeOf(name);
  if (accept(TokenKind::Colon)) {
    statement->typeExpr = parseType();
    if (!statement->typeExpr) {
      skipStatement();
      return nullptr;
    }
  }
  if (accept(TokenKind::Eq)) statement->value = parseExpression();
  if (!expect(TokenKind::Semicolon)) {
    skipStatement();
    return nullptr;
  }
  statement->range = span(keyword.begin);
  return statement;
}

// condition = expression   (a struct literal must be parenthesized here)
Expr* Parser::parseCondition() {
  bool saved = noStructLiteral_;
  noStructLiteral_ = true;
  Expr* condition = parseExpression();
  noStructLiteral_ = saved;
  return condition;
}

// if = "if" condition block [ "else" ( if | block ) ]
Stmt* Parser::parseIf() {
  Nest nest(*this);
  if (!nest.ok) return nullptr;
  uint32_t begin = advance().begin;
  Stmt* statement = arena_.make<Stmt>();
  statement->kind = StmtKind::If;
  statement->value = parseCondition();
  if (!at(TokenKind::LBrace)) {
    errorHere("'{'");
    skipStatement();
    return nullptr;
  }
  statement->body = parseBlock();
  if (accept(TokenKind::KwElse)) {
    if (at(TokenKind::KwIf)) {
      statement->elseBranch = parseIf();
    } else if (at(TokenKind::LBrace)) {
      Stmt* elseBlock = arena_.make<Stmt>();
      elseBlock->kind = StmtKind::Block;
      elseBlock->body = parseBlock();
      elseBlock->range = elseBlock->body->range;
      statement->elseBranch = elseBlock;
    } else {
      errorHere("'if' or '{' after 'else'");
      skipStatement();
    }
  }
  statement->range = span(begin);
  return statement;
}

// while = "while" condition block
Stmt* Parser::parseWhile() {
  uint32_t begin = advance().begin;
  Stmt* statement = arena_.make<Stmt>();
  statement->kind = StmtKind::While;
  statement->value = parseCondition();
  if (!at(TokenKind::LBrace)) {
    errorHere("'{'");
    skipStatement();
    return nullptr;
  }
  statement->body = parseBlock();
  statement->range = span(begin);
  return statement;
}

// loop = "loop" block
Stmt* Parser::parseLoop() {
  uint32_t begin = advance().begin;
  Stmt* statement = arena_.make<Stmt>();
  statement->kind = StmtKind::Loop;
  if (!at(TokenKind::LBrace)) {
    errorHere("'{'");
    skipStatement();
    return nullptr;
  }
  statement->body = parseBlock();
  statement->range = span(begin);
  return statement;
}

// for = "for" IDENT "in" expression ".." expression block
Stmt* Parser::parseFor() {
  uint32_t begin = advance().begin;
  Stmt* statement = arena_.make<Stmt>();
  statement->kind = StmtKind::For;
  if (!at(TokenKind::Identifier)) {
    errorHere("a loop variable name");
    skipStatement();
    return nullptr;
  }
  Token name = advance();
  statement->name = spelling(name);
  statement->nameRange = rangeOf(name);
  if (!expect(TokenKind::KwIn)) {
    skipStatement();
    return nullptr;
  }
  bool saved = noStructLiteral_;
  noStructLiteral_ = true;
  statement->value = parseExpression();
  if (!expect(TokenKind::DotDot)) {
    noStructLiteral_ = saved;
    skipStatement();
    return nullptr;
  }
  statement->target = parseExpression();
  noStructLiteral_ = saved;
  if (!at(TokenKind::LBrace)) {
    errorHere("'{'");
    skipStatement();
    return nullptr;
  }
  statement->body = parseBlock();
  statement->range = span(begin);
  return statement;
}

// return = "return" [ expression ] ";"
Stmt* Parser::parseReturn() {
  uint32_t begin = advance().begin;
  Stmt* statement = arena_.make<Stmt>();
  statement->kind = StmtKind::Return;
  if (!at(TokenKind::Semicolon)) statement->value = parseExpression();
  if (!expect(TokenKind::Semicolon)) {
    skipStatement();
    return nullptr;
  }
  statement->range = span(begin);
  return statement;
}

bool assignmentOperator(TokenKind kind, BinaryOp& op, bool& compound) {
  compound = true;
  switch (kind) {
    case TokenKind::Eq: compound = false; return true;
    case TokenKind::PlusEq: op = BinaryOp::Add; return true;
    case TokenKind::MinusEq: op = BinaryOp::Sub; return true;
    case TokenKind::StarEq: op = BinaryOp::Mul; return true;
    case TokenKind::SlashEq: op = BinaryOp::Div; return true;
    case TokenKind::PercentEq: op = BinaryOp::Rem; return true;
    case TokenKind::AmpEq: op = BinaryOp::BitAnd; return true;
    case TokenKind::PipeEq: op = BinaryOp::BitOr; return true;
    case TokenKind::CaretEq: op = BinaryOp::BitXor; return true;
    case TokenKind::ShlEq: op = BinaryOp::Shl; return true;
    case TokenKind::ShrEq: op = BinaryOp::Shr; return true;
    default: return false;
  }
}

// simpleStatement = expression [ assignOp expression ] ";"
// assignOp = "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "&=" | "|=" | "^=" | "<<=" | ">>="
Stmt* Parser::parseSimpleStatement() {
  uint32_t begin = current_.begin;
  Stmt* statement = arena_.make<Stmt>();
  Expr* expression = parseExpression();
  if (expression->kind == ExprKind::Error) {
    skipStatement();
    return nullptr;
  }
  if (assignmentOperator(current_.kind, statement->assignOp, statement->compound)) {
    statement->kind = StmtKind::Assign;
    advance();
    statement->target = expression;
    statement->value = parseExpression();
  } else {
    statement->kind = StmtKind::Expr;
    statement->value = expression;
  }
  if (!expect(TokenKind::Semicolon)) {
    skipStatement();
    return nullptr;
  }
  statement->range = span(begin);
  return statement;
}

// expression = binary(0)
Expr* Parser::parseExpression() { return parseBinary(0); }

struct BinaryLevel {
  TokenKind token;
  BinaryOp op;
  int level;
};

// Precedence levels, lowest first: || · && · comparisons · | · ^ · & · shifts · + - · * / %
const BinaryLevel kBinaryOperators[] = {
    {TokenKind::PipePipe, BinaryOp::LogicalOr, 0},
    {TokenKind::AmpAmp, BinaryOp::LogicalAnd, 1},
    {TokenKind::EqEq, BinaryOp::Eq, 2},
    {TokenKind::NotEq, BinaryOp::Ne, 2},
    {TokenKind::Less, BinaryOp::Lt, 2},
    {TokenKind::LessEq, BinaryOp::Le, 2},
    {TokenKind::Greater, BinaryOp::Gt, 2},
    {TokenKind::GreaterEq, BinaryOp::Ge, 2},
    {TokenKind::Pipe, BinaryOp::BitOr, 3},
    {TokenKind::Caret, BinaryOp::BitXor, 4},
    {TokenKind::Amp, BinaryOp::BitAnd, 5},
    {TokenKind::Shl, BinaryOp::Shl, 6},
    {TokenKind::Shr, BinaryOp::Shr, 6},
    {TokenKind::Plus, BinaryOp::Add, 7},
    {TokenKind::Minus, BinaryOp::Sub, 7},
    {TokenKind::Star, BinaryOp::Mul, 8},
    {TokenKind::Slash, BinaryOp::Div, 8},
    {TokenKind::Percent, BinaryOp::Rem, 8},
};
constexpr int kComparisonLevel = 2;

const BinaryLevel* binaryOperator(TokenKind kind) {
  // Indexed by token kind: the parser asks this once per operand.
  static const auto kByToken = [] {
    std::array<const BinaryLevel*, static_cast<size_t>(TokenKind::Invalid) + 1> table{};
    for (const BinaryLevel& entry : kBinaryOperators)
      table[static_cast<size_t>(entry.token)] = &entry;
    return table;
  }();
  return kByToken[static_cast<size_t>(kind)];
}

// binary(L) = cast { op(K) binary(K+1) }   for operators of level K >= L
// (precedence climbing over the table above: one call per operand, not one
// per level; left-associative). Comparisons (level 2) are non-associative: a
// second one directly after the first is an error.
Expr* Parser::parseBinary(int level) {
  uint32_t begin = current_.begin;
  Expr* left = parseCast();
  int chained = 0;
  struct Restore {
    int& depth;
    int& count;
    ~Restore() { depth -= count; }
  } restore{chainDepth_, chained};
  for (;;) {
    const BinaryLevel* entry = binaryOperator(current_.kind);
    if (!entry || entry->level < level) return left;
    ++chained;
    ++chainDepth_;
    if (chainTooLong()) return errorExpr(begin);
    Token op = advance();
    Expr* right = parseBinary(entry->level + 1);
    Expr* binary = arena_.make<Expr>();
    binary->kind = ExprKind::Binary;
    binary->binaryOp = entry->op;
    binary->setOperatorRange(rangeOf(op));
    binary->left = left;
    binary->right = right;
    binary->range = span(begin);
    left = binary;
    if (entry->level == kComparisonLevel) {
      const BinaryLevel* again = binaryOperator(current_.kind);
      if (again && again->level == kComparisonLevel) {
        sink_.error(rangeOf(current_), "comparison operators cannot be chained; use parentheses");
        advance();
        parseBinary(kComparisonLevel + 1);
      }
    }
  }
}

// cast = unary { "as" type }
Expr* Parser::parseCast() {
  uint32_t begin = current_.begin;
  Expr* operand = parseUnary();
  int chained = 0;
  while (at(TokenKind::KwAs)) {
    ++chained;
    if (depth_ + chainDepth_ + chained > kMaxExpressionDepth) {
      chainDepth_ += chained;
      chainTooLong();
      chainDepth_ -= chained;
      return errorExpr(begin);
    }
    Token as = advance();
    TypeExpr* type = parseType();
    if (!type) return errorExpr(begin);
    Expr* cast = arena_.make<Expr>();
    cast->kind = ExprKind::Cast;
    cast->left = operand;
    cast->typeExpr = type;
    cast->setOperatorRange(rangeOf(as));
    cast->range = span(begin);
    operand = cast;
  }
  return operand;
}

// unary = ( "-" | "!" | "~" | "&" ) unary | postfix
Expr* Parser::parseUnary() {
  uint32_t begin = current_.begin;
  switch (current_.kind) {
    case TokenKind::Minus:
    case TokenKind::Bang:
    case TokenKind::Tilde:
    case TokenKind::Amp:
    case TokenKind::AmpAmp: break;
    default: return parsePostfix();
  }
  Nest nest(*this);  // only prefix operators recurse here
  if (!nest.ok) return errorExpr(begin);
  UnaryOp op;
  switch (current_.kind) {
    case TokenKind::Minus: op = UnaryOp::Negate; break;
    case TokenKind::Bang: op = UnaryOp::Not; break;
    case TokenKind::Tilde: op = UnaryOp::BitNot; break;
    case TokenKind::Amp: op = UnaryOp::AddressOf; break;
    case TokenKind::AmpAmp: {
      // `&&x` is two address-of operators; the lexer made one token.
      Token token = advance();
      Expr* inner = arena_.make<Expr>();
      inner->kind = ExprKind::Unary;
      inner->unaryOp = UnaryOp::AddressOf;
      inner->setOperatorRange({file_, token.begin + 1, token.end});
      inner->left = parseUnary();
      inner->range = span(begin + 1);
      Expr* outer = arena_.make<Expr>();
      outer->kind = ExprKind::Unary;
      outer->unaryOp = UnaryOp::AddressOf;
      outer->setOperatorRange({file_, token.begin, token.begin + 1});
      outer->left = inner;
      outer->range = span(begin);
      return outer;
    }
    default: return parsePostfix();
  }
  Token token = advance();
  Expr* unary = arena_.make<Expr>();
  unary->kind = ExprKind::Unary;
  unary->unaryOp = op;
  unary->setOperatorRange(rangeOf(token));
  unary->left = parseUnary();
  unary->range = span(begin);
  return unary;
}

// arguments = [ expression { "," expression } [ "," ] ] close
List<Expr*> Parser::parseArguments(TokenKind close) {
  bool saved = noStructLiteral_;
  noStructLiteral_ = false;
  size_t mark = scratch_.size();
  while (!at(close) && !at(TokenKind::EndOfFile)) {
    Expr* argument = parseExpression();
    scratch_.push_back(argument);
    if (argument->kind == ExprKind::Error && stopped_) break;
    if (!accept(TokenKind::Comma)) break;
  }
  noStructLiteral_ = saved;
  expect(close);
  return takeList<Expr>(mark);
}

// postfix = primary { "(" arguments | "[" expression "]" | "." IDENT | ".*" }
Expr* Parser::parsePostfix() {
  uint32_t begin = current_.begin;
  Expr* base = parsePrimary();
  int chain = 0;
  for (;;) {
    if (base->kind == ExprKind::Error) return base;
    if (depth_ + chainDepth_ + ++chain > kMaxExpressionDepth) {
      chainDepth_ += chain;
      chainTooLong();
      chainDepth_ -= chain;
      return errorExpr(begin);
    }
    TokenKind kind = current_.kind;
    if (kind != TokenKind::LParen && kind != TokenKind::LBracket && kind != TokenKind::DotStar &&
        kind != TokenKind::Dot)
      return base;  // the common case: no postfix operator, no node
    Expr* next = arena_.make<Expr>();
    next->left = base;
    if (accept(TokenKind::LParen)) {
      next->kind = ExprKind::Call;
      next->arguments = parseArguments(TokenKind::RParen);
    } else if (accept(TokenKind::LBracket)) {
      next->kind = ExprKind::Index;
      bool saved = noStructLiteral_;
      noStructLiteral_ = false;
      next->right = parseExpression();
      noStructLiteral_ = saved;
      expect(TokenKind::RBracket);
    } else if (at(TokenKind::DotStar)) {
      next->kind = ExprKind::Deref;
      next->setOperatorRange(rangeOf(advance()));
    } else if (at(TokenKind::Dot)) {
      advance();
      if (!at(TokenKind::Identifier)) {
        errorHere("a field name");
        return errorExpr(begin);
      }
      Token field = advance();
      next->kind = ExprKind::Field;
      next->text = spelling(field);
      next->setOperatorRange(rangeOf(field));
    } else {
      return base;
    }
    next->range = span(begin);
    base = next;
  }
}

// primary = INT | FLOAT | CHAR | STRING | "true" | "false" | "null"
//         | IDENT [ structLiteral ] | "(" expression ")" | arrayLiteral | intrinsic
Expr* Parser::parsePrimary() {
  uint32_t begin = current_.begin;
  switch (current_.kind) {
    case TokenKind::Integer: return parseIntegerLiteral(advance());
    case TokenKind::Float: return parseFloatLiteral(advance());
    case TokenKind::Char:
    case TokenKind::String: return parseQuotedLiteral(advance());
    case TokenKind::KwTrue:
    case TokenKind::KwFalse: {
      Token token = advance();
      Expr* expr = arena_.make<Expr>();
      expr->kind = ExprKind::BoolLiteral;
      expr->sema.intValue = token.kind == TokenKind::KwTrue;
      expr->range = rangeOf(token);
      return expr;
    }
    case TokenKind::KwNull: {
      Expr* expr = arena_.make<Expr>();
      expr->kind = ExprKind::Null;
      expr->range = rangeOf(advance());
      return expr;
    }
    case TokenKind::Identifier: {
      Token name = advance();
      if (at(TokenKind::LBrace) && !noStructLiteral_) return parseStructLiteral(name);
      Expr* expr = arena_.make<Expr>();
      expr->kind = ExprKind::Name;
      expr->text = spelling(name);
      expr->range = rangeOf(name);
      return expr;
    }
    case TokenKind::LParen: {
      Nest nest(*this);
      if (!nest.ok) return errorExpr(begin);
      advance();
      bool saved = noStructLiteral_;
      noStructLiteral_ = false;
      Expr* inner = parseExpression();
      noStructLiteral_ = saved;
      if (!expect(TokenKind::RParen)) return errorExpr(begin);
      Expr* expr = arena_.make<Expr>();
      expr->kind = ExprKind::Paren;
      expr->left = inner;
      expr->range = span(begin);
      if (inner->kind == ExprKind::Error) return inner;
      return expr;
    }
    case TokenKind::LBracket: return parseArrayLiteral();
    case TokenKind::At: return parseIntrinsic();
    default:
      errorHere("an expression");
      if (!at(TokenKind::EndOfFile) && !at(TokenKind::Semicolon) && !at(TokenKind::RBrace))
        advance();
      return errorExpr(begin);
  }
}

// structLiteral = IDENT "{" [ IDENT ":" expression { "," IDENT ":" expression } [ "," ] ] "}"
Expr* Parser::parseStructLiteral(Token name) {
  Nest nest(*this);
  if (!nest.ok) return errorExpr(name.begin);
  advance();  // '{'
  std::vector<FieldInit> fields;
  while (!at(TokenKind::RBrace) && !at(TokenKind::EndOfFile)) {
    if (!at(TokenKind::Identifier)) {
      errorHere("a field name");
      return errorExpr(name.begin);
    }
    Token field = advance();
    if (!expect(TokenKind::Colon)) return errorExpr(name.begin);
    fields.push_back({spelling(field), rangeOf(field), parseExpression()});
    if (!accept(TokenKind::Comma)) break;
  }
  if (!expect(TokenKind::RBrace)) return errorExpr(name.begin);
  Expr* expr = arena_.make<Expr>();
  expr->kind = ExprKind::StructLiteral;
  expr->text = spelling(name);
  expr->setOperatorRange(rangeOf(name));
  expr->fields = makeList(arena_, fields);
  expr->range = span(name.begin);
  return expr;
}

// arrayLiteral = "[" expression "]" type "{" [ expression { "," expression } [ "," ] ] "}"
Expr* Parser::parseArrayLiteral() {
  uint32_t begin = current_.begin;
  TypeExpr* type = parseType();
  if (!type) return errorExpr(begin);
  if (!expect(TokenKind::LBrace)) return errorExpr(begin);
  List<Expr*> elements = parseArguments(TokenKind::RBrace);
  Expr* expr = arena_.make<Expr>();
  expr->kind = ExprKind::ArrayLiteral;
  expr->typeExpr = type;
  expr->arguments = elements;
  expr->range = span(begin);
  return expr;
}

// intrinsic = "@" IDENT "(" ( type | arguments ) ")"     (a type for @sizeof/@alignof)
Expr* Parser::parseIntrinsic() {
  uint32_t begin = advance().begin;
  if (!at(TokenKind::Identifier)) {
    errorHere("an intrinsic name after '@'");
    return errorExpr(begin);
  }
  Token name = advance();
  Expr* expr = arena_.make<Expr>();
  expr->kind = ExprKind::Intrinsic;
  expr->text = spelling(name);
  expr->setOperatorRange({file_, begin, name.end});
  if (!expect(TokenKind::LParen)) return errorExpr(begin);
  if (expr->text == "sizeof" || expr->text == "alignof") {
    expr->typeOperand = parseType();
    if (!expr->typeOperand || !expect(TokenKind::RParen)) return errorExpr(begin);
  } else {
    expr->arguments = parseArguments(TokenKind::RParen);
  }
  expr->range = span(begin);
  return expr;
}

// Digits with '_' only between two digits; a base prefix 0x 0o 0b.
Expr* Parser::parseIntegerLiteral(Token token) {
  std::string_view text = spelling(token);
  Expr* expr = arena_.make<Expr>();
  expr->kind = ExprKind::IntLiteral;
  expr->range = rangeOf(token);
  expr->text = text;
  unsigned base = 10;
  size_t i = 0;
  if (text.size() > 1 && text[0] == '0' &&
      (text[1] == 'x' || text[1] == 'X' || text[1] == 'o' || text[1] == 'O' || text[1] == 'b' ||
       text[1] == 'B')) {
    char prefix = static_cast<char>(text[1] | 0x20);
    base = prefix == 'x' ? 16 : prefix == 'o' ? 8 : 2;
    i = 2;
  }
  // Every literal above u64 is an error, so 64 bits and an overflow flag do:
  // a 128-bit accumulator lived on the stack, and the node's 16-byte store of
  // it reloaded two 8-byte halves just written there (a store-forwarding
  // stall; 8% of parsePrimary in perf annotate).
  uint64_t value = 0;
  bool overflow = false, sawDigit = false;
  std::string problem;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '_') {
      bool betweenDigits = sawDigit && i + 1 < text.size() && text[i + 1] != '_';
      if (!betweenDigits) problem = "'_' must stand between two digits";
      continue;
    }
    unsigned digit = c >= '0' && c <= '9'   ? unsigned(c - '0')
                     : c >= 'a' && c <= 'f' ? unsigned(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? unsigned(c - 'A' + 10)
                                            : 99;
    if (digit >= base) {
      problem = "invalid digit '" + std::string(1, c) + "' in integer literal";
      break;
    }
    sawDigit = true;
    if (__builtin_mul_overflow(value, base, &value) || __builtin_add_overflow(value, digit, &value))
      overflow = true;
  }
  if (!sawDigit && problem.empty()) problem = "integer literal has no digits";
  if (overflow) problem = "integer literal is too large";
  if (!problem.empty()) {
    sink_.error(expr->range, problem);
    expr->kind = ExprKind::Error;
    return expr;
  }
  expr->sema.intValue = static_cast<__int128>(value);
  return expr;
}

// Float: digits [ "." digits ] [ ("e"|"E") ["+"|"-"] digits ], '_' between digits only.
Expr* Parser::parseFloatLiteral(Token token) {
  std::string_view text = spelling(token);
  Expr* expr = arena_.make<Expr>();
  expr->kind = ExprKind::FloatLiteral;
  expr->range = rangeOf(token);
  expr->text = text;
  std::string digits;
  std::string problem;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '_') {
      bool ok = i > 0 && i + 1 < text.size() &&
                std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                std::isdigit(static_cast<unsigned char>(text[i + 1]));
      if (!ok) problem = "'_' must stand between two digits";
      continue;
    }
    bool allowed = std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' ||
                   c == 'E' || ((c == '+' || c == '-') && i > 0 && (text[i - 1] | 0x20) == 'e');
    if (!allowed) {
      problem = "invalid character '" + std::string(1, c) + "' in float literal";
      break;
    }
    digits += c;
  }
  if (problem.empty() && !std::isdigit(static_cast<unsigned char>(digits.back())))
    problem = "float literal has no exponent digits";
  if (problem.empty()) {
    errno = 0;
    char* end = nullptr;
    double value = std::strtod(digits.c_str(), &end);
    if (end != digits.c_str() + digits.size())
      problem = "malformed float literal";
    else if (std::isinf(value))
      problem = "float literal is too large for f64";
    expr->sema.floatValue = value;
  }
  if (!problem.empty()) {
    sink_.error(expr->range, problem);
    expr->kind = ExprKind::Error;
  }
  return expr;
}

Expr* Parser::parseQuotedLiteral(Token token) {
  std::string_view text = spelling(token);
  Expr* expr = arena_.make<Expr>();
  expr->kind = token.kind == TokenKind::Char ? ExprKind::CharLiteral : ExprKind::StringLiteral;
  expr->range = rangeOf(token);
  expr->text = text;
  std::string decoded, problem;
  size_t errorAt = 0, errorLength = 0;
  if (!decodeQuoted(text, decoded, problem, errorAt, errorLength)) {
    sink_.error({file_, static_cast<uint32_t>(token.begin + errorAt),
                 static_cast<uint32_t>(token.begin + errorAt + errorLength)},
                problem);
    expr->kind = ExprKind::Error;
    return expr;
  }
  if (expr->kind == ExprKind::CharLiteral) {
    if (decoded.size() != 1) {
      sink_.error(expr->range, decoded.empty() ? "empty character literal"
                                               : "character literal must be exactly one byte");
      expr->kind = ExprKind::Error;
      return expr;
    }
    expr->sema.intValue = static_cast<unsigned char>(decoded[0]);
  }
  return expr;
}

}  // namespace

bool decodeQuoted(std::string_view spelling, std::string& out, std::string& error, size_t& errorAt,
                  size_t& errorLength) {
  out.clear();
  for (size_t i = 1; i + 1 < spelling.size(); ++i) {
    char c = spelling[i];
    if (c != '\\') {
      out += c;
      continue;
    }
    char escape = i + 1 < spelling.size() - 1 ? spelling[i + 1] : '\0';
    switch (escape) {
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case '0': out += '\0'; break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'x': {
        auto hex = [](char h) {
          return h >= '0' && h <= '9'   ? h - '0'
                 : h >= 'a' && h <= 'f' ? h - 'a' + 10
                 : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                        : -1;
        };
        int high = i + 2 < spelling.size() - 1 ? hex(spelling[i + 2]) : -1;
        int low = i + 3 < spelling.size() - 1 ? hex(spelling[i + 3]) : -1;
        if (high < 0 || low < 0) {
          error = "'\\x' needs two hex digits";
          errorAt = i;
          errorLength = 2;
          return false;
        }
        out += static_cast<char>(high * 16 + low);
        i += 2;
        break;
      }
      default:
        error = "unknown escape sequence '\\" + std::string(1, escape) + "'";
        errorAt = i;
        errorLength = 2;
        return false;
    }
    ++i;
  }
  return true;
}

FileAst parseFile(uint32_t file, std::string_view text, Arena& arena, DiagnosticSink& sink,
                  bool deferBodies) {
  ParseScratch scratch;
  Parser parser(file, text, arena, sink, scratch, 0, deferBodies);
  return parser.parseProgram();
}

Block* parseDeferredBody(const FileAst& file, const Decl& function, Arena& arena,
                         DiagnosticSink& sink, ParseScratch& scratch, bool& clean) {
  size_t reportsBefore = sink.reportCount();
  Parser parser(file.file, file.text, arena, sink, scratch, function.bodyBegin);
  uint32_t end = 0;
  Block* body = parser.parseBody(end);
  clean = end == function.bodyEnd && sink.reportCount() == reportsBefore;
  return body;
}

}  // namespace tide::core
