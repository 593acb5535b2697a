#include "CliApp.h"
#include "carddesk/protocol/crypto/PrivateFiles.h"
#include "carddesk/protocol/crypto/SecretEnvironment.h"

int main(int argc, char** argv) {
    cdos::createFilesPrivately();
    cdos::SecretEnvironment::takeAll();
    return carddesk::runCli(argc, argv);
}
