#include "catalogstates.h"

#include "catalog/catalogstore.h"

namespace Updates {

bool markInForce(Catalog::CatalogStore *store, const QString &modelKey, const QString &fromVersion,
                 const QString &toVersion, const QStringList &pathsInForce, QString *error)
{
    using Catalog::LocalState;
    const std::optional<Catalog::ModelRecord> model = store->model(modelKey);
    if (!model)
        return true;  // not in the catalog: nothing to show
    const bool civitai = model->hub == QLatin1String("civitai");
    for (const Catalog::VariantRecord &variant : model->variants) {
        for (const Catalog::FileRecord &file : variant.files) {
            LocalState state = file.state;
            const bool downloaded = state == LocalState::Verified || state == LocalState::UpdateAvailable;
            if (civitai) {
                if (variant.revision == toVersion)
                    state = toVersion == model->headCommit ? LocalState::Verified : LocalState::UpdateAvailable;
                else if (variant.revision == fromVersion && downloaded)
                    state = LocalState::None;
            } else {
                // The variant's own commit when the catalog has it, else the model's head.
                const QString listedAt = variant.commit.isEmpty() ? model->headCommit : variant.commit;
                if (listedAt == toVersion && pathsInForce.contains(file.path) &&
                    (state == LocalState::UpdateAvailable || state == LocalState::None))
                    state = LocalState::Verified;
                else if (listedAt == fromVersion && state == LocalState::Verified)
                    state = LocalState::UpdateAvailable;
            }
            if (state != file.state && !store->setFileState(modelKey, variant.name, file.path, state, error))
                return false;
        }
    }
    return true;
}

}  // namespace Updates
