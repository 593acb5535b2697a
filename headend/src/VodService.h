#pragma once
// Video on demand at the headend (claim step 6, [0018] 5): the catalogue (title, price in fen, VOD programme id,
// validity in days) and VOD purchases. A VOD purchase is an ordinary e-purse purchase of PaymentService (MAC1,
// MAC2, TAC, ledger) whose amount the headend takes from the catalogue, never from the terminal; a vod_purchases
// row ties it to the title as it was sold, and the card's history names the title.
#include "HeadendDatabase.h"
#include "PaymentService.h"
#include "carddesk/headendapi/PurchaseMessages.h"

#include <QCommandLineParser>
#include <QJsonObject>

namespace carddesk::headend {

class HeadendServer;

struct VodTitle {
    qint64 id = 0; // given by the catalogue; the titleId of a VOD purchase
    QString title;
    qint64 price = 0;    // fen, > 0
    int programmeId = 0; // the VOD programme id of the title's ECMs, 1..65535
    int validDays = 0;   // how long the right the card opens runs, 1..3650
    bool active = true;  // inactive titles are neither listed nor sold

    QJsonObject toJson() const; // headend/openapi.yaml VodTitle
};

class VodService {
public:
    VodService(HeadendDatabase& db, PaymentService& payments) : m_db(db), m_payments(payments) {}

    // GET /v1/vod, POST /v1/vod/purchases (session) and POST /v1/admin/vod (admin).
    void registerRoutes(HeadendServer& server);

    // Adds a title, or updates the one with the same programme id; returns it with its id. ApiError on bad fields.
    VodTitle putTitle(const VodTitle& t);
    QJsonObject catalogue();
    // The body of POST /v1/vod/purchases -> the purchase answer of PaymentService plus the title as sold, priced
    // from the catalogue (any amount in the request is ignored). The title is looked up before the rest of the
    // body is read.
    api::VodPurchaseAnswer beginPurchase(const QString& card, const QJsonObject& request);

    // The command line `carddesk-headend vod-add --title T --price FEN --programme-id N --valid-days D`
    // (VodCommand.cpp).
    static void addOptions(QCommandLineParser& parser);
    static int runCommand(HeadendDatabase& db, const QCommandLineParser& parser);

private:
    VodTitle titleById(qint64 id);
    HeadendDatabase& m_db;
    PaymentService& m_payments;
};

} // namespace carddesk::headend
