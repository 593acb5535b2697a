#pragma once
// A PIN reset at the desk (issue 14, docs/issuance.md "PIN reset"): the holder lost the PIN mailer, and a mailer is
// never printed twice, so the card's users get new generated PINs (PinGenerator) written with PIN UNBLOCK under
// issuer secure messaging, and a new mailer is printed in the same step. The PINs exist only in memory, on the
// card and in the mailer: never shown, logged, traced in clear or stored. Each reset is in the audit trail (who,
// which card, which users, which mailer file), a refusal too.
//
// Order, so that no PIN is on a card without being in a mailer: the card is read (number, users recorded for it),
// the mailer written to <folder>/.pending/, the PINs written, then the mailer moved to its final name. When the
// card stops answering part-way, the mailer is rewritten with the users whose PIN may have changed and kept; when
// nothing was written it is destroyed.
#include <QFuture>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace carddesk {

class CardReaderManager;
class Database;
class KeyRing;
class OperatorSession;

struct PinResetRequest {
    QString reader;
    QList<int> users;     // empty: every user the card is recorded with
    int pinLength = 6;    // 4 to 12
    QString mailerFolder; // the new mailer: <folder>/<card number>-pin-reset-<UTC time>.pdf
    QStringList address;  // the envelope's window, 1 to 5 lines; empty: the address of the card's batch row
    QString operatorName; // empty or the logged-in operator
};

struct PinResetResult {
    bool ok = false;
    QString error;        // translated; empty on success
    QString errorDetail;  // technical (PC/SC code and text), for stderr; often empty
    bool refused = false; // the operator may not: nothing was touched
    bool usageError = false;
    QString reader, cardNumber;
    QList<int> reset; // users whose PIN is now the one in the mailer (or may be: see error)
    QString mailer;   // the new mailer's path; empty when none was kept
    int apduCount = 0;
    QJsonObject toJson() const; // never a PIN
};

class PinResetService final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PinResetService)
public:
    PinResetService(CardReaderManager& readers, Database& database, KeyRing& keys, OperatorSession& operators,
                    QObject* parent = nullptr);

    // The card in `request.reader` must be recorded here as personalised. Needs the role desk (pin reset).
    QFuture<PinResetResult> reset(const PinResetRequest& request);

private:
    CardReaderManager& m_readers;
    Database& m_db;
    KeyRing& m_ring;
    OperatorSession& m_operators;
};

} // namespace carddesk

Q_DECLARE_METATYPE(carddesk::PinResetResult)
