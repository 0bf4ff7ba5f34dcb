#include "cliapplication.h"

#include "util/version.h"

#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>

#include <cstdio>
#include <optional>
#include <unistd.h>

namespace Cli {

namespace {
struct GlobalOption
{
    const char *flag;
    const char *valueName;
    const char *env;
    const char *help;
};

constexpr GlobalOption kGlobalOptions[] = {
    {"--data-dir", "DIR", "MODELDOCK_DATA_DIR",
     QT_TRANSLATE_NOOP("modeldock-cli", "catalog, download journal and settings")},
    {"--hf-endpoint", "URL", "HF_ENDPOINT", QT_TRANSLATE_NOOP("modeldock-cli", "Hugging Face endpoint or mirror")},
    {"--civitai-endpoint", "URL", "MODELDOCK_CIVITAI_ENDPOINT", QT_TRANSLATE_NOOP("modeldock-cli", "Civitai endpoint")},
    {"--hf-cache", "DIR", "HF_HUB_CACHE, HF_HOME", QT_TRANSLATE_NOOP("modeldock-cli", "Hugging Face cache folder")},
    {"--library", "DIR", "MODELDOCK_LIBRARY", QT_TRANSLATE_NOOP("modeldock-cli", "folder for Civitai files")},
    {"--library-layout", "NAME", "MODELDOCK_LIBRARY_LAYOUT",
     QT_TRANSLATE_NOOP("modeldock-cli",
                       "whose folders Civitai files go into: modeldock, comfyui, a1111 or stabilitymatrix")},
};

QUrl endpointArgument(const QString &text)
{
    QString trimmed = text.trimmed();
    while (trimmed.endsWith(QLatin1Char('/')))
        trimmed.chop(1);
    return QUrl(trimmed, QUrl::StrictMode);
}
}  // namespace

CliApplication::CliApplication(QObject *parent)
    : QObject(parent)
    , m_out(stdout)
    , m_err(stderr)
{
    m_context.out = &m_out;
    m_context.err = &m_err;
    // Progress is for a person watching: stderr on a terminal that can move the cursor. Results
    // go to stdout, so `cd "$(modeldock-cli download ns/name)"` and `| tee` both work.
    m_context.progress = ::isatty(STDERR_FILENO) == 1 && qEnvironmentVariable("TERM") != QLatin1String("dumb");
    m_context.finish = [this](int code) {
        m_out.flush();
        m_err.flush();
        Q_EMIT finished(code);
    };
}

CliApplication::~CliApplication() = default;

void CliApplication::addCommand(std::unique_ptr<CliCommand> command)
{
    m_commands.push_back(std::move(command));
}

CliCommand *CliApplication::findCommand(const QString &name) const
{
    for (const auto &command : m_commands) {
        if (command->name() == name)
            return command.get();
    }
    return nullptr;
}

QString CliApplication::helpText() const
{
    QString text;
    QTextStream s(&text);
    s << QCoreApplication::translate("modeldock-cli",
                                     "Usage: modeldock-cli [global options] COMMAND [arguments]\n\n"
                                     "Browse AI model hubs and download models from the command line.\n\n"
                                     "Commands:\n");
    for (const auto &command : m_commands)
        s << "  " << command->name().leftJustified(12) << command->summary() << '\n';
    s << "  " << QStringLiteral("help").leftJustified(12)
      << QCoreApplication::translate("modeldock-cli", "show help for a command") << "\n\n"
      << QCoreApplication::translate("modeldock-cli", "Global options:\n");
    for (const GlobalOption &option : kGlobalOptions) {
        const QString flag = QLatin1String(option.flag) + QLatin1Char(' ') + QLatin1String(option.valueName);
        s << "  " << flag.leftJustified(26)
          << QCoreApplication::translate("modeldock-cli", "%1 (env %2)")
                 .arg(QCoreApplication::translate("modeldock-cli", option.help), QLatin1String(option.env))
          << '\n';
    }
    s << "  " << QStringLiteral("--json").leftJustified(26)
      << QCoreApplication::translate("modeldock-cli", "print one JSON object per line") << '\n'
      << "  " << QStringLiteral("--quiet, -q").leftJustified(26)
      << QCoreApplication::translate("modeldock-cli", "only errors, warnings and results") << '\n'
      << "  " << QStringLiteral("--verbose, -v").leftJustified(26)
      << QCoreApplication::translate("modeldock-cli", "also ModelDock's debug log (on stderr)") << '\n'
      << "  " << QStringLiteral("--help, -h").leftJustified(26)
      << QCoreApplication::translate("modeldock-cli", "show this help") << '\n'
      << "  " << QStringLiteral("--version, -V").leftJustified(26)
      << QCoreApplication::translate("modeldock-cli", "show the version") << '\n'
      << QCoreApplication::translate(
             "modeldock-cli", "Options that take a value also take it as --option=VALUE.\n\n"
                              "Output: results on stdout (download prints the local path of each model it\n"
                              "downloaded, one per line); progress, notes, warnings and errors on stderr, progress\n"
                              "redrawn only when stderr is a terminal and TERM is not \"dumb\".\n\n"
                              "Exit status: 0 everything asked for was done, 1 something failed (each failure is\n"
                              "named), 2 the command line was wrong, 130 or 143 interrupted (Ctrl+C, SIGTERM; run\n"
                              "the same command again to resume).\n\n"
                              "Tokens come from HF_TOKEN and CIVITAI_API_TOKEN and are never printed.\n"
                              "HF_HUB_OFFLINE=1 asks nothing of the hubs; HF_HUB_DISABLE_XET=1 downloads files\n"
                              "stored in Xet the plain way instead of chunk by chunk.\n"
                              "Options and environment variables apply to this run only and win over the stored\n"
                              "settings (modeldock-cli settings), which win over the defaults.\n");
    return text;
}

int CliApplication::start(const QStringList &arguments)
{
    using Field = Config::RuntimeConfig::Field;
    m_context.config = Config::RuntimeConfig::fromEnvironment();
    QStringList rest;
    // Global options may appear before or after the command name.
    for (int i = 1; i < arguments.size(); ++i) {
        // "--opt=value" is "--opt value" for the global options that take a value.
        QString arg = arguments.at(i);
        std::optional<QString> inlineValue;
        if (arg.startsWith(QLatin1String("--")) && arg.contains(QLatin1Char('='))) {
            const QString flag = arg.section(QLatin1Char('='), 0, 0);
            for (const GlobalOption &option : kGlobalOptions) {
                if (flag == QLatin1String(option.flag)) {
                    inlineValue = arg.section(QLatin1Char('='), 1);
                    arg = flag;
                    break;
                }
            }
        }
        auto takeValue = [&](QString *value) {
            if (inlineValue) {
                *value = *inlineValue;
                return true;
            }
            if (i + 1 >= arguments.size()) {
                m_err << "modeldock-cli: " << QCoreApplication::translate("modeldock-cli", "%1 needs a value").arg(arg)
                      << '\n';
                return false;
            }
            *value = arguments.at(++i);
            return true;
        };
        QString value;
        if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            if (rest.isEmpty()) {
                m_out << helpText();
                m_out.flush();
                return ExitOk;
            }
            rest << arg;
        } else if (arg == QLatin1String("--version") || arg == QLatin1String("-V")) {
            m_out << "modeldock-cli " << Util::applicationVersion() << '\n';
            m_out.flush();
            return ExitOk;
        } else if (arg == QLatin1String("--json")) {
            m_context.json = true;
        } else if (arg == QLatin1String("--quiet") || arg == QLatin1String("-q")) {
            m_context.quiet = true;
            m_context.verbose = false;
        } else if (arg == QLatin1String("--verbose") || arg == QLatin1String("-v")) {
            m_context.verbose = true;
            m_context.quiet = false;
            QLoggingCategory::setFilterRules(QStringLiteral("modeldock.*.debug=true"));
        } else if (arg == QLatin1String("--data-dir")) {
            if (!takeValue(&value))
                return ExitUsage;
            m_context.config.setDataDir(value);
        } else if (arg == QLatin1String("--hf-endpoint")) {
            if (!takeValue(&value))
                return ExitUsage;
            m_context.config.hfEndpoint = endpointArgument(value);
            m_context.config.pin(Field::HfEndpoint, QStringLiteral("--hf-endpoint"));
        } else if (arg == QLatin1String("--civitai-endpoint")) {
            if (!takeValue(&value))
                return ExitUsage;
            m_context.config.civitaiEndpoint = endpointArgument(value);
            m_context.config.pin(Field::CivitaiEndpoint, QStringLiteral("--civitai-endpoint"));
        } else if (arg == QLatin1String("--hf-cache")) {
            if (!takeValue(&value))
                return ExitUsage;
            m_context.config.hfCacheDir = QDir::cleanPath(value);
            m_context.config.pin(Field::HfCacheDir, QStringLiteral("--hf-cache"));
        } else if (arg == QLatin1String("--library")) {
            if (!takeValue(&value))
                return ExitUsage;
            m_context.config.libraryDir = QDir::cleanPath(value);
            m_context.config.pin(Field::LibraryDir, QStringLiteral("--library"));
        } else if (arg == QLatin1String("--library-layout")) {
            // Checked against the setting's choices when it is pinned (App::CliSettings).
            if (!takeValue(&value))
                return ExitUsage;
            m_context.config.libraryLayout = value.trimmed().toLower();
            m_context.config.pin(Field::LibraryLayout, QStringLiteral("--library-layout"));
        } else {
            rest << arg;
        }
    }

    for (const QUrl &endpoint : {m_context.config.hfEndpoint, m_context.config.civitaiEndpoint}) {
        const QString scheme = endpoint.scheme();
        if (!endpoint.isValid() || endpoint.host().isEmpty() ||
            (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
            m_err << "modeldock-cli: "
                  << QCoreApplication::translate("modeldock-cli",
                                                 "not a usable endpoint: \"%1\" (expected an http:// or https:// URL)")
                         .arg(endpoint.toString(QUrl::RemoveUserInfo))
                  << '\n';
            m_err.flush();
            return ExitUsage;
        }
    }

    if (rest.isEmpty()) {
        m_err << helpText();
        m_err.flush();
        return ExitUsage;
    }
    const QString name = rest.takeFirst();
    if (name == QLatin1String("help")) {
        if (rest.isEmpty()) {
            m_out << helpText();
        } else if (CliCommand *command = findCommand(rest.first())) {
            m_out << command->usage();
        } else {
            m_err << "modeldock-cli: "
                  << QCoreApplication::translate("modeldock-cli", "no command named \"%1\"").arg(rest.first()) << '\n';
            m_err.flush();
            return ExitUsage;
        }
        m_out.flush();
        return ExitOk;
    }
    CliCommand *command = findCommand(name);
    if (!command) {
        m_err << "modeldock-cli: "
              << QCoreApplication::translate("modeldock-cli",
                                             "unknown command \"%1\"; run modeldock-cli --help for the list")
                     .arg(name)
              << '\n';
        m_err.flush();
        return ExitUsage;
    }
    if (rest.contains(QLatin1String("--help")) || rest.contains(QLatin1String("-h"))) {
        m_out << command->usage();
        m_out.flush();
        return ExitOk;
    }
    if (m_preparer) {
        const int stop = m_preparer(m_context);
        if (stop >= 0) {
            m_out.flush();
            m_err.flush();
            return stop;
        }
    }
    command->start(m_context, rest);
    return -1;
}

}  // namespace Cli
