// The NVM's transaction journal (card/README.md "Transactions"): commit() encodes a transaction's changes as data
// and fill records in consecutive journal pages before any home page is written; open() replays the newest
// committed transaction and ignores a torn one.
#include "carddesk/card/nvm/Nvm.h"

#include "NvmBytes.h"
#include "NvmFile.h"
#include "carddesk/protocol/crypto/Crc32.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace cdos::card {

using nvm_detail::put16;
using nvm_detail::put32;

namespace {

constexpr std::uint32_t kJournalMagic = 0x43444A31; // "CDJ1"
constexpr std::size_t kJournalHeader = 24;
constexpr std::uint8_t kRecordData = 0x01;
constexpr std::uint8_t kRecordFill = 0x02;
// The new check values of the home pages the records change, in page order (format version 2).
constexpr std::uint8_t kRecordChecks = 0x03;
constexpr std::size_t kChecksPerRecord = 0xFFFF / 4;
constexpr std::size_t kRecordHeader = 7; // kind(1) address(4) length(2)
// Differences closer than this are journalled as one record: a record header costs about as much.
constexpr std::size_t kMergeGap = 8;

} // namespace

struct Nvm::JournalPage {
    std::uint32_t seq = 0, writesBefore = 0, slot = 0;
    std::uint16_t index = 0, count = 0, homePages = 0, payloadLen = 0;
};

// The journal holds only the newest transaction that matters: the one with the highest sequence number. If all of
// its pages are present and intact it committed and is replayed (replay is idempotent: it rewrites only pages that
// differ); otherwise it never committed, its home pages were never touched, and it is ignored. No page is written
// before every user page has passed its check (checkPages), so that a damaged image is refused as it is.
void Nvm::recover() {
    Bytes payload;
    std::uint16_t homePages = 0;
    const bool committed = committedTransaction(payload, homePages);
    std::map<std::uint32_t, Bytes> pages;
    std::vector<std::uint32_t> checks;
    if (committed)
        decodeRecords(payload, pages, checks);
    if (m_checked)
        checkPages(pages, checks);
    if (!committed)
        return;
    // Pages the transaction had already written before the cut count once; replayed ones count when rewritten.
    const std::uint32_t before = m_writes;
    std::uint32_t replayed = 0;
    for (const auto& [page, content] : pages) {
        // A page torn after all its new bytes were written still carries its old check value.
        if (std::memcmp(content.data(), &m_image[page * m_pageSize], m_pageSize) != 0 ||
            (m_checked && !pageChecks(page))) {
            physicalWrite(page, content.data());
            ++replayed;
        }
    }
    m_writes = before + (homePages > replayed ? homePages - replayed : 0) + replayed;
    m_recoveryWrites = replayed;
    m_recovered = replayed > 0;
    sync();
}

// Finds the newest transaction in the journal and where the next one goes; true with its records when it committed.
bool Nvm::committedTransaction(Bytes& payload, std::uint16_t& homePages) {
    std::vector<JournalPage> valid;
    const std::size_t cap = m_pageSize - kJournalHeader;
    for (std::uint32_t slot = 0; slot < m_journalPages; ++slot) {
        std::uint8_t* p = &m_image[(1 + slot) * m_pageSize];
        if (getU32(p) != kJournalMagic)
            continue;
        Bytes copy(p, p + m_pageSize);
        put32(&copy[20], 0);
        if (crc32(copy.data(), copy.size()) != getU32(p + 20))
            continue; // torn or damaged: never part of a committed transaction
        JournalPage j{getU32(p + 4),  getU32(p + 12), slot,          getU16(p + 8),
                      getU16(p + 10), getU16(p + 16), getU16(p + 18)};
        if (j.count == 0 || j.count > m_journalPages || j.index >= j.count || j.payloadLen > cap)
            continue;
        valid.push_back(j);
    }
    if (valid.empty())
        return false;
    std::uint32_t maxSeq = 0;
    for (const auto& j : valid)
        maxSeq = std::max(maxSeq, j.seq);
    std::vector<const JournalPage*> pages;
    std::uint32_t lastWrite = 0, lastSlot = 0;
    for (const auto& j : valid) {
        if (j.seq != maxSeq)
            continue;
        pages.push_back(&j);
        if (j.writesBefore >= lastWrite) {
            lastWrite = j.writesBefore;
            lastSlot = j.slot;
        }
    }
    std::sort(pages.begin(), pages.end(), [](auto* a, auto* b) { return a->index < b->index; });
    bool complete = pages.size() == pages.front()->count;
    for (std::size_t i = 0; complete && i < pages.size(); ++i)
        complete = pages[i]->index == i && pages[i]->count == pages.front()->count;
    m_nextSeq = maxSeq + 1;
    m_nextSlot = (lastSlot + 1) % m_journalPages;
    m_writes = std::max(m_writes, lastWrite + 1);
    if (!complete)
        return false;
    for (const auto* j : pages) {
        const std::uint8_t* p = &m_image[(1 + j->slot) * m_pageSize] + kJournalHeader;
        payload.insert(payload.end(), p, p + j->payloadLen);
    }
    homePages = pages.front()->homePages;
    return true;
}

// The home pages as the transaction leaves them (current content with the records applied), and the check values
// it journalled for them (none in a transaction journalled by format version 1).
void Nvm::decodeRecords(const Bytes& payload, std::map<std::uint32_t, Bytes>& pages,
                        std::vector<std::uint32_t>& checks) const {
    auto corrupt = [&](const std::string& why) {
        return NvmError(NvmError::Kind::Corrupt, "card image " + m_path + " is damaged: " + why);
    };
    auto pageFor = [&](std::uint32_t page) -> Bytes& {
        auto it = pages.find(page);
        if (it == pages.end()) {
            const auto* p = &m_image[page * m_pageSize];
            it = pages.emplace(page, Bytes(p, p + m_pageSize)).first;
        }
        return it->second;
    };
    std::size_t i = 0;
    while (i < payload.size()) {
        if (payload.size() - i < kRecordHeader)
            throw corrupt("journal record cut short");
        const std::uint8_t kind = payload[i];
        const std::uint32_t addr = getU32(&payload[i + 1]);
        const std::uint32_t len = getU16(&payload[i + 5]);
        i += kRecordHeader;
        if (kind == kRecordChecks) {
            if (addr != 0 || len == 0 || len % 4 != 0 || payload.size() - i < len)
                throw corrupt("committed journal record out of bounds");
            for (std::uint32_t k = 0; k < len; k += 4)
                checks.push_back(getU32(&payload[i + k]));
            i += len;
            continue;
        }
        const std::size_t body = kind == kRecordData ? len : 1;
        if ((kind != kRecordData && kind != kRecordFill) || len == 0 || addr < userStart() || addr > m_size ||
            len > m_size - addr || payload.size() - i < body)
            throw corrupt("committed journal record out of bounds");
        for (std::uint32_t k = 0; k < len; ++k) {
            const std::uint32_t a = addr + k;
            pageFor(a / m_pageSize)[a % m_pageSize] = kind == kRecordData ? payload[i + k] : payload[i];
        }
        i += body;
    }
    if (!checks.empty() && checks.size() != pages.size())
        throw corrupt("the committed journal's check values do not match its records");
}

// The journal stores what changed, not whole pages: runs of differing bytes as data records, runs of one value
// (erasing) as fill records. A small update therefore journals in one page, which is also its commit record.
Bytes Nvm::encodeChanges(std::uint32_t& homePages) const {
    Bytes out;
    homePages = 0;
    std::size_t lastFill = SIZE_MAX; // offset in out of the last fill record, to extend it across pages
    std::vector<std::uint32_t> checks;
    for (const auto& [page, content] : m_pending) {
        const std::uint8_t* old = &m_image[page * m_pageSize];
        if (std::memcmp(content.data(), old, m_pageSize) == 0)
            continue;
        ++homePages;
        checks.push_back(nvm_detail::pageCheck(page, content.data(), m_pageSize));
        // A page erased to one value is one fill record, merged with its neighbours: wiping a large area stays a
        // few journal bytes whatever was there before.
        const std::uint8_t first = content[0];
        if (std::all_of(content.begin(), content.end(), [&](std::uint8_t b) { return b == first; })) {
            const auto addr = page * m_pageSize;
            if (lastFill != SIZE_MAX && out[lastFill + kRecordHeader] == first &&
                getU32(&out[lastFill + 1]) + getU16(&out[lastFill + 5]) == addr &&
                getU16(&out[lastFill + 5]) + m_pageSize <= 0xFFFF) {
                put16(&out[lastFill + 5], static_cast<std::uint16_t>(getU16(&out[lastFill + 5]) + m_pageSize));
            } else {
                lastFill = out.size();
                out.push_back(kRecordFill);
                putU32(out, addr);
                putU16(out, m_pageSize);
                out.push_back(first);
            }
            continue;
        }
        std::size_t i = 0;
        while (i < m_pageSize) {
            if (content[i] == old[i]) {
                ++i;
                continue;
            }
            std::size_t last = i;
            for (std::size_t j = i + 1; j < m_pageSize && j - last <= kMergeGap; ++j)
                if (content[j] != old[j])
                    last = j;
            const std::size_t end = last + 1;
            const auto addr = static_cast<std::uint32_t>(page * m_pageSize + i);
            const auto len = static_cast<std::uint16_t>(end - i);
            const std::uint8_t* run = content.data() + i;
            const bool uniform = std::all_of(run, content.data() + end, [&](std::uint8_t b) { return b == *run; });
            if (uniform && len >= 2) { // a fill record (8 bytes) is then never longer than a data record
                if (lastFill != SIZE_MAX && out[lastFill + kRecordHeader] == content[i] &&
                    getU32(&out[lastFill + 1]) + getU16(&out[lastFill + 5]) == addr &&
                    getU16(&out[lastFill + 5]) + len <= 0xFFFF) {
                    put16(&out[lastFill + 5], static_cast<std::uint16_t>(getU16(&out[lastFill + 5]) + len));
                } else {
                    lastFill = out.size();
                    out.push_back(kRecordFill);
                    putU32(out, addr);
                    putU16(out, len);
                    out.push_back(content[i]);
                }
            } else {
                lastFill = SIZE_MAX;
                out.push_back(kRecordData);
                putU32(out, addr);
                putU16(out, len);
                out.insert(out.end(), run, content.data() + end);
            }
            i = end;
        }
    }
    // The pages' new check values let open() tell a torn write, which only these records can repair, from a change
    // made outside the card OS.
    for (std::size_t i = 0; i < checks.size(); i += kChecksPerRecord) {
        const std::size_t n = std::min(kChecksPerRecord, checks.size() - i);
        out.push_back(kRecordChecks);
        putU32(out, 0);
        putU16(out, static_cast<std::uint16_t>(4 * n));
        for (std::size_t k = 0; k < n; ++k)
            putU32(out, checks[i + k]);
    }
    return out;
}

void Nvm::commit() {
    checkAlive();
    if (!m_inTransaction)
        throw NvmError(NvmError::Kind::Usage, "NVM commit without a transaction");
    m_lastCommitWrites = 0;
    std::uint32_t homePages = 0;
    const Bytes payload = encodeChanges(homePages);
    if (payload.empty()) {
        rollback();
        return;
    }
    const std::size_t cap = m_pageSize - kJournalHeader;
    const std::size_t count = (payload.size() + cap - 1) / cap;
    if (count > m_journalPages) {
        rollback();
        throw NvmError(NvmError::Kind::TooLarge, "transaction of " + std::to_string(payload.size()) +
                                                     " journal bytes does not fit the " +
                                                     std::to_string(m_journalPages * cap) + "-byte journal");
    }
    const std::uint32_t before = m_writes;
    Bytes page(m_pageSize);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t from = i * cap, n = std::min(cap, payload.size() - from);
        std::fill(page.begin(), page.end(), 0);
        put32(&page[0], kJournalMagic);
        put32(&page[4], m_nextSeq);
        put16(&page[8], static_cast<std::uint16_t>(i));
        put16(&page[10], static_cast<std::uint16_t>(count));
        put32(&page[12], m_writes);
        put16(&page[16], static_cast<std::uint16_t>(homePages));
        put16(&page[18], static_cast<std::uint16_t>(n));
        std::copy(payload.begin() + static_cast<long>(from), payload.begin() + static_cast<long>(from + n),
                  page.begin() + kJournalHeader);
        put32(&page[20], crc32(page.data(), page.size()));
        physicalWrite(1 + static_cast<std::uint32_t>((m_nextSlot + i) % m_journalPages), page.data());
    }
    sync(); // the journal is complete, hence committed, before any home page changes
    for (const auto& [p, content] : m_pending)
        if (std::memcmp(content.data(), &m_image[p * m_pageSize], m_pageSize) != 0)
            physicalWrite(p, content.data());
    sync();
    ++m_nextSeq;
    m_nextSlot = static_cast<std::uint32_t>((m_nextSlot + count) % m_journalPages);
    m_lastCommitWrites = m_writes - before;
    m_pending.clear();
    m_inTransaction = false;
}

} // namespace cdos::card
