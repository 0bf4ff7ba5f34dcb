#pragma once

#include "catalog/source.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Ui {

// Adds a catalog source from the window: a Hugging Face author or organisation, a Hugging Face
// search, a collection, or a Civitai query (words, type, base model, creator). It only builds
// the Source; the caller hands it to the sync engine, which validates and stores it, and
// shows a refusal here with setError() while the dialog stays open.
class SourceDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Kind { HfAuthor, HfSearch, HfCollection, CivitaiQuery };

    explicit SourceDialog(QWidget *parent = nullptr);

    Catalog::Source source() const;
    void setError(const QString &sentence);

    QLineEdit *nameField() const { return m_name; }
    QComboBox *kindBox() const { return m_kind; }
    QLineEdit *textField() const { return m_text; }
    QLabel *errorLabel() const { return m_error; }

Q_SIGNALS:
    // OK pressed: the caller tries to add source(); the dialog closes only when it worked.
    void addRequested();

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
    QLabel *m_error;
    QList<QWidget *> m_civitaiOnly;
};

} // namespace Ui
