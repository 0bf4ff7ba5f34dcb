#pragma once

#include <QList>
#include <QRegularExpression>
#include <QStringList>

namespace Plan {

// --include / --exclude globs over paths in a repository, with the semantics of
// huggingface_hub's allow_patterns/ignore_patterns (Python fnmatch): '*' also matches '/', so
// "*.gguf" selects GGUF files in subfolders too, and a pattern ending in '/' means the whole
// folder. A path is kept when it matches any include (or there are none) and no exclude.
class PathFilter
{
public:
    PathFilter() = default;
    PathFilter(const QStringList &includes, const QStringList &excludes);

    bool accepts(const QString &path) const;
    bool isEmpty() const { return m_includes.isEmpty() && m_excludes.isEmpty(); }

private:
    static QRegularExpression compile(QString glob);
    QList<QRegularExpression> m_includes;
    QList<QRegularExpression> m_excludes;
};

}  // namespace Plan
