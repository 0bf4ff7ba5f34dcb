#pragma once

#include "catalog/catalogreader.h"
#include "catalog/catalogstore.h"
#include "itemstate.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QSet>

#include <memory>
#include <vector>

namespace Ui {

class CatalogProgress;

// The catalog tree for the view: model → variant (quantization, branch, Civitai version) →
// file. It reads the core's CatalogStore and holds nothing but what the view is showing:
// top-level rows come from a search, whose models' variants and files are read with it.
//
// Reads run on the model's own reader thread (one SQLite connection of its own), so typing in
// the search box never waits for the database: setQuery() returns at once and the rows are
// replaced when the answer arrives (queryFinished). Only the newest query is answered; those
// typed in between are skipped.
//
// DisplayRole formats; typed roles give raw values to the sort proxy and the state delegate.
// The state column shows the live download (CatalogProgress) over the stored LocalState.
class CatalogModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        SizeColumn,
        DownloadsColumn,
        LikesColumn,
        UpdatedColumn,
        StateColumn,
        ColumnCount
    };
    enum Role
    {
        NodeKindRole = Qt::UserRole + 1,      // NodeKind
        StateRole,                            // the stored Catalog::LocalState as int
        SortRole,                             // raw value of the column, for sorting
        ModelKeyRole,                         // "ns/name" or "civitai:ID" on every node
        VariantNameRole,                      // on variant and file nodes
        FilePathRole,                         // on file nodes
        SizeRole,                             // bytes, -1 unknown
        HubRole,                              // "hf" or "civitai"
        AggregateRole,                        // StateCounts of a parent's files (empty for files); text() formats
        ItemStateRole = Ui::ItemStateRole,    // what the state column shows (ItemState)
        ProgressRole = Ui::ItemProgressRole,  // 0…1 while transferring, else -1
        MarkRole = Ui::ItemMarkRole,          // ChangeMark of a model row (state column)
        ModelKindRole = Qt::UserRole + 20,    // model rows: Civitai type or HF pipeline ("LORA", "text-generation")
        BaseModelsRole,                       // model rows: QStringList ("SDXL 1.0")
        PreviewImagesRole,                    // model rows: QList<Catalog::PreviewImage> of the newest version
    };
    enum class NodeKind
    {
        Model,
        Variant,
        File
    };

    explicit CatalogModel(Catalog::CatalogStore *store, QObject *parent = nullptr);
    ~CatalogModel() override;

    // Live download states; may be null (no pool).
    void setProgressSource(CatalogProgress *progress);

    // Runs the search on the reader thread and replaces the top level when it answers. An
    // empty text lists the whole catalog (or the source) by the sort order. The order and the
    // page size are the model's (sort(), kPageSize): the query's own are ignored.
    void setQuery(const Catalog::CatalogStore::Query &query);
    // The query as last sent to the store: filters, text, the order and the first page.
    Catalog::CatalogStore::Query query() const { return m_query; }
    bool isQueryPending() const;
    QString lastError() const { return m_lastError; }

    // Rows come in pages: the first with the answer, the next ones when the view scrolls near
    // the end (fetchMore), so a catalog of 100,000 models is never read at once.
    static constexpr int kPageSize = 200;
    int totalCount() const { return m_total; }  // models the query matches in all
    bool isFetching() const { return m_pageWanted; }
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Sorting is the store's (SQL over the whole result, not the loaded rows): a new query
    // in that order. While searching, the order is relevance until a header is chosen.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    void setRelevanceWhileSearching(bool on) { m_relevanceWhileSearching = on; }
    static Catalog::CatalogStore::Sort sortForColumn(int column);

    // Models first stored or changed on the hub after `since` are marked new / updated
    // (MarkRole, bold names). Invalid: no marks.
    void setMarksSince(const QDateTime &since);
    QDateTime marksSince() const { return m_marksSince; }
    ChangeMark markOf(const Catalog::ModelRecord &record) const;

    // Reads the stored states of the given loaded models again (after downloads changed
    // them), keeping rows; without keys, of every loaded model. Asynchronous like setQuery.
    void refreshStates();
    void refreshStates(const QSet<QString> &keys);

    // The loaded record of a model on the top level, or null.
    const Catalog::ModelRecord *recordFor(const QString &modelKey) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Files the user ticked, as (model key, variant, path), here or in the details pane.
    struct FileRef
    {
        QString modelKey;
        QString variant;
        QString path;
        friend bool operator==(const FileRef &, const FileRef &) = default;
    };
    QList<FileRef> checkedFiles() const;
    bool isChecked(const FileRef &file) const;
    void setChecked(const FileRef &file, bool checked);
    void clearChecks();
    // Ticks belong to the model shown: showing another model drops the others' ticks, so none
    // joins a later download out of sight.
    void clearChecksExcept(const QString &modelKey);

    // The live state of one file of a loaded model (for the details pane's file list).
    ItemState fileState(const QString &modelKey, int variant, int file, double *progress = nullptr) const;

Q_SIGNALS:
    void queryFinished();
    void pageLoaded();
    void recordsRefreshed(const QSet<QString> &keys);
    void checksChanged();
    void liveStatesChanged(const QSet<QString> &keys);

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    Catalog::CatalogStore::Query effectiveQuery() const;
    std::unique_ptr<Node> makeNode(Catalog::ModelRecord record, int row) const;
    void applyQuery(Catalog::CatalogReader::Page result);
    void applyPage(Catalog::CatalogReader::Page result);
    void applyRefresh(const QList<Catalog::ModelRecord> &records);
    void applyLive(const QSet<QString> &keys);
    void updateLive(Node *model) const;
    static void updateAggregates(Node *model);
    void emitStateChanged(const Node *model);
    QModelIndex indexOf(const Node *node, int column) const;
    QVariant modelData(const Node *node, int column, int role) const;
    QVariant variantData(const Node *node, int column, int role) const;
    QVariant fileData(const Node *node, int column, int role) const;
    static QString checkId(const FileRef &file);

    Catalog::CatalogStore *m_store;
    CatalogProgress *m_progress = nullptr;
    Catalog::CatalogStore::Query m_query;
    int m_total = 0;
    int m_sortColumn = DownloadsColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    bool m_relevanceWhileSearching = true;
    QDateTime m_marksSince;
    std::vector<std::unique_ptr<Node>> m_models;
    QHash<QString, int> m_rowOfKey;
    QSet<QString> m_checked;  // "key\nvariant\npath"
    QString m_lastError;

    // Reads the catalog off the UI thread (core): queries, pages, fresh records.
    Catalog::CatalogReader *m_reader;
    bool m_pageWanted = false;  // a page asked for and not yet answered
};

}  // namespace Ui
