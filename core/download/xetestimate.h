#pragma once

#include "download/types.h"

#include <QObject>

namespace Net {
class Session;
}
namespace Xet {
class TermLedger;
}

namespace Download {

// How many bytes a set of files will take from the network, known before anything is fetched.
// A file whose Xet hash the hub listed costs the xorb bytes of the terms no local file holds
// (its reconstruction asked for as its download would ask, minus what the term ledger finds);
// any other file, or a Xet file whose CAS does not answer, costs its size. Files already in
// place cost nothing and are left out by the caller.
//
// One estimate per object; lives on the pool's thread (the session's).
class XetEstimate : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        qint64 bytesTotal = 0;    // the files' sizes
        qint64 bytesToFetch = 0;  // what the network brings
        qint64 bytesReused = 0;   // Xet terms copied from files on disk
        int xetFiles = 0;         // files whose reconstruction was read
    };

    XetEstimate(const Net::Session *session, Xet::TermLedger *ledger, QObject *parent = nullptr);

    void estimate(const QList<FileRequest> &files);

Q_SIGNALS:
    void finished(const Download::XetEstimate::Result &result);

private:
    void next();

    const Net::Session *m_session;
    Xet::TermLedger *m_ledger;
    QList<FileRequest> m_pending;
    Result m_result;
};

}  // namespace Download
