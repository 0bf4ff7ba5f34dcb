#include "localstates.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSqlQuery>

namespace Catalog {

namespace {
QString idArray(const QList<qint64> &ids)
{
    QJsonArray array;
    for (qint64 id : ids)
        array.append(id);
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}
}  // namespace

QString GroupState::describe() const
{
    QString text = QCoreApplication::translate("Catalog::GroupState", "%1/%2 done").arg(verified).arg(models);
    if (downloading > 0)
        text += QCoreApplication::translate("Catalog::GroupState", ", %1 downloading").arg(downloading);
    if (queued > 0)
        text += QCoreApplication::translate("Catalog::GroupState", ", %1 queued").arg(queued);
    if (failed > 0)
        text += QCoreApplication::translate("Catalog::GroupState", ", %1 failed").arg(failed);
    if (updates > 0)
        text += QCoreApplication::translate("Catalog::GroupState", ", %1 with updates").arg(updates);
    return text;
}

QHash<qint64, LocalState> LocalStates::aggregateModels(QSqlDatabase db, const QList<Touched> &touched)
{
    QHash<qint64, LocalState> out;
    if (touched.isEmpty())
        return out;
    QMap<qint64, QList<LocalState>> byVariant;
    QHash<qint64, qint64> modelOf;
    for (const Touched &t : touched) {
        byVariant[t.variant] << t.state;
        modelOf.insert(t.variant, t.model);
    }
    // Untouched files of a touched variant count as "none": half a quantization is not one.
    QSqlQuery totals(db);
    totals.setForwardOnly(true);
    totals.prepare(QStringLiteral("SELECT variant_id, count(*) FROM files WHERE variant_id IN"
                                  " (SELECT value FROM json_each(?)) GROUP BY variant_id"));
    totals.addBindValue(idArray(byVariant.keys()));
    if (totals.exec()) {
        while (totals.next()) {
            QList<LocalState> &states = byVariant[totals.value(0).toLongLong()];
            for (qsizetype n = states.size(); n < totals.value(1).toLongLong(); ++n)
                states << LocalState::None;
        }
    }
    QHash<qint64, QList<LocalState>> variantsByModel;
    for (auto it = byVariant.cbegin(); it != byVariant.cend(); ++it)
        variantsByModel[modelOf.value(it.key())] << aggregate(it.value());
    for (auto it = variantsByModel.cbegin(); it != variantsByModel.cend(); ++it)
        out.insert(it.key(), aggregate(it.value(), false));
    return out;
}

QHash<qint64, LocalState> LocalStates::ofModels(QSqlDatabase db, const QList<qint64> &modelIds)
{
    if (modelIds.isEmpty())
        return {};
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT v.model_id, f.variant_id, f.local_state FROM files f JOIN variants v ON v.id = f.variant_id"
        " WHERE f.local_state != 0 AND v.model_id IN (SELECT value FROM json_each(?))"));
    q.addBindValue(idArray(modelIds));
    QList<Touched> touched;
    if (q.exec()) {
        while (q.next())
            touched << Touched{q.value(0).toLongLong(), q.value(1).toLongLong(), LocalState(q.value(2).toInt())};
    }
    return aggregateModels(db, touched);
}

GroupState LocalStates::ofGroup(QSqlDatabase db, qint64 sourceId)
{
    GroupState g;
    QSqlQuery count(db);
    if (sourceId == 0) {
        count.prepare(QStringLiteral("SELECT count(*) FROM models"));
    } else {
        count.prepare(QStringLiteral("SELECT count(*) FROM source_models WHERE source_id = ?"));
        count.addBindValue(sourceId);
    }
    if (count.exec() && count.next())
        g.models = count.value(0).toInt();

    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT v.model_id, f.variant_id, f.local_state FROM files f JOIN variants v ON v.id = f.variant_id"
        " WHERE f.local_state != 0 AND (? = 0 OR v.model_id IN"
        " (SELECT model_id FROM source_models WHERE source_id = ?))"));
    q.addBindValue(sourceId);
    q.addBindValue(sourceId);
    QList<Touched> touched;
    if (q.exec()) {
        while (q.next())
            touched << Touched{q.value(0).toLongLong(), q.value(1).toLongLong(), LocalState(q.value(2).toInt())};
    }
    const QHash<qint64, LocalState> states = aggregateModels(db, touched);
    QList<LocalState> members;
    for (LocalState s : states) {
        members << s;
        switch (s) {
        case LocalState::Verified:
            ++g.verified;
            break;
        case LocalState::Downloading:
            ++g.downloading;
            break;
        case LocalState::Queued:
            ++g.queued;
            break;
        case LocalState::Failed:
            ++g.failed;
            break;
        case LocalState::UpdateAvailable:
            ++g.updates;
            break;
        case LocalState::None:
            break;
        }
    }
    if (states.size() < g.models)
        members << LocalState::None;  // one stands for every untouched member
    g.state = aggregate(members);
    return g;
}

}  // namespace Catalog
