-- Utility-bill payment record: a CardDesk example application for the in-card VM (docs/app-download.md).
-- The set-top box records each electricity, water, gas or TV bill paid from the TV, so that the household keeps
-- receipts on the card and the totals per kind of bill.
-- Static data area: 0 count(2) newest slot(2) | 4 totals in fen per kind, 4 x u32 | 32 ring of 32-byte records.
-- Record: kind(1: electricity, 2: water, 3: gas, 4: TV) date(4, BCD YYYYMMDD) amount(4, fen) account(10) ref(8).
local HEADER, RECORD, LENGTH = 32, 32, 27
local max = tonumber(card.config()) or 20 -- configuration: the number of receipts kept

local function header()
    return string.unpack(">I2I2", card.read(0, 4))
end

local function total(kind)
    return (string.unpack(">I4", card.read(4 + (kind - 1) * 4, 4)))
end

-- 80 30 00 00 Lc=27 record: answer count(2) new total of that kind(4)
local function record(data)
    if #data ~= LENGTH then
        return 0x6700
    end
    local kind, _, amount = string.unpack(">Bc4I4", data)
    if kind < 1 or kind > 4 or amount == 0 then
        return 0x6A80
    end
    local sum = total(kind) + amount
    if sum > 0xFFFFFFFF then
        return 0x6A84
    end
    local count, newest = header()
    local slot = newest % max + 1
    card.write(HEADER + (slot - 1) * RECORD, data)
    count = math.min(count + 1, max)
    card.write(0, string.pack(">I2I2", count, slot))
    card.write(4 + (kind - 1) * 4, string.pack(">I4", sum))
    return 0x9000, string.pack(">I2I4", count, sum)
end

-- 80 32 n 00: record n (1 = newest)
local function read(n)
    local count, newest = header()
    if n < 1 or n > count then
        return 0x6A83
    end
    local slot = (newest - n) % max + 1
    return 0x9000, card.read(HEADER + (slot - 1) * RECORD, LENGTH)
end

-- 80 34 00 00: count(2) totals(4 x 4)
local function summary()
    local count = header()
    return 0x9000, string.pack(">I2", count) .. card.read(4, 16)
end

function process(cla, ins, p1, p2, data, le)
    if cla ~= 0x80 then
        return nil -- ISO commands are the card OS's
    end
    if ins == 0x30 and p1 == 0 and p2 == 0 then
        return record(data)
    elseif ins == 0x32 and p2 == 0 then
        return read(p1)
    elseif ins == 0x34 and p1 == 0 and p2 == 0 then
        return summary()
    end
    return nil
end
