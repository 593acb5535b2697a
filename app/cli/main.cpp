#include "CliApp.h"
#include "carddesk/protocol/PrivateFiles.h"

int main(int argc, char** argv) {
    cdos::createFilesPrivately();
    return carddesk::runCli(argc, argv);
}
