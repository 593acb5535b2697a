#include "Messages.h"

#include <array>

namespace cdgw {

namespace {
bool g_chinese = false;

struct Entry {
    Msg id;
    const char* en;
    const char* zh;
};

// %1, %2: arguments filled in by the caller with QString::arg.
constexpr std::array kTable{
    Entry{Msg::WaitingForCard, "Please insert your card (reader %1).", "请插入智能卡（读卡器 %1）。"},
    Entry{Msg::CardIn, "Card inserted.", "已插入智能卡。"},
    Entry{Msg::Authenticating, "Authenticating the card with the headend...", "正在与前端进行三方认证……"},
    Entry{Msg::Authenticated, "Card authenticated: card %1 (session until %2).",
          "认证成功：卡号 %1（会话有效期至 %2）。"},
    Entry{Msg::UnknownCard, "Refused: this card is not known to the operator.", "拒绝：运营商不认识此卡。"},
    Entry{Msg::BlockedCard, "Refused: this card is blocked. Please call the operator.",
          "拒绝：此卡已被冻结，请联系运营商。"},
    Entry{Msg::CardRefusedHeadend, "Refused: the card did not accept the headend (status %1).",
          "拒绝：智能卡不认可前端（状态字 %1）。"},
    Entry{Msg::HeadendRefusedCard, "Refused: the headend did not accept the card (%1).",
          "拒绝：前端不认可此卡（%1）。"},
    Entry{Msg::HeadendUnreachable, "The headend cannot be reached (%1). Please try again later.",
          "无法连接前端（%1），请稍后再试。"},
    Entry{Msg::CertificateMismatch, "Refused: the headend's certificate is not the pinned one. Not connecting.",
          "拒绝：前端证书与预置证书不符，已中止连接。"},
    Entry{Msg::HeadendError, "The headend refused: %1.", "前端拒绝：%1。"},
    Entry{Msg::CardError, "The card refused: %1.", "智能卡拒绝：%1。"},
    Entry{Msg::NoCard, "No card in the reader.", "读卡器中没有卡。"},
    Entry{Msg::ChooseUser, "Choose a user", "请选择用户"},
    Entry{Msg::EnterPin, "PIN", "密码"},
    Entry{Msg::WrongPin, "Wrong PIN, %1 tries left.", "密码错误，还剩 %1 次。"},
    Entry{Msg::UserBlocked, "This user is blocked (too many wrong PINs).", "该用户已被锁定（密码错误次数过多）。"},
    Entry{Msg::Welcome, "Welcome, %1.", "欢迎，%1。"},
    Entry{Msg::Menu, "Personal menu", "个人菜单"},
    Entry{Msg::MenuPay, "Pay", "支付"},
    Entry{Msg::MenuTopUp, "Top up", "充值"},
    Entry{Msg::MenuBalance, "Balance", "查询余额"},
    Entry{Msg::MenuQuit, "Quit", "退出"},
    Entry{Msg::Amount, "Amount in yuan", "金额（元）"},
    Entry{Msg::BadAmount, "Not an amount.", "金额无效。"},
    Entry{Msg::Balance, "Balance: %1 yuan.", "余额：%1 元。"},
    Entry{Msg::Paid, "Paid %1 yuan. Balance: %2 yuan.", "已支付 %1 元。余额：%2 元。"},
    Entry{Msg::InsufficientBalance, "Refused: insufficient balance (%1 yuan).", "拒绝：余额不足（%1 元）。"},
    Entry{Msg::ToppedUp, "Topped up %1 yuan. Balance: %2 yuan.", "已充值 %1 元。余额：%2 元。"},
    Entry{Msg::OverLimit, "Refused: the purse would go over its limit.", "拒绝：充值后将超过钱包上限。"},
    Entry{Msg::BankRefused, "Refused by the bank: %1.", "银行拒绝：%1。"},
    Entry{Msg::Recovering, "The card's answer was lost; recovering the transaction...",
          "智能卡应答丢失，正在恢复交易……"},
    Entry{Msg::RecoveredDone, "Recovered: the transaction was completed.", "已恢复：交易已完成。"},
    Entry{Msg::RecoveredNotDone, "Recovered: the transaction did not happen; nothing was charged.",
          "已恢复：交易未发生，未扣款。"},
    Entry{Msg::FallbackLogin, "(direct login: the card's proactive module is not available)",
          "（直接登录：智能卡主动式模块不可用）"},
    Entry{Msg::PaymentPin, "Payment PIN", "支付密码"},
    Entry{Msg::Bye, "Goodbye. Please take your card.", "再见，请取回智能卡。"},
    Entry{Msg::BadChoice, "Not a choice.", "无效选择。"},
    Entry{Msg::ServiceUnavailable, "This service is not offered by this terminal.", "本终端不提供此项业务。"},
};
} // namespace

void Messages::setLanguage(const QString& lang) {
    g_chinese = lang.startsWith(QStringLiteral("zh"));
}

QString Messages::text(Msg m) {
    for (const auto& e : kTable)
        if (e.id == m)
            return QString::fromUtf8(g_chinese ? e.zh : e.en);
    return {};
}

} // namespace cdgw
