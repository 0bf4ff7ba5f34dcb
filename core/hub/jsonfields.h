#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Hub {

// Reads typed fields from one JSON object and remembers the first problem as a sentence, so
// a parser can read every field in a row and then check once. Absent optional fields keep
// their defaults; present fields of the wrong type are errors (a hub that sends
// "downloads": "many" is broken, not merely terse).
class JsonFields
{
public:
    explicit JsonFields(const QJsonObject &object)
        : m_object(object)
    {
    }

    bool string(const QString &key, QString *out, bool required = false);
    bool integer(const QString &key, qint64 *out, bool required = false);
    bool number(const QString &key, double *out, bool required = false);
    bool boolean(const QString &key, bool *out);
    bool strings(const QString &key, QStringList *out);
    bool date(const QString &key, QDateTime *out);
    QJsonObject object(const QString &key);

    // Records a problem found by the caller's own checks (keeps the first one).
    void fail(const QString &message);
    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

private:
    bool missing(const QString &key, bool required);
    void wrongType(const QString &key, const char *expected);

    const QJsonObject &m_object;
    QString m_error;
};

}  // namespace Hub
