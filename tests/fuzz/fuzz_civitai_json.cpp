// libFuzzer target: every Civitai body parser (model list page, model, version, the version
// list of a lookup by hash) over the same bytes.
#include "hub/civitaiparser.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString subject = QStringLiteral("civitai:fuzz");
    auto check = [](const auto &result) {
        if (result.error.isError() && result.error.message.isEmpty())
            __builtin_trap();
    };
    check(Hub::CivitaiParser::modelList(body, subject));
    check(Hub::CivitaiParser::model(body, subject));
    check(Hub::CivitaiParser::version(body, subject));
    check(Hub::CivitaiParser::versionList(body, subject));
    return 0;
}
