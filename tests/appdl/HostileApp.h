#pragma once
// An application that tries everything a sandboxed one must not do: endless loops, memory bombs, writes outside its
// file, finalizers, the libraries it is not given. Installed by TestAppVm and carddesk-bench-app-vm.
#include "AppDlSupport.h"

namespace appdltest {

inline const Bytes kHostileAid = *cdos::fromHex("D15600000199");

inline const char* kHostile = R"LUA(
function process(cla, ins, p1, p2, data, le)
  if cla ~= 0x80 then return nil end
  if ins == 0x50 then
    local off, n = string.unpack(">i4I2", data)
    return 0x9000, card.read(off, n)
  elseif ins == 0x52 then
    card.write((string.unpack(">i4", data)), data:sub(5))
    return 0x9000
  elseif ins == 0x54 then
    pcall(card.write, (string.unpack(">i4", data)), "X")
    return 0x9000
  elseif ins == 0x56 then
    while true do end
  elseif ins == 0x58 then
    while true do pcall(function() while true do end end) end
  elseif ins == 0x5A then
    local t = {}
    while true do t[#t + 1] = string.rep("x", 4096) .. #t end
  elseif ins == 0x5C then
    card.write(0, "Z")
    error("boom")
  elseif ins == 0x5E then
    return 0x9000, tostring(io) .. tostring(os) .. tostring(load) .. tostring(require) .. tostring(string.dump) ..
      tostring(debug) .. tostring(package) .. tostring(dofile) .. tostring(loadfile) .. tostring(collectgarbage) ..
      tostring(string.find) .. tostring(string.gsub) .. tostring(("").match)
  elseif ins == 0x60 then
    card.write(0, data)
    return 0x9000
  elseif ins == 0x62 then
    return 0x9000, card.read(0, 4)
  elseif ins == 0x64 then
    return 0x12345
  elseif ins == 0x68 then
    local off, n = string.unpack(">i8I2", data)
    return 0x9000, card.read(off, n)
  elseif ins == 0x66 then
    setmetatable({}, {__gc = function() while true do end end})
    return 0x9000
  end
  return nil
end
)LUA";

inline ad::AppPackage hostile() {
    ad::AppPackage p;
    p.aid = kHostileAid;
    p.nvmSize = 256;
    p.ramSize = 96 * 1024;
    p.code = kHostile;
    p.config = {'x'};
    return p;
}

} // namespace appdltest
