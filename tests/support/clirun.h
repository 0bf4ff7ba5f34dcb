#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// Runs the real modeldock-cli binary as a user or a script does, for the tests that check
// what they would check: exit code, stdout, stderr. One helper for every CLI test.
namespace Cli {

struct Result
{
    int exitCode = -1;  // -1: it crashed or was killed after the timeout
    QString out;
    QString err;  // ends with "timed out" when it had to be killed
    QString all() const { return out + err; }
};

// The binary under test: $MODELDOCK_BIN_DIR/modeldock-cli.
QString binary();

// The machine's environment without anything that would pin a value of the run: tokens,
// endpoints, cache and library folders and layout (HF_TOKEN, HF_ENDPOINT, HF_HUB_CACHE, HF_HOME, …).
QProcessEnvironment cleanEnvironment();

// Starts modeldock-cli with `arguments` in `environment` and waits at most `timeoutMs`; a
// run that takes longer is killed and says so in err.
Result run(const QStringList &arguments, const QProcessEnvironment &environment = cleanEnvironment(),
           int timeoutMs = 60000);

}  // namespace Cli
