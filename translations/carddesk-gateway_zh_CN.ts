<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>cdgw::Messages</name>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="21"/>
        <source>Please insert your card (reader %1).</source>
        <translation>请插入智能卡（读卡器 %1）。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="22"/>
        <source>Card inserted.</source>
        <translation>已插入智能卡。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="23"/>
        <source>Authenticating the card with the headend...</source>
        <translation>正在与前端进行三方认证……</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="24"/>
        <source>Card authenticated: card %1 (session until %2).</source>
        <translation>认证成功：卡号 %1（会话有效期至 %2）。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="25"/>
        <source>Refused: this card is not known to the operator.</source>
        <translation>拒绝：运营商不认识此卡。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="27"/>
        <source>Refused: this card is blocked. Please call the operator.</source>
        <translation>拒绝：此卡已被冻结，请联系运营商。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="29"/>
        <source>Refused: the card did not accept the headend (status %1).</source>
        <translation>拒绝：智能卡不认可前端（状态字 %1）。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="31"/>
        <source>Refused: the headend did not accept the card (%1).</source>
        <translation>拒绝：前端不认可此卡（%1）。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="33"/>
        <source>The headend cannot be reached (%1). Please try again later.</source>
        <translation>无法连接前端（%1），请稍后再试。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="35"/>
        <source>Refused: the headend&apos;s certificate is not the pinned one. Not connecting.</source>
        <translation>拒绝：前端证书与预置证书不符，已中止连接。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="37"/>
        <source>The headend refused: %1.</source>
        <translation>前端拒绝：%1。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="38"/>
        <source>The card refused: %1.</source>
        <translation>智能卡拒绝：%1。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="39"/>
        <source>No card in the reader.</source>
        <translation>读卡器中没有卡。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="40"/>
        <source>Choose a user</source>
        <translation>请选择用户</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="41"/>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="42"/>
        <source>Wrong PIN, %1 tries left.</source>
        <translation>密码错误，还剩 %1 次。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="43"/>
        <source>This user is blocked (too many wrong PINs).</source>
        <translation>该用户已被锁定（密码错误次数过多）。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="44"/>
        <source>Welcome, %1.</source>
        <translation>欢迎，%1。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="45"/>
        <source>Personal menu</source>
        <translation>个人菜单</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="46"/>
        <source>Pay</source>
        <translation>支付</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="47"/>
        <source>Top up</source>
        <translation>充值</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="48"/>
        <source>Balance</source>
        <translation>查询余额</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="49"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="50"/>
        <source>Amount in yuan</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="51"/>
        <source>Not an amount.</source>
        <translation>金额无效。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="52"/>
        <source>Balance: %1 yuan.</source>
        <translation>余额：%1 元。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="53"/>
        <source>Paid %1 yuan. Balance: %2 yuan.</source>
        <translation>已支付 %1 元。余额：%2 元。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="54"/>
        <source>Refused: insufficient balance (%1 yuan).</source>
        <translation>拒绝：余额不足（%1 元）。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="55"/>
        <source>Topped up %1 yuan. Balance: %2 yuan.</source>
        <translation>已充值 %1 元。余额：%2 元。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="56"/>
        <source>Refused: the purse would go over its limit.</source>
        <translation>拒绝：充值后将超过钱包上限。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="57"/>
        <source>Refused by the bank: %1.</source>
        <translation>银行拒绝：%1。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="59"/>
        <source>The card&apos;s answer was lost; recovering the transaction...</source>
        <translation>智能卡应答丢失，正在恢复交易……</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="60"/>
        <source>Recovered: the transaction was completed.</source>
        <translation>已恢复：交易已完成。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="62"/>
        <source>Recovered: the transaction did not happen; nothing was charged.</source>
        <translation>已恢复：交易未发生，未扣款。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="64"/>
        <source>An earlier top-up of %1 yuan on this card was not finished.</source>
        <translation>此卡有一笔 %1 元的充值尚未完成。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="66"/>
        <source>Finish it on this card, or refund it to the bank account?</source>
        <translation>在此卡上完成充值，还是退回银行账户？</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="67"/>
        <source>Finish the top-up on this card</source>
        <translation>在此卡上完成充值</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="68"/>
        <source>Refund it to the bank account</source>
        <translation>退回银行账户</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="71"/>
        <source>Refunded: %1 yuan went back to the bank account; the card is unchanged.</source>
        <translation>已退款：%1 元已退回银行账户，卡内余额未变。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="73"/>
        <source>(direct login: the card&apos;s proactive module is not available)</source>
        <translation>（直接登录：智能卡主动式模块不可用）</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="74"/>
        <source>Payment PIN</source>
        <translation>支付密码</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="75"/>
        <source>Goodbye. Please take your card.</source>
        <translation>再见，请取回智能卡。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="76"/>
        <source>Application download</source>
        <translation>应用下载</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="77"/>
        <source>Install an application</source>
        <translation>安装应用</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="78"/>
        <source>Delete an application</source>
        <translation>删除应用</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="79"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="80"/>
        <source>Applications offered</source>
        <translation>可安装的应用</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="81"/>
        <source>Applications on the card</source>
        <translation>卡上的应用</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="82"/>
        <source>%1 (version %2, %3 KB)</source>
        <translation>%1（版本 %2，%3 KB）</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="83"/>
        <source>%1 (version %2, %3 KB, installed)</source>
        <translation>%1（版本 %2，%3 KB，已安装）</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="84"/>
        <source>The operator offers no applications.</source>
        <translation>运营商暂无可安装的应用。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="85"/>
        <source>No application on this card can be deleted here.</source>
        <translation>卡上没有可在此删除的应用。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="86"/>
        <source>Installing %1... %2%</source>
        <translation>正在安装 %1……%2%</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="87"/>
        <source>Installed: %1.</source>
        <translation>已安装：%1。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="88"/>
        <source>Not installed: %1 (status %2).</source>
        <translation>未安装：%1（状态字 %2）。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="89"/>
        <source>Deleting %1...</source>
        <translation>正在删除 %1……</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="90"/>
        <source>Deleted: %1.</source>
        <translation>已删除：%1。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="91"/>
        <source>Not deleted: %1 (status %2).</source>
        <translation>未删除：%1（状态字 %2）。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="93"/>
        <source>Application download is not offered by the operator at the moment.</source>
        <translation>运营商目前不提供应用下载。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="94"/>
        <source>The operator does not offer this application.</source>
        <translation>运营商不提供此应用。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="96"/>
        <source>This card is not registered for application download. Please call the operator.</source>
        <translation>此卡尚未登记应用下载，请联系运营商。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="99"/>
        <source>The operator did not accept this card&apos;s permission for application download.</source>
        <translation>运营商未认可本卡的应用下载权限。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="102"/>
        <source>The operator&apos;s records say this application is already on the card.</source>
        <translation>运营商记录显示此应用已在卡上。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="104"/>
        <source>The operator&apos;s records do not show this installation; it cannot be deleted here.</source>
        <translation>运营商没有这次安装的记录，无法在此删除。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="106"/>
        <source>Not a choice.</source>
        <translation>无效选择。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="108"/>
        <source>A PIN is 4 to 12 digits; try again (nothing was sent to the card).</source>
        <translation>PIN 为 4 到 12 位数字，请重新输入（未发送给卡片）。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="110"/>
        <source>This service is not offered by this terminal.</source>
        <translation>本终端不提供此项业务。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="112"/>
        <source>No TV input or output is configured on this terminal (--tv-input, --tv-output).</source>
        <translation>本终端未配置电视输入或输出（--tv-input、--tv-output）。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="114"/>
        <source>Channels</source>
        <translation>频道</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="115"/>
        <source>Tuning to %1...</source>
        <translation>正在切换到 %1……</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="116"/>
        <source>Playback ended: %1 packets out, %2 descrambled.</source>
        <translation>播放结束：输出 %1 个包，解扰 %2 个。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="118"/>
        <source>Not enough rights to watch this programme on %1 (the card answered 6985). Back to the menu.</source>
        <translation>您无权收看此节目（日期 %1，智能卡回应 6985）。返回菜单。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="122"/>
        <source>The card refused the programme&apos;s key message (%1). Back to the menu.</source>
        <translation>智能卡拒绝了节目的授权控制信息（%1）。返回菜单。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="123"/>
        <source>The player was closed; playback stopped.</source>
        <translation>播放器已关闭，停止播放。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="124"/>
        <source>The programme cannot be played: %1.</source>
        <translation>无法播放该节目：%1。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="125"/>
        <location filename="../gateway/src/Messages.cpp" line="159"/>
        <source>Video on demand</source>
        <translation>视频点播</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="126"/>
        <source>%1 - %2 yuan, %3 days</source>
        <translation>%1 - %2 元，%3 天</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="127"/>
        <source>No titles are on sale.</source>
        <translation>暂无可点播的节目。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="128"/>
        <source>You already have &quot;%1&quot; until %2.</source>
        <translation>您已购买《%1》，有效期至 %2。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="130"/>
        <source>The price of this title has changed; nothing was charged. Please choose again.</source>
        <translation>该节目价格已变更，未扣款，请重新选择。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="132"/>
        <source>Right to &quot;%1&quot; opened until %2.</source>
        <translation>《%1》的收看权限已开通，有效期至 %2。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="133"/>
        <source>The card did not open the right (%1).</source>
        <translation>智能卡未开通收看权限（%1）。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="134"/>
        <source>The title&apos;s stream %1 is not available.</source>
        <translation>该节目的节目流 %1 不可用。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="135"/>
        <source>Edit menu</source>
        <translation>编辑菜单</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="136"/>
        <source>shown</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="137"/>
        <source>hidden</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="138"/>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="139"/>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="140"/>
        <source>Add an entry</source>
        <translation>添加菜单项</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="141"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="142"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="143"/>
        <source>Entry &quot;%1&quot;</source>
        <translation>菜单项《%1》</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="144"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="145"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="146"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="147"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="148"/>
        <source>Service of the new entry</source>
        <translation>新菜单项的业务</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="149"/>
        <source>Title of the new entry</source>
        <translation>新菜单项的名称</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="150"/>
        <source>A title must be 1 to %1 bytes.</source>
        <translation>名称长度须为 1 至 %1 字节。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="151"/>
        <source>No free entry number is left.</source>
        <translation>没有可用的菜单项编号。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="152"/>
        <source>Nothing to save.</source>
        <translation>没有需要保存的修改。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="154"/>
        <source>Menu saved on the card (%1 changes); it is shown this way from the next login.</source>
        <translation>菜单已写入智能卡（%1 处修改），下次登录时生效。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="157"/>
        <source>The card refused the menu change (%1); nothing was changed.</source>
        <translation>智能卡拒绝修改菜单（%1），菜单未改变。</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="158"/>
        <source>Live TV</source>
        <translation>电视直播</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="160"/>
        <source>E-purse</source>
        <translation>电子钱包</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="161"/>
        <source>Top-up</source>
        <translation>在线充值</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="162"/>
        <source>Applications</source>
        <translation>应用下载</translation>
    </message>
    <message>
        <location filename="../gateway/src/Messages.cpp" line="163"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
</TS>
