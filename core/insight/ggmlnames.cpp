#include "insight/ggmlnames.h"

#include <array>

namespace Insight {

QString ggmlTypeName(quint32 type)
{
    // Index = ggml_type; empty = removed from ggml (Q4_2, Q4_3, Q4_0_4_4, Q4_0_4_8, Q4_0_8_8).
    static constexpr std::array<const char *, 40> names = {
        "F32",    "F16",   "Q4_0",  "Q4_1",   "",      "",      "Q5_0",    "Q5_1",   "Q8_0",    "Q8_1",
        "Q2_K",   "Q3_K",  "Q4_K",  "Q5_K",   "Q6_K",  "Q8_K",  "IQ2_XXS", "IQ2_XS", "IQ3_XXS", "IQ1_S",
        "IQ4_NL", "IQ3_S", "IQ2_S", "IQ4_XS", "I8",    "I16",   "I32",     "I64",    "F64",     "IQ1_M",
        "BF16",   "",      "",      "",       "TQ1_0", "TQ2_0", "",        "",       "",        "MXFP4",
    };
    if (type < names.size() && names[type][0] != '\0')
        return QString::fromLatin1(names[type]);
    return QStringLiteral("type %1").arg(type);
}

QString llamaFileTypeName(quint32 fileType)
{
    constexpr quint32 guessed = 1024;
    if (fileType & guessed)
        return llamaFileTypeName(fileType & ~guessed) + QStringLiteral(" (guessed)");
    // Index = llama_ftype; empty = removed (4, 5, 6, 33, 34, 35).
    static constexpr std::array<const char *, 39> names = {
        "F32",    "F16",    "Q4_0",   "Q4_1",    "",       "",       "",       "Q8_0",   "Q5_0",      "Q5_1",
        "Q2_K",   "Q3_K_S", "Q3_K_M", "Q3_K_L",  "Q4_K_S", "Q4_K_M", "Q5_K_S", "Q5_K_M", "Q6_K",      "IQ2_XXS",
        "IQ2_XS", "Q2_K_S", "IQ3_XS", "IQ3_XXS", "IQ1_S",  "IQ4_NL", "IQ3_S",  "IQ3_M",  "IQ2_S",     "IQ2_M",
        "IQ4_XS", "IQ1_M",  "BF16",   "",        "",       "",       "TQ1_0",  "TQ2_0",  "MXFP4_MOE",
    };
    if (fileType < names.size() && names[fileType][0] != '\0')
        return QString::fromLatin1(names[fileType]);
    return QStringLiteral("file type %1").arg(fileType);
}

}  // namespace Insight
