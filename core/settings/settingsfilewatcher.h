#pragma once

#include <QDateTime>
#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace Settings {

class SettingsCenter;

// Applies an optional JSON settings file live. A valid edit becomes a new settings version
// (source "file"); an invalid one is refused whole with a message for the activity log and
// the running configuration stays. Editors that save by writing a new file and renaming it
// over the old one make QFileSystemWatcher forget the path, so the folder is watched too and
// the file is re-added whenever it reappears.
class SettingsFileWatcher : public QObject
{
    Q_OBJECT
public:
    SettingsFileWatcher(SettingsCenter *center, QString path, QObject *parent = nullptr);

    QString path() const { return m_path; }
    // Why the file in force was refused (empty when it applied): the first read happens in the
    // constructor, before anyone could connect to refused().
    QString lastRefusal() const { return m_lastRefusal; }
    // Reads the file now (also done once at construction when it exists).
    void reload();

Q_SIGNALS:
    void applied(qint64 version, const QStringList &keys);
    void refused(const QString &message);

private:
    void scheduleReload();
    void rewatch();

    SettingsCenter *m_center;
    QString m_path;
    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
    QByteArray m_applied;         // content of the last edit that applied
    QByteArray m_refused;         // content of the last refused edit…
    QDateTime m_refusedModified;  // …and when the file was saved then
    QString m_lastRefusal;
};

}  // namespace Settings
