#include "carddesk/protocol/audit/AuditChain.h"

#include "carddesk/protocol/crypto/Crypto.h"

namespace cdos::audit {

namespace {

void appendField(Bytes& out, const std::string& text) {
    const auto n = static_cast<std::uint32_t>(text.size());
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(n >> shift));
    out.insert(out.end(), text.begin(), text.end());
}

} // namespace

Bytes genesis() {
    return Bytes(32, 0);
}

Bytes canonical(const Row& row) {
    static const std::string kMagic = "CDAUDIT1";
    Bytes out(kMagic.begin(), kMagic.end());
    const auto seq = static_cast<std::uint64_t>(row.sequence);
    for (int shift = 56; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(seq >> shift));
    for (const std::string* field :
         {&row.time, &row.operators, &row.role, &row.action, &row.card, &row.result, &row.detail})
        appendField(out, *field);
    return out;
}

Bytes chainHash(const Bytes& previousHash, const Row& row) {
    Bytes input = previousHash;
    const Bytes body = canonical(row);
    input.insert(input.end(), body.begin(), body.end());
    return crypto::sha256(input);
}

std::optional<Break> verify(const std::vector<StoredRow>& rows, const Bytes& previousHash, std::int64_t firstSequence) {
    Bytes previous = previousHash;
    std::int64_t expected = firstSequence;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const StoredRow& r = rows[i];
        const std::string seq = std::to_string(r.row.sequence);
        if (r.row.sequence > expected)
            return Break{i, r.row.sequence,
                         expected + 1 == r.row.sequence
                             ? "row " + std::to_string(expected) + " is missing (the next row is " + seq + ")"
                             : "rows " + std::to_string(expected) + " to " + std::to_string(r.row.sequence - 1) +
                                   " are missing (the next row is " + seq + ")"};
        if (r.row.sequence < expected)
            return Break{i, r.row.sequence,
                         "row " + seq + " is out of place (expected row " + std::to_string(expected) + ")"};
        const Bytes own = chainHash(previous, r.row);
        if (own != r.hash) {
            // A row whose own hash holds over a different predecessor was inserted or moved; else it was changed.
            return Break{i, r.row.sequence, "row " + seq + " was changed or inserted (its hash does not match)"};
        }
        previous = r.hash;
        ++expected;
    }
    return std::nullopt;
}

} // namespace cdos::audit
