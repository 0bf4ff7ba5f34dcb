#include "clirun.h"
#include "testhub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// The catalog commands as a user runs them: the real modeldock-cli binary, the local test
// hub, a fresh data folder.
class TestCatalogCli : public QObject
{
    Q_OBJECT
private:
    TestHub m_hub;
    QTemporaryDir m_data;

    struct Run : Cli::Result
    {
        QList<QJsonObject> lines() const
        {
            QList<QJsonObject> objects;
            for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                objects << QJsonDocument::fromJson(line.toUtf8()).object();
            return objects;
        }
    };

    Run cli(const QStringList &arguments, const QUrl &hf = {}, const QUrl &civitai = {})
    {
        QProcessEnvironment env = Cli::cleanEnvironment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("modeldock.*.warning=false"));
        const QStringList global{
            QStringLiteral("--data-dir"),         m_data.path(),
            QStringLiteral("--hf-endpoint"),      (hf.isEmpty() ? m_hub.hfUrl() : hf).toString(),
            QStringLiteral("--civitai-endpoint"), (civitai.isEmpty() ? m_hub.civitaiUrl() : civitai).toString()};
        return Run{Cli::run(global + arguments, env, 30000)};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_data.isValid());
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
    }

    void aNewCatalogShipsTheDefaultSources()
    {
        const Run r = cli({QStringLiteral("--json"), QStringLiteral("sources"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QStringList names;
        for (const QJsonObject &o : r.lines())
            names << o.value(QLatin1String("name")).toString();
        QCOMPARE(names, (QStringList{QStringLiteral("cortexso"), QStringLiteral("popular-gguf"),
                                     QStringLiteral("civitai-loras")}));
    }

    void addingSourcesChecksWhatTheUserTyped_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("a Hugging Face author query is added")
            << QStringList{QStringLiteral("--name"),      QStringLiteral("demo"),
                           QStringLiteral("--hf-author"), QStringLiteral("modeldock-demo"),
                           QStringLiteral("--hf-filter"), QStringLiteral("gguf"),
                           QStringLiteral("--limit"),     QStringLiteral("50")}
            << 0 << QStringLiteral("Added source \"demo\"");
        QTest::newRow("the same name twice is refused")
            << QStringList{QStringLiteral("--name"), QStringLiteral("demo"), QStringLiteral("--hf-author"),
                           QStringLiteral("x")}
            << 2 << QStringLiteral("exists already");
        QTest::newRow("a repo that is not namespace/name is refused")
            << QStringList{QStringLiteral("--name"), QStringLiteral("bad"), QStringLiteral("--hf-repo"),
                           QStringLiteral("../../etc")}
            << 2 << QStringLiteral("namespace/name");
        QTest::newRow("two kinds at once are refused")
            << QStringList{QStringLiteral("--name"),          QStringLiteral("two"),
                           QStringLiteral("--hf-repo"),       QStringLiteral("a/b"),
                           QStringLiteral("--civitai-types"), QStringLiteral("LORA")}
            << 2 << QStringLiteral("exactly one kind");
        QTest::newRow("a followed repo is added")
            << QStringList{QStringLiteral("--name"), QStringLiteral("tiny"), QStringLiteral("--hf-repo"),
                           QStringLiteral("modeldock-demo/TinyStories-GGUF")}
            << 0 << QStringLiteral("Added source \"tiny\"");
    }
    void addingSourcesChecksWhatTheUserTyped()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, code);
        QFETCH(QString, says);
        const Run r = cli(QStringList{QStringLiteral("sources"), QStringLiteral("add")} + arguments);
        QCOMPARE(r.exitCode, code);
        const QString all = r.out + r.err;
        QVERIFY2(all.contains(says), qPrintable(all));
    }

    void syncPrintsWhatChangedAndHowLongItTook()
    {
        const Run first = cli({QStringLiteral("sync"), QStringLiteral("--source"), QStringLiteral("cortexso")});
        QCOMPARE(first.exitCode, 0);
        QVERIFY2(first.out.contains(QStringLiteral("cortexso: 2 added, 0 changed, 0 removed")), qPrintable(first.out));
        QVERIFY(first.out.contains(QStringLiteral(" s\n")));
        const Run again = cli({QStringLiteral("--json"), QStringLiteral("sync")});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.lines().size(), 5);
        for (const QJsonObject &o : again.lines()) {
            QCOMPARE(o.value(QLatin1String("state")).toString(), QStringLiteral("synced"));
            if (o.value(QLatin1String("source")).toString() == QLatin1String("cortexso"))
                QCOMPARE(o.value(QLatin1String("added")).toInt(), 0);
            QVERIFY(o.contains(QLatin1String("seconds")));
        }
    }

    void searchFindsSyncedModelsOffline()
    {
        const Run r =
            cli({QStringLiteral("search"), QStringLiteral("llama"), QStringLiteral("--limit"), QStringLiteral("5")},
                QUrl(QStringLiteral("http://127.0.0.1:9")), QUrl(QStringLiteral("http://127.0.0.1:9")));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("cortexso/llama3.2")), qPrintable(r.out));
        const Run json = cli({QStringLiteral("--json"), QStringLiteral("search"), QStringLiteral("tinystories"),
                              QStringLiteral("--limit"), QStringLiteral("1")});
        QCOMPARE(json.lines().size(), 1);
        QCOMPARE(json.lines().first().value(QLatin1String("key")).toString(),
                 QStringLiteral("modeldock-demo/TinyStories-GGUF"));
    }

    void showListsVariantsWithSizesHashesAndState()
    {
        const Run r = cli({QStringLiteral("show"), QStringLiteral("cortexso/llama3.2")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("1b-gguf-q4-km (branch")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("model.gguf")));
        QVERIFY(r.out.contains(QStringLiteral("MiB")));
        const QString sha = m_hub
                                .fileInfo(QStringLiteral("cortexso/llama3.2"), QStringLiteral("model.gguf"),
                                          QStringLiteral("1b-gguf-q8-0"))
                                .value(QLatin1String("sha256"))
                                .toString();
        QVERIFY(r.out.contains(sha.left(16)));

        const Run civitai = cli({QStringLiteral("--json"), QStringLiteral("show"), QStringLiteral("civitai:4201")});
        QCOMPARE(civitai.exitCode, 0);
        const QJsonArray variants = civitai.lines().first().value(QLatin1String("variants")).toArray();
        QCOMPARE(variants.size(), 60);
        const QJsonObject file = variants.first().toObject().value(QLatin1String("files")).toArray().first().toObject();
        QCOMPARE(file.value(QLatin1String("sha256")).toString().size(), 64);
        QCOMPARE(file.value(QLatin1String("state")).toString(), QStringLiteral("none"));
    }

    void showOfAnUnknownModelSaysSo()
    {
        const Run r = cli({QStringLiteral("show"), QStringLiteral("nobody/nothing")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.err.isEmpty());
        QCOMPARE(cli({QStringLiteral("show"), QStringLiteral("not a model")}).exitCode, 1);
    }

    void syncWithTheHubGoneFailsAndKeepsTheCatalog()
    {
        const Run r = cli({QStringLiteral("sync"), QStringLiteral("--source"), QStringLiteral("cortexso")},
                          QUrl(QStringLiteral("http://127.0.0.1:9")), QUrl(QStringLiteral("http://127.0.0.1:9")));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QStringLiteral("Offline")), qPrintable(r.out));
        QVERIFY(
            cli({QStringLiteral("search"), QStringLiteral("qwen")}).out.contains(QStringLiteral("cortexso/qwen2.5")));
    }

    void sourcesListRemembersTheLastResultAndTheLastFailure()
    {
        const Run r = cli({QStringLiteral("--json"), QStringLiteral("sources"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QJsonObject cortexso, demo;
        for (const QJsonObject &o : r.lines()) {
            if (o.value(QLatin1String("name")).toString() == QLatin1String("cortexso"))
                cortexso = o;
            if (o.value(QLatin1String("name")).toString() == QLatin1String("demo"))
                demo = o;
        }
        // cortexso synced twice, then failed with the hub gone: both are kept, the failure is newer.
        QCOMPARE(cortexso.value(QLatin1String("state")).toString(), QStringLiteral("offline"));
        const QJsonObject failure = cortexso.value(QLatin1String("lastFailure")).toObject();
        QCOMPARE(failure.value(QLatin1String("state")).toString(), QStringLiteral("offline"));
        QVERIFY(!failure.value(QLatin1String("reason")).toString().isEmpty());
        const QJsonObject result = cortexso.value(QLatin1String("lastResult")).toObject();
        QCOMPARE(result.value(QLatin1String("state")).toString(), QStringLiteral("synced"));
        QCOMPARE(result.value(QLatin1String("added")).toInt(), 0);
        QVERIFY(result.contains(QLatin1String("seconds")));
        QCOMPARE(cortexso.value(QLatin1String("downloads")).toString(), QStringLiteral("0/2 done"));
        QCOMPARE(demo.value(QLatin1String("state")).toString(), QStringLiteral("synced"));
        QVERIFY(demo.value(QLatin1String("lastResult")).toObject().value(QLatin1String("added")).toInt() > 0);
        QVERIFY(!demo.contains(QLatin1String("lastFailure")));
        const Run text = cli({QStringLiteral("sources"), QStringLiteral("list")});
        QVERIFY2(text.out.contains(QStringLiteral("Offline, using the cached catalog")), qPrintable(text.out));
    }

    void editingASourceChecksWhatTheUserTyped_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("a new limit is stored")
            << QStringList{QStringLiteral("demo"), QStringLiteral("limit=7")} << 0 << QStringLiteral("\"limit\":7");
        QTest::newRow("several fields at once")
            << QStringList{QStringLiteral("demo"), QStringLiteral("tags=gguf,llama"), QStringLiteral("enabled=false")}
            << 0 << QStringLiteral("\"enabled\":false");
        QTest::newRow("a limit in words is refused")
            << QStringList{QStringLiteral("demo"), QStringLiteral("limit=many")} << 2
            << QStringLiteral("limit is a number");
        QTest::newRow("an unknown field is named") << QStringList{QStringLiteral("demo"), QStringLiteral("colour=red")}
                                                   << 2 << QStringLiteral("no field \"colour\"");
        QTest::newRow("the hub's rules apply") << QStringList{QStringLiteral("tiny"), QStringLiteral("target=../x")}
                                               << 2 << QStringLiteral("namespace/name");
        QTest::newRow("an unknown source is named") << QStringList{QStringLiteral("nobody"), QStringLiteral("limit=1")}
                                                    << 2 << QStringLiteral("no source named \"nobody\"");
        QTest::newRow("nothing to change is refused")
            << QStringList{QStringLiteral("demo")} << 2 << QStringLiteral("key=value");
    }
    void editingASourceChecksWhatTheUserTyped()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, code);
        QFETCH(QString, says);
        const Run r =
            cli(QStringList{QStringLiteral("--json"), QStringLiteral("sources"), QStringLiteral("edit")} + arguments);
        QCOMPARE(r.exitCode, code);
        const QString all = r.out + r.err;
        QVERIFY2(all.contains(says), qPrintable(all));
        if (code != 0)
            return;
        // What was stored is what the list shows.
        for (const QJsonObject &o :
             cli({QStringLiteral("--json"), QStringLiteral("sources"), QStringLiteral("list")}).lines()) {
            if (o.value(QLatin1String("name")).toString() == arguments.first())
                QVERIFY2(QJsonDocument(o).toJson(QJsonDocument::Compact).contains(says.toUtf8()), qPrintable(says));
        }
    }

    void removingASourceRemovesItsModels()
    {
        const Run r = cli({QStringLiteral("sources"), QStringLiteral("remove"), QStringLiteral("tiny")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!cli({QStringLiteral("sources"), QStringLiteral("list")}).out.contains(QStringLiteral("tiny ")));
        QCOMPARE(cli({QStringLiteral("sources"), QStringLiteral("remove"), QStringLiteral("tiny")}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCatalogCli)
#include "tst_catalogcli.moc"
