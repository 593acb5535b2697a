#pragma once
// Marks an English text of this Qt-free library for Qt Linguist: lupdate reads CDOS_TRANSLATE_NOOP as
// QT_TRANSLATE_NOOP (-tr-function-alias in widgets/ and gateway/CMakeLists.txt), and a Qt host translates the text
// in that context at run time (the status words' meanings: kStatusWordsContext in CommandSet.h).
#define CDOS_TRANSLATE_NOOP(context, text) text
