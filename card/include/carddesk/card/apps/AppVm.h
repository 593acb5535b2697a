#pragma once
// An installed application running in a Lua 5.4 sandbox (patent [0028]-[0029], docs/app-download.md): text
// chunks only, a vetted minimum of the standard library, a RAM bound (own allocator), an instruction bound per
// command (count hook), and an NVM API fenced to the application's own DF from the registry (the firewall).
// The Lua state lives from the first command after selection until deselection, reset or a fault.
#include "carddesk/card/apps/AppRegistry.h"
#include "carddesk/card/dispatch/Application.h"

struct lua_State;
struct lua_Debug;

namespace cdos::card {

class VmApplication : public Application {
public:
    static constexpr int kStepsPerCommand = 1'000'000; // Lua VM instructions
    static constexpr std::uint32_t kMaxIo = 1024;      // bytes per card.read / card.write call

    VmApplication(CardOs& os, Bytes aid) : m_os(os), m_aid(std::move(aid)) {}
    ~VmApplication() override;
    Bytes aid() const override { return m_aid; }
    std::optional<ResponseApdu> process(CommandContext& ctx) override;
    // Proprietary commands that never reach a downloaded application (the firewall, docs/app-download.md).
    static bool isOsOnly(std::uint8_t ins);
    void selected(CommandContext&) override { close(); }
    void deselected() override { close(); }
    void reset() override { close(); }
    // Heap bytes in use by the Lua state (0 when none).
    std::size_t heapUsed() const { return m_used; }

private:
    enum class Fault { None, Steps, Firewall };
    std::optional<std::uint16_t> open(const AppRecord& rec);
    void close();
    std::uint16_t faultSw(int status) const;
    void arm(int steps);
    static VmApplication& self(lua_State* L);
    static void* allocate(void* ud, void* ptr, std::size_t osize, std::size_t nsize);
    static void stepHook(lua_State* L, lua_Debug* ar);
    static int apiRead(lua_State* L);
    static int apiWrite(lua_State* L);
    static int apiSize(lua_State* L);
    static int apiConfig(lua_State* L);
    [[noreturn]] static void firewall(lua_State* L);
    // Runs an API function's card work; a C++ exception (an NVM error, the power-cut test hook) must not unwind
    // through liblua's C frames: it is kept, the script is stopped with a Lua error, and after lua_pcall the
    // state is closed and the exception rethrown (rethrowPending).
    template <class F> static int guarded(lua_State* L, F&& work);
    void rethrowPending();

    CardOs& m_os;
    Bytes m_aid;
    lua_State* m_L = nullptr;
    AppRecord m_rec;
    std::size_t m_used = 0, m_limit = 0;
    Fault m_fault = Fault::None;
    std::exception_ptr m_pending;
};

} // namespace cdos::card
