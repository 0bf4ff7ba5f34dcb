#include "settingdefinition.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QTemporaryFile>
#include <QUrl>

namespace Settings {

namespace {

QString schemeList(const QStringList &schemes)
{
    QStringList shown;
    for (const QString &scheme : schemes)
        shown << scheme + QStringLiteral("://");
    return shown.join(QObject::tr(" or "));
}

}  // namespace

bool SettingDefinition::folderIsUsable(const QString &path, QString *why)
{
    const QFileInfo info(path);
    if (info.exists() && !info.isDir()) {
        *why = QObject::tr("it is a file, not a folder");
        return false;
    }
    // The nearest folder that exists: a new folder would be created in it. Nothing is created
    // here, so a refused change leaves no empty folder behind.
    QString existing = QDir::cleanPath(info.absoluteFilePath());
    while (!QFileInfo::exists(existing)) {
        const QString parent = QFileInfo(existing).absolutePath();
        if (parent == existing)
            break;
        existing = parent;
    }
    if (!QFileInfo(existing).isDir()) {
        *why = QObject::tr("\"%1\" is a file, so the folder cannot be created").arg(existing);
        return false;
    }
    // A real write, because permissions alone do not tell about read-only mounts. The probe
    // file is removed again at once.
    QTemporaryFile probe(QDir(existing).filePath(QStringLiteral(".modeldock-write-test-XXXXXX")));
    if (!probe.open()) {
        *why = existing == QDir::cleanPath(info.absoluteFilePath())
                   ? QObject::tr("it is not writable")
                   : QObject::tr("it cannot be created because \"%1\" is not writable").arg(existing);
        return false;
    }
    return true;
}

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
        if (text == QLatin1String("true") || text == QLatin1String("1") || text == QLatin1String("yes") ||
            text == QLatin1String("on"))
            return true;
        if (text == QLatin1String("false") || text == QLatin1String("0") || text == QLatin1String("no") ||
            text == QLatin1String("off"))
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
        const QString scheme = url.scheme().toLower();
        const QString shown = url.toDisplayString(QUrl::RemovePassword);
        if (!url.isValid() || url.host().isEmpty() || !schemes.contains(scheme))
            return fail(QObject::tr("must be a URL starting with %1, not \"%2\"")
                            .arg(schemeList(schemes), url.isValid() ? shown : text));
        if (requirePort && url.port() < 0)
            return fail(QObject::tr("must name its port, for example %1proxy.example:3128, not \"%2\"")
                            .arg(schemes.first() + QStringLiteral("://"), shown));
        if (rule) {
            if (const QString broken = rule(text); !broken.isEmpty())
                return fail(broken);
        }
        return text;
    }
    case Type::Folder: {
        QString text = value.toString().trimmed();
        // "~" is the home folder, as in a shell (and in huggingface_hub's own settings).
        if (text == QLatin1String("~"))
            text = QDir::homePath();
        else if (text.startsWith(QLatin1String("~/")))
            text = QDir::home().filePath(text.mid(2));
        if (text.isEmpty()) {
            if (optional)
                return QString();
            return fail(QObject::tr("must not be empty"));
        }
        if (QDir::isRelativePath(text))
            return fail(QObject::tr("must be an absolute folder path, not \"%1\"").arg(text));
        QString why;
        if (!folderIsUsable(text, &why))
            return fail(QObject::tr("the folder \"%1\" cannot be used: %2").arg(text, why));
        return QDir::cleanPath(text);
    }
    case Type::Json: {
        // From modeldock.json or an import the value is an object already; from the command
        // line, the dialog or storage it is text.
        QJsonObject object;
        if (value.typeId() == QMetaType::QVariantMap) {
            object = QJsonObject::fromVariantMap(value.toMap());
        } else if (value.typeId() == QMetaType::QJsonObject) {
            object = value.toJsonObject();
        } else {
            const QString text = value.toString().trimmed();
            QJsonParseError parseError;
            const QJsonDocument doc =
                QJsonDocument::fromJson(text.isEmpty() ? QByteArray("{}") : text.toUtf8(), &parseError);
            if (parseError.error != QJsonParseError::NoError || !doc.isObject())
                return fail(QObject::tr("must be a JSON object such as {\"key\": \"value\"}, not \"%1\"").arg(text));
            object = doc.object();
        }
        const QString text = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
        if (rule) {
            if (const QString broken = rule(text); !broken.isEmpty())
                return fail(broken);
        }
        return canonical ? canonical(text) : text;
    }
    case Type::String: {
        const QString text = value.toString();
        if (text.isEmpty() && !optional)
            return fail(QObject::tr("must not be empty"));
        if (text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r')))
            return fail(QObject::tr("must be a single line"));
        if (rule) {
            if (const QString broken = rule(text); !broken.isEmpty())
                return fail(broken);
        }
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
    if (type == Type::Url && !value.toString().isEmpty())
        return QUrl(value.toString()).toDisplayString(QUrl::RemovePassword);
    return value.toString();
}

QString SettingDefinition::shownDescription() const
{
    // SettingsSchema::standard writes the descriptions with QObject::tr: looked up again, an
    // English one gets the current translation, a translated one is left as it is.
    const QString now = QCoreApplication::translate("QObject", description.toUtf8().constData());
    return now.isEmpty() ? description : now;
}

}  // namespace Settings
