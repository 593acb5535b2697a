#include "CliApp.h"
int main(int argc, char** argv) {
    return carddesk::runCli(argc, argv);
}
