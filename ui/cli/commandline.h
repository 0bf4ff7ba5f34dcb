#pragma once

#include "clicommand.h"

#include <QCommandLineParser>

namespace Cli {

// How every command reads its own arguments: one QCommandLineParser, long options taking
// "--option VALUE" and "--option=VALUE" alike. A command line it cannot read is said on stderr
// in one sentence ("modeldock-cli download: unknown option 'x'.") with a pointer to the help,
// and the command ends with exit code 2.
class CommandLine
{
public:
    explicit CommandLine(QString command);

    void addFlag(const QString &name, const QString &help);
    void addValue(const QString &name, const QString &help, const QString &valueName);
    // Reads `arguments` (what follows the command's name). false: said, and context finished.
    bool parse(CliContext &context, const QStringList &arguments);
    // Ends the command as a usage error with `sentence` (the checks parse() cannot make).
    void refuse(CliContext &context, const QString &sentence) const;

    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }
    QStringList values(const QString &name) const { return m_parser.values(name); }
    QStringList positional() const { return m_parser.positionalArguments(); }

private:
    QString m_command;
    QCommandLineParser m_parser;
};

}  // namespace Cli
