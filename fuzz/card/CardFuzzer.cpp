// libFuzzer target: the card OS behind its dispatcher (fuzz/card/CardHarness.h).
#include "card/CardHarness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static cdfuzz::CardHarness harness;
    harness.run(data, size);
    return 0;
}
