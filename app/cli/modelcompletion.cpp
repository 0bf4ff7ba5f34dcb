#include "modelcompletion.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace App {

QStringList completeModels(const QString &dataDir, const QString &prefix, int limit)
{
    const QString path = QDir(dataDir).filePath(QStringLiteral("catalog.sqlite"));
    if (!QFileInfo(path).isFile())
        return {};
    QStringList ids;
    const QString name = QStringLiteral("modeldock-complete");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=200"));
        if (db.open()) {
            QSqlQuery query(db);
            // substr() rather than LIKE: ids hold "_" and "%", which LIKE would read as patterns.
            query.prepare(QStringLiteral("SELECT key FROM models WHERE substr(key, 1, length(?)) = ? "
                                         "ORDER BY key LIMIT ?"));
            query.addBindValue(prefix);
            query.addBindValue(prefix);
            query.addBindValue(limit);
            if (query.exec()) {
                while (query.next())
                    ids << query.value(0).toString();
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ids;
}

}  // namespace App
