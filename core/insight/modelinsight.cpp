#include "modelinsight.h"

#include "catalog/catalogstore.h"
#include "catalog/variantinference.h"
#include "headerfetcher.h"

#include <QRegularExpression>

#include <algorithm>

namespace Insight {

ModelInsight::ModelInsight(const Net::Session *session, Catalog::CatalogStore *catalog, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_fetcher(std::make_unique<HeaderFetcher>(session))
{
    connect(m_fetcher.get(), &HeaderFetcher::finished, this, [this](const FileInsight &insight, const QString &error) {
        if (!insight.isValid()) {
            m_pending.clear();
            Q_EMIT ready(m_modelKey, m_variant, {}, error);
            return;
        }
        const Catalog::FileRecord file = m_pending.takeFirst();
        if (m_catalog && !file.sha256.isEmpty())
            m_catalog->storeFileInsight(file.sha256, insight.toJson());
        m_combined.isValid() ? m_combined.addShard(insight) : void(m_combined = insight);
        next();
    });
}

ModelInsight::~ModelInsight()
{
    // The fetcher first, while the members its handler touches still exist.
    m_fetcher.reset();
}

QList<Catalog::FileRecord> ModelInsight::headerFiles(const Catalog::VariantRecord &variant)
{
    QList<Catalog::FileRecord> gguf;
    const Catalog::FileRecord *safetensors = nullptr;
    for (const Catalog::FileRecord &file : variant.files) {
        if (HeaderFetcher::formatOf(file.path) == FileInsight::Format::Gguf &&
            !file.path.contains(QLatin1String("mmproj")))
            gguf << file;
        else if (HeaderFetcher::formatOf(file.path) == FileInsight::Format::Safetensors &&
                 (!safetensors || (file.primary && !safetensors->primary)))
            safetensors = &file;
    }
    if (!gguf.isEmpty()) {
        // The shards of a split model ("-00001-of-00003") sort in order; one GGUF per variant
        // otherwise. A variant that lists several unrelated GGUFs is described by its first.
        std::sort(gguf.begin(), gguf.end(),
                  [](const Catalog::FileRecord &a, const Catalog::FileRecord &b) { return a.path < b.path; });
        static const QRegularExpression shard(QStringLiteral("-\\d{5}-of-\\d{5}\\.gguf$"),
                                              QRegularExpression::CaseInsensitiveOption);
        if (!shard.match(gguf.first().path).hasMatch())
            gguf = gguf.mid(0, 1);
        return gguf;
    }
    if (safetensors)
        return {*safetensors};
    return {};
}

std::optional<FileInsight> ModelInsight::cached(const Catalog::VariantRecord &variant) const
{
    const QList<Catalog::FileRecord> files = headerFiles(variant);
    if (files.isEmpty() || !m_catalog)
        return std::nullopt;
    FileInsight combined;
    for (const Catalog::FileRecord &file : files) {
        if (file.sha256.isEmpty())
            return std::nullopt;
        const std::optional<QJsonObject> json = m_catalog->fileInsight(file.sha256);
        if (!json)
            return std::nullopt;
        const FileInsight one = FileInsight::fromJson(*json);
        combined.isValid() ? combined.addShard(one) : void(combined = one);
    }
    combined.requests = 0;
    combined.bytesRead = 0;
    return combined;
}

QList<FitEstimate> ModelInsight::fits(const Catalog::ModelRecord &model, const QString &shownVariant,
                                      const FileInsight &shown, const MachineMemory &machine, quint64 context) const
{
    const Catalog::VariantRecord *shownRecord = nullptr;
    for (const Catalog::VariantRecord &v : model.variants) {
        if (v.name == shownVariant)
            shownRecord = &v;
    }
    QList<FitEstimate> out;
    for (const Catalog::VariantRecord &v : model.variants) {
        const QList<Catalog::FileRecord> files = headerFiles(v);
        const bool gguf = !files.isEmpty() && HeaderFetcher::formatOf(files.first().path) == FileInsight::Format::Gguf;
        // Its own header when read (or shown), else the shown one for the same model in
        // another quantization; nothing for a GGUF-less variant or another model.
        std::optional<FileInsight> own;
        if (gguf && v.name != shownVariant)
            own = cached(v);
        const bool described = gguf && (v.name == shownVariant || own.has_value() ||
                                        (shownRecord && Catalog::VariantInference::sameModel(v, *shownRecord)));
        const FileInsight shape = !described ? FileInsight() : own ? *own : shown;
        out << FitEstimate::estimate(shape, v.totalSize(), machine, context);
    }
    return out;
}

int ModelInsight::recommended(const Catalog::ModelRecord &model, const QList<FitEstimate> &fits,
                              const MachineMemory &machine)
{
    return Catalog::VariantInference::recommendedVariant(model.variants, [&](int i) {
        const FitEstimate &fit = fits.at(i);
        if (fit.verdict == FitEstimate::Verdict::Unknown)
            return FitEstimate::weightsFit(model.variants.at(i).totalSize(), machine);
        return fit.verdict != FitEstimate::Verdict::TooBig;
    });
}

void ModelInsight::request(const QString &modelKey, const Catalog::VariantRecord &variant)
{
    cancel();
    m_modelKey = modelKey;
    m_variant = variant.name;
    if (const std::optional<FileInsight> known = cached(variant)) {
        Q_EMIT ready(modelKey, variant.name, *known, {});
        return;
    }
    m_pending = headerFiles(variant);
    if (m_pending.isEmpty()) {
        Q_EMIT ready(modelKey, variant.name, {}, tr("%1 has no GGUF or safetensors file to read.").arg(variant.name));
        return;
    }
    m_combined = FileInsight();
    next();
}

void ModelInsight::cancel()
{
    m_fetcher->abort();
    m_pending.clear();
}

void ModelInsight::next()
{
    if (m_pending.isEmpty()) {
        Q_EMIT ready(m_modelKey, m_variant, m_combined, {});
        return;
    }
    const Catalog::FileRecord &file = m_pending.first();
    if (!file.url.isValid()) {
        m_pending.clear();
        Q_EMIT ready(m_modelKey, m_variant, {},
                     tr("The catalog has no address for %1; sync and try again.").arg(file.path));
        return;
    }
    m_fetcher->fetch(file.url, file.path.section(QLatin1Char('/'), -1), file.size);
}

}  // namespace Insight
