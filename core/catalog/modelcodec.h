#pragma once

#include "catalogtypes.h"

#include <QJsonObject>

namespace Catalog {

// JSON form of a model record (with its variants and files): the live-search cache and the
// CLI's --json output share it, so both say the same thing the same way.
class ModelCodec
{
public:
    static QJsonObject toJson(const ModelRecord &model);
    static ModelRecord fromJson(const QJsonObject &json);
    static QJsonObject variantToJson(const VariantRecord &variant);
    static QJsonObject fileToJson(const FileRecord &file);
};

}  // namespace Catalog
