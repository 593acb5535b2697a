#include "Messages.h"

#include "carddesk/protocol/epurse/PurseTerminal.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTranslator>

#include <array>

namespace cdgw {

namespace {
bool g_chinese = false;
QTranslator* g_translator = nullptr; // the loaded language, installed on the application

struct Entry {
    Msg id;
    const char* text; // English source; the translation comes from Qt Linguist (translations/carddesk-gateway_*.ts)
};

// %1, %2: arguments filled in by the caller with QString::arg.
constexpr std::array kTable{
    Entry{Msg::WaitingForCard, QT_TRANSLATE_NOOP("cdgw::Messages", "Please insert your card (reader %1).")},
    Entry{Msg::CardIn, QT_TRANSLATE_NOOP("cdgw::Messages", "Card inserted.")},
    Entry{Msg::Authenticating, QT_TRANSLATE_NOOP("cdgw::Messages", "Authenticating the card with the headend...")},
    Entry{Msg::Authenticated, QT_TRANSLATE_NOOP("cdgw::Messages", "Card authenticated: card %1 (session until %2).")},
    Entry{Msg::UnknownCard, QT_TRANSLATE_NOOP("cdgw::Messages", "Refused: this card is not known to the operator.")},
    Entry{Msg::BlockedCard,
          QT_TRANSLATE_NOOP("cdgw::Messages", "Refused: this card is blocked. Please call the operator.")},
    Entry{Msg::CardRefusedHeadend,
          QT_TRANSLATE_NOOP("cdgw::Messages", "Refused: the card did not accept the headend (status %1).")},
    Entry{Msg::HeadendRefusedCard,
          QT_TRANSLATE_NOOP("cdgw::Messages", "Refused: the headend did not accept the card (%1).")},
    Entry{Msg::HeadendUnreachable,
          QT_TRANSLATE_NOOP("cdgw::Messages", "The headend cannot be reached (%1). Please try again later.")},
    Entry{Msg::CertificateMismatch,
          QT_TRANSLATE_NOOP("cdgw::Messages",
                            "Refused: the headend's certificate is not the pinned one. Not connecting.")},
    Entry{Msg::HeadendError, QT_TRANSLATE_NOOP("cdgw::Messages", "The headend refused: %1.")},
    Entry{Msg::CardError, QT_TRANSLATE_NOOP("cdgw::Messages", "The card refused: %1.")},
    Entry{Msg::NoCard, QT_TRANSLATE_NOOP("cdgw::Messages", "No card in the reader.")},
    Entry{Msg::NoUsers, QT_TRANSLATE_NOOP("cdgw::Messages", "The card lists no users.")},
    Entry{Msg::CardLost,
          QT_TRANSLATE_NOOP("cdgw::Messages", "The card was taken out or stopped answering. Please insert it again.")},
    Entry{Msg::ReaderLost, QT_TRANSLATE_NOOP("cdgw::Messages", "The card reader was disconnected.")},
    Entry{Msg::NoPcscService, QT_TRANSLATE_NOOP("cdgw::Messages", "The smart-card service is not running.")},
    Entry{Msg::CardUnreachable, QT_TRANSLATE_NOOP("cdgw::Messages", "The card could not be reached.")},
    Entry{Msg::NoSuchReader, QT_TRANSLATE_NOOP("cdgw::Messages", "There is no reader \"%1\". Readers connected: %2.")},
    Entry{Msg::NoReaderAtAll,
          QT_TRANSLATE_NOOP("cdgw::Messages", "There is no reader \"%1\", and no reader is connected.")},
    Entry{Msg::ChooseUser, QT_TRANSLATE_NOOP("cdgw::Messages", "Choose a user")},
    Entry{Msg::EnterPin, QT_TRANSLATE_NOOP("cdgw::Messages", "PIN")},
    Entry{Msg::WrongPin, QT_TRANSLATE_NOOP("cdgw::Messages", "Wrong PIN, %1 tries left.")},
    Entry{Msg::UserBlocked, QT_TRANSLATE_NOOP("cdgw::Messages", "This user is blocked (too many wrong PINs).")},
    Entry{Msg::Welcome, QT_TRANSLATE_NOOP("cdgw::Messages", "Welcome, %1.")},
    Entry{Msg::Menu, QT_TRANSLATE_NOOP("cdgw::Messages", "Personal menu")},
    Entry{Msg::MenuPay, QT_TRANSLATE_NOOP("cdgw::Messages", "Pay")},
    Entry{Msg::MenuTopUp, QT_TRANSLATE_NOOP("cdgw::Messages", "Top up")},
    Entry{Msg::MenuBalance, QT_TRANSLATE_NOOP("cdgw::Messages", "Balance")},
    Entry{Msg::MenuQuit, QT_TRANSLATE_NOOP("cdgw::Messages", "Quit")},
    Entry{Msg::Amount, QT_TRANSLATE_NOOP("cdgw::Messages", "Amount in yuan")},
    Entry{Msg::BadAmount, QT_TRANSLATE_NOOP("cdgw::Messages", "Not an amount.")},
    Entry{Msg::Balance, QT_TRANSLATE_NOOP("cdgw::Messages", "Balance: %1 yuan.")},
    Entry{Msg::Paid, QT_TRANSLATE_NOOP("cdgw::Messages", "Paid %1 yuan. Balance: %2 yuan.")},
    Entry{Msg::InsufficientBalance, QT_TRANSLATE_NOOP("cdgw::Messages", "Refused: insufficient balance (%1 yuan).")},
    Entry{Msg::ToppedUp, QT_TRANSLATE_NOOP("cdgw::Messages", "Topped up %1 yuan. Balance: %2 yuan.")},
    Entry{Msg::OverLimit, QT_TRANSLATE_NOOP("cdgw::Messages", "Refused: the purse would go over its limit.")},
    Entry{Msg::BankRefused, QT_TRANSLATE_NOOP("cdgw::Messages", "Refused by the bank: %1.")},
    Entry{Msg::Recovering,
          QT_TRANSLATE_NOOP("cdgw::Messages", "The card's answer was lost; recovering the transaction...")},
    Entry{Msg::RecoveredDone, QT_TRANSLATE_NOOP("cdgw::Messages", "Recovered: the transaction was completed.")},
    Entry{Msg::RecoveredNotDone,
          QT_TRANSLATE_NOOP("cdgw::Messages", "Recovered: the transaction did not happen; nothing was charged.")},
    Entry{Msg::PendingLoad,
          QT_TRANSLATE_NOOP("cdgw::Messages", "An earlier top-up of %1 yuan on this card was not finished.")},
    Entry{Msg::PendingLoadChoice,
          QT_TRANSLATE_NOOP("cdgw::Messages", "Finish it on this card, or refund it to the bank account?")},
    Entry{Msg::PendingLoadFinish, QT_TRANSLATE_NOOP("cdgw::Messages", "Finish the top-up on this card")},
    Entry{Msg::PendingLoadRefund, QT_TRANSLATE_NOOP("cdgw::Messages", "Refund it to the bank account")},
    Entry{
        Msg::PendingLoadRefunded,
        QT_TRANSLATE_NOOP("cdgw::Messages", "Refunded: %1 yuan went back to the bank account; the card is unchanged.")},
    Entry{Msg::FallbackLogin,
          QT_TRANSLATE_NOOP("cdgw::Messages", "(direct login: the card's proactive module is not available)")},
    Entry{Msg::PaymentPin, QT_TRANSLATE_NOOP("cdgw::Messages", "Payment PIN")},
    Entry{Msg::Bye, QT_TRANSLATE_NOOP("cdgw::Messages", "Goodbye. Please take your card.")},
    Entry{Msg::AppsMenu, QT_TRANSLATE_NOOP("cdgw::Messages", "Application download")},
    Entry{Msg::AppsInstall, QT_TRANSLATE_NOOP("cdgw::Messages", "Install an application")},
    Entry{Msg::AppsDelete, QT_TRANSLATE_NOOP("cdgw::Messages", "Delete an application")},
    Entry{Msg::AppsBack, QT_TRANSLATE_NOOP("cdgw::Messages", "Back")},
    Entry{Msg::AppsOffered, QT_TRANSLATE_NOOP("cdgw::Messages", "Applications offered")},
    Entry{Msg::AppsOnCard, QT_TRANSLATE_NOOP("cdgw::Messages", "Applications on the card")},
    Entry{Msg::AppsItem, QT_TRANSLATE_NOOP("cdgw::Messages", "%1 (version %2, %3 KB)")},
    Entry{Msg::AppsItemInstalled, QT_TRANSLATE_NOOP("cdgw::Messages", "%1 (version %2, %3 KB, installed)")},
    Entry{Msg::AppsNoneOffered, QT_TRANSLATE_NOOP("cdgw::Messages", "The operator offers no applications.")},
    Entry{Msg::AppsNoneOnCard, QT_TRANSLATE_NOOP("cdgw::Messages", "No application on this card can be deleted here.")},
    Entry{Msg::AppsInstalling, QT_TRANSLATE_NOOP("cdgw::Messages", "Installing %1... %2%")},
    Entry{Msg::AppsInstalled, QT_TRANSLATE_NOOP("cdgw::Messages", "Installed: %1.")},
    Entry{Msg::AppsInstallRefused, QT_TRANSLATE_NOOP("cdgw::Messages", "Not installed: %1 (status %2).")},
    Entry{Msg::AppsDeleting, QT_TRANSLATE_NOOP("cdgw::Messages", "Deleting %1...")},
    Entry{Msg::AppsDeleted, QT_TRANSLATE_NOOP("cdgw::Messages", "Deleted: %1.")},
    Entry{Msg::AppsDeleteRefused, QT_TRANSLATE_NOOP("cdgw::Messages", "Not deleted: %1 (status %2).")},
    Entry{Msg::AppsNotConfigured,
          QT_TRANSLATE_NOOP("cdgw::Messages", "Application download is not offered by the operator at the moment.")},
    Entry{Msg::AppsUnknownApp, QT_TRANSLATE_NOOP("cdgw::Messages", "The operator does not offer this application.")},
    Entry{Msg::AppsCardNotRegistered,
          QT_TRANSLATE_NOOP("cdgw::Messages",
                            "This card is not registered for application download. Please call the operator.")},
    Entry{Msg::AppsNoPermission,
          QT_TRANSLATE_NOOP("cdgw::Messages",
                            "The operator did not accept this card's permission for application download.")},
    Entry{Msg::AppsAlreadyInstalled,
          QT_TRANSLATE_NOOP("cdgw::Messages", "The operator's records say this application is already on the card.")},
    Entry{Msg::AppsNotInstalledHere,
          QT_TRANSLATE_NOOP("cdgw::Messages",
                            "The operator's records do not show this installation; it cannot be deleted here.")},
    Entry{Msg::BadChoice, QT_TRANSLATE_NOOP("cdgw::Messages", "Not a choice.")},
    Entry{Msg::PinFormat,
          QT_TRANSLATE_NOOP("cdgw::Messages", "A PIN is 4 to 12 digits; try again (nothing was sent to the card).")},
    Entry{Msg::ServiceUnavailable,
          QT_TRANSLATE_NOOP("cdgw::Messages", "This service is not offered by this terminal.")},
    Entry{Msg::TvNotConfigured,
          QT_TRANSLATE_NOOP("cdgw::Messages",
                            "No TV input or output is configured on this terminal (--tv-input, --tv-output).")},
    Entry{Msg::Channels, QT_TRANSLATE_NOOP("cdgw::Messages", "Channels")},
    Entry{Msg::Tuning, QT_TRANSLATE_NOOP("cdgw::Messages", "Tuning to %1...")},
    Entry{Msg::TvEnded, QT_TRANSLATE_NOOP("cdgw::Messages", "Playback ended: %1 packets out, %2 descrambled.")},
    Entry{Msg::NotEntitled,
          QT_TRANSLATE_NOOP(
              "cdgw::Messages",
              "Not enough rights to watch this programme on %1 (the card answered 6985). Back to the menu.")},
    Entry{Msg::EcmRefused,
          QT_TRANSLATE_NOOP("cdgw::Messages", "The card refused the programme's key message (%1). Back to the menu.")},
    Entry{Msg::PlayerClosed, QT_TRANSLATE_NOOP("cdgw::Messages", "The player was closed; playback stopped.")},
    Entry{Msg::TvError, QT_TRANSLATE_NOOP("cdgw::Messages", "The programme cannot be played: %1.")},
    Entry{Msg::VodCatalogue, QT_TRANSLATE_NOOP("cdgw::Messages", "Video on demand")},
    Entry{Msg::VodItem, QT_TRANSLATE_NOOP("cdgw::Messages", "%1 - %2 yuan, %3 days")},
    Entry{Msg::VodEmpty, QT_TRANSLATE_NOOP("cdgw::Messages", "No titles are on sale.")},
    Entry{Msg::VodAlreadyOwned, QT_TRANSLATE_NOOP("cdgw::Messages", "You already have \"%1\" until %2.")},
    Entry{Msg::VodPriceChanged,
          QT_TRANSLATE_NOOP("cdgw::Messages",
                            "The price of this title has changed; nothing was charged. Please choose again.")},
    Entry{Msg::VodRightOpened, QT_TRANSLATE_NOOP("cdgw::Messages", "Right to \"%1\" opened until %2.")},
    Entry{Msg::VodRightRefused, QT_TRANSLATE_NOOP("cdgw::Messages", "The card did not open the right (%1).")},
    Entry{Msg::VodNoStream, QT_TRANSLATE_NOOP("cdgw::Messages", "The title's stream %1 is not available.")},
    Entry{Msg::MenuEditTitle, QT_TRANSLATE_NOOP("cdgw::Messages", "Edit menu")},
    Entry{Msg::MenuEditShown, QT_TRANSLATE_NOOP("cdgw::Messages", "shown")},
    Entry{Msg::MenuEditHidden, QT_TRANSLATE_NOOP("cdgw::Messages", "hidden")},
    Entry{Msg::MenuEditDeleted, QT_TRANSLATE_NOOP("cdgw::Messages", "deleted")},
    Entry{Msg::MenuEditNew, QT_TRANSLATE_NOOP("cdgw::Messages", "new")},
    Entry{Msg::MenuEditAdd, QT_TRANSLATE_NOOP("cdgw::Messages", "Add an entry")},
    Entry{Msg::MenuEditSave, QT_TRANSLATE_NOOP("cdgw::Messages", "Save")},
    Entry{Msg::MenuEditCancel, QT_TRANSLATE_NOOP("cdgw::Messages", "Cancel")},
    Entry{Msg::MenuEditEntry, QT_TRANSLATE_NOOP("cdgw::Messages", "Entry \"%1\"")},
    Entry{Msg::MenuEditHide, QT_TRANSLATE_NOOP("cdgw::Messages", "Hide")},
    Entry{Msg::MenuEditShow, QT_TRANSLATE_NOOP("cdgw::Messages", "Show")},
    Entry{Msg::MenuEditDelete, QT_TRANSLATE_NOOP("cdgw::Messages", "Delete")},
    Entry{Msg::MenuEditKeep, QT_TRANSLATE_NOOP("cdgw::Messages", "Keep")},
    Entry{Msg::MenuEditService, QT_TRANSLATE_NOOP("cdgw::Messages", "Service of the new entry")},
    Entry{Msg::MenuEditNewTitle, QT_TRANSLATE_NOOP("cdgw::Messages", "Title of the new entry")},
    Entry{Msg::MenuEditBadTitle, QT_TRANSLATE_NOOP("cdgw::Messages", "A title must be 1 to %1 bytes.")},
    Entry{Msg::MenuEditFull, QT_TRANSLATE_NOOP("cdgw::Messages", "No free entry number is left.")},
    Entry{Msg::MenuEditNothing, QT_TRANSLATE_NOOP("cdgw::Messages", "Nothing to save.")},
    Entry{Msg::MenuEditSaved,
          QT_TRANSLATE_NOOP("cdgw::Messages",
                            "Menu saved on the card (%1 changes); it is shown this way from the next login.")},
    Entry{Msg::MenuEditRefused,
          QT_TRANSLATE_NOOP("cdgw::Messages", "The card refused the menu change (%1); nothing was changed.")},
    Entry{Msg::ServiceLiveTv, QT_TRANSLATE_NOOP("cdgw::Messages", "Live TV")},
    Entry{Msg::ServiceVod, QT_TRANSLATE_NOOP("cdgw::Messages", "Video on demand")},
    Entry{Msg::ServicePurse, QT_TRANSLATE_NOOP("cdgw::Messages", "E-purse")},
    Entry{Msg::ServiceTopUp, QT_TRANSLATE_NOOP("cdgw::Messages", "Top-up")},
    Entry{Msg::ServiceApps, QT_TRANSLATE_NOOP("cdgw::Messages", "Applications")},
    Entry{Msg::ServiceSettings, QT_TRANSLATE_NOOP("cdgw::Messages", "Settings")},
};
} // namespace

bool Messages::setLanguage(const QString& lang) {
    if (lang.isEmpty() || lang == QLatin1String("en")) {
        if (g_translator)
            QCoreApplication::removeTranslator(g_translator);
        g_chinese = false;
        return true;
    }
    if (lang != QLatin1String("zh_CN") && lang != QLatin1String("zh"))
        return false; // never a silent fall-back (issue 11)
    if (!g_translator) {
        // The .qm is compiled into the program (qt_add_translations, prefix /i18n): nothing to install beside it.
        g_translator = new QTranslator(QCoreApplication::instance());
        if (!g_translator->load(QStringLiteral(":/i18n/carddesk-gateway_zh_CN.qm")))
            return false;
    }
    QCoreApplication::installTranslator(g_translator);
    g_chinese = true;
    return true;
}

bool Messages::chinese() {
    return g_chinese;
}

QString Messages::statusWord(std::uint16_t sw) {
    if (const char* fixed = cdos::ep::fixedPurseStatusMeaning(sw))
        return QCoreApplication::translate(cdos::kStatusWordsContext, fixed);
    return QString::fromStdString(cdos::ep::purseStatusMeaning(sw)); // counted ones (63Cx, 6Cxx) stay English
}

QString Messages::linkError(const carddesk::pcsc::Error& e) {
    using Kind = carddesk::pcsc::Error::Kind;
    switch (e.kind()) {
    case Kind::CardGone:
    case Kind::Reset:
    case Kind::Unresponsive:
    case Kind::NoCard:
        return text(Msg::CardLost);
    case Kind::UnknownReader:
        return text(Msg::ReaderLost);
    case Kind::NoService:
        return text(Msg::NoPcscService);
    default:
        return text(Msg::CardUnreachable);
    }
}

QString Messages::localTime(const QString& isoUtc) {
    const QDateTime at = QDateTime::fromString(isoUtc, Qt::ISODateWithMs);
    if (!at.isValid())
        return isoUtc;
    // Numeric in both languages (no "12/7/26"); the date only when it is not today.
    const QDateTime local = at.toLocalTime();
    return local.toString(local.date() == QDate::currentDate() ? QStringLiteral("HH:mm:ss")
                                                               : QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString Messages::text(Msg m) {
    for (const auto& e : kTable)
        if (e.id == m)
            return QCoreApplication::translate("cdgw::Messages", e.text);
    return {};
}

} // namespace cdgw
