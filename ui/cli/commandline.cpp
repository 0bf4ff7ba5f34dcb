#include "commandline.h"

#include <QCoreApplication>

namespace Cli {

CommandLine::CommandLine(QString command)
    : m_command(std::move(command))
{
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
}

void CommandLine::addFlag(const QString &name, const QString &help)
{
    m_parser.addOption(QCommandLineOption(name, help));
}

void CommandLine::addValue(const QString &name, const QString &help, const QString &valueName)
{
    m_parser.addOption(QCommandLineOption(name, help, valueName));
}

bool CommandLine::parse(CliContext &context, const QStringList &arguments)
{
    // QCommandLineParser takes the program's name first.
    if (m_parser.parse(QStringList{QStringLiteral("modeldock-cli")} + arguments))
        return true;
    refuse(context, m_parser.errorText());
    return false;
}

void CommandLine::refuse(CliContext &context, const QString &sentence) const
{
    const QString command = m_command.section(QLatin1Char(' '), 0, 0);
    *context.err << "modeldock-cli " << m_command << ": "
                 << QCoreApplication::translate("modeldock-cli",
                                                "%1\nRun \"modeldock-cli help %2\" for what it takes.\n")
                        .arg(sentence, command);
    context.err->flush();
    context.finish(ExitUsage);
}

}  // namespace Cli
