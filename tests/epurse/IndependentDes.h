#pragma once
// An independent DES for cross-checking the e-purse (issue 16): written from FIPS 46-3's tables, bit by bit and
// slowly, sharing no code with CardDesk's crypto (which runs OpenSSL's 3DES EDE). Tests only.
#include <array>
#include <cstdint>
#include <vector>

namespace indep {

using Bytes = std::vector<std::uint8_t>;

namespace detail {

constexpr std::array<int, 64> kIp{58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
                                  62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
                                  57, 49, 41, 33, 25, 17, 9,  1, 59, 51, 43, 35, 27, 19, 11, 3,
                                  61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7};
constexpr std::array<int, 64> kFp{40, 8, 48, 16, 56, 24, 64, 32, 39, 7, 47, 15, 55, 23, 63, 31,
                                  38, 6, 46, 14, 54, 22, 62, 30, 37, 5, 45, 13, 53, 21, 61, 29,
                                  36, 4, 44, 12, 52, 20, 60, 28, 35, 3, 43, 11, 51, 19, 59, 27,
                                  34, 2, 42, 10, 50, 18, 58, 26, 33, 1, 41, 9,  49, 17, 57, 25};
constexpr std::array<int, 48> kE{32, 1,  2,  3,  4,  5,  4,  5,  6,  7,  8,  9,  8,  9,  10, 11,
                                 12, 13, 12, 13, 14, 15, 16, 17, 16, 17, 18, 19, 20, 21, 20, 21,
                                 22, 23, 24, 25, 24, 25, 26, 27, 28, 29, 28, 29, 30, 31, 32, 1};
constexpr std::array<int, 32> kP{16, 7, 20, 21, 29, 12, 28, 17, 1,  15, 23, 26, 5,  18, 31, 10,
                                 2,  8, 24, 14, 32, 27, 3,  9,  19, 13, 30, 6,  22, 11, 4,  25};
constexpr std::array<int, 56> kPc1{57, 49, 41, 33, 25, 17, 9,  1,  58, 50, 42, 34, 26, 18, 10, 2,  59, 51, 43,
                                   35, 27, 19, 11, 3,  60, 52, 44, 36, 63, 55, 47, 39, 31, 23, 15, 7,  62, 54,
                                   46, 38, 30, 22, 14, 6,  61, 53, 45, 37, 29, 21, 13, 5,  28, 20, 12, 4};
constexpr std::array<int, 48> kPc2{14, 17, 11, 24, 1,  5,  3,  28, 15, 6,  21, 10, 23, 19, 12, 4,
                                   26, 8,  16, 7,  27, 20, 13, 2,  41, 52, 31, 37, 47, 55, 30, 40,
                                   51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32};
constexpr std::array<int, 16> kShifts{1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1};
constexpr std::uint8_t kS[8][64] = {
    {14, 4,  13, 1, 2,  15, 11, 8, 3, 10, 6, 12, 5,  9,  0,  7,  0,  15, 7,  4,  14, 2,
     13, 1,  10, 6, 12, 11, 9,  5, 3, 8,  4, 1,  14, 8,  13, 6,  2,  11, 15, 12, 9,  7,
     3,  10, 5,  0, 15, 12, 8,  2, 4, 9,  1, 7,  5,  11, 3,  14, 10, 0,  6,  13},
    {15, 1,  8, 14, 6,  11, 3,  4, 9, 7, 2,  13, 12, 0, 5, 10, 3,  13, 4,  7, 15, 2,  8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
     0,  14, 7, 11, 10, 4,  13, 1, 5, 8, 12, 6,  9,  3, 2, 15, 13, 8,  10, 1, 3,  15, 4, 2,  11, 6, 7, 12, 0, 5, 14, 9},
    {10, 0,  9,  14, 6, 3,  15, 5,  1,  13, 12, 7, 11, 4,  2,  8,  13, 7, 0,  9, 3, 4,
     6,  10, 2,  8,  5, 14, 12, 11, 15, 1,  13, 6, 4,  9,  8,  15, 3,  0, 11, 1, 2, 12,
     5,  10, 14, 7,  1, 10, 13, 0,  6,  9,  8,  7, 4,  15, 14, 3,  11, 5, 2,  12},
    {7, 13, 14, 3, 0, 6,  9, 10, 1,  2, 8,  5, 11, 12, 4,  15, 13, 8,  11, 5, 6, 15,
     0, 3,  4,  7, 2, 12, 1, 10, 14, 9, 10, 6, 9,  0,  12, 11, 7,  13, 15, 1, 3, 14,
     5, 2,  8,  4, 3, 15, 0, 6,  10, 1, 13, 8, 9,  4,  5,  11, 12, 7,  2,  14},
    {2,  12, 4, 1,  7,  10, 11, 6, 8, 5,  3, 15, 13, 0,  14, 9,  14, 11, 2,  12, 4,  7,
     13, 1,  5, 0,  15, 10, 3,  9, 8, 6,  4, 2,  1,  11, 10, 13, 7,  8,  15, 9,  12, 5,
     6,  3,  0, 14, 11, 8,  12, 7, 1, 14, 2, 13, 6,  15, 0,  9,  10, 4,  5,  3},
    {12, 1,  10, 15, 9,  2,  6, 8,  0, 13, 3,  4,  14, 7,  5, 11, 10, 15, 4, 2, 7, 12,
     9,  5,  6,  1,  13, 14, 0, 11, 3, 8,  9,  14, 15, 5,  2, 8,  12, 3,  7, 0, 4, 10,
     1,  13, 11, 6,  4,  3,  2, 12, 9, 5,  15, 10, 11, 14, 1, 7,  6,  0,  8, 13},
    {4, 11, 2,  14, 15, 0, 8, 13, 3,  12, 9, 7, 5, 10, 6, 1, 13, 0,  11, 7, 4, 9, 1,  10, 14, 3, 5, 12, 2,  15, 8, 6,
     1, 4,  11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5,  9, 2, 6,  11, 13, 8, 1, 4, 10, 7,  9,  5, 0, 15, 14, 2,  3, 12},
    {13, 2, 8, 4, 6,  15, 11, 1, 10, 9,  3,  14, 5, 0, 12, 7, 1, 15, 13, 8, 10, 3, 7,  4,  12, 5, 6, 11, 0, 14, 9, 2, 7,
     11, 4, 1, 9, 12, 14, 2,  0, 6,  10, 13, 15, 3, 5, 8,  2, 1, 14, 7,  4, 10, 8, 13, 15, 12, 9, 0, 3,  5, 6,  11}};

// Bit n (1-based, from the most significant bit of a `width`-bit value).
inline std::uint64_t bit(std::uint64_t v, int n, int width) {
    return (v >> (width - n)) & 1U;
}
template <std::size_t N> std::uint64_t permute(std::uint64_t in, const std::array<int, N>& table, int inWidth) {
    std::uint64_t out = 0;
    for (int p : table)
        out = (out << 1) | bit(in, p, inWidth);
    return out;
}

inline std::array<std::uint64_t, 16> subkeys(std::uint64_t key) {
    const std::uint64_t cd = permute(key, kPc1, 64);
    std::uint32_t c = static_cast<std::uint32_t>(cd >> 28) & 0x0FFFFFFF;
    std::uint32_t d = static_cast<std::uint32_t>(cd) & 0x0FFFFFFF;
    std::array<std::uint64_t, 16> ks{};
    for (int i = 0; i < 16; ++i) {
        for (int s = 0; s < kShifts[static_cast<std::size_t>(i)]; ++s) {
            c = ((c << 1) | (c >> 27)) & 0x0FFFFFFF;
            d = ((d << 1) | (d >> 27)) & 0x0FFFFFFF;
        }
        ks[static_cast<std::size_t>(i)] = permute((std::uint64_t(c) << 28) | d, kPc2, 56);
    }
    return ks;
}

inline std::uint32_t feistel(std::uint32_t r, std::uint64_t k) {
    const std::uint64_t x = permute(r, kE, 32) ^ k;
    std::uint32_t out = 0;
    for (int i = 0; i < 8; ++i) {
        const auto six = static_cast<unsigned>((x >> (42 - 6 * i)) & 0x3F);
        const unsigned row = ((six & 0x20) >> 4) | (six & 1);
        const unsigned col = (six >> 1) & 0x0F;
        out = (out << 4) | kS[i][row * 16 + col];
    }
    return static_cast<std::uint32_t>(permute(out, kP, 32));
}

inline std::uint64_t toU64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
        v = (v << 8) | p[i];
    return v;
}
inline void fromU64(std::uint64_t v, std::uint8_t* p) {
    for (int i = 7; i >= 0; --i, v >>= 8)
        p[i] = static_cast<std::uint8_t>(v);
}

} // namespace detail

// One DES block: `key8` (parity bits ignored), `block8`; decrypt runs the subkeys backwards.
inline Bytes des(const Bytes& key8, const Bytes& block8, bool encrypt = true) {
    using namespace detail;
    const auto ks = subkeys(toU64(key8.data()));
    const std::uint64_t ip = permute(toU64(block8.data()), kIp, 64);
    std::uint32_t l = static_cast<std::uint32_t>(ip >> 32), r = static_cast<std::uint32_t>(ip);
    for (int i = 0; i < 16; ++i) {
        const std::uint32_t next = l ^ feistel(r, ks[static_cast<std::size_t>(encrypt ? i : 15 - i)]);
        l = r;
        r = next;
    }
    Bytes out(8);
    fromU64(permute((std::uint64_t(r) << 32) | l, kFp, 64), out.data());
    return out;
}

// Two-key triple DES (E K1, D K2, E K1) of one block.
inline Bytes tdes(const Bytes& key16, const Bytes& block8) {
    const Bytes k1(key16.begin(), key16.begin() + 8), k2(key16.begin() + 8, key16.end());
    return des(k1, des(k2, des(k1, block8), false));
}

// ISO 9797-1 MAC algorithm 1, padding method 2 (80 00…), zero IV, single DES: the PBOC e-purse MAC, left 4 bytes.
inline Bytes mac4(const Bytes& key8, Bytes data) {
    data.push_back(0x80);
    while (data.size() % 8 != 0)
        data.push_back(0x00);
    Bytes chain(8, 0);
    for (std::size_t i = 0; i < data.size(); i += 8) {
        for (std::size_t j = 0; j < 8; ++j)
            chain[j] ^= data[i + j];
        chain = des(key8, chain);
    }
    return Bytes(chain.begin(), chain.begin() + 4);
}

// The card's key from the issuer's master: 3DES(master, ASN) ‖ 3DES(master, ~ASN).
inline Bytes diversify(const Bytes& master16, const Bytes& asn8) {
    Bytes inverted = asn8;
    for (auto& b : inverted)
        b = static_cast<std::uint8_t>(~b);
    Bytes out = tdes(master16, asn8);
    const Bytes right = tdes(master16, inverted);
    out.insert(out.end(), right.begin(), right.end());
    return out;
}

} // namespace indep
