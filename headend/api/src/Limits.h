#pragma once
// The bounds the API's members are read with (headend/openapi.yaml), shared by the message readers.
#include <QtGlobal>

#include <cstddef>

namespace carddesk::api::limits {

inline constexpr qsizetype kRequestId = 64;
inline constexpr qint64 kAmount = 0xFFFFFFFF; // the purse's amounts are 32-bit
inline constexpr qint64 kKeyIndex = 255;
inline constexpr std::size_t kTerminalIdBytes = 6;
inline constexpr std::size_t kMacBytes = 4;    // MAC2 and TAC
inline constexpr qint64 kId = qint64(1) << 50; // row ids; well inside a double's integers
inline constexpr qint64 kSerial = 0xFFFFFFFF;
inline constexpr qint64 kCounter = 0xFFFF;

} // namespace carddesk::api::limits
