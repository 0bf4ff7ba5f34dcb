#include "jsonfields.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <cmath>

namespace Hub {

void JsonFields::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
}

bool JsonFields::missing(const QString &key, bool required)
{
    if (required)
        fail(QCoreApplication::translate("Hub::JsonFields", "the field \"%1\" is missing").arg(key));
    return !required;
}

void JsonFields::wrongType(const QString &key, const char *expected)
{
    fail(QCoreApplication::translate("Hub::JsonFields", "the field \"%1\" is not %2")
             .arg(key, QCoreApplication::translate("Hub::JsonFields", expected)));
}

bool JsonFields::string(const QString &key, QString *out, bool required)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return missing(key, required);
    if (!v.isString()) {
        wrongType(key, QT_TRANSLATE_NOOP("Hub::JsonFields", "a string"));
        return false;
    }
    *out = v.toString();
    if (required && out->isEmpty()) {
        fail(QCoreApplication::translate("Hub::JsonFields", "the field \"%1\" is empty").arg(key));
        return false;
    }
    return true;
}

bool JsonFields::integer(const QString &key, qint64 *out, bool required)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return missing(key, required);
    const double d = v.toDouble(std::nan(""));
    // JSON has one number type; an integer field must hold a whole, non-negative, sane value.
    if (!v.isDouble() || !std::isfinite(d) || d != std::floor(d) || d < 0 || d > 9.0e15) {
        wrongType(key, QT_TRANSLATE_NOOP("Hub::JsonFields", "a whole non-negative number"));
        return false;
    }
    *out = qint64(d);
    return true;
}

bool JsonFields::number(const QString &key, double *out, bool required)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return missing(key, required);
    const double d = v.toDouble(std::nan(""));
    if (!v.isDouble() || !std::isfinite(d) || d < 0) {
        wrongType(key, QT_TRANSLATE_NOOP("Hub::JsonFields", "a non-negative number"));
        return false;
    }
    *out = d;
    return true;
}

bool JsonFields::boolean(const QString &key, bool *out)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isBool()) {
        wrongType(key, QT_TRANSLATE_NOOP("Hub::JsonFields", "true or false"));
        return false;
    }
    *out = v.toBool();
    return true;
}

bool JsonFields::strings(const QString &key, QStringList *out)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isArray()) {
        wrongType(key, QT_TRANSLATE_NOOP("Hub::JsonFields", "a list of strings"));
        return false;
    }
    QStringList list;
    const QJsonArray array = v.toArray();
    list.reserve(array.size());
    for (const QJsonValue &item : array) {
        if (!item.isString()) {
            wrongType(key, QT_TRANSLATE_NOOP("Hub::JsonFields", "a list of strings"));
            return false;
        }
        list << item.toString();
    }
    *out = list;
    return true;
}

bool JsonFields::date(const QString &key, QDateTime *out)
{
    QString text;
    if (!string(key, &text) || text.isEmpty())
        return ok();
    const QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid()) {
        wrongType(key, QT_TRANSLATE_NOOP("Hub::JsonFields", "an ISO-8601 date"));
        return false;
    }
    *out = parsed.toUTC();
    return true;
}

QJsonObject JsonFields::object(const QString &key)
{
    const QJsonValue v = m_object.value(key);
    if (!v.isUndefined() && !v.isNull() && !v.isObject())
        wrongType(key, QT_TRANSLATE_NOOP("Hub::JsonFields", "an object"));
    return v.toObject();
}

}  // namespace Hub
