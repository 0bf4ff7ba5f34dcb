#include "pathfilter.h"

namespace Plan {

PathFilter::PathFilter(const QStringList &includes, const QStringList &excludes)
{
    for (const QString &glob : includes)
        m_includes << compile(glob);
    for (const QString &glob : excludes)
        m_excludes << compile(glob);
}

QRegularExpression PathFilter::compile(QString glob)
{
    if (glob.endsWith(QLatin1Char('/')))
        glob += QLatin1Char('*');
    // Qt 6.4 converts '*' and '?' so they stop at '/', as a shell does; fnmatch (and with it
    // every Hugging Face tool) lets them cross folders, and users bring those habits here.
    QString pattern = QRegularExpression::wildcardToRegularExpression(glob);
    pattern.replace(QLatin1String("[^/]*"), QLatin1String(".*"));
    pattern.replace(QLatin1String("[^/]"), QLatin1String("."));
    return QRegularExpression(pattern, QRegularExpression::DotMatchesEverythingOption);
}

bool PathFilter::accepts(const QString &path) const
{
    auto anyMatch = [&path](const QList<QRegularExpression> &list) {
        for (const QRegularExpression &re : list) {
            if (re.match(path).hasMatch())
                return true;
        }
        return false;
    };
    return (m_includes.isEmpty() || anyMatch(m_includes)) && !anyMatch(m_excludes);
}

}  // namespace Plan
