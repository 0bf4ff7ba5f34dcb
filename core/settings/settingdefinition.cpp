#include "settingdefinition.h"

#include <QDir>
#include <QFileInfo>
#include <QObject>
#include <QTemporaryFile>
#include <QUrl>

namespace Settings {

namespace {

bool folderIsWritable(const QString &path, QString *why)
{
    const QFileInfo info(path);
    if (info.exists() && !info.isDir()) {
        *why = QObject::tr("it is a file, not a folder");
        return false;
    }
    if (!QDir().mkpath(path)) {
        *why = QObject::tr("it cannot be created");
        return false;
    }
    // A real write, because permissions alone do not tell about read-only mounts.
    QTemporaryFile probe(QDir(path).filePath(QStringLiteral(".modeldock-write-test-XXXXXX")));
    if (!probe.open()) {
        *why = QObject::tr("it is not writable");
        return false;
    }
    return true;
}

} // namespace

QVariant SettingDefinition::normalize(const QVariant &value, QString *error) const
{
    auto fail = [&](const QString &rule) {
        *error = QObject::tr("%1: %2").arg(key, rule);
        return QVariant();
    };
    switch (type) {
    case Type::Bool: {
        if (value.typeId() == QMetaType::Bool)
            return value;
        const QString text = value.toString().trimmed().toLower();
        if (text == QLatin1String("true") || text == QLatin1String("1") || text == QLatin1String("yes") || text == QLatin1String("on"))
            return true;
        if (text == QLatin1String("false") || text == QLatin1String("0") || text == QLatin1String("no") || text == QLatin1String("off"))
            return false;
        return fail(QObject::tr("must be true or false, not \"%1\"").arg(value.toString()));
    }
    case Type::Integer: {
        bool ok = false;
        qint64 number = 0;
        if (value.typeId() == QMetaType::Double) {
            const double d = value.toDouble();
            ok = d == static_cast<double>(static_cast<qint64>(d));
            number = static_cast<qint64>(d);
        } else {
            number = value.toString().trimmed().toLongLong(&ok);
        }
        if (!ok)
            return fail(QObject::tr("must be a whole number, not \"%1\"").arg(value.toString()));
        if (number < minimum || number > maximum)
            return fail(QObject::tr("must be between %1 and %2, not %3").arg(minimum).arg(maximum).arg(number));
        return number;
    }
    case Type::Choice: {
        const QString text = value.toString().trimmed();
        if (!choices.contains(text))
            return fail(QObject::tr("must be one of %1, not \"%2\"").arg(choices.join(QLatin1String(", ")), text));
        return text;
    }
    case Type::Url: {
        QString text = value.toString().trimmed();
        if (text.isEmpty()) {
            if (optional)
                return QString();
            return fail(QObject::tr("must not be empty"));
        }
        while (text.endsWith(QLatin1Char('/')))
            text.chop(1);
        const QUrl url(text, QUrl::StrictMode);
        const QString scheme = url.scheme();
        if (!url.isValid() || url.host().isEmpty()
            || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
            return fail(QObject::tr("must be an http:// or https:// URL, not \"%1\"").arg(text));
        return text;
    }
    case Type::Folder: {
        const QString text = value.toString().trimmed();
        if (text.isEmpty()) {
            if (optional)
                return QString();
            return fail(QObject::tr("must not be empty"));
        }
        if (QDir::isRelativePath(text))
            return fail(QObject::tr("must be an absolute folder path, not \"%1\"").arg(text));
        QString why;
        if (!folderIsWritable(text, &why))
            return fail(QObject::tr("the folder \"%1\" cannot be used: %2").arg(text, why));
        return QDir::cleanPath(text);
    }
    case Type::String: {
        const QString text = value.toString();
        if (text.isEmpty() && !optional)
            return fail(QObject::tr("must not be empty"));
        if (text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r')))
            return fail(QObject::tr("must be a single line"));
        return text;
    }
    }
    return fail(QObject::tr("unsupported type"));
}

QString SettingDefinition::display(const QVariant &value) const
{
    if (secret)
        return value.toString().isEmpty() ? QString() : QStringLiteral("••••••");
    if (type == Type::Bool)
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toString();
}

} // namespace Settings
