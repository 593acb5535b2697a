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
    Entry{Msg::PendingLoad, "An earlier top-up of %1 yuan on this card was not finished.",
          "此卡有一笔 %1 元的充值尚未完成。"},
    Entry{Msg::PendingLoadChoice, "Finish it on this card, or refund it to the bank account?",
          "在此卡上完成充值，还是退回银行账户？"},
    Entry{Msg::PendingLoadFinish, "Finish the top-up on this card", "在此卡上完成充值"},
    Entry{Msg::PendingLoadRefund, "Refund it to the bank account", "退回银行账户"},
    Entry{Msg::PendingLoadRefunded, "Refunded: %1 yuan went back to the bank account; the card is unchanged.",
          "已退款：%1 元已退回银行账户，卡内余额未变。"},
    Entry{Msg::FallbackLogin, "(direct login: the card's proactive module is not available)",
          "（直接登录：智能卡主动式模块不可用）"},
    Entry{Msg::PaymentPin, "Payment PIN", "支付密码"},
    Entry{Msg::Bye, "Goodbye. Please take your card.", "再见，请取回智能卡。"},
    Entry{Msg::AppsMenu, "Application download", "应用下载"},
    Entry{Msg::AppsInstall, "Install an application", "安装应用"},
    Entry{Msg::AppsDelete, "Delete an application", "删除应用"},
    Entry{Msg::AppsBack, "Back", "返回"},
    Entry{Msg::AppsOffered, "Applications offered", "可安装的应用"},
    Entry{Msg::AppsOnCard, "Applications on the card", "卡上的应用"},
    Entry{Msg::AppsItem, "%1 (version %2, %3 KB)", "%1（版本 %2，%3 KB）"},
    Entry{Msg::AppsItemInstalled, "%1 (version %2, %3 KB, installed)", "%1（版本 %2，%3 KB，已安装）"},
    Entry{Msg::AppsNoneOffered, "The operator offers no applications.", "运营商暂无可安装的应用。"},
    Entry{Msg::AppsNoneOnCard, "No application on this card can be deleted here.", "卡上没有可在此删除的应用。"},
    Entry{Msg::AppsInstalling, "Installing %1... %2%", "正在安装 %1……%2%"},
    Entry{Msg::AppsInstalled, "Installed: %1.", "已安装：%1。"},
    Entry{Msg::AppsInstallRefused, "Not installed: %1 (status %2).", "未安装：%1（状态字 %2）。"},
    Entry{Msg::AppsDeleting, "Deleting %1...", "正在删除 %1……"},
    Entry{Msg::AppsDeleted, "Deleted: %1.", "已删除：%1。"},
    Entry{Msg::AppsDeleteRefused, "Not deleted: %1 (status %2).", "未删除：%1（状态字 %2）。"},
    Entry{Msg::AppsNotConfigured, "Application download is not offered by the operator at the moment.",
          "运营商目前不提供应用下载。"},
    Entry{Msg::AppsUnknownApp, "The operator does not offer this application.", "运营商不提供此应用。"},
    Entry{Msg::AppsCardNotRegistered, "This card is not registered for application download. Please call the operator.",
          "此卡尚未登记应用下载，请联系运营商。"},
    Entry{Msg::AppsNoPermission, "The operator did not accept this card's permission for application download.",
          "运营商未认可本卡的应用下载权限。"},
    Entry{Msg::AppsAlreadyInstalled, "The operator's records say this application is already on the card.",
          "运营商记录显示此应用已在卡上。"},
    Entry{Msg::AppsNotInstalledHere, "The operator's records do not show this installation; it cannot be deleted here.",
          "运营商没有这次安装的记录，无法在此删除。"},
    Entry{Msg::BadChoice, "Not a choice.", "无效选择。"},
    Entry{Msg::PinFormat, "A PIN is 4 to 12 digits; try again (nothing was sent to the card).",
          "PIN 为 4 到 12 位数字，请重新输入（未发送给卡片）。"},
    Entry{Msg::ServiceUnavailable, "This service is not offered by this terminal.", "本终端不提供此项业务。"},
    Entry{Msg::TvNotConfigured, "No TV input or output is configured on this terminal (--tv-input, --tv-output).",
          "本终端未配置电视输入或输出（--tv-input、--tv-output）。"},
    Entry{Msg::Channels, "Channels", "频道"},
    Entry{Msg::Tuning, "Tuning to %1...", "正在切换到 %1……"},
    Entry{Msg::TvEnded, "Playback ended: %1 packets out, %2 descrambled.", "播放结束：输出 %1 个包，解扰 %2 个。"},
    Entry{Msg::NotEntitled,
          "Not enough rights to watch this programme on %1 (the card answered 6985). Back to the menu.",
          "您无权收看此节目（日期 %1，智能卡回应 6985）。返回菜单。"},
    Entry{Msg::EcmRefused, "The card refused the programme's key message (%1). Back to the menu.",
          "智能卡拒绝了节目的授权控制信息（%1）。返回菜单。"},
    Entry{Msg::PlayerClosed, "The player was closed; playback stopped.", "播放器已关闭，停止播放。"},
    Entry{Msg::TvError, "The programme cannot be played: %1.", "无法播放该节目：%1。"},
    Entry{Msg::VodCatalogue, "Video on demand", "视频点播"},
    Entry{Msg::VodItem, "%1 - %2 yuan, %3 days", "%1 - %2 元，%3 天"},
    Entry{Msg::VodEmpty, "No titles are on sale.", "暂无可点播的节目。"},
    Entry{Msg::VodAlreadyOwned, "You already have \"%1\" until %2.", "您已购买《%1》，有效期至 %2。"},
    Entry{Msg::VodPriceChanged, "The price of this title has changed; nothing was charged. Please choose again.",
          "该节目价格已变更，未扣款，请重新选择。"},
    Entry{Msg::VodRightOpened, "Right to \"%1\" opened until %2.", "《%1》的收看权限已开通，有效期至 %2。"},
    Entry{Msg::VodRightRefused, "The card did not open the right (%1).", "智能卡未开通收看权限（%1）。"},
    Entry{Msg::VodNoStream, "The title's stream %1 is not available.", "该节目的节目流 %1 不可用。"},
    Entry{Msg::MenuEditTitle, "Edit menu", "编辑菜单"},
    Entry{Msg::MenuEditShown, "shown", "显示"},
    Entry{Msg::MenuEditHidden, "hidden", "隐藏"},
    Entry{Msg::MenuEditDeleted, "deleted", "已删除"},
    Entry{Msg::MenuEditNew, "new", "新增"},
    Entry{Msg::MenuEditAdd, "Add an entry", "添加菜单项"},
    Entry{Msg::MenuEditSave, "Save", "保存"},
    Entry{Msg::MenuEditCancel, "Cancel", "取消"},
    Entry{Msg::MenuEditEntry, "Entry \"%1\"", "菜单项《%1》"},
    Entry{Msg::MenuEditHide, "Hide", "隐藏"},
    Entry{Msg::MenuEditShow, "Show", "显示"},
    Entry{Msg::MenuEditDelete, "Delete", "删除"},
    Entry{Msg::MenuEditKeep, "Keep", "保留"},
    Entry{Msg::MenuEditService, "Service of the new entry", "新菜单项的业务"},
    Entry{Msg::MenuEditNewTitle, "Title of the new entry", "新菜单项的名称"},
    Entry{Msg::MenuEditBadTitle, "A title must be 1 to %1 bytes.", "名称长度须为 1 至 %1 字节。"},
    Entry{Msg::MenuEditFull, "No free entry number is left.", "没有可用的菜单项编号。"},
    Entry{Msg::MenuEditNothing, "Nothing to save.", "没有需要保存的修改。"},
    Entry{Msg::MenuEditSaved, "Menu saved on the card (%1 changes); it is shown this way from the next login.",
          "菜单已写入智能卡（%1 处修改），下次登录时生效。"},
    Entry{Msg::MenuEditRefused, "The card refused the menu change (%1); nothing was changed.",
          "智能卡拒绝修改菜单（%1），菜单未改变。"},
    Entry{Msg::ServiceLiveTv, "Live TV", "电视直播"},
    Entry{Msg::ServiceVod, "Video on demand", "视频点播"},
    Entry{Msg::ServicePurse, "E-purse", "电子钱包"},
    Entry{Msg::ServiceTopUp, "Top-up", "在线充值"},
    Entry{Msg::ServiceApps, "Applications", "应用下载"},
    Entry{Msg::ServiceSettings, "Settings", "设置"},
};
} // namespace

void Messages::setLanguage(const QString& lang) {
    g_chinese = lang.startsWith(QStringLiteral("zh"));
}

bool Messages::chinese() {
    return g_chinese;
}

QString Messages::text(Msg m) {
    for (const auto& e : kTable)
        if (e.id == m)
            return QString::fromUtf8(g_chinese ? e.zh : e.en);
    return {};
}

} // namespace cdgw
