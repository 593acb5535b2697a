#pragma once
// Named steps of a payment and a top-up where the tests kill the headend (issue 16), as the card's --power-cut-at
// does for the card: a kill 0–12 ms after a request lands wherever it lands, a kill at a named step lands in the
// window the recovery rules are about (the bank has moved the money, the database does not know yet).
// CARDDESK_HEADEND_CRASH_AT=STEP[@N] kills the process with SIGKILL the N-th time (the first by default) STEP is
// reached; refused with --production.
#include <QString>
#include <QStringList>

namespace carddesk::headend {

namespace crash {
inline constexpr const char* purchaseRecorded = "purchase:recorded";   // pending purchase committed, not answered
inline constexpr const char* purchaseVerified = "purchase:verified";   // MAC2 and TAC checked, nothing written
inline constexpr const char* purchaseCompleted = "purchase:completed"; // completion committed, not answered
inline constexpr const char* loadAuthorised = "load:authorised";       // load row committed, bank not asked
inline constexpr const char* loadBankMoved = "load:bank-moved";        // bank transfer done, load still authorised
inline constexpr const char* loadDebited = "load:debited";             // debited state committed, MAC2 not sent
inline constexpr const char* loadVerified = "load:verified";           // the card's TAC checked, nothing written
inline constexpr const char* loadCompleted = "load:completed";         // completion committed, not answered
} // namespace crash

// Every named step, in the order a purchase and a top-up reach them.
QStringList crashSteps();

// Arms the hook from the variable's value; returns an error text for an unknown step or count (empty when fine).
QString armCrashPoint(const QString& spec);

// Kills the process (SIGKILL, no clean-up) when `step` is the armed one and its count is reached.
void crashPoint(const char* step);

} // namespace carddesk::headend
