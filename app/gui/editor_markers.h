// The editor's markers and colours, shared by the window's editing and
// debugging halves (main_window.cpp, main_window_debug.cpp).
#pragma once

#include <QColor>

namespace tide::gui::markers {

// Breakpoints and the execution arrow show in the symbol margin; the
// execution line also gets a background tint.
inline constexpr int kBreakpointMarker = 1;
inline constexpr int kExecutionMarker = 2;
inline constexpr int kExecutionLineMarker = 3;
inline constexpr int kSymbolMargin = 1;
// The caret line is drawn over line markers, so on the execution line it
// takes the execution tint instead of hiding it.
inline const QColor kCaretLineColor(0xf0, 0xf4, 0xfa);
inline const QColor kExecutionLineColor(0xff, 0xf3, 0xb0);
}  // namespace tide::gui::markers
