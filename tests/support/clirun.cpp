#include "clirun.h"

#include <QProcess>

namespace Cli {

QString binary()
{
    return qEnvironmentVariable("MODELDOCK_BIN_DIR") + QStringLiteral("/modeldock-cli");
}

QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_TOKEN_PATH", "CIVITAI_API_TOKEN", "HF_ENDPOINT",
                             "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_HOME", "HF_HUB_OFFLINE", "MODELDOCK_LIBRARY",
                             "MODELDOCK_CIVITAI_ENDPOINT", "MODELDOCK_DATA_DIR", "MODELDOCK_LIBRARY_LAYOUT"})
        env.remove(QLatin1String(name));
    return env;
}

Result run(const QStringList &arguments, const QProcessEnvironment &environment, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(binary(), arguments);
    Result result;
    const bool finished = process.waitForFinished(timeoutMs);
    if (!finished) {
        process.kill();
        process.waitForFinished();
    }
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    if (!finished)
        result.err += QStringLiteral("timed out");
    else if (process.exitStatus() == QProcess::NormalExit)
        result.exitCode = process.exitCode();
    return result;
}

}  // namespace Cli
