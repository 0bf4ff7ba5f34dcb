#pragma once

#include "fileidentity.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

namespace Net {
class Session;
}

namespace Identify {

// Writes beside each file identified on Civitai what other programs read there, with the
// writers downloads use: "<stem>.civitai.info" (Plan::CivitaiSidecars::civitaiInfo through
// Library::StorageLayout::writeOtherSidecars) and "<stem>.preview.<ext>" (the version's first
// image, Download::PreviewFetch). A sidecar or preview already there is left alone: a person
// or another tool may have chosen it. Previews are fetched a few at a time; finished() comes
// once all are done, with the paths written and a sentence per failure.
class SidecarWriter : public QObject
{
    Q_OBJECT
public:
    explicit SidecarWriter(const Net::Session *session, QObject *parent = nullptr);
    ~SidecarWriter() override;

    // Never call again before finished().
    void write(const QList<FileIdentity> &files);

Q_SIGNALS:
    void finished(const QStringList &written, const QStringList &problems);

private:
    struct Preview
    {
        QString url;
        QString path;
    };
    void fetchNext();

    const Net::Session *m_session;
    QThreadPool m_io;
    QList<Preview> m_previews;
    int m_running = 0;
    QStringList m_written;
    QStringList m_problems;
};

}  // namespace Identify
