// What the per-page check values cost a card's power-on: Nvm::open() of a fresh image (header, journal, one CRC-32 per
// user page) against the reference of reading the same file whole, in the same run (card/README.md "Page check
// values"). Prints its figures; `carddesk-bench-nvm-open [--dir DIR] [--rounds N]`.
#include "carddesk/card/nvm/Nvm.h"
#include "carddesk/protocol/cli/OptionParser.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

template <typename F> double msPerCall(int rounds, F&& f) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < rounds; ++i)
        f();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / rounds;
}

std::size_t readWhole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return all.size();
}

} // namespace

int main(int argc, char** argv) {
    std::string dir = std::filesystem::temp_directory_path().string();
    unsigned long rounds = 200;
    cdos::cli::OptionParser options("carddesk-bench-nvm-open", "Nvm::open() of fresh images against reading the file");
    options.text("--dir", "DIR", "where the images are made (default the temporary directory)", dir)
        .number("--rounds", "N", "opens of the 128 KiB image (default 200; the 16 MiB one: N/50, at least 3)", rounds,
                10, 1000000);
    if (const auto code = options.parseOrExit(argc, argv))
        return *code;
    try {
        const std::string base = dir + "/carddesk-bench-nvm-" + std::to_string(getpid());
        std::printf("image      open() ms   read whole file ms   ratio\n");
        for (const std::uint32_t size : {128u * 1024u, 16u * 1024u * 1024u}) {
            const std::string path = base + "-" + std::to_string(size) + ".img";
            cdos::card::NvmOptions o;
            o.size = size;
            o.durable = false;
            { cdos::card::Nvm::create(path, o); }
            const int n = size > 1024 * 1024 ? std::max(3, int(rounds / 50)) : int(rounds);
            const double open = msPerCall(n, [&] { cdos::card::Nvm::open(path, false); });
            const double read = msPerCall(n, [&] { (void)readWhole(path); });
            std::printf("%6u KiB %10.3f %20.3f %7.2f\n", size / 1024, open, read, open / read);
            std::filesystem::remove(path);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "carddesk-bench-nvm-open: %s\n", e.what());
        return 1;
    }
    return 0;
}
