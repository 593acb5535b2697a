// The registration point of the card's applications (card/README.md "Dispatcher and extension points").
#include "carddesk/card/apps/StandardApplications.h"

#include "carddesk/card/apps/AppManager.h"
#include "carddesk/card/apps/AuthenticationCommands.h"
#include "carddesk/card/apps/CaApplication.h"
#include "carddesk/card/apps/EPurseApplication.h"
#include "carddesk/card/apps/ProactiveCommands.h"

namespace cdos::card {

std::vector<ApplicationInstaller> standardApplications() {
    return {
        &AuthenticationCommands::install,
        &ProactiveCommands::install,
        [](CardOs& os) { os.registerApplication(std::make_shared<EPurseApplication>()); },
        [](CardOs& os) { os.registerApplication(std::make_shared<CaApplication>()); },
        [](CardOs& os) { AppManager::install(os); },
    };
}

// The convenient default of CardOs (dispatch/CardOs.h): the standard set. Defined here, with the set, so that the
// dispatcher's own code includes and constructs no application.
CardOs::CardOs(std::unique_ptr<Nvm> nvm, const CardOsOptions& options)
    : CardOs(std::move(nvm), options, standardApplications()) {}

} // namespace cdos::card
