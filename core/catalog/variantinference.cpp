#include "variantinference.h"

#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>

namespace Catalog {

QString VariantInference::ggufQuantization(const QString &path)
{
    if (!path.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive))
        return {};
    // Quantization names as llama.cpp writes them, delimited by . - _ or the name's ends.
    static const QRegularExpression quant(
        QStringLiteral("(?:^|[._-])((?:IQ[1-4]_(?:XXS|XS|S|M|NL)|I?Q[2-8]_K(?:_(?:XL|S|M|L))?|Q[4-8]_[01]"
                       "|TQ[12]_0|MXFP4|BF16|F16|FP16|F32))(?=[._-]|$)"),
        QRegularExpression::CaseInsensitiveOption);
    const QString base = QFileInfo(path).completeBaseName();
    QRegularExpressionMatch last;
    for (auto it = quant.globalMatch(base); it.hasNext();)
        last = it.next();
    return last.hasMatch() ? last.captured(1).toUpper() : QString();
}

bool VariantInference::isWeightFile(const QString &path)
{
    static const QStringList suffixes{QStringLiteral(".gguf"), QStringLiteral(".safetensors"), QStringLiteral(".bin"),
                                      QStringLiteral(".pt"),   QStringLiteral(".pth"),         QStringLiteral(".ckpt"),
                                      QStringLiteral(".onnx")};
    for (const QString &s : suffixes) {
        if (path.endsWith(s, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QString VariantInference::branchQuantization(const QString &branch)
{
    // cortexso writes "q4-km" for Q4_K_M: put the underscores back, then read it as a file name.
    static const QRegularExpression glued(QStringLiteral("(Q[2-8])_?K_?(XL|S|M|L)(?=_|$)"));
    QString name = branch.toUpper();
    name.replace(QLatin1Char('-'), QLatin1Char('_'));
    name.replace(QLatin1Char('/'), QLatin1Char('_'));
    name.replace(glued, QStringLiteral("\\1_K_\\2"));
    return ggufQuantization(name + QStringLiteral(".gguf"));
}

bool VariantInference::sameModel(const VariantRecord &a, const VariantRecord &b)
{
    if (a.name == b.name)
        return true;
    if (a.kind == QLatin1String("quantization") && b.kind == QLatin1String("quantization"))
        return true;
    if (a.kind != QLatin1String("branch") || b.kind != QLatin1String("branch"))
        return false;
    // The branch name without its quantization, in branchQuantization()'s spelling.
    const auto stem = [](const QString &branch) {
        static const QRegularExpression glued(QStringLiteral("(Q[2-8])_?K_?(XL|S|M|L)(?=_|$)"));
        QString name = branch.toUpper();
        name.replace(QLatin1Char('-'), QLatin1Char('_'));
        name.replace(QLatin1Char('/'), QLatin1Char('_'));
        name.replace(glued, QStringLiteral("\\1_K_\\2"));
        const QString quantization = branchQuantization(branch);
        const qsizetype at = quantization.isEmpty() ? -1 : name.lastIndexOf(quantization);
        return at < 0 ? QString() : name.left(at) + name.mid(at + quantization.size());
    };
    const QString stemA = stem(a.name);
    return !stemA.isEmpty() && stemA == stem(b.name);
}

QString VariantInference::quantizationOf(const VariantRecord &variant)
{
    if (variant.kind == QLatin1String("quantization"))
        return variant.name;
    if (variant.kind != QLatin1String("branch"))
        return {};
    const QString fromName = branchQuantization(variant.name);
    if (!fromName.isEmpty())
        return fromName;
    for (const FileRecord &file : variant.files) {
        const QString q = ggufQuantization(file.path);
        if (!q.isEmpty())
            return q;
    }
    return {};
}

int VariantInference::recommendationRank(const QString &quantization)
{
    // Nearest first: the other 4-bit kinds, then a little larger (5-bit), then smaller
    // (3-bit), then the large ones, then the very small ones.
    static const QStringList order{
        QStringLiteral("Q4_K_M"), QStringLiteral("Q4_K_S"),  QStringLiteral("Q4_K_L"), QStringLiteral("IQ4_XS"),
        QStringLiteral("IQ4_NL"), QStringLiteral("Q4_0"),    QStringLiteral("Q4_1"),   QStringLiteral("MXFP4"),
        QStringLiteral("Q5_K_M"), QStringLiteral("Q5_K_S"),  QStringLiteral("Q5_K_L"), QStringLiteral("Q5_0"),
        QStringLiteral("Q5_1"),   QStringLiteral("Q3_K_L"),  QStringLiteral("Q3_K_M"), QStringLiteral("IQ3_M"),
        QStringLiteral("IQ3_S"),  QStringLiteral("Q3_K_S"),  QStringLiteral("IQ3_XS"), QStringLiteral("IQ3_XXS"),
        QStringLiteral("Q6_K"),   QStringLiteral("Q6_K_L"),  QStringLiteral("Q8_0"),   QStringLiteral("Q2_K"),
        QStringLiteral("Q2_K_L"), QStringLiteral("Q2_K_S"),  QStringLiteral("IQ2_M"),  QStringLiteral("IQ2_S"),
        QStringLiteral("IQ2_XS"), QStringLiteral("IQ2_XXS"), QStringLiteral("F16"),    QStringLiteral("FP16"),
        QStringLiteral("BF16"),   QStringLiteral("TQ2_0"),   QStringLiteral("TQ1_0"),  QStringLiteral("IQ1_M"),
        QStringLiteral("IQ1_S"),  QStringLiteral("F32")};
    const qsizetype at = order.indexOf(quantization.toUpper());
    return at >= 0 ? int(at) : int(order.size());
}

int VariantInference::recommendedVariant(const QList<VariantRecord> &variants)
{
    int best = -1;
    int bestRank = 0;
    for (int i = 0; i < variants.size(); ++i) {
        const QString q = quantizationOf(variants.at(i));
        if (q.isEmpty())
            continue;
        const int rank = recommendationRank(q);
        if (best < 0 || rank < bestRank) {
            best = i;
            bestRank = rank;
        }
    }
    return best;
}

int VariantInference::recommendedVariant(const QList<VariantRecord> &variants, const std::function<bool(int)> &fits)
{
    int best = -1;
    int bestRank = 0;
    int smallest = -1;
    for (int i = 0; i < variants.size(); ++i) {
        const QString q = quantizationOf(variants.at(i));
        if (q.isEmpty())
            continue;
        if (smallest < 0 || variants.at(i).totalSize() < variants.at(smallest).totalSize())
            smallest = i;
        const int rank = recommendationRank(q);
        if (fits(i) && (best < 0 || rank < bestRank)) {
            best = i;
            bestRank = rank;
        }
    }
    return best >= 0 ? best : smallest;
}

QList<VariantRecord> VariantInference::fromFiles(const QList<FileRecord> &files, const QString &revision,
                                                 const QString &commit)
{
    QMap<QString, QList<FileRecord>> byQuant;
    QList<FileRecord> rest;
    for (const FileRecord &f : files) {
        const QString q = ggufQuantization(f.path);
        if (q.isEmpty())
            rest << f;
        else
            byQuant[q] << f;
    }
    QList<VariantRecord> out;
    for (auto it = byQuant.cbegin(); it != byQuant.cend(); ++it)
        out << VariantRecord{it.key(), QStringLiteral("quantization"), revision, commit, {}, it.value(), {}};
    if (!rest.isEmpty()) {
        const bool only = out.isEmpty();
        out << VariantRecord{only ? revision : QStringLiteral("other files"),
                             only ? QStringLiteral("default") : QStringLiteral("extra"),
                             revision,
                             commit,
                             {},
                             rest,
                             {}};
    }
    return out;
}

}  // namespace Catalog
