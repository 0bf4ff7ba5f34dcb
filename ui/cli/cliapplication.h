#pragma once

#include "clicommand.h"

#include <QObject>
#include <QTextStream>

#include <memory>
#include <vector>

namespace Cli {

// Parses the global options (each with the environment variable that sets it too), picks
// the sub-command and runs it. Commands are handed in by the composition root.
class CliApplication : public QObject
{
    Q_OBJECT
public:
    explicit CliApplication(QObject *parent = nullptr);
    ~CliApplication() override;

    void addCommand(std::unique_ptr<CliCommand> command);
    // Runs after the global options are parsed and before the command starts (the composition
    // root opens the settings there). Returns -1 to go on, or the exit code to stop with.
    using Preparer = std::function<int(CliContext &context)>;
    void setPreparer(Preparer preparer) { m_preparer = std::move(preparer); }

    // Returns -1 when a command was started (the exit code arrives through finished()),
    // or an exit code when the run ended immediately (help, version, usage errors).
    int start(const QStringList &arguments);

Q_SIGNALS:
    void finished(int exitCode);

private:
    QString helpText() const;
    CliCommand *findCommand(const QString &name) const;

    std::vector<std::unique_ptr<CliCommand>> m_commands;
    QTextStream m_out;
    QTextStream m_err;
    CliContext m_context;
    Preparer m_preparer;
};

}  // namespace Cli
