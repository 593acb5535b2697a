#pragma once
// The application-download service of the gateway (patent steps 7 and 8, docs/app-download.md "Through the
// gateway"), opened by a menu entry the card granted with the app-download permission bit. Install: the headend's
// catalogue, the person's choice, CHECK ROOM on the card (step C), the install message the headend made for this
// card (certificate E1 || unit E2), sent block by block with progress. Delete: the card's registry, the applications
// of it the headend offers, the delete certificate for the chosen one's random seed. The card's answer is shown in
// words and reported back to the headend for the card's history.
#include "HeadendClient.h"
#include "PcscCard.h"
#include "UserInterface.h"

#include <vector>

namespace cdgw {

class AppStep {
public:
    // grant: the card's signed permission grant of the menu entry that opened the service (the headend checks it).
    AppStep(PcscCard& card, HeadendClient& headend, UserInterface& ui, QJsonObject grant)
        : m_card(card), m_headend(headend), m_ui(ui), m_grant(std::move(grant)) {}
    // The sub-menu (install / delete / back) until the person goes back; false when something was refused.
    bool run();

private:
    struct Offer {
        QString aid, name;
        int version = 0;
        qint64 dfBytes = 0, ramBytes = 0;
        bool installable = false;
    };
    struct OnCard {
        cdos::Bytes aid, seed;
        int version = 0;
        qint64 bytes = 0; // the DF: code, configuration and data area
    };
    bool install();
    bool remove();
    std::optional<std::vector<Offer>> offers();
    std::vector<OnCard> registry();
    // Sends the blocks in turn, showing progress when `progressName` is not empty; the last (or refused) answer.
    cdos::ResponseApdu push(const std::vector<cdos::CommandApdu>& blocks, const QString& progressName);
    bool accepted(const HeadendReply& r);
    void report(const QString& aid, const char* operation, std::uint16_t sw, const cdos::Bytes& seed = {});

    PcscCard& m_card;
    HeadendClient& m_headend;
    UserInterface& m_ui;
    QJsonObject m_grant;
};

// An application-download status word (96xx, 97xx, 6Axx) in words, in the gateway's language.
QString appStatusText(std::uint16_t sw);

} // namespace cdgw
