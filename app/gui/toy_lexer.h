// Syntax colouring for Toy (spec §2): keywords, types, numbers, strings,
// characters, intrinsics, attributes and both comment forms. A custom
// QScintilla lexer, because no built-in one knows Toy's keywords.
#pragma once

#include <Qsci/qscilexercustom.h>

#include <string_view>
#include <vector>

namespace tide::gui {

class ToyLexer : public QsciLexerCustom {
  Q_OBJECT

 public:
  enum Style { Default, Comment, Keyword, Type, Number, String, Character, Intrinsic, StyleCount };

  explicit ToyLexer(QObject* parent = nullptr);
  const char* language() const override { return "Toy"; }
  QString description(int style) const override;
  QColor defaultColor(int style) const override;
  QFont defaultFont(int style) const override;
  void styleText(int start, int end) override;
};

// Classifies one line of Toy source; exposed so tests can check the
// colouring without an editor. Returns (length, style) runs covering `text`;
// `blockCommentOpen` is the state at the start and, on return, at the end.
struct StyledRun {
  int length;
  ToyLexer::Style style;
};
std::vector<StyledRun> styleToy(std::string_view text, bool* blockCommentOpen);

}  // namespace tide::gui
