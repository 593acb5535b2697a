#pragma once
// The PIN mailers of a batch with generated PINs (docs/batch-issuance.md): the PINs are generated for a row, the
// mailer written (pending) once the card has its number and before the card is touched, kept under its final name
// when the card completed, destroyed when the card went to the reject bin. Never printed again.
#include "carddesk/model/BatchFile.h"
#include "carddesk/model/CardTemplate.h"
#include "carddesk/model/Database.h"

namespace carddesk::batchmailer {

// A fresh PIN for every user of `holder` (PinGenerator, OpenSSL RAND).
void generatePins(HolderFile& holder, int length);
// <mailer folder>/<batch>/.pending/row-<row>.pdf and <mailer folder>/<batch>/<row>-<card number>.pdf
QString pendingPath(const BatchRecord& batch, int row);
QString finalPath(const BatchRecord& batch, int row, const QString& cardNumber);
// Writes the row's mailer to pendingPath(); returns an error (translated), empty on success.
QString writePending(const BatchRecord& batch, const CardTemplate& tmpl, int row, const BatchHolder& holder,
                     const HolderFile& withPins, const QString& cardNumber);
// Moves the pending mailer to its final name (durably); false when there is no pending mailer.
bool finish(const BatchRecord& batch, int row, const QString& cardNumber);
// Overwrites and removes the pending mailer of a row (its card failed); nothing when there is none.
void destroyPending(const BatchRecord& batch, int row);

// The steps above on any path (a single card's mailer too, CardMailer.h): writes the mailer of `holderName` at
// `address` with the PINs of `withPins` to `path` (replacing a stale one); returns an error (translated).
QString writeAt(const QString& path, const CardTemplate& tmpl, const QString& holderName, const QStringList& address,
                const HolderFile& withPins, const QString& cardNumber, const QString& batchId = {}, int row = 0);
// Renames `from` to `to` durably; false when `from` is missing or the rename failed.
bool moveInto(const QString& from, const QString& to);
// Overwrites and removes `path`; nothing when there is none.
void destroyAt(const QString& path);

} // namespace carddesk::batchmailer
