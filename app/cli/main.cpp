#include "CliApp.h"
#include "carddesk/protocol/PrivateFiles.h"
#include "carddesk/protocol/SecretEnvironment.h"

int main(int argc, char** argv) {
    cdos::createFilesPrivately();
    cdos::SecretEnvironment::takeAll();
    return carddesk::runCli(argc, argv);
}
