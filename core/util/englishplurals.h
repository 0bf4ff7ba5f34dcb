#pragma once

#include <QTranslator>

namespace Util {

// English plural forms for the untranslated strings. Source strings count with "%n" and mark
// the plural ending "(s)" ("%n file(s) verified"), which Qt leaves as written when no
// translation is loaded. Installed in both front ends, this translator answers such a string
// with its singular or plural: "1 file verified", "3 files verified". The first "(s)" after
// "%n" follows n; any other is left alone, since it may count something else.
class EnglishPlurals : public QTranslator
{
public:
    using QTranslator::QTranslator;
    QString translate(const char *context, const char *sourceText, const char *disambiguation = nullptr,
                      int n = -1) const override;
    bool isEmpty() const override { return false; }
};

}  // namespace Util
