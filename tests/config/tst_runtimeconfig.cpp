#include "config/runtimeconfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using Config::RuntimeConfig;

class TestRuntimeConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hfCachePrecedence_data()
    {
        QTest::addColumn<QStringList>("variables");
        QTest::addColumn<QString>("expected");
        QTest::newRow("HF_HUB_CACHE wins over everything")
            << QStringList{QStringLiteral("HF_HUB_CACHE=/a"), QStringLiteral("HF_HOME=/b"),
                           QStringLiteral("XDG_CACHE_HOME=/c")}
            << QStringLiteral("/a");
        QTest::newRow("the legacy HUGGINGFACE_HUB_CACHE comes next")
            << QStringList{QStringLiteral("HUGGINGFACE_HUB_CACHE=/l"), QStringLiteral("HF_HOME=/b")}
            << QStringLiteral("/l");
        QTest::newRow("HF_HOME gets hub appended")
            << QStringList{QStringLiteral("HF_HOME=/b"), QStringLiteral("XDG_CACHE_HOME=/c")}
            << QStringLiteral("/b/hub");
        QTest::newRow("XDG_CACHE_HOME gets huggingface/hub appended")
            << QStringList{QStringLiteral("XDG_CACHE_HOME=/c")} << QStringLiteral("/c/huggingface/hub");
        QTest::newRow("nothing set falls back to ~/.cache/huggingface/hub")
            << QStringList{} << QDir::home().filePath(QStringLiteral(".cache/huggingface/hub"));
    }
    void hfCachePrecedence()
    {
        QFETCH(QStringList, variables);
        QFETCH(QString, expected);
        QProcessEnvironment env;
        for (const QString &variable : variables)
            env.insert(variable.section(QLatin1Char('='), 0, 0), variable.section(QLatin1Char('='), 1));
        QCOMPARE(RuntimeConfig::hfCacheFromEnvironment(env), expected);
    }

    void endpointsComeFromTheEnvironmentWithoutTrailingSlash()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("HF_ENDPOINT"), QStringLiteral("http://127.0.0.1:8080/"));
        env.insert(QStringLiteral("MODELDOCK_CIVITAI_ENDPOINT"), QStringLiteral("http://127.0.0.1:9090"));
        env.insert(QStringLiteral("HF_TOKEN"), QStringLiteral("hf_x"));
        const RuntimeConfig config = RuntimeConfig::fromEnvironment(env);
        QCOMPARE(config.hfEndpoint.toString(), QStringLiteral("http://127.0.0.1:8080"));
        QCOMPARE(config.civitaiEndpoint.port(), 9090);
        QCOMPARE(config.hfToken, QStringLiteral("hf_x"));
    }

    // The token `hf auth login` wrote is the default: HF_TOKEN_PATH, else $HF_HOME/token, else
    // $XDG_CACHE_HOME/huggingface/token. It pins nothing; HF_TOKEN wins and pins.
    void theTokenFileOfHfAuthLoginIsTheDefault()
    {
        QTemporaryDir dir;
        const auto write = [&](const QString &path, const QByteArray &text) {
            QDir().mkpath(QFileInfo(path).path());
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        };
        write(dir.filePath(QStringLiteral("xdg/huggingface/token")), "hf_from_xdg\n");
        write(dir.filePath(QStringLiteral("home/token")), "hf_from_home\n");
        write(dir.filePath(QStringLiteral("elsewhere")), "  hf_from_path  \n");
        QProcessEnvironment env;
        env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath(QStringLiteral("xdg")));
        RuntimeConfig config = RuntimeConfig::fromEnvironment(env);
        QCOMPARE(config.hfToken, QStringLiteral("hf_from_xdg"));
        QVERIFY(!config.isPinned(RuntimeConfig::Field::HfToken));
        env.insert(QStringLiteral("HF_HOME"), dir.filePath(QStringLiteral("home")));
        QCOMPARE(RuntimeConfig::fromEnvironment(env).hfToken, QStringLiteral("hf_from_home"));
        env.insert(QStringLiteral("HF_TOKEN_PATH"), dir.filePath(QStringLiteral("elsewhere")));
        QCOMPARE(RuntimeConfig::fromEnvironment(env).hfToken, QStringLiteral("hf_from_path"));
        env.insert(QStringLiteral("HF_TOKEN"), QStringLiteral("hf_from_variable"));
        config = RuntimeConfig::fromEnvironment(env);
        QCOMPARE(config.hfToken, QStringLiteral("hf_from_variable"));
        QVERIFY(config.isPinned(RuntimeConfig::Field::HfToken));
        // No file: no token.
        env.clear();
        env.insert(QStringLiteral("HF_TOKEN_PATH"), dir.filePath(QStringLiteral("missing")));
        QVERIFY(RuntimeConfig::fromEnvironment(env).hfToken.isEmpty());
    }

    void defaultsPointAtTheRealHubs()
    {
        const RuntimeConfig config = RuntimeConfig::fromEnvironment(QProcessEnvironment());
        QCOMPARE(config.hfEndpoint.toString(), QStringLiteral("https://huggingface.co"));
        QCOMPARE(config.civitaiEndpoint.toString(), QStringLiteral("https://civitai.com"));
        QCOMPARE(config.libraryLayout, QStringLiteral("modeldock"));
        QVERIFY(!config.isPinned(RuntimeConfig::Field::LibraryLayout));
    }

    void theLibraryLayoutVariablePinsTheLayoutForTheRun()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("MODELDOCK_LIBRARY_LAYOUT"), QStringLiteral(" ComfyUI "));
        const RuntimeConfig config = RuntimeConfig::fromEnvironment(env);
        QCOMPARE(config.libraryLayout, QStringLiteral("comfyui"));
        QCOMPARE(config.pinnedBy.value(RuntimeConfig::Field::LibraryLayout),
                 QStringLiteral("MODELDOCK_LIBRARY_LAYOUT"));
        // Only the built-in defaults: the variable is a pin, never a default.
        QCOMPARE(RuntimeConfig::defaults(env).libraryLayout, QStringLiteral("modeldock"));
    }
};

QTEST_GUILESS_MAIN(TestRuntimeConfig)
#include "tst_runtimeconfig.moc"
