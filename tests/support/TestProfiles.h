#pragma once
// A complete card profile for tests, built from the development key store's standard key set.
#include "carddesk/protocol/perso/Personaliser.h"

namespace cdtest {

inline cdos::CardProfile sampleProfile(const std::string& cardNumberHex = "86010000000000000001") {
    cdos::CardProfile p;
    p.info = cdos::CardInfo{*cdos::fromHex(cardNumberHex), *cdos::fromHex("4344000000000001"),
                            *cdos::fromHex("5456000000000001")};
    p.holder = cdos::HolderData{"U00000001", "6222021234567890", "张伟", {}};
    const char* names[] = {"户主", "配偶", "孩子"};
    const char* pins[] = {"1234", "5678", "246810"};
    for (std::uint8_t i = 0; i < 3; ++i) {
        cdos::UserSpec u;
        u.profile =
            cdos::UserProfile{static_cast<std::uint8_t>(i + 1), i == 0 ? 0xFFFFFFFFu : 0x0000000Fu, 3, names[i]};
        u.pin = pins[i];
        p.users.push_back(u);
    }
    p.menu = {{1, 0x1, false, "电视直播"},
              {2, 0x2, false, "视频点播"},
              {3, 0x4, false, "电子钱包"},
              {4, 0x8, false, "在线充值"},
              {5, 0x10, true, "应用下载"}};
    p.purse = cdos::PurseParams{200000, 0};
    p.keys = cdos::CardProfile::standardKeys();
    return p;
}

// The sample profile with the application-download entry (permission 0x10) visible: templates hide it by default.
inline cdos::CardProfile appDownloadProfile(const std::string& cardNumberHex = "86010000000000000001") {
    cdos::CardProfile p = sampleProfile(cardNumberHex);
    for (auto& m : p.menu)
        if (m.permission == 0x10)
            m.hidden = false;
    return p;
}

inline std::string devKeyStorePath() {
    return std::string(CARDDESK_SOURCE_DIR) + "/resources/keystores/development.cdks";
}
inline constexpr const char* kDevPassphrase = "carddesk-development";

} // namespace cdtest
