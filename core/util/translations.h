#pragma once

#include <QLocale>
#include <QString>
#include <QTranslator>

namespace Util {

// The translators of one process: ModelDock's own strings (translations/*.ts, compiled into
// the library under :/i18n) and Qt's (qtbase_*.qm from the Qt installation: standard buttons,
// context menus). English is no translation but still has one: the plural forms of the strings
// that count with %n ("%n file(s)" → "1 file", "2 files"), always installed underneath.
//
// The language is a setting (Keys::Language): "system" follows the locale (LANGUAGE, LC_ALL,
// LC_MESSAGES, LANG), or a language name such as "en" or "zh_CN" chooses one.
class Translations
{
public:
    Translations();
    ~Translations();
    Translations(const Translations &) = delete;
    Translations &operator=(const Translations &) = delete;

    // Installs the translators of `language` in the running application, replacing those of an
    // earlier call; widgets receive QEvent::LanguageChange. An unknown language is English.
    void apply(const QString &language);

    // The locale `language` stands for: QLocale::system() for "system" or an empty name.
    static QLocale localeFor(const QString &language);
    // The languages ModelDock is translated into, as setting values ("en", "zh_CN").
    static QStringList available();

private:
    QTranslator m_plurals;  // English plural forms, installed once and first (asked last)
    QTranslator m_qt;
    QTranslator m_app;
};

}  // namespace Util
