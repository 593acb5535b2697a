#pragma once
// The input hopper of a personalisation machine (card/README.md "Input hopper"): card images in DIR/input/ are fed
// in file-name order into DIR/reader/ (at most one), and leave it for DIR/output/ or DIR/reject/ when the host sends
// the eject pseudo-APDU. Every move is one rename(2) inside DIR followed by an fsync of both folders, so a process
// killed at any instant finds each card in exactly one folder.
#include "carddesk/protocol/apdu/Bytes.h"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace cdos::card {

class HopperError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct HopperStatus {
    std::size_t input = 0, output = 0, reject = 0;
};

class CardHopper {
public:
    // Creates the four folders when missing. Throws HopperError.
    explicit CardHopper(std::filesystem::path dir);

    // Makes `count` new blank card images blank-00001.img... in input/ when input/ and reader/ are both empty (the
    // first start of a hopper), each formatted with key 00 = blankKey (empty: the development BLANK_CARD key), as a
    // missing --image is. Returns how many were made. Throws HopperError / NvmError.
    int fillWithBlanks(int count, const Bytes& blankKey);

    // The image in reader/: the one left there by a previous process first, else the first of input/ moved there.
    // nullopt when no card is left. Throws HopperError.
    std::optional<std::filesystem::path> cardInReader();

    // Moves the card in reader/ to output/ (or reject/) and clears the pending eject. Returns its new path; a name
    // already taken there gets a suffix, never overwriting a finished card. Throws HopperError.
    std::filesystem::path eject(bool reject);

    HopperStatus status() const;

    // Answers a hopper pseudo-APDU (CLA FF, INS E0..EF); nullopt for every other command (the card OS answers).
    // A 9000 to FF E1 records the pending eject, which the caller carries out once the answer has been sent.
    std::optional<Bytes> answer(const Bytes& rawCapdu);
    // The eject the host asked for (true: reject bin), until eject() carries it out.
    std::optional<bool> pendingEject() const { return m_pendingEject; }

    const std::filesystem::path& dir() const { return m_dir; }
    std::filesystem::path folder(const char* name) const { return m_dir / name; }

private:
    // Moves `from` into folder `to` as `name` (empty: its own name), or a free variant of it, and makes both folders
    // durable.
    std::filesystem::path move(const std::filesystem::path& from, const std::filesystem::path& to,
                               const std::string& name = {});

    std::filesystem::path m_dir;
    std::optional<bool> m_pendingEject;
};

} // namespace cdos::card
