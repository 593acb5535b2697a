#include "carddesk/card/apps/AppVm.h"

#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/card/dispatch/StatusError.h"
#include "carddesk/protocol/appdl/AppCommands.h"
#include "carddesk/protocol/proactive/Proactive.h"

#include <cstdlib>
#include <lua.hpp>
#include <utility>

namespace cdos::card {

namespace pa = cdos::proactive;

namespace {
// Globals an application may use; everything else of the base library is removed (no load, dofile, require,
// print, collectgarbage, ...). io, os, package, debug and coroutine are never opened.
constexpr const char* kRemovedGlobals[] = {"dofile", "loadfile",       "load",   "loadstring", "require",
                                           "print",  "collectgarbage", "module", "rawlen"};
// setmetatable without finalizers: Lua runs __gc metamethods with hooks disabled, so a finalizer would escape the
// step bound. An object is only marked for finalization if its metatable has __gc when it is set.
int safeSetmetatable(lua_State* L) {
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        const int type = lua_rawget(L, 2);
        lua_pop(L, 1);
        if (type != LUA_TNIL)
            return luaL_error(L, "finalizers (__gc) are not allowed");
    }
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}
} // namespace

VmApplication::~VmApplication() {
    close();
}

VmApplication& VmApplication::self(lua_State* L) {
    void* ud = nullptr;
    lua_getallocf(L, &ud);
    return *static_cast<VmApplication*>(ud);
}

// The RAM bound: every allocation of the state goes through here. A refusal makes Lua raise a memory error
// (after one emergency collection), which ends the command with 9703.
void* VmApplication::allocate(void* ud, void* ptr, std::size_t osize, std::size_t nsize) {
    auto& vm = *static_cast<VmApplication*>(ud);
    const std::size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        std::free(ptr);
        vm.m_used -= old;
        return nullptr;
    }
    if (nsize > old && vm.m_used + (nsize - old) > vm.m_limit)
        return nullptr;
    void* p = std::realloc(ptr, nsize);
    if (p)
        vm.m_used = vm.m_used - old + nsize;
    return p;
}

// The step bound: fires once the command's instruction budget is spent, then at every instruction, so that an
// application that catches the error with pcall is stopped again at once.
void VmApplication::stepHook(lua_State* L, lua_Debug*) {
    auto& vm = self(L);
    vm.m_fault = Fault::Steps;
    lua_sethook(L, stepHook, LUA_MASKCOUNT, 1);
    luaL_error(L, "instruction bound reached");
}

void VmApplication::arm(int steps) {
    lua_sethook(m_L, stepHook, LUA_MASKCOUNT, steps);
}

void VmApplication::firewall(lua_State* L) {
    self(L).m_fault = Fault::Firewall; // sticky: a pcall in the application cannot hide it
    luaL_error(L, "access outside the application's file");
    std::abort(); // luaL_error does not return
}

template <class F> int VmApplication::guarded(lua_State* L, F&& work) {
    auto& vm = self(L);
    try {
        return work();
    } catch (...) {
        vm.m_pending = std::current_exception();
    }
    vm.m_fault = Fault::Firewall; // sticky, like the firewall: a pcall cannot go on past it
    return luaL_error(L, "card error");
}

void VmApplication::rethrowPending() {
    if (!m_pending)
        return;
    std::exception_ptr e = std::exchange(m_pending, nullptr);
    close();
    std::rethrow_exception(e);
}

// card.read(offset, n): offset from the start of the application's static data area; anywhere in its own DF.
// Bounds are checked on the offset before any sum, so no huge offset can overflow past them.
int VmApplication::apiRead(lua_State* L) {
    auto& vm = self(L);
    const lua_Integer off = luaL_checkinteger(L, 1), n = luaL_checkinteger(L, 2);
    const lua_Integer lo = static_cast<lua_Integer>(vm.m_rec.dfStart) - static_cast<lua_Integer>(vm.m_rec.efAddr);
    const lua_Integer hi = static_cast<lua_Integer>(vm.m_rec.dfEnd) - static_cast<lua_Integer>(vm.m_rec.efAddr);
    if (n < 0 || n > static_cast<lua_Integer>(kMaxIo) || off < lo || off > hi || n > hi - off)
        firewall(L);
    const auto abs = static_cast<std::uint32_t>(static_cast<lua_Integer>(vm.m_rec.efAddr) + off);
    Bytes b;
    guarded(L, [&] {
        b = vm.m_os.nvm().read(abs, static_cast<std::size_t>(n));
        return 0;
    });
    lua_pushlstring(L, reinterpret_cast<const char*>(b.data()), b.size());
    return 1;
}

// card.write(offset, bytes): only inside the static data area (the code and configuration stay as installed).
int VmApplication::apiWrite(lua_State* L) {
    auto& vm = self(L);
    const lua_Integer off = luaL_checkinteger(L, 1);
    std::size_t len = 0;
    const char* s = luaL_checklstring(L, 2, &len);
    const lua_Integer hi = static_cast<lua_Integer>(vm.m_rec.dfEnd) - static_cast<lua_Integer>(vm.m_rec.efAddr);
    if (len > kMaxIo || off < 0 || off > hi || static_cast<lua_Integer>(len) > hi - off)
        firewall(L);
    const auto abs = static_cast<std::uint32_t>(static_cast<lua_Integer>(vm.m_rec.efAddr) + off);
    return guarded(L, [&] {
        vm.m_os.nvm().write(abs, reinterpret_cast<const std::uint8_t*>(s), len);
        return 0;
    });
}

int VmApplication::apiSize(lua_State* L) {
    auto& vm = self(L);
    lua_pushinteger(L, static_cast<lua_Integer>(vm.m_rec.dfEnd - vm.m_rec.efAddr));
    return 1;
}

int VmApplication::apiConfig(lua_State* L) {
    auto& vm = self(L);
    Bytes b;
    guarded(L, [&] {
        b = vm.m_os.nvm().read(vm.m_rec.codeAddr + vm.m_rec.codeLength, vm.m_rec.configLength);
        return 0;
    });
    lua_pushlstring(L, reinterpret_cast<const char*>(b.data()), b.size());
    return 1;
}

void VmApplication::close() {
    if (m_L)
        lua_close(m_L);
    m_L = nullptr;
    m_used = 0;
    m_fault = Fault::None;
}

std::uint16_t VmApplication::faultSw(int status) const {
    if (m_fault == Fault::Firewall)
        return appdl::sw::VmFirewall;
    if (m_fault == Fault::Steps)
        return appdl::sw::VmSteps;
    if (status == LUA_ERRMEM)
        return appdl::sw::VmMemory;
    return appdl::sw::VmError;
}

// Builds the sandbox and runs the application's chunk, which defines process(). nullopt when it is ready.
std::optional<std::uint16_t> VmApplication::open(const AppRecord& rec) {
    close();
    m_rec = rec;
    m_limit = rec.ramBound;
    m_L = lua_newstate(allocate, this);
    if (!m_L)
        return appdl::sw::VmMemory;
    const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},
                             {LUA_TABLIBNAME, luaopen_table},
                             {LUA_STRLIBNAME, luaopen_string},
                             {LUA_MATHLIBNAME, luaopen_math},
                             {LUA_UTF8LIBNAME, luaopen_utf8}};
    auto setup = [](lua_State* L) -> int {
        const luaL_Reg* l = static_cast<const luaL_Reg*>(lua_touserdata(L, 1));
        for (int i = 0; i < 5; ++i) {
            luaL_requiref(L, l[i].name, l[i].func, 1);
            lua_pop(L, 1);
        }
        for (const char* g : kRemovedGlobals) {
            lua_pushnil(L);
            lua_setglobal(L, g);
        }
        lua_getglobal(L, "setmetatable");
        lua_pushcclosure(L, safeSetmetatable, 1);
        lua_setglobal(L, "setmetatable");
        // string.dump makes bytecode; the pattern functions can backtrack for hours inside one C call, where the
        // instruction hook never fires.
        lua_getglobal(L, LUA_STRLIBNAME);
        for (const char* f : {"dump", "find", "match", "gmatch", "gsub"}) {
            lua_pushnil(L);
            lua_setfield(L, -2, f);
        }
        lua_pop(L, 1);
        const luaL_Reg api[] = {
            {"read", apiRead}, {"write", apiWrite}, {"size", apiSize}, {"config", apiConfig}, {nullptr, nullptr}};
        luaL_newlib(L, api);
        lua_setglobal(L, "card");
        return 0;
    };
    lua_pushcfunction(m_L, setup);
    lua_pushlightuserdata(m_L, const_cast<luaL_Reg*>(libs));
    if (int st = lua_pcall(m_L, 1, 0, 0); st != LUA_OK) {
        rethrowPending();
        const auto sw = faultSw(st);
        close();
        return sw;
    }
    const Bytes code = m_os.nvm().read(rec.codeAddr, rec.codeLength);
    // Mode "t": precompiled bytecode is refused (it can break the VM's own checks).
    int st = luaL_loadbufferx(m_L, reinterpret_cast<const char*>(code.data()), code.size(), "=app", "t");
    if (st == LUA_OK) {
        arm(kStepsPerCommand);
        st = lua_pcall(m_L, 0, 0, 0);
        rethrowPending();
    }
    if (st != LUA_OK || m_fault != Fault::None) {
        const auto sw = faultSw(st);
        close();
        return sw;
    }
    return std::nullopt;
}

bool VmApplication::isOsOnly(std::uint8_t ins) {
    switch (ins) {
    case appdl::ins::Install:
    case appdl::ins::Delete:
    case appdl::ins::CardKey:
    case appdl::ins::WriteCaKey:
    case pa::ins::TerminalProfile:
    case pa::ins::Fetch:
    case pa::ins::TerminalResponse:
    case pa::ins::Envelope:
        return true;
    default:
        return false;
    }
}

std::optional<ResponseApdu> VmApplication::process(CommandContext& ctx) {
    const CommandApdu& c = ctx.apdu;
    // The firewall (issue 17): a downloaded application sees only plain proprietary commands (CLA 80). Every ISO
    // command — VERIFY with its PIN in clear, GET CHALLENGE, SELECT, the file commands — and every secure-messaging
    // command stays with the OS, and so do the card manager's commands and the proactive dialogue, whose TERMINAL
    // RESPONSE carries the PIN typed into the card's PIN box.
    if (c.cla != cla::Proprietary || isOsOnly(c.ins))
        return std::nullopt;
    const auto rec = AppRegistry(m_os.files()).find(m_aid);
    if (!rec)
        return std::nullopt;
    if (!m_L || rec->dfStart != m_rec.dfStart || rec->seed != m_rec.seed) {
        if (auto refused = open(*rec))
            return ResponseApdu{{}, *refused};
    }
    lua_settop(m_L, 0);
    m_fault = Fault::None;
    lua_getglobal(m_L, "process");
    lua_pushinteger(m_L, c.cla);
    lua_pushinteger(m_L, c.ins);
    lua_pushinteger(m_L, c.p1);
    lua_pushinteger(m_L, c.p2);
    lua_pushlstring(m_L, reinterpret_cast<const char*>(c.data.data()), c.data.size());
    lua_pushinteger(m_L, c.le);
    arm(kStepsPerCommand);
    const int st = lua_pcall(m_L, 6, 2, 0);
    rethrowPending();
    if (st != LUA_OK || m_fault != Fault::None) {
        const auto sw = faultSw(st);
        close(); // the application is ended; the next command starts it afresh
        return ResponseApdu{{}, sw};
    }
    if (lua_isnil(m_L, 1))
        return std::nullopt; // not the application's command
    int isNum = 0;
    const lua_Integer sw = lua_tointegerx(m_L, 1, &isNum);
    if (!isNum || sw < 0x6100 || sw > 0x9FFF) {
        close();
        return ResponseApdu{{}, appdl::sw::VmError};
    }
    ResponseApdu r;
    r.sw = static_cast<std::uint16_t>(sw);
    if (lua_type(m_L, 2) == LUA_TSTRING) {
        std::size_t n = 0;
        const char* d = lua_tolstring(m_L, 2, &n);
        r.data.assign(d, d + n);
    }
    lua_settop(m_L, 0);
    return r;
}

} // namespace cdos::card
