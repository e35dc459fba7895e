#include "gui/toy_lexer.h"

#include <Qsci/qsciscintilla.h>

#include <QFontDatabase>
#include <array>
#include <cctype>
#include <string_view>

namespace tide::gui {

namespace {

constexpr std::array<std::string_view, 20> kKeywords = {
    "fn",  "extern", "struct", "let",      "var",    "const", "if",   "else",  "while", "loop",
    "for", "in",     "break",  "continue", "return", "as",    "true", "false", "null",  "void"};
constexpr std::array<std::string_view, 10> kTypes = {"i8",  "i16", "i32", "i64", "u8",
                                                     "u16", "u32", "u64", "f64", "bool"};

bool isIdentifierByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view word) {
  for (std::string_view w : words)
    if (w == word) return true;
  return false;
}

// Length of a quoted literal starting at text[i] (the quote), stopping at
// the closing quote or the end of the line, so an unclosed string does not
// colour the rest of the file.
std::size_t quotedLength(std::string_view text, std::size_t i) {
  const char quote = text[i];
  std::size_t j = i + 1;
  while (j < text.size() && text[j] != '\n') {
    if (text[j] == '\\' && j + 1 < text.size()) {
      j += 2;
      continue;
    }
    if (text[j++] == quote) break;
  }
  return j - i;
}

}  // namespace

std::vector<StyledRun> styleToy(std::string_view text, bool* blockCommentOpen) {
  bool inBlockComment = *blockCommentOpen;
  std::vector<StyledRun> runs;
  std::size_t i = 0;
  auto addRun = [&](std::size_t length, ToyLexer::Style style) {
    if (!runs.empty() && runs.back().style == style)
      runs.back().length += static_cast<int>(length);
    else
      runs.push_back({static_cast<int>(length), style});
    i += length;
  };
  while (i < text.size()) {
    if (inBlockComment) {
      const std::size_t close = text.find("*/", i);
      inBlockComment = close == std::string_view::npos;
      addRun(inBlockComment ? text.size() - i : close + 2 - i, ToyLexer::Comment);
      continue;
    }
    const char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c == '/' && next == '/') {
      const std::size_t eol = text.find('\n', i);
      addRun((eol == std::string_view::npos ? text.size() : eol) - i, ToyLexer::Comment);
    } else if (c == '/' && next == '*') {
      addRun(2, ToyLexer::Comment);
      inBlockComment = true;
    } else if (c == '"' || c == '\'') {
      addRun(quotedLength(text, i), c == '"' ? ToyLexer::String : ToyLexer::Character);
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t j = i;
      // A '.' belongs to the number only when a digit follows: `0..10` is a range.
      while (j < text.size() &&
             (isIdentifierByte(text[j]) || (text[j] == '.' && j + 1 < text.size() &&
                                            std::isdigit(static_cast<unsigned char>(text[j + 1])))))
        ++j;
      addRun(j - i, ToyLexer::Number);
    } else if (c == '@' || isIdentifierByte(c)) {
      std::size_t j = i + 1;
      while (j < text.size() && isIdentifierByte(text[j])) ++j;
      const std::string_view word = text.substr(i, j - i);
      ToyLexer::Style style = ToyLexer::Default;
      if (c == '@')
        style = ToyLexer::Intrinsic;
      else if (contains(kKeywords, word))
        style = ToyLexer::Keyword;
      else if (contains(kTypes, word))
        style = ToyLexer::Type;
      addRun(j - i, style);
    } else {
      addRun(1, ToyLexer::Default);
    }
  }
  *blockCommentOpen = inBlockComment;
  return runs;
}

ToyLexer::ToyLexer(QObject* parent) : QsciLexerCustom(parent) {}

QString ToyLexer::description(int style) const {
  switch (style) {
    case Default: return tr("Default");
    case Comment: return tr("Comment");
    case Keyword: return tr("Keyword");
    case Type: return tr("Type");
    case Number: return tr("Number");
    case String: return tr("String");
    case Character: return tr("Character");
    case Intrinsic: return tr("Intrinsic or attribute");
    default: return QString();
  }
}

QColor ToyLexer::defaultColor(int style) const {
  switch (style) {
    case Comment: return QColor(0x6a, 0x73, 0x7d);
    case Keyword: return QColor(0x8a, 0x2b, 0xb2);
    case Type: return QColor(0x00, 0x5c, 0xc5);
    case Number: return QColor(0x09, 0x86, 0x58);
    case String:
    case Character: return QColor(0xa3, 0x15, 0x15);
    case Intrinsic: return QColor(0xb0, 0x5a, 0x00);
    default: return QColor(0x1f, 0x23, 0x28);
  }
}

QFont ToyLexer::defaultFont(int style) const {
  QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  if (style == Keyword) font.setBold(true);
  if (style == Comment) font.setItalic(true);
  return font;
}

void ToyLexer::styleText(int start, int end) {
  QsciScintilla* scintilla = editor();
  if (!scintilla || start >= end) return;
  // Styling goes line by line; each line's state records whether it ends
  // inside a block comment, so restyling can start at any line.
  auto send = [scintilla](unsigned int message, unsigned long wParam, long lParam = 0) {
    return scintilla->SendScintilla(message, wParam, lParam);
  };
  const int firstLine = static_cast<int>(send(QsciScintillaBase::SCI_LINEFROMPOSITION, start));
  const int lastLine = static_cast<int>(send(QsciScintillaBase::SCI_LINEFROMPOSITION, end));
  bool inBlockComment =
      firstLine > 0 && send(QsciScintillaBase::SCI_GETLINESTATE, firstLine - 1) != 0;
  const int firstPosition =
      static_cast<int>(send(QsciScintillaBase::SCI_POSITIONFROMLINE, firstLine));
  startStyling(firstPosition);
  for (int line = firstLine; line <= lastLine; ++line) {
    const int from = static_cast<int>(send(QsciScintillaBase::SCI_POSITIONFROMLINE, line));
    const int to = static_cast<int>(send(QsciScintillaBase::SCI_GETLINEENDPOSITION, line));
    const int next = line + 1 < scintilla->lines()
                         ? static_cast<int>(send(QsciScintillaBase::SCI_POSITIONFROMLINE, line + 1))
                         : to;
    // bytes() returns the range plus the NUL that SCI_GETTEXTRANGE writes.
    const QByteArray bytes = scintilla->bytes(from, to).left(to - from);
    for (const StyledRun& run :
         styleToy(std::string_view(bytes.constData(), bytes.size()), &inBlockComment))
      setStyling(run.length, run.style);
    if (next > to) setStyling(next - to, inBlockComment ? Comment : Default);
    send(QsciScintillaBase::SCI_SETLINESTATE, line, inBlockComment ? 1 : 0);
  }
}

}  // namespace tide::gui
