#include "settingsfilewatcher.h"

#include "settingscenter.h"
#include "util/logging.h"

#include <QFile>
#include <QFileInfo>

namespace Settings {

SettingsFileWatcher::SettingsFileWatcher(SettingsCenter *center, QString path, QObject *parent)
    : QObject(parent)
    , m_center(center)
    , m_path(std::move(path))
{
    // Editors write in several steps (truncate, write, rename); wait until they settle.
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &SettingsFileWatcher::reload);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &SettingsFileWatcher::scheduleReload);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &SettingsFileWatcher::scheduleReload);
    m_watcher.addPath(QFileInfo(m_path).absolutePath());
    rewatch();
    if (QFileInfo::exists(m_path))
        reload();
}

void SettingsFileWatcher::rewatch()
{
    if (QFileInfo::exists(m_path) && !m_watcher.files().contains(m_path))
        m_watcher.addPath(m_path);
}

void SettingsFileWatcher::scheduleReload()
{
    rewatch();
    m_debounce.start();
}

void SettingsFileWatcher::reload()
{
    rewatch();
    QFile file(m_path);
    if (!file.exists())
        return;  // no file is fine: the file is optional
    if (!file.open(QIODevice::ReadOnly)) {
        m_lastRefusal = tr("Cannot read the settings file %1: %2").arg(m_path, file.errorString());
        Q_EMIT refused(m_lastRefusal);
        return;
    }
    const QByteArray content = file.readAll();
    const QDateTime modified = QFileInfo(file).lastModified();
    // Directory notifications fire for unrelated files too; only act on real edits. A refused
    // edit is tried again when the file is saved again, even unchanged: what refused it (a
    // missing folder, a locked database) may be fixed by then.
    if (content == m_applied || (content == m_refused && modified == m_refusedModified))
        return;
    const ApplyResult result = m_center->importJson(content, ChangeSource::File);
    if (!result.ok) {
        m_refused = content;
        m_refusedModified = modified;
        const QString message = tr("The edit to %1 was refused and the previous settings stay in force: %2")
                                    .arg(m_path, result.errorString());
        qCWarning(lcSettings).noquote() << message;
        m_lastRefusal = message;
        Q_EMIT refused(message);
        return;
    }
    m_applied = content;
    m_lastRefusal.clear();
    m_refused.clear();
    if (!result.changedKeys.isEmpty())
        Q_EMIT applied(result.version, result.changedKeys);
}

}  // namespace Settings
