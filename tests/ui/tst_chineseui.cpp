// The Simplified Chinese interface, as a user gets it: the window built with the language
// setting on zh_CN shows its menus, actions and dialogs in Chinese (and Qt's own buttons too),
// counted strings follow Qt's plural rules in English and Chinese, and modeldock-cli speaks
// Chinese when the locale is Chinese.
#include "clirun.h"
#include "guicomposition.h"
#include "mainwindow.h"
#include "settings/settingscenter.h"
#include "settings/settingsschema.h"
#include "settingsdialog.h"
#include "util/translations.h"
#include "windowhost.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Settings;

namespace {
QString verified(int n)
{
    return QCoreApplication::translate("Ui::TrayController", "%1: %n file(s) verified.", nullptr, n)
        .arg(QStringLiteral("llama"));
}

// The folders of one run in `dir`; nothing answers at the hub addresses: the window is judged
// before any sync could finish.
Config::RuntimeConfig runtimeIn(const QTemporaryDir &dir)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HF_ENDPOINT"), QStringLiteral("http://127.0.0.1:9"));
    env.insert(QStringLiteral("MODELDOCK_CIVITAI_ENDPOINT"), QStringLiteral("http://127.0.0.1:9"));
    env.insert(QStringLiteral("MODELDOCK_DATA_DIR"), dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("HF_HUB_CACHE"), dir.filePath(QStringLiteral("hub")));
    env.insert(QStringLiteral("MODELDOCK_LIBRARY"), dir.filePath(QStringLiteral("library")));
    const Config::RuntimeConfig runtime = Config::RuntimeConfig::fromEnvironment(env);
    QDir().mkpath(runtime.dataDir);
    return runtime;
}

QStringList menuTitles(const QMenuBar *bar)
{
    QStringList titles;
    for (const QAction *action : bar->actions())
        titles << action->text();
    return titles;
}
}  // namespace

class TestChineseUi : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Util::Translations> m_translations;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_translations = std::make_unique<Util::Translations>();
    }

    void englishCountsOneFileAndTwoFiles()
    {
        m_translations->apply(QStringLiteral("en"));
        QCOMPARE(verified(1), QStringLiteral("llama: 1 file verified."));
        QCOMPARE(verified(2), QStringLiteral("llama: 2 files verified."));
    }

    void theLanguageSettingBuildsTheWindowInChinese()
    {
        QTemporaryDir dir;
        const Config::RuntimeConfig runtime = runtimeIn(dir);
        SettingsCenter settings(SettingsSchema::standard(runtime),
                                QDir(runtime.dataDir).filePath(QStringLiteral("settings.sqlite")));
        QString error;
        QVERIFY2(settings.open(&error), qPrintable(error));
        QCOMPARE(settings.string(Keys::Language), QStringLiteral("system"));
        QVERIFY(settings.apply({{QString::fromLatin1(Keys::Language), QStringLiteral("zh_CN")}}, ChangeSource::Gui).ok);
        QVERIFY(
            !settings.apply({{QString::fromLatin1(Keys::Language), QStringLiteral("klingon")}}, ChangeSource::Gui).ok);
        // As runDesktop does once the settings are open, before the window is built.
        m_translations->apply(settings.string(Keys::Language));

        std::unique_ptr<App::GuiComposition> app = App::GuiComposition::create(runtime, &settings, &error);
        QVERIFY2(app, qPrintable(error));
        {
            Ui::MainWindow window(app->services());
            window.show();
            const QStringList menus = menuTitles(window.menuBar());
            QVERIFY2(menus.contains(QStringLiteral("文件(&F)")), qPrintable(menus.join(u'|')));
            QVERIFY2(menus.contains(QStringLiteral("下载(&O)")), qPrintable(menus.join(u'|')));
            QCOMPARE(window.settingsAction()->text(), QStringLiteral("设置(&S)…"));

            Ui::SettingsDialog dialog(&settings, &window);
            QCOMPARE(dialog.windowTitle(), QStringLiteral("ModelDock 设置"));
            // Qt's own strings come from qtbase_zh_CN (qt6-translations-l10n).
            const auto *buttons = dialog.findChild<QDialogButtonBox *>();
            QVERIFY(buttons);
            QCOMPARE(buttons->button(QDialogButtonBox::Close)->text(), QStringLiteral("关闭"));
            // The schema was built before the language setting was applied; its labels follow.
            QStringList labels;
            for (const QLabel *label : dialog.findChildren<QLabel *>())
                labels << label->text();
            QVERIFY2(labels.contains(QStringLiteral("同时下载的文件数：")), qPrintable(labels.join(u'|')));
        }
        app.reset();

        QCOMPARE(verified(1), QStringLiteral("llama：已校验 1 个文件。"));
        QCOMPARE(verified(2), QStringLiteral("llama：已校验 2 个文件。"));
        m_translations->apply(QStringLiteral("en"));
        QCOMPARE(verified(2), QStringLiteral("llama: 2 files verified."));
    }

    // Settings → Language applies at once: the window is built again in Chinese (menus,
    // actions, the Settings dialog itself, open again on the page it was on) and back.
    void changingTheLanguageInSettingsSwitchesTheWindowAtOnce()
    {
        QTemporaryDir dir;
        const Config::RuntimeConfig runtime = runtimeIn(dir);
        SettingsCenter settings(SettingsSchema::standard(runtime),
                                QDir(runtime.dataDir).filePath(QStringLiteral("settings.sqlite")));
        QString error;
        QVERIFY2(settings.open(&error), qPrintable(error));
        QVERIFY(settings.apply({{QString::fromLatin1(Keys::Language), QStringLiteral("en")}}, ChangeSource::Gui).ok);
        std::unique_ptr<App::GuiComposition> app = App::GuiComposition::create(runtime, &settings, &error);
        QVERIFY2(app, qPrintable(error));
        {
            App::WindowHost host(app.get(), &settings, m_translations.get());
            host.window()->show();
            QVERIFY(QTest::qWaitForWindowExposed(host.window()));
            QVERIFY2(menuTitles(host.window()->menuBar()).contains(QStringLiteral("&File")),
                     qPrintable(menuTitles(host.window()->menuBar()).join(u'|')));

            auto pick = [&host](int step) {
                auto *dialog = host.window()->findChild<Ui::SettingsDialog *>();
                QVERIFY(dialog && dialog->isVisible());
                auto *tabs = dialog->findChild<QTabWidget *>();
                auto *combo = dialog->findChild<QComboBox *>(QString::fromLatin1(Keys::Language));
                QVERIFY(tabs && combo);
                // The page with the language, then the next entry of the list by keyboard.
                for (int i = 0; i < tabs->count(); ++i) {
                    if (tabs->widget(i)->isAncestorOf(combo))
                        tabs->setCurrentIndex(i);
                }
                combo->setFocus();
                QTest::keyClick(combo, step > 0 ? Qt::Key_Down : Qt::Key_Up);
                auto *buttons = dialog->findChild<QDialogButtonBox *>();
                QTest::mouseClick(buttons->button(QDialogButtonBox::Apply), Qt::LeftButton);
            };
            Ui::MainWindow *before = host.window();
            before->settingsAction()->trigger();
            pick(+1);  // English → 简体中文
            QCOMPARE(settings.string(Keys::Language), QStringLiteral("zh_CN"));
            QTRY_VERIFY(host.window() != before);
            QVERIFY(host.window()->isVisible());
            const QStringList menus = menuTitles(host.window()->menuBar());
            QVERIFY2(menus.contains(QStringLiteral("文件(&F)")), qPrintable(menus.join(u'|')));
            QCOMPARE(host.window()->settingsAction()->text(), QStringLiteral("设置(&S)…"));
            auto *dialog = host.window()->findChild<Ui::SettingsDialog *>();
            QVERIFY(dialog && dialog->isVisible());
            QCOMPARE(dialog->windowTitle(), QStringLiteral("ModelDock 设置"));
            const auto *combo = dialog->findChild<QComboBox *>(QString::fromLatin1(Keys::Language));
            QVERIFY(dialog->findChild<QTabWidget *>()->currentWidget()->isAncestorOf(combo));
            if (const QString shots = qEnvironmentVariable("MODELDOCK_JOURNEY_SHOTS"); !shots.isEmpty()) {
                QDir().mkpath(shots);
                host.window()->grab().save(shots + QStringLiteral("/language-live-window.png"));
                dialog->grab().save(shots + QStringLiteral("/language-live-settings.png"));
            }

            Ui::MainWindow *chinese = host.window();
            pick(-1);  // 简体中文 → English
            QTRY_VERIFY(host.window() != chinese);
            QVERIFY(menuTitles(host.window()->menuBar()).contains(QStringLiteral("&File")));
        }
        app.reset();
        m_translations->apply(QStringLiteral("en"));
    }

    void theCliFollowsAChineseLocale()
    {
        QTemporaryDir dir;
        QProcessEnvironment env = Cli::cleanEnvironment();
        env.insert(QStringLiteral("MODELDOCK_DATA_DIR"), dir.path());
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("zh_CN.UTF-8"));
        env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("zh_CN"));
        const Cli::Result chinese =
            Cli::run({QStringLiteral("settings"), QStringLiteral("get"), QString::fromLatin1(Keys::MaxActive)}, env);
        QCOMPARE(chinese.exitCode, 0);
        QVERIFY2(chinese.out.contains(QStringLiteral("同时下载的文件数")), qPrintable(chinese.all()));

        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        env.remove(QStringLiteral("LANGUAGE"));
        const Cli::Result english =
            Cli::run({QStringLiteral("settings"), QStringLiteral("get"), QString::fromLatin1(Keys::MaxActive)}, env);
        QCOMPARE(english.exitCode, 0);
        QVERIFY2(english.out.contains(QStringLiteral("Files downloaded at the same time")), qPrintable(english.all()));
    }
};

QTEST_MAIN(TestChineseUi)
#include "tst_chineseui.moc"
