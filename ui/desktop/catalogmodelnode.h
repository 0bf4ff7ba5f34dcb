#pragma once

// The nodes behind CatalogModel's indexes, shared by its files (reading and presenting).
#include "catalog/previewimages.h"
#include "catalogmodel.h"
#include "catalogprogress.h"

namespace Ui {

struct CatalogModel::Node
{
    NodeKind kind = NodeKind::Model;
    Node *parent = nullptr;
    int row = 0;
    int variant = -1;             // Variant and File nodes: index into the model's record
    int file = -1;                // File nodes
    Catalog::ModelRecord record;  // Model nodes: the whole record with variants and files
    std::vector<std::unique_ptr<Node>> children;

    // What the state column shows, kept up to date so data() never walks the tree.
    ItemState shown = ItemState::None;
    double progress = -1;
    StateCounts counts;  // parents: their files' states, counted
    qint64 size = -1;
    std::optional<CatalogProgress::Live> live;  // File nodes in the pool
    QList<Catalog::PreviewImage> previews;      // Model nodes: the newest version's pictures, read once

    const Node *modelNode() const
    {
        const Node *node = this;
        while (node->parent)
            node = node->parent;
        return node;
    }
    const Catalog::VariantRecord &variantRecord() const { return modelNode()->record.variants.at(variant); }
    const Catalog::FileRecord &fileRecord() const { return variantRecord().files.at(file); }
};

}  // namespace Ui
