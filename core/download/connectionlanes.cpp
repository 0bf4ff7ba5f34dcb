#include "download/connectionlanes.h"

#include "net/requestfactory.h"

namespace Download {

QString ConnectionLanes::hostKey(const QUrl &url)
{
    const int port = url.port();
    return port < 0 ? url.host() : url.host() + u':' + QString::number(port);
}

int ConnectionLanes::capacity(const QUrl &url) const
{
    const int lanes = (m_limit + kConnectionsPerLane - 1) / kConnectionsPerLane;
    const int usable = qMin(lanes, Net::RequestFactory::connectionLanes(url));
    return qMin(m_limit, usable * kConnectionsPerLane);
}

int ConnectionLanes::openCount(const QUrl &url) const
{
    int total = 0;
    for (int n : m_open.value(hostKey(url)))
        total += n;
    return total;
}

bool ConnectionLanes::hasRoom(const QUrl &url) const
{
    return openCount(url) < capacity(url);
}

int ConnectionLanes::acquire(const QUrl &url)
{
    const int lanes = qMax(1, (capacity(url) + kConnectionsPerLane - 1) / kConnectionsPerLane);
    QList<int> &open = m_open[hostKey(url)];
    if (open.size() < lanes)
        open.resize(lanes);
    int best = 0;
    for (int lane = 1; lane < lanes; ++lane) {
        if (open.at(lane) < open.at(best))
            best = lane;
    }
    ++open[best];
    return best;
}

void ConnectionLanes::release(const QUrl &url, int lane)
{
    const auto it = m_open.find(hostKey(url));
    if (it == m_open.end() || lane < 0 || lane >= it->size())
        return;
    (*it)[lane] = qMax(0, it->at(lane) - 1);
    bool idle = true;
    for (int n : std::as_const(*it))
        idle = idle && n == 0;
    if (idle)
        m_open.erase(it);
}

}  // namespace Download
