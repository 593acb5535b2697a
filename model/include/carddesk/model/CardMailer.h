#pragma once
// The PIN mailer of one card issued at the desk with generated PINs (docs/issuance.md "PIN mailers"): the same steps
// as a batch's (BatchMailer) — the PINs generated, the mailer written pending once the card has its number and
// before the card is touched (IssuanceRequest::beforeCardWrite), renamed to <folder>/<card number>.pdf when the card
// completed, destroyed when it did not. Never printed again.
#include "carddesk/model/CardTemplate.h"
#include "carddesk/model/HolderFile.h"

#include <QString>
#include <QStringList>

namespace carddesk {

class CardMailer {
public:
    // `folder` gets the mailers (made 0700 when missing); `address`: 1 to 5 postal lines for the envelope's window.
    CardMailer(QString folder, QStringList address) : m_folder(std::move(folder)), m_address(std::move(address)) {}

    // A fresh PIN of `length` digits for every user of `tmpl` into `holder` (PinGenerator). Never shown.
    static void generatePins(const CardTemplate& tmpl, HolderFile& holder, int length);

    QString pendingPath(const QString& cardNumber) const; // <folder>/.pending/<card number>.pdf
    QString finalPath(const QString& cardNumber) const;   // <folder>/<card number>.pdf
    // Writes the pending mailer; returns an error (translated), empty on success — for beforeCardWrite.
    QString writePending(const CardTemplate& tmpl, const HolderFile& withPins, const QString& cardNumber) const;
    // The card completed: the pending mailer under its final name. False when there was none or it failed.
    bool finish(const QString& cardNumber) const;
    // The card did not complete: the pending mailer overwritten and removed.
    void destroyPending(const QString& cardNumber) const;

private:
    QString m_folder;
    QStringList m_address;
};

} // namespace carddesk
