-- Loyalty-points counter: a CardDesk example application for the in-card VM (docs/app-download.md).
-- Pay-TV purchases earn points at the operator's rate (the configuration: points per yuan); the viewer
-- redeems them for films or channel packages from the TV.
-- Static data area: 0 balance(4) lifetime earned(4) transactions(2) | 10 last reference(8).
local rate = tonumber(card.config()) or 1 -- configuration: points per yuan

local function state()
    return string.unpack(">I4I4I2", card.read(0, 10))
end

local function save(balance, lifetime, count, ref)
    card.write(0, string.pack(">I4I4I2", balance, lifetime, count) .. ref)
end

-- 80 40 00 00 Lc=12 amount in fen(4) reference(8): answer balance(4) points earned(4)
local function earn(data)
    if #data ~= 12 then
        return 0x6700
    end
    local amount = string.unpack(">I4", data)
    local points = amount * rate // 100
    local balance, lifetime, count = state()
    if balance + points > 0xFFFFFFFF or count == 0xFFFF then
        return 0x6A84
    end
    save(balance + points, math.min(lifetime + points, 0xFFFFFFFF), count + 1, data:sub(5, 12))
    return 0x9000, string.pack(">I4I4", balance + points, points)
end

-- 80 42 00 00 Lc=12 points(4) reference(8): answer balance(4); 6985 when the balance is too small
local function redeem(data)
    if #data ~= 12 then
        return 0x6700
    end
    local points = string.unpack(">I4", data)
    local balance, lifetime, count = state()
    if points == 0 then
        return 0x6A80
    end
    if points > balance or count == 0xFFFF then
        return 0x6985
    end
    save(balance - points, lifetime, count + 1, data:sub(5, 12))
    return 0x9000, string.pack(">I4", balance - points)
end

function process(cla, ins, p1, p2, data, le)
    if cla ~= 0x80 or p1 ~= 0 or p2 ~= 0 then
        return nil
    end
    if ins == 0x40 then
        return earn(data)
    elseif ins == 0x42 then
        return redeem(data)
    elseif ins == 0x44 then
        return 0x9000, card.read(0, 10) -- balance(4) lifetime(4) transactions(2)
    end
    return nil
end
