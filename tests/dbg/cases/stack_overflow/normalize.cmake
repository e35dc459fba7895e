# Which instruction of `down` first touches the guard page (a push of the
# prologue, line 5, or a store of the body, line 6) depends on where the
# stack limit falls, which the environment's size moves: frame 0 may be
# either line.
string(REGEX REPLACE "(<down\\+OFF> at program.toy):(5:1|6:12)\n(5|6)\t[^\n]*\n#0  0xADDR <down\\+OFF> at program.toy:(5:1|6:12)\n"
       "\\1:FAULT-LINE\nFAULT-SOURCE\n#0  0xADDR <down+OFF> at program.toy:FAULT-LINE\n" output "${output}")
