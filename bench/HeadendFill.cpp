// The growth generator (issue 15): fills a headend database at operator size with N cards and their subscribers,
// a small VOD catalogue and M purse transactions (purchases, some of them VOD purchases, and top-ups) with their
// double-entry ledger rows, exactly as the headend writes them. It prints one table in PostgreSQL's COPY text format
// to stdout, for `psql -c "\copy TABLE (COLUMNS) FROM STDIN"` (bench/run-headend-growth-bench.sh pipes each table);
// the same seed gives the same rows byte for byte, so the tables of separate runs agree with each other.
//   carddesk-bench-headend-fill --table T --cards N --transactions M [--seed S]   (T: see --columns)
//   carddesk-bench-headend-fill --columns T                                      (its column list)
// Plain C++: millions of rows a second, no Qt, no database connection of its own.
#include <algorithm>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

namespace {

constexpr int kTitles = 20;
constexpr std::int64_t kStart = 1577836800; // 2020-01-01T00:00:00Z: the history spans the years after it

struct Options {
    std::string table;
    std::int64_t cards = 10000, transactions = 100000;
    std::uint64_t seed = 15;
};

std::uint64_t mix(std::uint64_t x) { // splitmix64: a reproducible stream from (seed, index)
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

const char* columns(const std::string& table) {
    if (table == "subscribers")
        return "id, user_number, account, name, created_at";
    if (table == "cards")
        return "card_number, subscriber_id, status, enrolled_at";
    if (table == "vod_titles")
        return "id, title, price, programme_id, valid_days, active, created_at, updated_at";
    if (table == "purchases")
        return "id, request_id, card_number, amount, terminal_id, key_index, balance_before, offline_counter,"
               " card_random, terminal_serial, tx_date, tx_time, status, tac, created_at, completed_at";
    if (table == "vod_purchases")
        return "purchase_id, card_number, title_id, title, programme_id, price, valid_days, created_at";
    if (table == "loads")
        return "id, request_id, card_number, amount, terminal_id, balance_before, online_counter, card_random,"
               " tx_date, tx_time, bank_account, status, tac, created_at, updated_at";
    if (table == "ledger_entries")
        return "id, card_number, tx_kind, tx_id, account, amount, created_at";
    return nullptr;
}

using Number = char[48];

void card(Number& out, std::int64_t i) {
    std::snprintf(out, sizeof out, "8603%016" PRId64, i);
}

struct Stamp {
    char iso[32], date[9], time[7];
};

Stamp stampAt(std::int64_t seconds) {
    const std::time_t t = static_cast<std::time_t>(kStart + seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    Stamp s{};
    std::strftime(s.iso, sizeof s.iso, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
    std::strftime(s.date, sizeof s.date, "%Y%m%d", &tm);
    std::strftime(s.time, sizeof s.time, "%H%M%S", &tm);
    return s;
}

// The transaction stream: which card, which kind, which amount, in time order. Each card's purse balance and
// counters advance as the card's would; a purchase the purse cannot pay becomes a top-up first.
int run(const Options& o) {
    const std::string& t = o.table;
    const bool tx = t == "purchases" || t == "vod_purchases" || t == "loads" || t == "ledger_entries";
    Number number;
    if (t == "subscribers" || t == "cards") {
        const Stamp s = stampAt(0);
        for (std::int64_t i = 0; i < o.cards; ++i) {
            card(number, i);
            if (t == "subscribers")
                std::printf("%" PRId64 "\tG%09" PRId64 "\tGEN%09" PRId64 "\tSubscriber %" PRId64 "\t%s\n", i + 1, i, i,
                            i, s.iso);
            else
                std::printf("%s\t%" PRId64 "\tactive\t%s\n", number, i + 1, s.iso);
        }
        return 0;
    }
    if (t == "vod_titles") {
        const Stamp s = stampAt(0);
        for (int i = 1; i <= kTitles; ++i)
            std::printf("%d\tTitle %d\t%d\t%d\t7\t1\t%s\t%s\n", i, i, 300 + 100 * i, 0x700 + i, s.iso, s.iso);
        return 0;
    }
    if (!tx)
        return 2;
    std::vector<std::uint32_t> balance(static_cast<std::size_t>(o.cards), 0);
    std::vector<std::uint16_t> offline(static_cast<std::size_t>(o.cards), 0), online(balance.size(), 0);
    // Five years of history whatever the size: the step between two transactions of the operator.
    const std::int64_t span = 5LL * 365 * 86400;
    std::int64_t purchaseId = 0, loadId = 0, ledgerId = 0;
    const auto ledger = [&](const char* c, const char* kind, std::int64_t id, const char* debit, const char* credit,
                            std::int64_t amount, const char* at) {
        if (t != "ledger_entries")
            return;
        std::printf("%" PRId64 "\t%s\t%s\t%" PRId64 "\t%s\t%" PRId64 "\t%s\n", ++ledgerId, c, kind, id, debit, amount,
                    at);
        std::printf("%" PRId64 "\t%s\t%s\t%" PRId64 "\t%s\t%" PRId64 "\t%s\n", ++ledgerId, c, kind, id, credit, -amount,
                    at);
    };
    char purse[64];
    for (std::int64_t j = 0; j < o.transactions; ++j) {
        const std::uint64_t r = mix(o.seed * 0x100000001B3ULL ^ static_cast<std::uint64_t>(j));
        const auto c = static_cast<std::size_t>(r % static_cast<std::uint64_t>(o.cards));
        card(number, static_cast<std::int64_t>(c));
        std::snprintf(purse, sizeof purse, "purse:%s", number);
        const Stamp s = stampAt(span * j / std::max<std::int64_t>(1, o.transactions));
        const bool wantsLoad = (r >> 32) % 10 < 3;
        const bool vod = (r >> 40) % 10 == 0;
        const int title = 1 + static_cast<int>((r >> 44) % kTitles);
        const std::uint32_t amount =
            vod ? static_cast<std::uint32_t>(300 + 100 * title) : 100 + static_cast<std::uint32_t>((r >> 20) % 900);
        const unsigned rnd = static_cast<unsigned>(r >> 8);
        if (wantsLoad || balance[c] < amount) {
            const std::uint32_t load = 5000;
            ++loadId;
            if (t == "loads")
                std::printf("%" PRId64 "\tgen-l%" PRId64 "\t%s\t%u\t000000004203\t%u\t%u\t%08X\t%s\t%s\tGEN%09zu"
                            "\tcompleted\t%08X\t%s\t%s\n",
                            loadId, loadId, number, load, balance[c], online[c], rnd, s.date, s.time, c, rnd ^ 0x5A5A,
                            s.iso, s.iso);
            ledger(number, "load-debit", loadId, "operator:service_account", "operator:loads_in_flight", load, s.iso);
            ledger(number, "load-credit", loadId, "operator:loads_in_flight", purse, load, s.iso);
            balance[c] += load;
            ++online[c];
            if (wantsLoad)
                continue;
        }
        ++purchaseId;
        if (t == "purchases")
            std::printf("%" PRId64 "\tgen-p%" PRId64 "\t%s\t%u\t000000004203\t1\t%u\t%u\t%08X\t%" PRId64
                        "\t%s\t%s\tcompleted\t%08X\t%s\t%s\n",
                        purchaseId, purchaseId, number, amount, balance[c], offline[c], rnd, purchaseId, s.date, s.time,
                        rnd ^ 0xA5A5, s.iso, s.iso);
        if (t == "vod_purchases" && vod)
            std::printf("%" PRId64 "\t%s\t%d\tTitle %d\t%d\t%u\t7\t%s\n", purchaseId, number, title, title,
                        0x700 + title, amount, s.iso);
        ledger(number, "purchase", purchaseId, purse, "operator:revenue", amount, s.iso);
        balance[c] -= amount;
        ++offline[c];
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
        if (a == "--columns" && v) {
            const char* c = columns(v);
            if (!c)
                return std::fprintf(stderr, "unknown table %s\n", v), 2;
            std::printf("%s\n", c);
            return 0;
        }
        if (!v)
            return std::fprintf(stderr, "%s needs a value\n", a.c_str()), 2;
        ++i;
        char* end = nullptr;
        if (a == "--table")
            o.table = v;
        else if (a == "--cards")
            o.cards = std::strtoll(v, &end, 10);
        else if (a == "--transactions")
            o.transactions = std::strtoll(v, &end, 10);
        else if (a == "--seed")
            o.seed = std::strtoull(v, &end, 10);
        else
            return std::fprintf(stderr, "unknown option %s\n", a.c_str()), 2;
        if (end && *end)
            return std::fprintf(stderr, "%s: not a number: %s\n", a.c_str(), v), 2;
    }
    if (!columns(o.table) || o.cards < 1 || o.cards > 100000000 || o.transactions < 0)
        return std::fprintf(stderr, "usage: %s --table T --cards N --transactions M [--seed S] | --columns T\n",
                            argv[0]),
               2;
    return run(o);
}
