#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

namespace Settings {

// One declared setting. Every setting ModelDock has is declared exactly once, in
// SettingsSchema; nothing else invents keys or defaults.
struct SettingDefinition
{
    enum class Type {
        Bool,
        Integer,   // qint64, with min/max
        String,
        Choice,    // one of `choices`
        Url,       // http:// or https:// URL (empty allowed when `optional`)
        Folder,    // a folder that exists or can be created, and is writable
    };

    QString key;                 // "download.maxActive"
    Type type = Type::String;
    QVariant defaultValue;
    QString description;         // one line, shown in the settings dialog and `settings get`
    qint64 minimum = 0;          // Integer only
    qint64 maximum = 0;
    QStringList choices;         // Choice only
    bool optional = false;       // Url/Folder/String: empty is allowed
    bool secret = false;         // tokens: redacted in history, export and output

    // Returns the value converted to the setting's canonical type, or an invalid QVariant
    // and a message that names the key and the rule.
    QVariant normalize(const QVariant &value, QString *error) const;
    QString display(const QVariant &value) const;  // secrets come out redacted
};

} // namespace Settings
