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
    static const QStringList suffixes{QStringLiteral(".gguf"), QStringLiteral(".safetensors"),
                                      QStringLiteral(".bin"), QStringLiteral(".pt"),
                                      QStringLiteral(".pth"), QStringLiteral(".ckpt"),
                                      QStringLiteral(".onnx")};
    for (const QString &s : suffixes) {
        if (path.endsWith(s, Qt::CaseInsensitive))
            return true;
    }
    return false;
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
                             only ? QStringLiteral("default") : QStringLiteral("extra"), revision, commit, {},
                             rest, {}};
    }
    return out;
}

} // namespace Catalog
