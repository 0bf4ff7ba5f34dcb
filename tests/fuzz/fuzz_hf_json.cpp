// libFuzzer target: every Hugging Face body parser (model list, model info, tree, refs,
// collection) over the same bytes. The hub's answers are untrusted input; the parsers must
// refuse what they cannot use with a sentence, never crash, hang or read out of bounds.
#include "hub/hfparser.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString subject = QStringLiteral("fuzz/input");
    // The results are checked for what the parsers promise: an error comes with a sentence.
    auto check = [](const auto &result) {
        if (result.error.isError() && result.error.message.isEmpty())
            __builtin_trap();
    };
    check(Hub::HfParser::modelList(body, subject));
    check(Hub::HfParser::modelInfo(body, subject));
    check(Hub::HfParser::tree(body, subject));
    check(Hub::HfParser::refs(body, subject));
    check(Hub::HfParser::collection(body, subject));
    return 0;
}
