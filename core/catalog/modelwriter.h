#pragma once

#include "catalogtypes.h"

#include <QSqlDatabase>
#include <QSqlQuery>

namespace Catalog {

// Writes models with their variants and files, and cached trees, inside a transaction the
// caller opened. Statements are prepared once per writer: a sync of 100,000 models would
// otherwise spend most of its time parsing the same SQL again.
class ModelWriter
{
public:
    explicit ModelWriter(QSqlDatabase db);

    struct Outcome
    {
        qint64 id = -1;
        bool wasNew = false;
        bool updateAvailable = false;  // verified files were marked: the hub moved on
    };
    // Inserts or updates the model with its variants and files when it carries any (local
    // states of files that stay are kept). A whole tree replaces the stored one; a partial
    // one (no detailsCommit) only adds and updates. Verified files become update-available
    // where their variant's commit moved (each cortexso branch on its own) or their hash
    // changed. id -1 and *error on failure.
    Outcome write(const ModelRecord &model, QString *error);
    bool writeTree(const TreeRecord &tree, QString *error);

    // Qt binds a null QString as SQL NULL; the schema wants empty text.
    static QString text(const QString &value) { return value.isNull() ? QStringLiteral("") : value; }

private:
    bool writeVariants(qint64 modelId, bool isNew, const ModelRecord &model, Outcome *outcome, QString *error);
    bool writeBaseModels(qint64 modelId, bool isNew, const QStringList &bases, QString *error);
    bool markUpdates(QSqlQuery &q, bool *marked, QString *error);
    static bool run(QSqlQuery &q, QString *error);

    QSqlDatabase m_db;
    QSqlQuery m_find;
    QSqlQuery m_insert;
    QSqlQuery m_update;
    QSqlQuery m_markHeadVariants;
    QSqlQuery m_markVariant;
    QSqlQuery m_commitsOfModel;
    QSqlQuery m_size;
    QSqlQuery m_clearBases;
    QSqlQuery m_addBase;
    QSqlQuery m_variant;
    QSqlQuery m_file;
    QSqlQuery m_filesOfVariant;
    QSqlQuery m_deleteFile;
    QSqlQuery m_variantsOfModel;
    QSqlQuery m_deleteVariant;
    QSqlQuery m_tree;
    QSqlQuery m_markChanged;
};

}  // namespace Catalog
