#include "library/librarylayout.h"

#include <QTest>

using Library::LibraryLayout;
using Preset = LibraryLayout::Preset;

// The one table of where each Civitai type goes, per layout, and the per-type folders a user
// sets over it (library.typeFolders): rows named after what a user of that program expects.
class TestLibraryLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eachLayoutPutsATypeWhereItsProgramReadsIt_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("folder");
        const auto row = [](const char *layout, const char *type, const char *folder) {
            QTest::addRow("%s: %s in %s", layout, type, folder)
                << QString::fromLatin1(layout) << QString::fromLatin1(type) << QString::fromLatin1(folder);
        };
        // ModelDock's own folders, as every download before layouts had them.
        row("modeldock", "LORA", "Lora");
        row("modeldock", "LoCon", "Lora");
        row("modeldock", "Checkpoint", "Checkpoint");
        row("modeldock", "Controlnet", "ControlNet");
        row("modeldock", "TextualInversion", "TextualInversion");
        row("modeldock", "AestheticGradient", "Other");
        // ComfyUI's models/ folders (folder_paths.py).
        row("comfyui", "LORA", "models/loras");
        row("comfyui", "LoCon", "models/loras");
        row("comfyui", "DoRA", "models/loras");
        row("comfyui", "Checkpoint", "models/checkpoints");
        row("comfyui", "VAE", "models/vae");
        row("comfyui", "TextualInversion", "models/embeddings");
        row("comfyui", "Controlnet", "models/controlnet");
        row("comfyui", "Upscaler", "models/upscale_models");
        row("comfyui", "TextEncoder", "models/text_encoders");
        row("comfyui", "UNet", "models/diffusion_models");
        row("comfyui", "Hypernetwork", "models/hypernetworks");
        row("comfyui", "CLIPVision", "models/clip_vision");
        row("comfyui", "MotionModule", "models/animatediff_models");
        // AUTOMATIC1111, Forge, SD.Next.
        row("a1111", "LORA", "models/Lora");
        row("a1111", "LoCon", "models/Lora");
        row("a1111", "Checkpoint", "models/Stable-diffusion");
        row("a1111", "VAE", "models/VAE");
        row("a1111", "TextualInversion", "embeddings");
        row("a1111", "Controlnet", "models/ControlNet");
        row("a1111", "Upscaler", "models/ESRGAN");
        row("a1111", "Hypernetwork", "models/hypernetworks");
        row("a1111", "Detection", "models/adetailer");
        // Stability Matrix's shared folders (SharedFolderType; TextualInversion became Embeddings).
        row("stabilitymatrix", "LORA", "Models/Lora");
        row("stabilitymatrix", "LoCon", "Models/LyCORIS");
        row("stabilitymatrix", "Checkpoint", "Models/StableDiffusion");
        row("stabilitymatrix", "VAE", "Models/VAE");
        row("stabilitymatrix", "TextualInversion", "Models/Embeddings");
        row("stabilitymatrix", "Controlnet", "Models/ControlNet");
        row("stabilitymatrix", "Upscaler", "Models/ESRGAN");
        row("stabilitymatrix", "Hypernetwork", "Models/Hypernetwork");
        row("stabilitymatrix", "UNet", "Models/DiffusionModels");
        row("stabilitymatrix", "TextEncoder", "Models/TextEncoders");
    }
    void eachLayoutPutsATypeWhereItsProgramReadsIt()
    {
        QFETCH(QString, layout);
        QFETCH(QString, type);
        QFETCH(QString, folder);
        Preset preset = Preset::ModelDock;
        QVERIFY(LibraryLayout::presetFromName(layout, &preset));
        QCOMPARE(LibraryLayout::presetName(preset), layout);
        QCOMPARE(LibraryLayout(preset).folderFor(type), folder);
        // The hub's spelling may vary in case; the folder does not.
        QCOMPARE(LibraryLayout(preset).folderFor(type.toUpper()), folder);
    }

    void aTypeTheTableDoesNotKnowGoesWhereOtherGoes()
    {
        for (const QString &name : LibraryLayout::presetNames()) {
            Preset preset = Preset::ModelDock;
            QVERIFY(LibraryLayout::presetFromName(name, &preset));
            QCOMPARE(LibraryLayout(preset).folderFor(QStringLiteral("SomethingNew")),
                     LibraryLayout::presetFolder(preset, QStringLiteral("Other")));
        }
        const LibraryLayout mine(Preset::ComfyUI, {{QStringLiteral("Other"), QStringLiteral("models/misc")}});
        QCOMPARE(mine.folderFor(QStringLiteral("SomethingNew")), QStringLiteral("models/misc"));
    }

    void everyTypeHasAFolderInEveryLayout()
    {
        for (const QString &type : LibraryLayout::civitaiTypes()) {
            for (const QString &name : LibraryLayout::presetNames()) {
                Preset preset = Preset::ModelDock;
                QVERIFY(LibraryLayout::presetFromName(name, &preset));
                QString cleaned;
                const QString folder = LibraryLayout(preset).folderFor(type);
                QVERIFY2(LibraryLayout::checkFolder(folder, &cleaned, nullptr) && cleaned == folder,
                         qPrintable(name + QLatin1Char(' ') + type + QLatin1Char(' ') + folder));
                QVERIFY(LibraryLayout(preset).knownFolders().contains(folder));
            }
        }
        QVERIFY(!LibraryLayout::presetFromName(QStringLiteral("invokeai"), nullptr));
    }

    void theUsersFolderForATypeWinsOverTheLayouts()
    {
        QMap<QString, QString> folders;
        QString error;
        QVERIFY2(LibraryLayout::parseTypeFolders(QStringLiteral(R"({"lora": "models/loras/civitai/", "VAE": "vae"})"),
                                                 &folders, &error),
                 qPrintable(error));
        const LibraryLayout layout(Preset::ComfyUI, folders);
        QCOMPARE(layout.folderFor(QStringLiteral("LORA")), QStringLiteral("models/loras/civitai"));
        QCOMPARE(layout.folderFor(QStringLiteral("VAE")), QStringLiteral("vae"));
        QCOMPARE(layout.folderFor(QStringLiteral("LoCon")), QStringLiteral("models/loras"));  // not set: the layout's
        QCOMPARE(LibraryLayout::typeFoldersJson(folders),
                 QStringLiteral(R"({"LORA":"models/loras/civitai","VAE":"vae"})"));
        QVERIFY(layout.knownFolders().contains(QStringLiteral("models/loras/civitai")));
        QCOMPARE(LibraryLayout::fromSettings(QStringLiteral("comfyui"), LibraryLayout::typeFoldersJson(folders)),
                 layout);
        QCOMPARE(LibraryLayout::fromSettings(QStringLiteral("nonsense")), LibraryLayout());
    }

    void aFolderThatWouldLeaveTheLibraryIsRefused_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("why");
        QTest::newRow("a climb out with ..") << QStringLiteral(R"({"LORA": "../elsewhere"})") << QStringLiteral("..");
        QTest::newRow("a climb out in the middle")
            << QStringLiteral(R"({"LORA": "models/../../x"})") << QStringLiteral("..");
        QTest::newRow("an absolute folder") << QStringLiteral(R"({"LORA": "/etc"})") << QStringLiteral("relative");
        QTest::newRow("an empty folder") << QStringLiteral(R"({"LORA": " "})") << QStringLiteral("empty");
        QTest::newRow("a type Civitai does not have")
            << QStringLiteral(R"({"Loras": "x"})") << QStringLiteral("not a Civitai model type");
        QTest::newRow("a folder that is not text") << QStringLiteral(R"({"LORA": 3})") << QStringLiteral("text");
        QTest::newRow("a list instead of an object") << QStringLiteral(R"(["LORA"])") << QStringLiteral("JSON object");
        QTest::newRow("text that is not JSON") << QStringLiteral("LORA=x") << QStringLiteral("JSON object");
    }
    void aFolderThatWouldLeaveTheLibraryIsRefused()
    {
        QFETCH(QString, json);
        QFETCH(QString, why);
        QMap<QString, QString> folders{{QStringLiteral("VAE"), QStringLiteral("kept")}};
        QString error;
        QVERIFY(!LibraryLayout::parseTypeFolders(json, &folders, &error));
        QVERIFY2(error.contains(why), qPrintable(error));
        QCOMPARE(folders.value(QStringLiteral("VAE")), QStringLiteral("kept"));  // untouched
    }

    void noFoldersIsTheLayoutAsItIs()
    {
        QMap<QString, QString> folders{{QStringLiteral("VAE"), QStringLiteral("x")}};
        QVERIFY(LibraryLayout::parseTypeFolders(QString(), &folders, nullptr));
        QVERIFY(folders.isEmpty());
        QVERIFY(LibraryLayout::parseTypeFolders(QStringLiteral("{}"), &folders, nullptr));
        QCOMPARE(LibraryLayout::typeFoldersJson({}), QStringLiteral("{}"));
    }
};

QTEST_GUILESS_MAIN(TestLibraryLayout)
#include "tst_librarylayout.moc"
