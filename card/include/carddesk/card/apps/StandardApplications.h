#pragma once
// The applications of every CardDesk card, handed to the dispatcher from outside: CardOs itself knows only the OS
// commands (files, security, life cycle, GET DATA). carddesk-card, the in-process cards and the tests get this set
// from CardOs's two-argument constructor; a card with other applications passes its own list.
#include "carddesk/card/dispatch/CardOs.h"

#include <vector>

namespace cdos::card {

// In installation order: three-party authentication, the proactive dialogue, the e-purse, conditional access, and
// application download last (it registers the installed applications it finds in the registry).
std::vector<ApplicationInstaller> standardApplications();

} // namespace cdos::card
