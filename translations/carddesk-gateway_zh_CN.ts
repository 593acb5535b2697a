<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>cdgw::Messages</name>
    <message>
        <source>Please insert your card (reader %1).</source>
        <translation>请插入智能卡（读卡器 %1）。</translation>
    </message>
    <message>
        <source>Card inserted.</source>
        <translation>已插入智能卡。</translation>
    </message>
    <message>
        <source>Authenticating the card with the headend...</source>
        <translation>正在与前端进行三方认证……</translation>
    </message>
    <message>
        <source>Card authenticated: card %1 (session until %2).</source>
        <translation>认证成功：卡号 %1（会话有效期至 %2）。</translation>
    </message>
    <message>
        <source>Refused: this card is not known to the operator.</source>
        <translation>拒绝：运营商不认识此卡。</translation>
    </message>
    <message>
        <source>Refused: this card is blocked. Please call the operator.</source>
        <translation>拒绝：此卡已被冻结，请联系运营商。</translation>
    </message>
    <message>
        <source>Refused: the card did not accept the headend (status %1).</source>
        <translation>拒绝：智能卡不认可前端（状态字 %1）。</translation>
    </message>
    <message>
        <source>Refused: the headend did not accept the card (%1).</source>
        <translation>拒绝：前端不认可此卡（%1）。</translation>
    </message>
    <message>
        <source>The headend cannot be reached (%1). Please try again later.</source>
        <translation>无法连接前端（%1），请稍后再试。</translation>
    </message>
    <message>
        <source>Refused: the headend&apos;s certificate is not the pinned one. Not connecting.</source>
        <translation>拒绝：前端证书与预置证书不符，已中止连接。</translation>
    </message>
    <message>
        <source>The headend refused: %1.</source>
        <translation>前端拒绝：%1。</translation>
    </message>
    <message>
        <source>The card refused: %1.</source>
        <translation>智能卡拒绝：%1。</translation>
    </message>
    <message>
        <source>No card in the reader.</source>
        <translation>读卡器中没有卡。</translation>
    </message>
    <message>
        <source>Choose a user</source>
        <translation>请选择用户</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Wrong PIN, %1 tries left.</source>
        <translation>密码错误，还剩 %1 次。</translation>
    </message>
    <message>
        <source>This user is blocked (too many wrong PINs).</source>
        <translation>该用户已被锁定（密码错误次数过多）。</translation>
    </message>
    <message>
        <source>Welcome, %1.</source>
        <translation>欢迎，%1。</translation>
    </message>
    <message>
        <source>Personal menu</source>
        <translation>个人菜单</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>支付</translation>
    </message>
    <message>
        <source>Top up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>查询余额</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Amount in yuan</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Not an amount.</source>
        <translation>金额无效。</translation>
    </message>
    <message>
        <source>Balance: %1 yuan.</source>
        <translation>余额：%1 元。</translation>
    </message>
    <message>
        <source>Paid %1 yuan. Balance: %2 yuan.</source>
        <translation>已支付 %1 元。余额：%2 元。</translation>
    </message>
    <message>
        <source>Refused: insufficient balance (%1 yuan).</source>
        <translation>拒绝：余额不足（%1 元）。</translation>
    </message>
    <message>
        <source>Topped up %1 yuan. Balance: %2 yuan.</source>
        <translation>已充值 %1 元。余额：%2 元。</translation>
    </message>
    <message>
        <source>Refused: the purse would go over its limit.</source>
        <translation>拒绝：充值后将超过钱包上限。</translation>
    </message>
    <message>
        <source>Refused by the bank: %1.</source>
        <translation>银行拒绝：%1。</translation>
    </message>
    <message>
        <source>The card&apos;s answer was lost; recovering the transaction...</source>
        <translation>智能卡应答丢失，正在恢复交易……</translation>
    </message>
    <message>
        <source>Recovered: the transaction was completed.</source>
        <translation>已恢复：交易已完成。</translation>
    </message>
    <message>
        <source>Recovered: the transaction did not happen; nothing was charged.</source>
        <translation>已恢复：交易未发生，未扣款。</translation>
    </message>
    <message>
        <source>An earlier top-up of %1 yuan on this card was not finished.</source>
        <translation>此卡有一笔 %1 元的充值尚未完成。</translation>
    </message>
    <message>
        <source>Finish it on this card, or refund it to the bank account?</source>
        <translation>在此卡上完成充值，还是退回银行账户？</translation>
    </message>
    <message>
        <source>Finish the top-up on this card</source>
        <translation>在此卡上完成充值</translation>
    </message>
    <message>
        <source>Refund it to the bank account</source>
        <translation>退回银行账户</translation>
    </message>
    <message>
        <source>Refunded: %1 yuan went back to the bank account; the card is unchanged.</source>
        <translation>已退款：%1 元已退回银行账户，卡内余额未变。</translation>
    </message>
    <message>
        <source>(direct login: the card&apos;s proactive module is not available)</source>
        <translation>（直接登录：智能卡主动式模块不可用）</translation>
    </message>
    <message>
        <source>Payment PIN</source>
        <translation>支付密码</translation>
    </message>
    <message>
        <source>Goodbye. Please take your card.</source>
        <translation>再见，请取回智能卡。</translation>
    </message>
    <message>
        <source>Application download</source>
        <translation>应用下载</translation>
    </message>
    <message>
        <source>Install an application</source>
        <translation>安装应用</translation>
    </message>
    <message>
        <source>Delete an application</source>
        <translation>删除应用</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Applications offered</source>
        <translation>可安装的应用</translation>
    </message>
    <message>
        <source>Applications on the card</source>
        <translation>卡上的应用</translation>
    </message>
    <message>
        <source>%1 (version %2, %3 KB)</source>
        <translation>%1（版本 %2，%3 KB）</translation>
    </message>
    <message>
        <source>%1 (version %2, %3 KB, installed)</source>
        <translation>%1（版本 %2，%3 KB，已安装）</translation>
    </message>
    <message>
        <source>The operator offers no applications.</source>
        <translation>运营商暂无可安装的应用。</translation>
    </message>
    <message>
        <source>No application on this card can be deleted here.</source>
        <translation>卡上没有可在此删除的应用。</translation>
    </message>
    <message>
        <source>Installing %1... %2%</source>
        <translation>正在安装 %1……%2%</translation>
    </message>
    <message>
        <source>Installed: %1.</source>
        <translation>已安装：%1。</translation>
    </message>
    <message>
        <source>Not installed: %1 (status %2).</source>
        <translation>未安装：%1（状态字 %2）。</translation>
    </message>
    <message>
        <source>Deleting %1...</source>
        <translation>正在删除 %1……</translation>
    </message>
    <message>
        <source>Deleted: %1.</source>
        <translation>已删除：%1。</translation>
    </message>
    <message>
        <source>Not deleted: %1 (status %2).</source>
        <translation>未删除：%1（状态字 %2）。</translation>
    </message>
    <message>
        <source>Application download is not offered by the operator at the moment.</source>
        <translation>运营商目前不提供应用下载。</translation>
    </message>
    <message>
        <source>The operator does not offer this application.</source>
        <translation>运营商不提供此应用。</translation>
    </message>
    <message>
        <source>This card is not registered for application download. Please call the operator.</source>
        <translation>此卡尚未登记应用下载，请联系运营商。</translation>
    </message>
    <message>
        <source>The operator did not accept this card&apos;s permission for application download.</source>
        <translation>运营商未认可本卡的应用下载权限。</translation>
    </message>
    <message>
        <source>The operator&apos;s records say this application is already on the card.</source>
        <translation>运营商记录显示此应用已在卡上。</translation>
    </message>
    <message>
        <source>The operator&apos;s records do not show this installation; it cannot be deleted here.</source>
        <translation>运营商没有这次安装的记录，无法在此删除。</translation>
    </message>
    <message>
        <source>Not a choice.</source>
        <translation>无效选择。</translation>
    </message>
    <message>
        <source>A PIN is 4 to 12 digits; try again (nothing was sent to the card).</source>
        <translation>PIN 为 4 到 12 位数字，请重新输入（未发送给卡片）。</translation>
    </message>
    <message>
        <source>This service is not offered by this terminal.</source>
        <translation>本终端不提供此项业务。</translation>
    </message>
    <message>
        <source>No TV input or output is configured on this terminal (--tv-input, --tv-output).</source>
        <translation>本终端未配置电视输入或输出（--tv-input、--tv-output）。</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>频道</translation>
    </message>
    <message>
        <source>Tuning to %1...</source>
        <translation>正在切换到 %1……</translation>
    </message>
    <message>
        <source>Playback ended: %1 packets out, %2 descrambled.</source>
        <translation>播放结束：输出 %1 个包，解扰 %2 个。</translation>
    </message>
    <message>
        <source>Not enough rights to watch this programme on %1 (the card answered 6985). Back to the menu.</source>
        <translation>您无权收看此节目（日期 %1，智能卡回应 6985）。返回菜单。</translation>
    </message>
    <message>
        <source>The card refused the programme&apos;s key message (%1). Back to the menu.</source>
        <translation>智能卡拒绝了节目的授权控制信息（%1）。返回菜单。</translation>
    </message>
    <message>
        <source>The player was closed; playback stopped.</source>
        <translation>播放器已关闭，停止播放。</translation>
    </message>
    <message>
        <source>The programme cannot be played: %1.</source>
        <translation>无法播放该节目：%1。</translation>
    </message>
    <message>
        <source>Video on demand</source>
        <translation>视频点播</translation>
    </message>
    <message>
        <source>%1 - %2 yuan, %3 days</source>
        <translation>%1 - %2 元，%3 天</translation>
    </message>
    <message>
        <source>No titles are on sale.</source>
        <translation>暂无可点播的节目。</translation>
    </message>
    <message>
        <source>You already have &quot;%1&quot; until %2.</source>
        <translation>您已购买《%1》，有效期至 %2。</translation>
    </message>
    <message>
        <source>The price of this title has changed; nothing was charged. Please choose again.</source>
        <translation>该节目价格已变更，未扣款，请重新选择。</translation>
    </message>
    <message>
        <source>Right to &quot;%1&quot; opened until %2.</source>
        <translation>《%1》的收看权限已开通，有效期至 %2。</translation>
    </message>
    <message>
        <source>The card did not open the right (%1).</source>
        <translation>智能卡未开通收看权限（%1）。</translation>
    </message>
    <message>
        <source>The title&apos;s stream %1 is not available.</source>
        <translation>该节目的节目流 %1 不可用。</translation>
    </message>
    <message>
        <source>Edit menu</source>
        <translation>编辑菜单</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Add an entry</source>
        <translation>添加菜单项</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Entry &quot;%1&quot;</source>
        <translation>菜单项《%1》</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Service of the new entry</source>
        <translation>新菜单项的业务</translation>
    </message>
    <message>
        <source>Title of the new entry</source>
        <translation>新菜单项的名称</translation>
    </message>
    <message>
        <source>A title must be 1 to %1 bytes.</source>
        <translation>名称长度须为 1 至 %1 字节。</translation>
    </message>
    <message>
        <source>No free entry number is left.</source>
        <translation>没有可用的菜单项编号。</translation>
    </message>
    <message>
        <source>Nothing to save.</source>
        <translation>没有需要保存的修改。</translation>
    </message>
    <message>
        <source>Menu saved on the card (%1 changes); it is shown this way from the next login.</source>
        <translation>菜单已写入智能卡（%1 处修改），下次登录时生效。</translation>
    </message>
    <message>
        <source>The card refused the menu change (%1); nothing was changed.</source>
        <translation>智能卡拒绝修改菜单（%1），菜单未改变。</translation>
    </message>
    <message>
        <source>Live TV</source>
        <translation>电视直播</translation>
    </message>
    <message>
        <source>E-purse</source>
        <translation>电子钱包</translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation>在线充值</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>应用下载</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>There is no reader &quot;%1&quot;. Readers connected: %2.</source>
        <translation>没有名为 &quot;%1&quot; 的读卡器。已连接的读卡器：%2。</translation>
    </message>
    <message>
        <source>There is no reader &quot;%1&quot;, and no reader is connected.</source>
        <translation>没有名为 &quot;%1&quot; 的读卡器，也没有连接任何读卡器。</translation>
    </message>
    <message>
        <source>The card was taken out or stopped answering. Please insert it again.</source>
        <translation>智能卡已被取出或停止应答，请重新插入。</translation>
    </message>
    <message>
        <source>The card reader was disconnected.</source>
        <translation>读卡器已断开。</translation>
    </message>
    <message>
        <source>The smart-card service is not running.</source>
        <translation>智能卡服务未运行。</translation>
    </message>
    <message>
        <source>The card could not be reached.</source>
        <translation>无法与智能卡通信。</translation>
    </message>
    <message>
        <source>The card lists no users.</source>
        <translation>智能卡中没有用户。</translation>
    </message>
</context>
<context>
    <name>cdos::StatusWords</name>
    <message>
        <source>success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>wrong length</source>
        <translation>长度错误</translation>
    </message>
    <message>
        <source>command incompatible with file structure</source>
        <translation>命令与文件结构不兼容</translation>
    </message>
    <message>
        <source>security status not satisfied</source>
        <translation>安全状态不满足</translation>
    </message>
    <message>
        <source>authentication method blocked</source>
        <translation>认证方法已锁定</translation>
    </message>
    <message>
        <source>conditions of use not satisfied</source>
        <translation>使用条件不满足</translation>
    </message>
    <message>
        <source>the user does not hold the right for this</source>
        <translation>该用户没有此项权限</translation>
    </message>
    <message>
        <source>secure messaging data incorrect (MAC)</source>
        <translation>安全报文数据不正确（MAC）</translation>
    </message>
    <message>
        <source>incorrect data</source>
        <translation>数据不正确</translation>
    </message>
    <message>
        <source>function not supported (card blocked or terminated)</source>
        <translation>功能不支持（卡已锁定或已终止）</translation>
    </message>
    <message>
        <source>file or application not found</source>
        <translation>未找到文件或应用</translation>
    </message>
    <message>
        <source>record not found</source>
        <translation>未找到记录</translation>
    </message>
    <message>
        <source>not enough memory</source>
        <translation>存储空间不足</translation>
    </message>
    <message>
        <source>incorrect P1-P2</source>
        <translation>P1-P2 不正确</translation>
    </message>
    <message>
        <source>referenced data not found</source>
        <translation>未找到引用的数据</translation>
    </message>
    <message>
        <source>file already exists</source>
        <translation>文件已存在</translation>
    </message>
    <message>
        <source>wrong offset</source>
        <translation>偏移量错误</translation>
    </message>
    <message>
        <source>instruction not supported</source>
        <translation>不支持的指令</translation>
    </message>
    <message>
        <source>class not supported</source>
        <translation>不支持的类别</translation>
    </message>
    <message>
        <source>memory failure</source>
        <translation>存储器故障</translation>
    </message>
    <message>
        <source>internal error</source>
        <translation>内部错误</translation>
    </message>
    <message>
        <source>MAC invalid</source>
        <translation>MAC 无效</translation>
    </message>
    <message>
        <source>application permanently locked</source>
        <translation>应用已永久锁定</translation>
    </message>
    <message>
        <source>insufficient balance</source>
        <translation>余额不足</translation>
    </message>
    <message>
        <source>counter at maximum</source>
        <translation>计数器已达上限</translation>
    </message>
    <message>
        <source>key index not supported</source>
        <translation>不支持的密钥索引</translation>
    </message>
    <message>
        <source>requested MAC not available</source>
        <translation>所请求的 MAC 不可用</translation>
    </message>
    <message>
        <source>purse permanently locked</source>
        <translation>电子钱包已永久锁定</translation>
    </message>
    <message>
        <source>transaction counter at its maximum</source>
        <translation>交易计数器已达上限</translation>
    </message>
    <message>
        <source>no such transaction to prove</source>
        <translation>没有可证明的该笔交易</translation>
    </message>
</context>
</TS>
