// The part of MainWindow that asks the hubs themselves for the words in the search field:
// Hugging Face's /api/models?search= and Civitai's /api/v1/models?query=, through the catalog's
// HubBrowser. What they find is kept in the catalog and the local search runs again, so the
// results sit in the tree like synced models: opened, picked and downloaded the same way.
#include "catalog/hubbrowser.h"
#include "catalogpane.h"
#include "mainwindow.h"
#include "sourcesmodel.h"

#include <QAction>
#include <QLineEdit>
#include <QListView>
#include <QStatusBar>

namespace Ui {

namespace {
constexpr int kHubSearchLimit = 50;
}  // namespace

void MainWindow::searchHubs()
{
    const QString words = m_search->text().simplified();
    if (words.isEmpty() || !m_services.browser || !m_catalogPane || m_hubSearchesRunning > 0)
        return;
    statusBar()->showMessage(tr("Searching Hugging Face and Civitai for “%1”…").arg(words));
    // Every source: the models found belong to none of them.
    m_sourcesView->setCurrentIndex(m_sourcesView->model()->index(0, 0));
    struct Tally
    {
        int found = 0;
        int added = 0;
        QStringList problems;
    };
    auto tally = std::make_shared<Tally>();
    const QStringList hubs{QStringLiteral("hf"), QStringLiteral("civitai")};
    m_hubSearchesRunning = int(hubs.size());
    m_searchHubsAction->setEnabled(false);
    for (const QString &hub : hubs) {
        m_services.browser->liveSearch(
            hub, words, kHubSearchLimit, this,
            [this, tally, words](const Hub::Result<QList<Catalog::ModelRecord>> &result, bool) {
                if (result.error.isError()) {
                    tally->problems << result.error.message;
                } else {
                    QString error;
                    const int added = m_services.browser->keep(result.value, &error);
                    if (added < 0)
                        tally->problems << error;
                    tally->found += int(result.value.size());
                    tally->added += qMax(0, added);
                }
                if (--m_hubSearchesRunning > 0)
                    return;
                m_searchHubsAction->setEnabled(!m_search->text().simplified().isEmpty());
                // The local search again, now over what the hubs found too.
                m_catalogPane->requery();
                m_catalogPane->sourcesModel()->recount();
                QString sentence = tally->found == 0
                                       ? tr("The hubs found nothing for “%1”.").arg(words)
                                       : tr("The hubs found %n model(s) for “%1”", nullptr, tally->found).arg(words) +
                                             tr("; %n new in the catalog.", nullptr, tally->added);
                if (!tally->problems.isEmpty())
                    sentence += u' ' + tally->problems.join(u' ');
                statusBar()->showMessage(sentence, 15000);
            });
    }
}

}  // namespace Ui
