#pragma once

#include "catalog/catalogstore.h"

#include <QAbstractItemModel>
#include <QSet>

#include <memory>
#include <vector>

namespace Ui {

// The catalog tree for the view: model → variant (quantization, branch, Civitai version) →
// file. It reads the core's CatalogStore and holds nothing but what the view is showing:
// top-level rows come from a search, whose models' variants and files are read with it. DisplayRole formats; typed roles give raw values to the sort proxy
// and the state delegate.
class CatalogModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, SizeColumn, DownloadsColumn, LikesColumn, UpdatedColumn, StateColumn, ColumnCount };
    enum Role {
        NodeKindRole = Qt::UserRole + 1,  // NodeKind
        StateRole,                        // Catalog::LocalState as int
        SortRole,                         // raw value of the column, for sorting
        ModelKeyRole,                     // "ns/name" or "civitai:ID" on every node
        VariantNameRole,                  // on variant and file nodes
        FilePathRole,                     // on file nodes
        SizeRole,                         // bytes, -1 unknown
        HubRole,                          // "hf" or "civitai"
        AggregateRole,                    // "3/5 ✓ 1 ✗" for parents, empty for files
        ProgressRole,                     // -1: the state delegate shows words, not a bar
    };
    enum class NodeKind { Model, Variant, File };

    explicit CatalogModel(Catalog::CatalogStore *store, QObject *parent = nullptr);
    ~CatalogModel() override;

    // Runs the search and replaces the top level. An empty text lists the whole catalog (or
    // the source) by the sort order.
    void setQuery(const Catalog::CatalogStore::Query &query);
    Catalog::CatalogStore::Query query() const { return m_query; }
    QString lastError() const { return m_lastError; }

    // Re-reads the states of loaded models (after downloads changed them), keeping rows.
    void refreshStates();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Files the user ticked, as (model key, variant, path).
    struct FileRef
    {
        QString modelKey;
        QString variant;
        QString path;
        friend bool operator==(const FileRef &, const FileRef &) = default;
    };
    QList<FileRef> checkedFiles() const;
    void clearChecks();

    // The full record of a model (variants and files), read from the store.
    std::optional<Catalog::ModelRecord> record(const QString &modelKey) const;

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    void load(Node *modelNode);
    QVariant modelData(const Node *node, int column, int role) const;
    QVariant variantData(const Node *node, int column, int role) const;
    QVariant fileData(const Node *node, int column, int role) const;
    static QString aggregateText(const QList<Catalog::LocalState> &states);

    Catalog::CatalogStore *m_store;
    Catalog::CatalogStore::Query m_query;
    std::vector<std::unique_ptr<Node>> m_models;
    QSet<QString> m_checked;  // "key\nvariant\npath"
    QString m_lastError;
};

QString localStateText(Catalog::LocalState state);

} // namespace Ui
