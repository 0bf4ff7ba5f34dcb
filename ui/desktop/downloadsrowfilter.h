#pragma once

#include <QObject>

class QModelIndex;
class QTreeView;

namespace Ui {

class DownloadsModel;

// Shows only the dashboard rows of one kind (active, queued, failed, done) by hiding the
// others in the view; a group stays while any of its items is shown. The rows and their order
// stay the model's, so every index the dashboard hands out keeps working.
class DownloadsRowFilter : public QObject
{
    Q_OBJECT
public:
    enum class Filter
    {
        All,
        Active,
        Queued,
        Failed,
        Done
    };

    DownloadsRowFilter(QTreeView *view, DownloadsModel *model, QObject *parent = nullptr);

    Filter filter() const { return m_filter; }
    void setFilter(Filter filter);
    static QString filterName(Filter filter);  // "All", "Active", …

private:
    bool accepts(const QModelIndex &task) const;
    void applyToGroup(int row);
    void applyAll();

    QTreeView *m_view;
    DownloadsModel *m_model;
    Filter m_filter = Filter::All;
};

}  // namespace Ui
