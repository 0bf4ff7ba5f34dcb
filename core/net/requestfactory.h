#pragma once

#include <QNetworkRequest>
#include <QString>
#include <QUrl>

namespace Net {

// Builds every request ModelDock sends, so each gets our User-Agent (Civitai treats browser
// agents differently), a transfer timeout and manual redirects (Qt's automatic redirects
// re-send Authorization to other hosts). The agent in force is the Net::Session's, which
// builds its requests through here.
class RequestFactory
{
public:
    static QByteArray defaultUserAgent();  // "ModelDock/<version> (Qt <version>)"

    // JSON API calls: compression allowed, HTTP/2 allowed.
    static QNetworkRequest apiRequest(const QUrl &url, const QByteArray &userAgent, int timeoutMs = 30000);

    // File bodies: HTTP/1.1 only (Qt 6.4's HTTP/2 is slower for bulk data and ignores
    // setReadBufferSize), Accept-Encoding identity (so Range and sizes mean bytes on disk).
    static QNetworkRequest fileRequest(const QUrl &url, const QByteArray &userAgent, int timeoutMs = 60000);

    // Connection lanes (see Download::ConnectionLanes): Qt 6.4 keeps at most six connections
    // per connection key, and the key includes the peer verify name. A lane is another
    // spelling of the host name that Qt pools separately but verifies (and sends as SNI)
    // exactly like the host itself: host names compare case-insensitively, so lane N flips
    // the case of some letters. Over plain http the name is never used for anything but the
    // key. Lane 0 is the request as it is.
    static int connectionLanes(const QUrl &url);  // how many lanes the host can carry
    static void applyConnectionLane(QNetworkRequest &request, int lane);
};

// Decides whether to follow a redirect. Only http/https, never https -> http, at most
// maxHops hops. Returns an empty string when allowed, else the reason.
QString redirectRefusal(const QUrl &from, const QUrl &to, int hopsSoFar, int maxHops = 10);

}  // namespace Net
