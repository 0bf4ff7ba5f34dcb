#pragma once

#include "catalog/source.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Ui {

// Adds or edits one catalog source: a Hugging Face author or organisation, a Hugging Face
// search, a collection, a Civitai search (query, type, base model, creator) or one followed
// model. Only the fields of the chosen kind are shown; OK stays off while the source has a
// problem, and the problem is said under the form. The caller stores the result.
class SourceDialog : public QDialog
{
    Q_OBJECT
public:
    // `problemOf` says what is wrong with a source (empty when nothing): the catalog's
    // validation, which knows the names already taken and each hub's rules.
    SourceDialog(const Catalog::Source &source, std::function<QString(const Catalog::Source &)> problemOf,
                 QWidget *parent = nullptr);

    Catalog::Source source() const;

private:
    enum class Form { HfAuthor, HfSearch, HfCollection, CivitaiSearch, CivitaiModel };
    void showFieldsOf(Form form);
    void revalidate();
    Form form() const;

    Catalog::Source m_original;
    std::function<QString(const Catalog::Source &)> m_problemOf;
    QFormLayout *m_layout = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_author = nullptr;
    QLineEdit *m_search = nullptr;
    QLineEdit *m_tags = nullptr;
    QLineEdit *m_target = nullptr;
    QComboBox *m_types = nullptr;
    QLineEdit *m_baseModels = nullptr;
    QSpinBox *m_limit = nullptr;
    QCheckBox *m_enabled = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Ui
