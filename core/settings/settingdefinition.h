#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>

namespace Settings {

// One declared setting. Every setting ModelDock has is declared exactly once, in
// SettingsSchema; nothing else invents keys or defaults.
struct SettingDefinition
{
    enum class Type
    {
        Bool,
        Integer,  // qint64, with min/max
        String,
        Choice,  // one of `choices`
        Url,     // a URL with one of `schemes` (empty allowed when `optional`)
        Folder,  // an absolute folder that exists or can be created, and is writable
        Json,    // a JSON object, given as text or as an object; stored as compact text
    };

    QString key;  // "download.maxActive"
    Type type = Type::String;
    QVariant defaultValue;
    QString description;  // one line, shown in the settings dialog and `settings get`
    // The description in the language the interface speaks now: the schema is built before the
    // settings (and so the language setting) are read, with the locale's language.
    QString shownDescription() const;
    qint64 minimum = 0;  // Integer only
    qint64 maximum = 0;
    QStringList choices;                                                   // Choice only
    QStringList schemes{QStringLiteral("http"), QStringLiteral("https")};  // Url only
    bool requirePort = false;                                              // Url: the URL must name its port (proxies)
    // An extra rule on the normalized value (String, Url, Json: its text); returns the broken
    // rule as a sentence, or empty.
    std::function<QString(const QVariant &)> rule;
    // Json: the stored form of a value that passed `rule` (names spelled one way, paths cleaned).
    std::function<QString(const QString &)> canonical;
    bool optional = false;  // Url/Folder/String: empty is allowed
    bool secret = false;    // tokens: redacted in history, export and output

    // Returns the value converted to the setting's canonical type, or an invalid QVariant
    // and a message that names the key and the rule. Never changes anything on disk: a
    // folder that does not exist yet is checked through its nearest existing parent.
    QVariant normalize(const QVariant &value, QString *error) const;
    // Secrets come out redacted, and so does the password part of a URL.
    QString display(const QVariant &value) const;

    // For a refused folder: whether `path` could be created and written without creating it.
    static bool folderIsUsable(const QString &path, QString *why);
};

}  // namespace Settings
