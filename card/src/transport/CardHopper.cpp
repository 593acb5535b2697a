#include "carddesk/card/transport/CardHopper.h"

#include "carddesk/card/apps/StandardApplications.h"
#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/protocol/apdu/CommandSet.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace cdos::card {

namespace fs = std::filesystem;

namespace {

constexpr const char* kInput = "input";
constexpr const char* kReader = "reader";
constexpr const char* kOutput = "output";
constexpr const char* kReject = "reject";

// Card images of a folder in file-name order. Hidden names are skipped: they are no cards (editor or copy leftovers).
std::vector<fs::path> images(const fs::path& folder) {
    std::vector<fs::path> list;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.empty() && name[0] != '.' && entry.is_regular_file(ec))
            list.push_back(entry.path());
    }
    if (ec)
        throw HopperError("cannot list " + folder.string() + ": " + ec.message());
    std::sort(list.begin(), list.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
    return list;
}

// A rename is durable once the folders holding the old and the new name are on disk.
void syncFolder(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        throw HopperError("cannot open folder " + folder.string() + ": " + std::strerror(errno));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0)
        throw HopperError("cannot sync folder " + folder.string() + ": " + std::strerror(err));
}

Bytes statusWord(std::uint16_t sw) {
    Bytes b;
    putU16(b, sw);
    return b;
}

std::uint8_t saturated(std::size_t n) {
    return static_cast<std::uint8_t>(std::min<std::size_t>(n, 0xFF));
}

} // namespace

CardHopper::CardHopper(fs::path dir) : m_dir(std::move(dir)) {
    for (const char* name : {kInput, kReader, kOutput, kReject}) {
        std::error_code ec;
        fs::create_directories(m_dir / name, ec);
        if (ec)
            throw HopperError("cannot make hopper folder " + (m_dir / name).string() + ": " + ec.message());
    }
}

int CardHopper::fillWithBlanks(int count, const Bytes& blankKey) {
    if (count <= 0 || !images(folder(kInput)).empty() || !images(folder(kReader)).empty())
        return 0;
    for (int i = 1; i <= count; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "blank-%05d.img", i);
        // Made beside the folders and renamed in whole: a process killed while formatting leaves no half card in
        // input/, only a hidden leftover that the next attempt replaces.
        const fs::path staging = m_dir / (std::string(".") + name + ".making");
        std::error_code ec;
        fs::remove(staging, ec);
        { CardOs card(Nvm::create(staging.string()), CardOsOptions{blankKey}, standardApplications()); }
        move(staging, folder(kInput), name);
    }
    return count;
}

std::optional<fs::path> CardHopper::cardInReader() {
    const auto inReader = images(folder(kReader));
    if (!inReader.empty())
        return inReader.front(); // the card the previous process had in the reader when it died
    const auto waiting = images(folder(kInput));
    if (waiting.empty())
        return std::nullopt;
    return move(waiting.front(), folder(kReader));
}

fs::path CardHopper::eject(bool reject) {
    const auto inReader = images(folder(kReader));
    if (inReader.empty())
        throw HopperError("no card in " + folder(kReader).string() + " to eject");
    m_pendingEject.reset();
    return move(inReader.front(), folder(reject ? kReject : kOutput));
}

HopperStatus CardHopper::status() const {
    return HopperStatus{images(folder(kInput)).size(), images(folder(kOutput)).size(), images(folder(kReject)).size()};
}

fs::path CardHopper::move(const fs::path& from, const fs::path& to, const std::string& name) {
    const fs::path wanted = name.empty() ? from.filename() : fs::path(name);
    const std::string stem = wanted.stem().string(), ext = wanted.extension().string();
    for (int n = 1; n < 10000; ++n) {
        const fs::path target = to / (n == 1 ? wanted.string() : stem + "-" + std::to_string(n) + ext);
        // RENAME_NOREPLACE: a finished card of the same name is never overwritten (rename(2) would).
        if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0) {
            syncFolder(to);
            syncFolder(from.parent_path());
            return target;
        }
        if (errno != EEXIST)
            throw HopperError("cannot move " + from.string() + " to " + to.string() + ": " + std::strerror(errno));
    }
    throw HopperError("no free name for " + from.filename().string() + " in " + to.string());
}

std::optional<Bytes> CardHopper::answer(const Bytes& raw) {
    if (raw.size() < 4 || raw[0] != hopper::Cla || raw[1] < hopper::FirstIns || raw[1] > hopper::LastIns)
        return std::nullopt;
    if (raw.size() > 5) // these commands carry no data: case 1 or short case 2 only
        return statusWord(sw::WrongLength);
    const int le = raw.size() == 5 ? (raw[4] == 0 ? 256 : raw[4]) : -1;
    const std::uint8_t ins = raw[1], p1 = raw[2], p2 = raw[3];
    if (ins != hopper::Eject && ins != hopper::Status)
        return statusWord(sw::InsNotSupported);
    const std::uint8_t maxP1 = ins == hopper::Eject ? hopper::EjectReject : 0x00;
    if (p1 > maxP1)
        return statusWord(sw::WrongOffset); // 6B00: wrong P1
    if (p2 != 0x00)
        return statusWord(sw::IncorrectP1P2); // 6A86: wrong P2
    if (ins == hopper::Eject) {
        m_pendingEject = p1 == hopper::EjectReject;
        return statusWord(sw::Ok);
    }
    if (le >= 0 && le < static_cast<int>(hopper::kStatusLength))
        return statusWord(sw::wrongLe(hopper::kStatusLength));
    const HopperStatus s = status();
    Bytes out;
    putU16(out, static_cast<std::uint16_t>(std::min<std::size_t>(s.input, 0xFFFF)));
    out.push_back(saturated(s.output));
    out.push_back(saturated(s.reject));
    putU16(out, sw::Ok);
    return out;
}

} // namespace cdos::card
