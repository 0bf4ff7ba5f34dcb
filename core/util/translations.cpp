#include "translations.h"

#include "logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>

namespace Util {

namespace {
const QString resourceFolder = QStringLiteral(":/i18n");
}

Translations::Translations()
{
    if (m_plurals.load(QStringLiteral("modeldock_en"), resourceFolder))
        QCoreApplication::installTranslator(&m_plurals);
    else
        qCWarning(lcApp) << "The English plural forms (:/i18n/modeldock_en.qm) are missing";
}

Translations::~Translations()
{
    QCoreApplication::removeTranslator(&m_app);
    QCoreApplication::removeTranslator(&m_qt);
    QCoreApplication::removeTranslator(&m_plurals);
}

QLocale Translations::localeFor(const QString &language)
{
    if (language.isEmpty() || language == QLatin1String("system"))
        return QLocale::system();
    return QLocale(language);
}

QStringList Translations::available()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

void Translations::apply(const QString &language)
{
    QCoreApplication::removeTranslator(&m_app);
    QCoreApplication::removeTranslator(&m_qt);
    const QLocale locale = localeFor(language);
    // A chosen language formats dates and numbers too; "system" leaves them to the locale.
    if (language != QLatin1String("system") && !language.isEmpty())
        QLocale::setDefault(locale);
    // English is the source language: nothing above the plural forms. QTranslator::load tries
    // the locale's UI languages in order ("zh-Hans-CN" → modeldock_zh_CN.qm).
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return;
    if (m_app.load(locale, QStringLiteral("modeldock"), QStringLiteral("_"), resourceFolder) &&
        m_app.language() != QLatin1String("en_US")) {
        QCoreApplication::installTranslator(&m_app);
        // Qt's own strings (standard buttons, context menus) from the Qt installation: without
        // qt6-translations-l10n they stay English and nothing else does.
        if (m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&m_qt);
        else
            qCInfo(lcApp) << "No Qt translation for" << locale.name() << "in"
                          << QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    }
}

}  // namespace Util
