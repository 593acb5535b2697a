#include "CliApp.h"

#include <sys/stat.h>

int main(int argc, char** argv) {
    // What this program creates (key stores, card images, databases with personal data, TLS keys, exports) is
    // its user's alone from the first byte: 0600, never chmod'ed afterwards.
    ::umask(077);
    return carddesk::runCli(argc, argv);
}
