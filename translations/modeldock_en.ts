<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Ui::DetailsPane</name>
    <message numerus="yes">
        <source>All variants (%n)</source>
        <translation>
            <numerusform>All variants (%n)</numerusform>
            <numerusform>All variants (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ui::DownloadErrorPanel</name>
    <message numerus="yes">
        <source>%n item(s) of this group failed. %1: %2
Retry failed (Ctrl+Shift+T) tries them again.</source>
        <translation>
            <numerusform>%n item of this group failed. %1: %2
Retry failed (Ctrl+Shift+T) tries them again.</numerusform>
            <numerusform>%n items of this group failed. %1: %2
Retry failed (Ctrl+Shift+T) tries them again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ui::DownloadRequester</name>
    <message numerus="yes">
        <source>%n models</source>
        <translation>
            <numerusform>%n models</numerusform>
            <numerusform>%n models</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ui::DownloadsDashboard</name>
    <message numerus="yes">
        <source>Cancel %n download(s)?</source>
        <translation>
            <numerusform>Cancel %n download?</numerusform>
            <numerusform>Cancel %n downloads?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ui::FreeSpaceDialog</name>
    <message numerus="yes">
        <source>Removed %n earlier version(s), freeing %1.</source>
        <translation>
            <numerusform>Removed %n earlier version, freeing %1.</numerusform>
            <numerusform>Removed %n earlier versions, freeing %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n earlier version(s) can go, freeing %1.</source>
        <translation>
            <numerusform>%n earlier version can go, freeing %1.</numerusform>
            <numerusform>%n earlier versions can go, freeing %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ui::IdentifyDialog</name>
    <message numerus="yes">
        <source>Asking which models these %n file(s) are…</source>
        <translation>
            <numerusform>Asking which models these %n file are…</numerusform>
            <numerusform>Asking which models these %n files are…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) beside your models.</source>
        <translation>
            <numerusform>Wrote %n file beside your models.</numerusform>
            <numerusform>Wrote %n files beside your models.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ui::MainWindow</name>
    <message numerus="yes">
        <source>The hubs found %n model(s) for “%1”</source>
        <translation>
            <numerusform>The hubs found %n model for “%1”</numerusform>
            <numerusform>The hubs found %n models for “%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n new in the catalog.</source>
        <translation>
            <numerusform>; %n new in the catalog.</numerusform>
            <numerusform>; %n new in the catalog.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) waiting for the hub to answer</source>
        <translation>
            <numerusform>%n download waiting for the hub to answer</numerusform>
            <numerusform>%n downloads waiting for the hub to answer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Shared %n GGUF file(s) of %1 with LM Studio (%2).</source>
        <translation>
            <numerusform>Shared %n GGUF file of %1 with LM Studio (%2).</numerusform>
            <numerusform>Shared %n GGUF files of %1 with LM Studio (%2).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) are not finished.</source>
        <translation>
            <numerusform>%n download are not finished.</numerusform>
            <numerusform>%n downloads are not finished.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ui::ModelUpdateActions</name>
    <message numerus="yes">
        <source>Updated %1 from %2 to %3: %n file(s) downloaded, %4 unchanged file(s) reused. Roll back returns to %2.</source>
        <translation>
            <numerusform>Updated %1 from %2 to %3: %n file downloaded, %4 unchanged file(s) reused. Roll back returns to %2.</numerusform>
            <numerusform>Updated %1 from %2 to %3: %n files downloaded, %4 unchanged file(s) reused. Roll back returns to %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 has a newer version: fetching %2 for %n changed file(s)</source>
        <translation>
            <numerusform>%1 has a newer version: fetching %2 for %n changed file</numerusform>
            <numerusform>%1 has a newer version: fetching %2 for %n changed files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ui::SourcesDelegate</name>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n updated</numerusform>
            <numerusform>%n updated</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ui::SourcesModel</name>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n updated</numerusform>
            <numerusform>%n updated</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ui::SyncStatus</name>
    <message numerus="yes">
        <source>Hub is rate-limiting, retrying in %n s</source>
        <translation>
            <numerusform>Hub is rate-limiting, retrying in %n s</numerusform>
            <numerusform>Hub is rate-limiting, retrying in %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synced %n min ago</source>
        <translation>
            <numerusform>Synced %n min ago</numerusform>
            <numerusform>Synced %n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>next in %n min</source>
        <translation>
            <numerusform>next in %n min</numerusform>
            <numerusform>next in %n min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ui::TrayController</name>
    <message numerus="yes">
        <source>%1: %2 of %n file(s) failed. Open ModelDock to retry them.</source>
        <translation>
            <numerusform>%1: %2 of %n file failed. Open ModelDock to retry them.</numerusform>
            <numerusform>%1: %2 of %n files failed. Open ModelDock to retry them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n file(s) verified.</source>
        <translation>
            <numerusform>%1: %n file verified.</numerusform>
            <numerusform>%1: %n files verified.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ui::VariantList</name>
    <message numerus="yes">
        <source>Download %1 (%n file(s))</source>
        <translation>
            <numerusform>Download %1 (%n file)</numerusform>
            <numerusform>Download %1 (%n files)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Updates::RefSwitcher</name>
    <message numerus="yes">
        <source>%1 (%2) still points at its previous version %3: %n file(s) of the new version %4 did not finish. Download it again to complete the update.</source>
        <translation>
            <numerusform>%1 (%2) still points at its previous version %3: %n file of the new version %4 did not finish. Download it again to complete the update.</numerusform>
            <numerusform>%1 (%2) still points at its previous version %3: %n files of the new version %4 did not finish. Download it again to complete the update.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2) still points at its previous version %3: the new version %4 is not complete on disk (%n file(s) missing, such as %5). Use Update to fetch all of it.</source>
        <translation>
            <numerusform>%1 (%2) still points at its previous version %3: the new version %4 is not complete on disk (%n file missing, such as %5). Use Update to fetch all of it.</numerusform>
            <numerusform>%1 (%2) still points at its previous version %3: the new version %4 is not complete on disk (%n files missing, such as %5). Use Update to fetch all of it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>modeldock-cli</name>
    <message numerus="yes">
        <source>%1 has a newer version (%2): fetching %3 for %n changed file(s)</source>
        <translation>
            <numerusform>%1 has a newer version (%2): fetching %3 for %n changed file</numerusform>
            <numerusform>%1 has a newer version (%2): fetching %3 for %n changed files</numerusform>
        </translation>
    </message>
</context>
</TS>
