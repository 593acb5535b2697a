#pragma once
// Application download and deletion on the card (docs/app-download.md): the card's own key pair and the CA public
// key (issuer commands under secure messaging), INSTALL (checks 1-6) and DELETE of applications, and one
// VmApplication per installed AID. Registered into CardOs at power-up.
#include "carddesk/card/apps/AppRegistry.h"
#include "carddesk/card/apps/AppVm.h"
#include "carddesk/protocol/appdl/AppCrypto.h"

#include <map>
#include <memory>

namespace cdos::card {

class AppManager {
public:
    static constexpr std::uint32_t kMaxAppRam = 256 * 1024;
    static constexpr std::uint32_t kStageChunk = 3072; // bytes per staging transaction: well inside the journal

    // Registers the commands and the installed applications, and erases what a torn install left in free space.
    static std::shared_ptr<AppManager> install(CardOs& os);
    explicit AppManager(CardOs& os);

    ResponseApdu cardKey(CommandContext& ctx);
    ResponseApdu writeCaKey(CommandContext& ctx);
    ResponseApdu block(CommandContext& ctx);
    void dropBuffer();
    // MF-level free space that is not zero (a torn install's staged DF body) is erased; returns bytes erased.
    std::uint32_t scrubFreeSpace();

private:
    struct Identity {
        Bytes cardNumber, issuerSerial, productSerial;
    };
    ResponseApdu checkRoom(const Bytes& data);
    ResponseApdu installApplication(CommandContext& ctx, const Bytes& message);
    ResponseApdu deleteApplication(CommandContext& ctx, const Bytes& message);
    Identity identity() const;
    std::optional<cdos::appdl::AppKey> caKey() const;
    std::optional<cdos::appdl::AppKey> cardPrivateKey() const;
    Bytes readKeyFile(std::uint16_t fid) const;
    void writeKeyFile(std::uint16_t fid, std::uint16_t size, const Bytes& value);
    void registerVm(const Bytes& aid);

    CardOs& m_os;
    Bytes m_buffer;
    std::uint8_t m_bufferIns = 0;
    unsigned m_nextBlock = 0;
    std::map<Bytes, std::shared_ptr<VmApplication>> m_vms;
};

} // namespace cdos::card
