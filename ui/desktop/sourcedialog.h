#pragma once

#include "catalog/source.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Ui {

// Adds or edits a catalog source from the window: a Hugging Face author or organisation, a
// Hugging Face search, a collection, one followed model, or a Civitai query (words, type, base
// model, creator). It only builds the Source; the caller hands it to the sync engine, which
// validates and stores it, and shows a refusal here with setError() while the dialog stays open.
// Editing keeps what the dialog does not show (sort, tags, fields of other builds).
class SourceDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Kind
    {
        HfAuthor,
        HfSearch,
        HfCollection,
        HfRepo,
        CivitaiQuery,
        CivitaiModel
    };

    explicit SourceDialog(QWidget *parent = nullptr);

    // Edit mode: the fields filled from `source`; source() keeps its id.
    void editSource(const Catalog::Source &source);
    static Kind kindOf(const Catalog::Source &source);

    Catalog::Source source() const;
    void setError(const QString &sentence);

    QLineEdit *nameField() const { return m_name; }
    QComboBox *kindBox() const { return m_kind; }
    QLineEdit *textField() const { return m_text; }
    QLabel *errorLabel() const { return m_error; }
    QCheckBox *enabledBox() const { return m_enabled; }
    QSpinBox *limitBox() const { return m_limit; }

Q_SIGNALS:
    // OK pressed: the caller tries to add (or save) source(); the dialog closes only when it worked.
    void saveRequested();

private:
    void onKindChanged();

    QLineEdit *m_name;
    QComboBox *m_kind;
    QLabel *m_textLabel;
    QLineEdit *m_text;
    QLineEdit *m_type;
    QLineEdit *m_baseModel;
    QLineEdit *m_creator;
    QSpinBox *m_limit;
    QCheckBox *m_enabled;
    QPushButton *m_ok = nullptr;
    Catalog::Source m_base;  // what is edited; a new source's defaults otherwise
    QLabel *m_error;
    QList<QWidget *> m_civitaiOnly;
    QList<QWidget *> m_queryOnly;
};

}  // namespace Ui
