#pragma once
// The audit trail's hash chain (docs/operators.md, "Audit trail"), shared by the desk's database and the headend so
// that one rule decides what a row's hash covers. Each row carries SHA-256(previous row's hash ‖ canonical
// encoding of its own fields); a changed, deleted, inserted or reordered row breaks the chain at that row.
#include "carddesk/protocol/apdu/Bytes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cdos::audit {

// One audit row as the chain sees it. Every text is UTF-8 and is hashed exactly as stored (no trimming, no case
// folding), so the stored row and the hashed row cannot differ.
struct Row {
    std::int64_t sequence = 0; // 1, 2, 3 ... per chain, no gaps
    std::string time;          // UTC, ISO 8601 with milliseconds, as stored ("2026-12-07T10:11:12.345Z")
    std::string operators;     // "alice" or "alice+bob" (dual control: first the one who asked)
    std::string role;          // the role the operation was allowed (or refused) under
    std::string action;        // "issue card", "login", "key import", ...
    std::string card;          // card number where there is one, else empty
    std::string result;        // "ok", "refused: needs admin", "failed: ..."
    std::string detail;        // free text, never a secret
};

// The hash the first row chains to: 32 zero bytes.
Bytes genesis();
// Canonical encoding: "CDAUDIT1", then the sequence as 8 bytes big-endian, then each text field in the order above
// as a 4-byte big-endian length followed by its bytes.
Bytes canonical(const Row& row);
// SHA-256(previousHash ‖ canonical(row)).
Bytes chainHash(const Bytes& previousHash, const Row& row);

// A stored row: the row and the hash stored with it.
struct StoredRow {
    Row row;
    Bytes hash;
};

// Where verification stopped, in words a person can act on.
struct Break {
    std::size_t index = 0;     // position in the list given
    std::int64_t sequence = 0; // the row's stored sequence number
    std::string reason;        // "row 17 was changed", "row 17 is missing (the next row is 18)", ...
};

// Recomputes the chain over rows in sequence order (as read from the database, ORDER BY sequence) starting from
// `previousHash` (genesis() for a whole chain). Returns the first break, or nothing when every row holds.
std::optional<Break> verify(const std::vector<StoredRow>& rows, const Bytes& previousHash = genesis(),
                            std::int64_t firstSequence = 1);

} // namespace cdos::audit
