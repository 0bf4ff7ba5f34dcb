#include "pickresolver.h"

#include "catalog/variantinference.h"
#include "insight/fitestimate.h"

#include <QCoreApplication>
#include <QJsonValue>

using Catalog::ModelRecord;
using Catalog::VariantInference;
using Catalog::VariantRecord;

namespace Plan {

namespace {
bool isCivitai(const ModelRecord &model)
{
    return model.hub == QLatin1String("civitai");
}

DownloadTarget hfTarget(const ModelRecord &model, const QString &revision)
{
    DownloadTarget target;
    target.kind = DownloadTarget::Kind::HfRepo;
    target.repoId = model.hubId.isEmpty() ? model.key : model.hubId;
    target.revision = revision.isEmpty() ? QStringLiteral("main") : revision;
    return target;
}

DownloadTarget civitaiTarget(const ModelRecord &model, qint64 versionId)
{
    DownloadTarget target;
    target.kind = DownloadTarget::Kind::Civitai;
    target.modelId = (model.hubId.isEmpty() ? model.key.section(QLatin1Char(':'), 1) : model.hubId).toLongLong();
    target.versionId = versionId;
    return target;
}

QStringList pathsOf(const VariantRecord &variant)
{
    QStringList out;
    for (const Catalog::FileRecord &file : variant.files)
        out << file.path;
    return out;
}

// A variant's own files, ticked, at its revision.
Order variantOrder(const ModelRecord &model, const VariantRecord &variant, const QStringList &paths)
{
    Order order;
    if (isCivitai(model)) {
        order.target = civitaiTarget(model, variant.revision.toLongLong());
        order.ticked = paths;
        return order;
    }
    order.target = hfTarget(model, variant.revision);
    // A variant that shares its revision with others (a quantization inside main) names its
    // files; a branch variant is its whole revision unless files were picked.
    const bool sharesRevision = variant.kind != QLatin1String("branch") && variant.kind != QLatin1String("default");
    order.ticked = !paths.isEmpty() ? paths : sharesRevision ? pathsOf(variant) : QStringList();
    return order;
}
}  // namespace

QString Order::key() const
{
    return target.displayName() + (allVersions ? QStringLiteral(" all") : QString());
}

bool Order::ticks(const QString &path) const
{
    return ticked.isEmpty() || ticked.contains(path) || (withoutWeights && !VariantInference::isWeightFile(path));
}

void Order::merge(const Order &other)
{
    offerRest = offerRest || other.offerRest;
    withoutWeights = withoutWeights || other.withoutWeights;
    if (ticked.isEmpty() || other.ticked.isEmpty()) {
        ticked.clear();
        return;
    }
    for (const QString &path : other.ticked) {
        if (!ticked.contains(path))
            ticked << path;
    }
}

QList<Order> PickResolver::resolve(const ModelRecord &model, const QString &variant, const QStringList &paths,
                                   bool allVersions, QString *error)
{
    if (!variant.isEmpty()) {
        for (const VariantRecord &v : model.variants) {
            if (v.name == variant)
                return {variantOrder(model, v, paths)};
        }
        if (error)
            *error = QCoreApplication::translate("Plan::PickResolver",
                                                 "%1 has no variant \"%2\" any more; sync to see what it holds now.")
                         .arg(model.name.isEmpty() ? model.key : model.name, variant);
        return {};
    }
    if (isCivitai(model)) {
        Order order;
        // Without a version the planner takes the hub's newest, which is what "the model" means.
        order.target = civitaiTarget(model, 0);
        order.allVersions = allVersions;
        return {order};
    }
    // The usual choice (Q4_K_M first) among the quantizations this machine can hold.
    const Insight::MachineMemory &machine = Insight::MachineMemory::current();
    const int recommended = VariantInference::recommendedVariant(model.variants, [&](int i) {
        return Insight::FitEstimate::weightsFit(model.variants.at(i).totalSize(), machine);
    });
    if (recommended < 0)
        return {Order{hfTarget(model, QStringLiteral("main")), false, {}, false, false}};
    const VariantRecord &pick = model.variants.at(recommended);
    Order order = variantOrder(model, pick, {});
    if (pick.kind == QLatin1String("quantization")) {
        // The files of the same revision that carry no weights (README, config, tokenizer)
        // come along; the other quantizations are listed unticked.
        order.ticked = pathsOf(pick);
        order.withoutWeights = true;
        order.offerRest = true;
    }
    return {order};
}

bool PickResolver::catalogFile(const ModelRecord &model, const Download::FileRequest &file, QString *variant,
                               QString *path)
{
    const Download::Destination &d = file.destination;
    if (d.kind == Download::Destination::Kind::Library) {
        const qint64 versionId = d.sidecar.value(QStringLiteral("versionId")).toInteger();
        const QString remote = d.sidecar.value(QStringLiteral("remoteFileName")).toString();
        if (!versionId || remote.isEmpty())
            return false;
        for (const VariantRecord &v : model.variants) {
            if (v.revision.toLongLong() != versionId)
                continue;
            for (const Catalog::FileRecord &f : v.files) {
                if (f.path == remote) {
                    *variant = v.name;
                    *path = f.path;
                    return true;
                }
            }
        }
        return false;
    }
    // HF: the variant planned at this revision (a branch, or a quantization inside it) that
    // lists the path.
    for (const VariantRecord &v : model.variants) {
        if (v.revision != d.revision && v.name != d.revision)
            continue;
        for (const Catalog::FileRecord &f : v.files) {
            if (f.path == d.relativePath) {
                *variant = v.name;
                *path = f.path;
                return true;
            }
        }
    }
    return false;
}

}  // namespace Plan
