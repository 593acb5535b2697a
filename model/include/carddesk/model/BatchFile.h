#pragma once
// A batch of holders from the operator's subscriber system (docs/batch-issuance.md): CSV (UTF-8, with or without a
// BOM, a header row of the documented columns in English or Chinese) or JSON ({"holders": [holder file, ...]}).
// The whole file is checked against the card template before anything is issued: every problem with its line (CSV
// line, or JSON holder number) and field; a file with one problem issues nothing.
//
// PINs: either in the file (columns pin1..pin8 / 密码1..密码8, JSON "pin") or generated at issuance (PinGenerator,
// printed only into PIN mailers); never both. PINs are held only in memory (HolderUser wipes them).
#include "carddesk/model/CardTemplate.h"
#include "carddesk/model/HolderFile.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <stdexcept>

namespace carddesk {

struct BatchProblem {
    int line = 0;  // CSV: the line the record starts on (1 = header); JSON: the holder's position from 1; 0: file
    QString field; // column or JSON member; may be empty
    QString message;
    QString text() const; // "line 7, pin2: must have 4 to 12 digits"
};

struct BatchFileError : std::runtime_error {
    explicit BatchFileError(const QList<BatchProblem>& list);
    QList<BatchProblem> problems; // translated; never a PIN
    QString text() const;         // one problem per line
};

// One holder row: the holder file of one card plus the address its PIN mailer goes to.
struct BatchHolder {
    int line = 0;
    HolderFile holder;
    QStringList address; // postal address lines (PIN mailer window), may be empty
    QString postcode;

    // Without PINs: what the database keeps to resume a batch.
    QJsonObject toJson() const;
    static BatchHolder fromJson(const QJsonObject& o);
};

class BatchFile {
    Q_DECLARE_TR_FUNCTIONS(BatchFile)
public:
    enum class Format { Csv, Json };
    QList<BatchHolder> holders;
    QString sha256; // hex, of the file as read: a resumed batch that needs the file's PINs checks it is the same
    bool hasPins = false;

    // Reads and checks a whole file against `tmpl`. `generatedPins`: the file must not carry PINs (they are
    // generated); else every template user needs one. Throws BatchFileError with every problem found.
    static BatchFile load(const QString& path, const CardTemplate& tmpl, bool generatedPins);
    // `data` is wiped after parsing (it may hold PINs).
    static BatchFile parse(QByteArray& data, Format format, const CardTemplate& tmpl, bool generatedPins);
    static Format formatOf(const QString& path, const QByteArray& data);

    // The CSV header names this reader knows, English then Chinese (docs/batch-issuance.md).
    static QStringList csvColumns();
};

} // namespace carddesk
