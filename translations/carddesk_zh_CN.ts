<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Access</name>
    <message>
        <source>desk</source>
        <translation>柜台</translation>
    </message>
    <message>
        <source>technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>support</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>issue a card</source>
        <translation>发卡</translation>
    </message>
    <message>
        <source>issue a batch of cards</source>
        <translation>批量发卡</translation>
    </message>
    <message>
        <source>load a purse at the desk</source>
        <translation>在柜台为电子钱包圈存</translation>
    </message>
    <message>
        <source>purchase at the desk</source>
        <translation>在柜台消费</translation>
    </message>
    <message>
        <source>diagnose a card</source>
        <translation>诊断卡片</translation>
    </message>
    <message>
        <source>view the APDU trace</source>
        <translation>查看 APDU 记录</translation>
    </message>
    <message>
        <source>reveal secrets in the trace</source>
        <translation>在 APDU 记录中显示机密</translation>
    </message>
    <message>
        <source>install an application</source>
        <translation>安装应用</translation>
    </message>
    <message>
        <source>delete an application</source>
        <translation>删除应用</translation>
    </message>
    <message>
        <source>read a card&apos;s or subscriber&apos;s history</source>
        <translation>查阅卡片或用户的历史记录</translation>
    </message>
    <message>
        <source>reconcile a card with the headend</source>
        <translation>将卡片与前端对账</translation>
    </message>
    <message>
        <source>export a report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>manage operators</source>
        <translation>管理操作员</translation>
    </message>
    <message>
        <source>run a key ceremony</source>
        <translation>进行密钥仪式</translation>
    </message>
    <message>
        <source>import a key</source>
        <translation>导入密钥</translation>
    </message>
    <message>
        <source>change a service key on a card</source>
        <translation>更换卡上的业务密钥</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>更改设置</translation>
    </message>
    <message>
        <source>switch production mode</source>
        <translation>切换生产模式</translation>
    </message>
    <message>
        <source>review the audit trail</source>
        <translation>审查审计日志</translation>
    </message>
    <message>
        <source>export the audit trail</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1或%2</translation>
    </message>
    <message>
        <source>%1 needs the role %2</source>
        <translation>%1需要角色“%2”</translation>
    </message>
    <message>
        <source>reset a card&apos;s PINs</source>
        <translation>重置卡片密码</translation>
    </message>
</context>
<context>
    <name>ApduDecoder</name>
    <message numerus="yes">
        <source>wrong PIN, %n tries left</source>
        <translation>
            <numerusform>PIN 错误，还剩 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>wrong Le, %1 bytes available</source>
        <translation>Le 错误，可用 %1 字节</translation>
    </message>
    <message>
        <source>%1 more bytes available</source>
        <translation>还有 %1 字节可取</translation>
    </message>
    <message>
        <source>blank</source>
        <translation>空白</translation>
    </message>
    <message>
        <source>personalised</source>
        <translation>已个人化</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>terminated</source>
        <translation>已终止</translation>
    </message>
    <message>
        <source>unknown (%1)</source>
        <translation>未知（%1）</translation>
    </message>
    <message>
        <source>issuer maintenance</source>
        <translation>发卡方维护</translation>
    </message>
    <message>
        <source>transport</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>card authentication</source>
        <translation>卡片认证</translation>
    </message>
    <message>
        <source>purchase</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>load</source>
        <translation>圈存</translation>
    </message>
    <message>
        <source>TAC</source>
        <translation>TAC</translation>
    </message>
    <message>
        <source>CA service</source>
        <translation>条件接收业务</translation>
    </message>
    <message>
        <source>PIN unblock</source>
        <translation>PIN 解锁</translation>
    </message>
    <message>
        <source>dedicated file</source>
        <translation>专用文件（DF）</translation>
    </message>
    <message>
        <source>transparent EF</source>
        <translation>透明 EF</translation>
    </message>
    <message>
        <source>linear fixed EF</source>
        <translation>定长记录 EF</translation>
    </message>
    <message>
        <source>cyclic EF</source>
        <translation>循环记录 EF</translation>
    </message>
    <message>
        <source>always</source>
        <translation>无限制</translation>
    </message>
    <message>
        <source>user PIN</source>
        <translation>用户 PIN</translation>
    </message>
    <message>
        <source>issuer secure messaging</source>
        <translation>发卡方安全报文</translation>
    </message>
    <message>
        <source>never</source>
        <translation>禁止</translation>
    </message>
    <message>
        <source>no ATR</source>
        <translation>无 ATR</translation>
    </message>
    <message>
        <source>CDOS %1.%2, %3</source>
        <translation>CDOS %1.%2，%3</translation>
    </message>
    <message>
        <source>unknown card (ATR %1)</source>
        <translation>未知卡片（ATR %1）</translation>
    </message>
    <message>
        <source>FCP</source>
        <translation>FCP</translation>
    </message>
    <message>
        <source>malformed</source>
        <translation>格式错误</translation>
    </message>
    <message>
        <source>file identifier</source>
        <translation>文件标识</translation>
    </message>
    <message>
        <source>file type</source>
        <translation>文件类型</translation>
    </message>
    <message>
        <source>records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>%1 × %2 bytes</source>
        <translation>%1 × %2 字节</translation>
    </message>
    <message>
        <source>size</source>
        <translation>大小</translation>
    </message>
    <message numerus="yes">
        <source>%n bytes</source>
        <translation>
            <numerusform>%n 字节</numerusform>
        </translation>
    </message>
    <message>
        <source>short file identifier</source>
        <translation>短文件标识（SFI）</translation>
    </message>
    <message>
        <source>DF name</source>
        <translation>DF 名称</translation>
    </message>
    <message>
        <source>read access</source>
        <translation>读权限</translation>
    </message>
    <message>
        <source>update access</source>
        <translation>更新权限</translation>
    </message>
    <message>
        <source>malformed (%1)</source>
        <translation>格式错误（%1）</translation>
    </message>
    <message>
        <source>card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>card-issuer serial</source>
        <translation>发卡方序列号</translation>
    </message>
    <message>
        <source>issuer product serial</source>
        <translation>产品序列号</translation>
    </message>
    <message>
        <source>chip serial</source>
        <translation>芯片序列号</translation>
    </message>
    <message>
        <source>operating system</source>
        <translation>操作系统</translation>
    </message>
    <message>
        <source>life cycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>NVM</source>
        <translation>NVM</translation>
    </message>
    <message>
        <source>NVM total</source>
        <translation>NVM 总量</translation>
    </message>
    <message>
        <source>NVM free</source>
        <translation>NVM 空闲</translation>
    </message>
    <message>
        <source>page size</source>
        <translation>页大小</translation>
    </message>
    <message>
        <source>page writes</source>
        <translation>页写入次数</translation>
    </message>
    <message>
        <source>users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>用户 %1</translation>
    </message>
    <message>
        <source>permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>PIN tries left</source>
        <translation>PIN 剩余次数</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>entry %1</source>
        <translation>菜单项 %1</translation>
    </message>
    <message>
        <source>permission needed</source>
        <translation>所需权限</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>keys</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>key %1</source>
        <translation>密钥 %1</translation>
    </message>
    <message>
        <source>version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>error counter</source>
        <translation>错误计数器</translation>
    </message>
    <message>
        <source>tag %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <source>command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>header</source>
        <translation>命令头</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>proprietary, secure messaging</source>
        <translation>专有，安全报文</translation>
    </message>
    <message>
        <source>proprietary</source>
        <translation>专有</translation>
    </message>
    <message>
        <source>inter-industry, secure messaging</source>
        <translation>行业间通用，安全报文</translation>
    </message>
    <message>
        <source>inter-industry</source>
        <translation>行业间通用</translation>
    </message>
    <message>
        <source>Lc</source>
        <translation>Lc</translation>
    </message>
    <message>
        <source>Le</source>
        <translation>Le</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>application</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>user</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>usage</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>PIN tries</source>
        <translation>PIN 尝试次数</translation>
    </message>
    <message>
        <source>offset</source>
        <translation>偏移量</translation>
    </message>
    <message>
        <source>response</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>holder user number</source>
        <translation>持卡人用户编号</translation>
    </message>
    <message>
        <source>holder account</source>
        <translation>持卡人账号</translation>
    </message>
    <message>
        <source>holder name</source>
        <translation>持卡人姓名</translation>
    </message>
    <message>
        <source>balance limit</source>
        <translation>余额上限</translation>
    </message>
    <message>
        <source>%1 fen</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <source>overdraft limit</source>
        <translation>透支限额</translation>
    </message>
    <message>
        <source>menu entry %1</source>
        <translation>菜单项 %1</translation>
    </message>
    <message>
        <source>challenge</source>
        <translation>随机数</translation>
    </message>
    <message>
        <source>duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 微秒</translation>
    </message>
    <message>
        <source>last transaction</source>
        <translation>最后一笔交易</translation>
    </message>
    <message>
        <source>type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>counter before</source>
        <translation>交易前计数器</translation>
    </message>
    <message>
        <source>terminal transaction serial</source>
        <translation>终端交易序号</translation>
    </message>
    <message>
        <source>terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>service keys</source>
        <translation>业务密钥</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>entitlements</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>package %1</source>
        <translation>节目包 %1</translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation>频道 %1</translation>
    </message>
    <message>
        <source>VOD programme %1</source>
        <translation>点播节目 %1</translation>
    </message>
    <message>
        <source>unknown kind %1, id %2</source>
        <translation>未知类型 %1，编号 %2</translation>
    </message>
    <message>
        <source>valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>valid to</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>PC/SC</source>
        <translation>PC/SC</translation>
    </message>
</context>
<context>
    <name>ApduTraceEntry</name>
    <message numerus="yes">
        <source>&lt;redacted %n bytes&gt;</source>
        <translation>
            <numerusform>&lt;已隐去 %n 字节&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>transport error</source>
        <translation>传输错误</translation>
    </message>
</context>
<context>
    <name>BatchFile</name>
    <message>
        <source>the file is not UTF-8 text (save it as &quot;CSV UTF-8&quot;)</source>
        <translation>文件不是 UTF-8 文本（请另存为“CSV UTF-8”）</translation>
    </message>
    <message>
        <source>the file is empty: a header row and one row per holder</source>
        <translation>文件为空：需要一行表头，每位持卡人一行</translation>
    </message>
    <message>
        <source>unknown column (docs/batch-issuance.md lists them)</source>
        <translation>未知的列（docs/batch-issuance.md 列出了可用的列）</translation>
    </message>
    <message>
        <source>the column appears twice</source>
        <translation>该列出现了两次</translation>
    </message>
    <message>
        <source>a required column is missing</source>
        <translation>缺少必需的列</translation>
    </message>
    <message>
        <source>%1 fields where the header has %2</source>
        <translation>有 %1 个字段，而表头有 %2 个</translation>
    </message>
    <message>
        <source>user %1 is not in the template</source>
        <translation>用户 %1 不在模板中</translation>
    </message>
    <message>
        <source>the PINs are generated for this batch: the file must not carry PINs</source>
        <translation>此批次的密码由系统生成：文件中不得包含密码</translation>
    </message>
    <message>
        <source>missing: user %1 (%2) needs a PIN of 4 to 12 digits</source>
        <translation>缺少：用户 %1（%2）需要 4 到 12 位数字的密码</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at offset %2</source>
        <translation>不是有效的 JSON：%1，位置 %2</translation>
    </message>
    <message>
        <source>a batch file in JSON is an object with a list &quot;holders&quot;</source>
        <translation>JSON 格式的批量文件是一个含“holders”列表的对象</translation>
    </message>
    <message>
        <source>a holder is a JSON object</source>
        <translation>每位持卡人是一个 JSON 对象</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is larger than 64 MiB: split the batch</source>
        <translation>%1 大于 64 MiB：请拆分批次</translation>
    </message>
    <message>
        <source>template %1: %2</source>
        <translation>模板 %1：%2</translation>
    </message>
    <message>
        <source>the file has no holder</source>
        <translation>文件中没有持卡人</translation>
    </message>
    <message>
        <source>card number %1 is also on line %2</source>
        <translation>卡号 %1 也出现在第 %2 行</translation>
    </message>
    <message>
        <source>subscriber %1 is also on line %2: one card per holder in a batch</source>
        <translation>用户 %1 也出现在第 %2 行：一个批次中每位持卡人只发一张卡</translation>
    </message>
</context>
<context>
    <name>BatchReport</name>
    <message>
        <source>there is no batch %1</source>
        <translation>没有批次 %1</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待发卡</translation>
    </message>
    <message>
        <source>card assigned</source>
        <translation>已分配卡号</translation>
    </message>
    <message>
        <source>personalising</source>
        <translation>个人化中</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
</context>
<context>
    <name>BatchReportPdf</name>
    <message>
        <source>%1: a PDF report needs a QGuiApplication</source>
        <translation>%1：生成 PDF 报告需要 QGuiApplication</translation>
    </message>
    <message>
        <source>%1: cannot render the PDF</source>
        <translation>%1：无法生成 PDF</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>CardError</name>
    <message numerus="yes">
        <source>the card in reader &quot;%1&quot; gave a malformed answer (%n bytes)</source>
        <translation>
            <numerusform>读卡器“%1”中的卡片返回了格式错误的应答（%n 字节）</numerusform>
        </translation>
    </message>
    <message>
        <source>refusing to send an APDU shorter than 4 bytes to reader &quot;%1&quot;</source>
        <translation>拒绝向读卡器“%1”发送短于 4 字节的 APDU</translation>
    </message>
    <message>
        <source>no card in reader &quot;%1&quot;</source>
        <translation>读卡器“%1”中没有卡片</translation>
    </message>
    <message>
        <source>the card was removed from reader &quot;%1&quot;</source>
        <translation>卡片已从读卡器“%1”中取出</translation>
    </message>
    <message>
        <source>the card in reader &quot;%1&quot; was reset by another program</source>
        <translation>读卡器“%1”中的卡片被其他程序复位</translation>
    </message>
    <message>
        <source>another program holds the card in reader &quot;%1&quot;</source>
        <translation>其他程序正独占读卡器“%1”中的卡片</translation>
    </message>
    <message>
        <source>the card operation was cancelled</source>
        <translation>卡片操作已取消</translation>
    </message>
    <message>
        <source>the card refused a command: %1 (%2)</source>
        <translation>卡片拒绝了命令：%1（%2）</translation>
    </message>
    <message>
        <source>key store: %1</source>
        <translation>密钥库：%1</translation>
    </message>
    <message>
        <source>unknown error in a card job</source>
        <translation>卡片作业中发生未知错误</translation>
    </message>
    <message>
        <source>PC/SC service not running</source>
        <translation>PC/SC 服务未运行</translation>
    </message>
    <message>
        <source>the card reader manager is not running</source>
        <translation>读卡器管理器未运行</translation>
    </message>
    <message>
        <source>reader &quot;%1&quot; is not available</source>
        <translation>读卡器“%1”不可用</translation>
    </message>
    <message>
        <source>a card job cannot wait for another card job</source>
        <translation>卡片作业不能等待另一个卡片作业</translation>
    </message>
    <message>
        <source>the card in reader &quot;%1&quot; does not answer</source>
        <translation>读卡器“%1”中的卡片无应答</translation>
    </message>
    <message>
        <source>the PC/SC service reported an unexpected error</source>
        <translation>PC/SC 服务报告了意外错误</translation>
    </message>
    <message>
        <source>reader &quot;%1&quot; reported an unexpected error</source>
        <translation>读卡器“%1”报告了意外错误</translation>
    </message>
    <message>
        <source>the card in reader &quot;%1&quot; stopped answering; was it removed?</source>
        <translation>读卡器“%1”中的卡片停止应答；卡片是否已被取出？</translation>
    </message>
</context>
<context>
    <name>CardSnapshot</name>
    <message>
        <source>the card is not a CardDesk COS card: SELECT MF answered %1 (%2)</source>
        <translation>该卡不是 CardDesk COS 卡：SELECT MF 返回 %1（%2）</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <source>%1: malformed answer</source>
        <translation>%1：应答格式错误</translation>
    </message>
    <message>
        <source>life cycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>operating system</source>
        <translation>操作系统</translation>
    </message>
    <message>
        <source>chip serial</source>
        <translation>芯片序列号</translation>
    </message>
    <message>
        <source>card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>card-issuer serial</source>
        <translation>发卡方序列号</translation>
    </message>
    <message>
        <source>issuer product serial</source>
        <translation>产品序列号</translation>
    </message>
    <message>
        <source>NVM</source>
        <translation>NVM</translation>
    </message>
    <message>
        <source>users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>keys</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Reader: %1</source>
        <translation>读卡器：%1</translation>
    </message>
    <message>
        <source>ATR: %1 (%2)</source>
        <translation>ATR：%1（%2）</translation>
    </message>
    <message>
        <source>Life cycle: %1</source>
        <translation>生命周期：%1</translation>
    </message>
    <message>
        <source>Card number: %1</source>
        <translation>卡号：%1</translation>
    </message>
    <message>
        <source>Chip serial: %1</source>
        <translation>芯片序列号：%1</translation>
    </message>
    <message>
        <source>Operating system: %1</source>
        <translation>操作系统：%1</translation>
    </message>
    <message>
        <source>NVM: %1 of %2 bytes free</source>
        <translation>NVM：%2 字节中空闲 %1 字节</translation>
    </message>
    <message>
        <source>User %1 %2: %3 of %4 PIN tries left</source>
        <translation>用户 %1 %2：PIN 剩余 %3 / %4 次</translation>
    </message>
    <message>
        <source>Menu %1: %2%3</source>
        <translation>菜单 %1：%2%3</translation>
    </message>
    <message>
        <source> (hidden)</source>
        <translation>（隐藏）</translation>
    </message>
    <message>
        <source>service keys</source>
        <translation>业务密钥</translation>
    </message>
    <message>
        <source>entitlements</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>conditional access</source>
        <translation>条件接收</translation>
    </message>
    <message>
        <source>Service key CA_SERVICE_%1: version %2</source>
        <translation>业务密钥 CA_SERVICE_%1：版本 %2</translation>
    </message>
    <message>
        <source>User %1 right %2 %3: %4 to %5</source>
        <translation>用户 %1 授权 %2 %3：%4 至 %5</translation>
    </message>
</context>
<context>
    <name>CardTemplate</name>
    <message>
        <source>%1: missing</source>
        <translation>%1：缺失</translation>
    </message>
    <message>
        <source>%1: must be a string</source>
        <translation>%1：必须是字符串</translation>
    </message>
    <message>
        <source>%1: must be a whole number</source>
        <translation>%1：必须是整数</translation>
    </message>
    <message>
        <source>%1: must be between %2 and %3</source>
        <translation>%1：必须介于 %2 与 %3 之间</translation>
    </message>
    <message>
        <source>%1: must be %2 hex digits</source>
        <translation>%1：必须是 %2 位十六进制数字</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at offset %2</source>
        <translation>不是有效的 JSON：偏移 %2 处 %1</translation>
    </message>
    <message>
        <source>a template is a JSON object</source>
        <translation>卡模板必须是 JSON 对象</translation>
    </message>
    <message>
        <source>%1: missing (an object with &quot;prefix&quot; and &quot;first&quot;)</source>
        <translation>%1：缺失（应为含“prefix”和“first”的对象）</translation>
    </message>
    <message>
        <source>%1: unknown permission &quot;%2&quot;</source>
        <translation>%1：未知权限“%2”</translation>
    </message>
    <message>
        <source>%1: must be &quot;standard&quot; or a list of keys</source>
        <translation>%1：必须是“standard”或密钥列表</translation>
    </message>
    <message>
        <source>%1: unknown key usage &quot;%2&quot;</source>
        <translation>%1：未知密钥用途“%2”</translation>
    </message>
    <message>
        <source>cannot read the template %1: %2</source>
        <translation>无法读取卡模板 %1：%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: must be 2 to 19 hex digits (the rest of the 20 digits is allocated)</source>
        <translation>%1：必须是 2 到 19 位十六进制数字（20 位中其余部分自动分配）</translation>
    </message>
    <message>
        <source>%1: bit %2 is defined twice</source>
        <translation>%1：位 %2 重复定义</translation>
    </message>
    <message>
        <source>%1: name &quot;%2&quot; is defined twice</source>
        <translation>%1：名称“%2”重复定义</translation>
    </message>
    <message>
        <source>%1: key %2 appears twice</source>
        <translation>%1：密钥 %2 重复出现</translation>
    </message>
    <message>
        <source>%1: key 0 with usage issuer-maintenance is required</source>
        <translation>%1：必须有用途为发卡方维护的 0 号密钥</translation>
    </message>
    <message>
        <source>%1: at most %2 entries</source>
        <translation>%1：最多 %2 项</translation>
    </message>
    <message>
        <source>%1: id %2 appears twice</source>
        <translation>%1：编号 %2 重复出现</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is %3 bytes of UTF-8, at most %4 fit</source>
        <translation>%1：“%2”为 %3 字节 UTF-8，最多只能容纳 %4 字节</translation>
    </message>
    <message>
        <source>%1: a card has 1 to %2 users</source>
        <translation>%1：一张卡有 1 到 %2 个用户</translation>
    </message>
    <message>
        <source>%1: user %2 appears twice</source>
        <translation>%1：用户 %2 重复出现</translation>
    </message>
    <message>
        <source>%1: must be an object</source>
        <translation>%1：必须是一个对象</translation>
    </message>
    <message>
        <source>%1: must be a list of key names</source>
        <translation>%1：必须是密钥名称的列表</translation>
    </message>
    <message>
        <source>%1: must be &quot;package&quot;, &quot;channel&quot; or &quot;vod&quot;, got &quot;%2&quot;</source>
        <translation>%1：必须是“package”、“channel”或“vod”，实际为“%2”</translation>
    </message>
    <message>
        <source>%1: no package named &quot;%2&quot; in ca.packages</source>
        <translation>%1：ca.packages 中没有名为“%2”的节目包</translation>
    </message>
    <message>
        <source>%1: give either &quot;validDays&quot; (from the issuance day) or &quot;start&quot; and &quot;end&quot; dates</source>
        <translation>%1：请给出“validDays”（自发卡日起算）或“start”和“end”日期，二者选一</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a date YYYY-MM-DD</source>
        <translation>%1：“%2”不是 YYYY-MM-DD 格式的日期</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a service key (CA_SERVICE_1 to CA_SERVICE_8)</source>
        <translation>%1：“%2”不是业务密钥（CA_SERVICE_1 至 CA_SERVICE_8）</translation>
    </message>
    <message>
        <source>%1: %2 appears twice</source>
        <translation>%1：%2 出现了两次</translation>
    </message>
    <message>
        <source>%1: a card holds at most %2 rights</source>
        <translation>%1：一张卡最多保存 %2 项授权</translation>
    </message>
    <message>
        <source>%1: user %2 is not one of the template&apos;s users</source>
        <translation>%1：用户 %2 不是模板中的用户</translation>
    </message>
    <message>
        <source>%1: ends before it starts</source>
        <translation>%1：结束日期早于开始日期</translation>
    </message>
    <message>
        <source>%1: dates must lie between 1970 and 9999</source>
        <translation>%1：日期必须在 1970 年至 9999 年之间</translation>
    </message>
    <message>
        <source>%1: user %2 already has this right</source>
        <translation>%1：用户 %2 已有这项授权</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is bit %3 on every card (the card enforces it), not %4</source>
        <translation>%1：“%2”在每张卡上都是第 %3 位（由卡片强制执行），不能是 %4</translation>
    </message>
    <message>
        <source>%1: must be an object of language: text</source>
        <translation>%1：必须是“语言: 文本”形式的对象</translation>
    </message>
    <message>
        <source>%1: must be a text of 1 to 32 characters</source>
        <translation>%1：必须是 1 到 32 个字符的文本</translation>
    </message>
    <message>
        <source>%1: the card speaks &quot;zh&quot; or &quot;en&quot;, not &quot;%2&quot;</source>
        <translation>%1：卡片只支持 &quot;zh&quot; 或 &quot;en&quot;，不支持 &quot;%2&quot;</translation>
    </message>
</context>
<context>
    <name>CliApp</name>
    <message>
        <source>Reader name (as listed by &quot;readers&quot;).</source>
        <translation>读卡器名称（即“readers”列出的名称）。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Card template (JSON).</source>
        <translation>卡模板（JSON）。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Holder file with the users&apos; PINs (JSON).</source>
        <translation>含用户 PIN 的持卡人文件（JSON）。</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Issuer key store (default: %1).</source>
        <translation>发卡方密钥库（默认：%1）。</translation>
    </message>
    <message>
        <source>Wait up to this many seconds for a card.</source>
        <translation>等待卡片的最长秒数。</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>Print the APDU trace (secrets redacted) to stderr.</source>
        <translation>将 APDU 记录（隐去机密）输出到标准错误。</translation>
    </message>
    <message>
        <source>one command at a time, got: %1</source>
        <translation>一次只能执行一个命令，收到：%1</translation>
    </message>
    <message>
        <source>--wait needs a number of seconds, got &quot;%1&quot;</source>
        <translation>--wait 需要秒数，收到“%1”</translation>
    </message>
    <message>
        <source>%1 does not take --%2</source>
        <translation>%1 不接受 --%2</translation>
    </message>
    <message>
        <source>info needs --reader NAME (see &quot;carddesk-cli readers&quot;)</source>
        <translation>info 需要 --reader 名称（见“carddesk-cli readers”）</translation>
    </message>
    <message>
        <source>issue needs %1</source>
        <translation>issue 需要 %1</translation>
    </message>
    <message>
        <source>no reader named &quot;%1&quot;; readers: %2</source>
        <translation>没有名为“%1”的读卡器；现有读卡器：%2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>no card in reader &quot;%1&quot;</source>
        <translation>读卡器“%1”中没有卡片</translation>
    </message>
    <message>
        <source>invalid template:
  %1</source>
        <translation>卡模板无效：
  %1</translation>
    </message>
    <message>
        <source>invalid holder file:
  %1</source>
        <translation>持卡人文件无效：
  %1</translation>
    </message>
    <message>
        <source>[%1/%2] %3</source>
        <translation>[%1/%2] %3</translation>
    </message>
    <message>
        <source>readers, info, issue, purse, load or purchase</source>
        <translation>readers、info、issue、purse、load 或 purchase</translation>
    </message>
    <message>
        <source>JSON output (the default; accepted for scripts).</source>
        <translation>JSON 输出（默认即是；为脚本兼容而接受）。</translation>
    </message>
    <message>
        <source>Amount in fen (0.01 yuan).</source>
        <translation>金额，单位为分（0.01 元）。</translation>
    </message>
    <message>
        <source>FEN</source>
        <translation>分</translation>
    </message>
    <message>
        <source>Verify this user&apos;s payment PIN first (PIN from CARDDESK_PIN or stdin).</source>
        <translation>先校验该用户的支付 PIN（PIN 取自 CARDDESK_PIN 或标准输入）。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Also prove the last transaction (GET TRANSACTION PROVE, TAC checked).</source>
        <translation>同时证明最后一笔交易（取交易认证，校验 TAC）。</translation>
    </message>
    <message>
        <source>a command is needed: readers, info, issue, purse, load or purchase (see --help)</source>
        <translation>需要一个命令：readers、info、issue、purse、load 或 purchase（见 --help）</translation>
    </message>
    <message>
        <source>--amount needs a positive number of fen, got &quot;%1&quot;</source>
        <translation>--amount 需要一个正的分数值，收到的是“%1”</translation>
    </message>
    <message>
        <source>--pin-user needs a user number 1 to 8, got &quot;%1&quot;</source>
        <translation>--pin-user 需要 1 到 8 的用户号，收到的是“%1”</translation>
    </message>
    <message>
        <source>purse needs --reader NAME (see &quot;carddesk-cli readers&quot;)</source>
        <translation>purse 需要 --reader NAME（见“carddesk-cli readers”）</translation>
    </message>
    <message>
        <source>%1 needs --reader NAME and --amount FEN</source>
        <translation>%1 需要 --reader NAME 和 --amount FEN</translation>
    </message>
    <message>
        <source>purchase needs --pin-user N: the card asks for the payment PIN</source>
        <translation>purchase 需要 --pin-user N：卡要求校验支付 PIN</translation>
    </message>
    <message>
        <source>no PIN: set CARDDESK_PIN or write it on stdin</source>
        <translation>没有 PIN：请设置 CARDDESK_PIN 或从标准输入写入</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Install message file (certificate + unit, from app-package).</source>
        <translation>安装报文文件（证书 + 安装单元，由 app-package 生成）。</translation>
    </message>
    <message>
        <source>Delete certificate (app-delete), or a separate install certificate.</source>
        <translation>删除证书（app-delete），或单独的安装证书。</translation>
    </message>
    <message>
        <source>Authorities&apos; key directory (default: %1).</source>
        <translation>各机构密钥目录（默认：%1）。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Signature keys: ec or rsa (default ec).</source>
        <translation>签名密钥：ec 或 rsa（默认 ec）。</translation>
    </message>
    <message>
        <source>KIND</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Card number (20 hex digits) of an issued card in the database.</source>
        <translation>数据库中已发行卡的卡号（20 位十六进制）。</translation>
    </message>
    <message>
        <source>NUMBER</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>The card&apos;s public key (PEM) instead of the database&apos;s.</source>
        <translation>卡的公钥（PEM），代替数据库中的公钥。</translation>
    </message>
    <message>
        <source>Card-issuer serial (16 hex digits) when the card is not in the database.</source>
        <translation>发卡方序列号（16 位十六进制），用于不在数据库中的卡。</translation>
    </message>
    <message>
        <source>HEX</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Product serial (16 hex digits) when the card is not in the database.</source>
        <translation>产品序列号（16 位十六进制），用于不在数据库中的卡。</translation>
    </message>
    <message>
        <source>Application AID (hex).</source>
        <translation>应用 AID（十六进制）。</translation>
    </message>
    <message>
        <source>Application code (Lua source).</source>
        <translation>应用代码（Lua 源程序）。</translation>
    </message>
    <message>
        <source>Issuer configuration data.</source>
        <translation>发卡方配置数据。</translation>
    </message>
    <message>
        <source>Data area in bytes (default 1024).</source>
        <translation>数据区字节数（默认 1024）。</translation>
    </message>
    <message>
        <source>BYTES</source>
        <translation>字节数</translation>
    </message>
    <message>
        <source>RAM bound in bytes (default 65536).</source>
        <translation>RAM 上限字节数（默认 65536）。</translation>
    </message>
    <message>
        <source>Application version (default 256).</source>
        <translation>应用版本（默认 256）。</translation>
    </message>
    <message>
        <source>Random seed of the installation (32 hex digits, from &quot;apps&quot;).</source>
        <translation>本次安装的随机种子（32 位十六进制，见“apps”输出）。</translation>
    </message>
    <message>
        <source>Output file.</source>
        <translation>输出文件。</translation>
    </message>
    <message>
        <source>%1 needs --reader NAME (see &quot;carddesk-cli readers&quot;)</source>
        <translation>%1 需要 --reader NAME（见“carddesk-cli readers”）</translation>
    </message>
    <message>
        <source>app-install needs --package FILE</source>
        <translation>app-install 需要 --package FILE</translation>
    </message>
    <message>
        <source>app-delete needs --cert FILE</source>
        <translation>app-delete 需要 --cert FILE</translation>
    </message>
    <message>
        <source>%1 needs %2</source>
        <translation>%1 需要 %2</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;</source>
        <translation>未知命令“%1”</translation>
    </message>
    <message>
        <source>--nvm, --ram and --app-version need numbers</source>
        <translation>--nvm、--ram 和 --app-version 需要数字</translation>
    </message>
    <message>
        <source>card %1 is not in the database; give --issuer-serial, --product-serial and --card-key</source>
        <translation>卡 %1 不在数据库中；请给出 --issuer-serial、--product-serial 和 --card-key</translation>
    </message>
    <message>
        <source>--card-key: %1</source>
        <translation>--card-key：%1</translation>
    </message>
    <message>
        <source>no public key is recorded for card %1 (issued before application download?)</source>
        <translation>数据库中没有卡 %1 的公钥（是否在支持应用下载之前发行？）</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Service key to load into the card (ca-key): CA_SERVICE_1 to CA_SERVICE_8.</source>
        <translation>要载入卡中的业务密钥（ca-key）：CA_SERVICE_1 至 CA_SERVICE_8。</translation>
    </message>
    <message>
        <source>ca-key needs --reader NAME and --key CA_SERVICE_n</source>
        <translation>ca-key 需要 --reader NAME 和 --key CA_SERVICE_n</translation>
    </message>
    <message>
        <source>Create the --database file when it does not exist (never done silently).</source>
        <translation>--database 指定的文件不存在时创建它（绝不自动创建）。</translation>
    </message>
    <message>
        <source>CARDDESK_TERMINAL_ID must be 12 hex digits (the 6-byte terminal id), got &quot;%1&quot;</source>
        <translation>CARDDESK_TERMINAL_ID 必须是 12 位十六进制数（6 字节终端号），实际为“%1”</translation>
    </message>
    <message>
        <source>a PIN is 4 to 12 digits; the one given is not (it was not sent to the card)</source>
        <translation>PIN 为 4 到 12 位数字；给出的 PIN 不符合（未发送给卡片）</translation>
    </message>
    <message>
        <source>CardDesk command-line front end. Commands:
</source>
        <translation>CardDesk 命令行前端。命令：
</translation>
    </message>
    <message>
        <source>  readers                      list the PC/SC readers and their cards
</source>
        <translation>  readers                      列出 PC/SC 读卡器及其中的卡
</translation>
    </message>
    <message>
        <source>  purse --reader NAME [--prove] balance, counters, decoded log, last transaction (and its proof)
</source>
        <translation>  purse --reader NAME [--prove] 余额、计数器、解码后的交易明细、最后一笔交易（及其证明）
</translation>
    </message>
    <message>
        <source>  load --reader NAME --amount FEN [--pin-user N]
</source>
        <translation>  load --reader NAME --amount FEN [--pin-user N]
</translation>
    </message>
    <message>
        <source>  purchase --reader NAME --amount FEN --pin-user N
                               run a load / purchase as a terminal with the key store&apos;s keys;
                               the PIN comes from CARDDESK_PIN or the first line of stdin
</source>
        <translation>  purchase --reader NAME --amount FEN --pin-user N
                               以终端身份用密钥库中的密钥执行圈存 / 消费；
                               PIN 取自 CARDDESK_PIN 或标准输入的第一行
</translation>
    </message>
    <message>
        <source>  apps --reader NAME           the card&apos;s application registry and NVM figures
</source>
        <translation>  apps --reader NAME           卡的应用注册表和 NVM 数据
</translation>
    </message>
    <message>
        <source>  app-install --reader NAME --package FILE [--cert FILE]
                               push an install message (certificate + unit) block by block
</source>
        <translation>  app-install --reader NAME --package FILE [--cert FILE]
                               逐块下发安装报文（证书 + 安装单元）
</translation>
    </message>
    <message>
        <source>  app-delete --reader NAME --cert FILE   push a delete certificate
</source>
        <translation>  app-delete --reader NAME --cert FILE   下发删除证书
</translation>
    </message>
    <message>
        <source>  app-package --card NUMBER --aid HEX --code FILE [--config FILE] --out FILE
</source>
        <translation>  app-package --card NUMBER --aid HEX --code FILE [--config FILE] --out FILE
</translation>
    </message>
    <message>
        <source>  app-delete-cert --card NUMBER --aid HEX --seed HEX --out FILE
                               issuer desk: build for one card (public key from the database or
                               --card-key FILE) with the authorities of --keys DIR
</source>
        <translation>  app-delete-cert --card NUMBER --aid HEX --seed HEX --out FILE
                               发卡台：为一张卡生成（公钥取自数据库或
                               --card-key FILE），使用 --keys DIR 中各机构的密钥
</translation>
    </message>
    <message>
        <source>  ca-key --reader NAME --key CA_SERVICE_n [--keystore PATH]
                               load the key store&apos;s (newer) version of a service key into an issued card
</source>
        <translation>  ca-key --reader NAME --key CA_SERVICE_n [--keystore PATH]
                               将密钥库中（较新）版本的业务密钥载入一张已发行的卡
</translation>
    </message>
    <message>
        <source>  info --reader NAME [--keystore PATH]
                               read a card: ATR, life cycle, numbers, users, menu, keys, NVM
</source>
        <translation>  info --reader NAME [--keystore PATH]
                               读取卡片：ATR、生命周期、卡号、用户、菜单、密钥、NVM
</translation>
    </message>
    <message>
        <source>carddesk-cli: %1; users and menu are listed unavailable</source>
        <translation>carddesk-cli：%1；用户和菜单列为不可读</translation>
    </message>
    <message>
        <source>  headend-history --card NUMBER | --subscriber USER [--headend URL --headend-cert FILE]
                               the headend&apos;s transactions, read as a support operator
</source>
        <translation>  headend-history --card NUMBER | --subscriber USER [--headend URL --headend-cert FILE]
                               以客服操作员身份读取前端的交易记录
</translation>
    </message>
    <message>
        <source>  headend-credentials          the headend&apos;s operator credentials (admin)
</source>
        <translation>  headend-credentials          前端的操作员凭据（管理员）
</translation>
    </message>
    <message>
        <source>  headend-credential-issue --name NAME --roles LIST [--valid-days D]
                               a new operator credential (admin; the first one with the set-up token
                               CARDDESK_HEADEND_ADMIN_TOKEN); its token is printed this once
</source>
        <translation>  headend-credential-issue --name NAME --roles LIST [--valid-days D]
                               签发新的操作员凭据（管理员；第一个凭据用初始设置令牌
                               CARDDESK_HEADEND_ADMIN_TOKEN）；其令牌仅在此时输出一次
</translation>
    </message>
    <message>
        <source>  headend-credential-revoke --id N [--reason TEXT]   revoke an operator credential (admin)
</source>
        <translation>  headend-credential-revoke --id N [--reason TEXT]   吊销一个操作员凭据（管理员）
</translation>
    </message>
    <message>
        <source>  headend-audit [--out FILE.csv|FILE.json]
                               the headend&apos;s audit trail with its chain values, checked (admin);
                               headend commands use your credential from CARDDESK_HEADEND_TOKEN
</source>
        <translation>  headend-audit [--out FILE.csv|FILE.json]
                               前端的审计记录及其哈希链值，并加以校验（管理员）；
                               前端相关命令使用 CARDDESK_HEADEND_TOKEN 中您本人的凭据
</translation>
    </message>
    <message>
        <source>Headend URL (https://…; default: the console&apos;s support setting).</source>
        <translation>前端地址（https://…；默认：控制台客服查询中的设置）。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>The headend&apos;s certificate to pin, its tls-cert.pem (default: the console&apos;s support setting).</source>
        <translation>要固定的前端证书，即其 tls-cert.pem（默认：控制台客服查询中的设置）。</translation>
    </message>
    <message>
        <source>Subscriber number (headend-history).</source>
        <translation>用户号（headend-history）。</translation>
    </message>
    <message>
        <source>USER</source>
        <translation>用户号</translation>
    </message>
    <message>
        <source>LIST</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>Days the credential is valid (default 90, at most 366).</source>
        <translation>凭据的有效天数（默认 90，最多 366）。</translation>
    </message>
    <message>
        <source>DAYS</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Credential id (headend-credential-revoke; see headend-credentials).</source>
        <translation>凭据编号（headend-credential-revoke；见 headend-credentials）。</translation>
    </message>
    <message>
        <source>Why the credential is revoked (recorded in the audit).</source>
        <translation>吊销凭据的原因（记入审计记录）。</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>%1 needs the headend&apos;s --headend URL and --headend-cert FILE (or the console&apos;s support settings)</source>
        <translation>%1 需要前端的 --headend URL 和 --headend-cert FILE（或控制台客服查询中的设置）</translation>
    </message>
    <message>
        <source>%1 needs your operator credential in CARDDESK_HEADEND_TOKEN (never on the command line)</source>
        <translation>%1 需要在 CARDDESK_HEADEND_TOKEN 中提供您的操作员凭据（绝不写在命令行上）</translation>
    </message>
    <message>
        <source>headend-history needs --card NUMBER or --subscriber USER</source>
        <translation>headend-history 需要 --card NUMBER 或 --subscriber USER</translation>
    </message>
    <message>
        <source>headend-credential-issue needs --name NAME and --roles LIST (%1)</source>
        <translation>headend-credential-issue 需要 --name NAME 和 --roles LIST（%1）</translation>
    </message>
    <message>
        <source>--valid-days needs a number of days</source>
        <translation>--valid-days 需要天数</translation>
    </message>
    <message>
        <source>headend-credential-revoke needs --id N (see headend-credentials)</source>
        <translation>headend-credential-revoke 需要 --id N（见 headend-credentials）</translation>
    </message>
    <message>
        <source>%1: a password is never taken on the command line (anyone on this machine could read it); use CARDDESK_OPERATOR_PASSWORD (CARDDESK_SECOND_OPERATOR_PASSWORD, CARDDESK_NEW_OPERATOR_PASSWORD) or type it at the prompt</source>
        <translation>%1：密码从不通过命令行传入（本机上任何人都能读到）；请使用 CARDDESK_OPERATOR_PASSWORD（CARDDESK_SECOND_OPERATOR_PASSWORD、CARDDESK_NEW_OPERATOR_PASSWORD）或在提示时输入</translation>
    </message>
    <message>
        <source>The key store passphrase comes from CARDDESK_KEYSTORE_PASSPHRASE (development default otherwise).
Every command but readers and operator init/init-dev logs an operator in: the name from --operator or
CARDDESK_OPERATOR, the password from CARDDESK_OPERATOR_PASSWORD or a prompt (never an option).
Exit codes: 0 ok, 1 failed, 2 usage error, 3 PC/SC service not running, 4 reader or card not
available, 5 not logged in (unknown name, wrong password, locked), 6 refused: the operator lacks the
role or dual control was not satisfied (the message names the missing role).</source>
        <translation>密钥库口令取自 CARDDESK_KEYSTORE_PASSPHRASE（否则为开发用默认值）。
除 readers 和 operator init/init-dev 外，每个命令都先登录操作员：名称取自 --operator 或
CARDDESK_OPERATOR，密码取自 CARDDESK_OPERATOR_PASSWORD 或提示输入（从不作为选项）。
退出码：0 成功，1 失败，2 用法错误，3 PC/SC 服务未运行，4 读卡器或卡不可用，
5 未登录（名称未知、密码错误、已锁定），6 被拒绝：操作员缺少所需角色或
未满足双人控制（消息中写明缺少的角色）。</translation>
    </message>
    <message>
        <source>Card database: an SQLite file or postgresql://user@host/db (default: CARDDESK_DATABASE, else %1).</source>
        <translation>卡片数据库：SQLite 文件或 postgresql://user@host/db（默认：CARDDESK_DATABASE，否则为 %1）。</translation>
    </message>
    <message>
        <source>The operator who logs in (default: CARDDESK_OPERATOR); the password comes from CARDDESK_OPERATOR_PASSWORD or the terminal.</source>
        <translation>登录的操作员（默认：CARDDESK_OPERATOR）；密码取自 CARDDESK_OPERATOR_PASSWORD 或终端输入。</translation>
    </message>
    <message>
        <source>Dual control: the second operator, whose password comes from CARDDESK_SECOND_OPERATOR_PASSWORD or the terminal.</source>
        <translation>双人控制：第二名操作员，其密码取自 CARDDESK_SECOND_OPERATOR_PASSWORD 或终端输入。</translation>
    </message>
    <message>
        <source>  operator init --name NAME    the first admin of an empty desk (password: CARDDESK_NEW_OPERATOR_PASSWORD
                               or the terminal, at least 10 characters)
  operator init-dev            DEVELOPMENT ONLY: operator admin, every role, password carddesk-admin-dev
  operator list | add --name NAME --roles LIST | passwd [--name NAME] | lock --name NAME |
           unlock --name NAME | remove --name NAME | roles --name NAME --roles LIST
                               the desk&apos;s operators (role admin; one&apos;s own passwd needs none);
                               roles: desk, technician, support, admin (comma-separated)
</source>
        <translation>  operator init --name NAME    为没有操作员的柜台创建第一位管理员（密码：CARDDESK_NEW_OPERATOR_PASSWORD
                               或终端输入，至少 10 个字符）
  operator init-dev            仅限开发：操作员 admin，全部角色，密码 carddesk-admin-dev
  operator list | add --name NAME --roles LIST | passwd [--name NAME] | lock --name NAME |
           unlock --name NAME | remove --name NAME | roles --name NAME --roles LIST
                               管理柜台的操作员（需要角色 admin；修改自己的密码无需角色）；
                               角色：desk、technician、support、admin（以逗号分隔）
</translation>
    </message>
    <message>
        <source>  audit verify                 recompute the audit trail&apos;s hash chain; exit 1 naming the first row
                               changed, deleted or inserted (role admin)
  audit export --format csv|json [--output FILE]   the trail with its chain values (role admin)
</source>
        <translation>  audit verify                 重新计算审计日志的哈希链；若有记录被修改、删除或插入，
                               以退出码 1 指出第一条（需要角色 admin）
  audit export --format csv|json [--output FILE]   导出审计日志及其链值（需要角色 admin）
</translation>
    </message>
    <message>
        <source>  settings show                the desk&apos;s settings (role admin)
  settings production-mode on|off --second-operator NAME
                               switch production mode (role admin, dual control with a second admin)
</source>
        <translation>  settings show                显示柜台的设置（需要角色 admin）
  settings production-mode on|off --second-operator NAME
                               切换生产模式（需要角色 admin，并由第二名管理员双人控制）
</translation>
    </message>
    <message>
        <source>Again, to be sure: </source>
        <translation>请再输入一次以确认：</translation>
    </message>
    <message>
        <source>who is at the desk? Give --operator NAME or set CARDDESK_OPERATOR</source>
        <translation>谁在柜台操作？请给出 --operator NAME 或设置 CARDDESK_OPERATOR</translation>
    </message>
    <message>
        <source>Password of operator %1: </source>
        <translation>操作员 %1 的密码：</translation>
    </message>
    <message>
        <source>no password for operator %1: set CARDDESK_OPERATOR_PASSWORD or run carddesk-cli on a terminal</source>
        <translation>没有操作员 %1 的密码：请设置 CARDDESK_OPERATOR_PASSWORD 或在终端中运行 carddesk-cli</translation>
    </message>
    <message>
        <source>operator %1 is not logged in: %2</source>
        <translation>操作员 %1 未登录：%2</translation>
    </message>
    <message>
        <source>Password of the second operator %1: </source>
        <translation>第二名操作员 %1 的密码：</translation>
    </message>
    <message>
        <source>no password for the second operator %1: set CARDDESK_SECOND_OPERATOR_PASSWORD or run carddesk-cli on a terminal</source>
        <translation>没有第二名操作员 %1 的密码：请设置 CARDDESK_SECOND_OPERATOR_PASSWORD 或在终端中运行 carddesk-cli</translation>
    </message>
    <message>
        <source>Roles, comma-separated: desk, technician, support, admin.</source>
        <translation>角色，以逗号分隔：desk、technician、support、admin。</translation>
    </message>
    <message>
        <source>Audit export format: csv or json.</source>
        <translation>审计日志导出格式：csv 或 json。</translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Write the audit export to this file instead of stdout.</source>
        <translation>将审计日志导出写入此文件，而不是标准输出。</translation>
    </message>
    <message>
        <source>operator needs one of: %1</source>
        <translation>operator 需要以下之一：%1</translation>
    </message>
    <message>
        <source>operator %1 needs --name NAME</source>
        <translation>operator %1 需要 --name NAME</translation>
    </message>
    <message>
        <source>operator %1 needs --roles LIST (desk, technician, support, admin)</source>
        <translation>operator %1 需要 --roles LIST（desk、technician、support、admin）</translation>
    </message>
    <message>
        <source>unknown role &quot;%1&quot;: the roles are desk, technician, support and admin</source>
        <translation>未知角色“%1”：角色有 desk、technician、support 和 admin</translation>
    </message>
    <message>
        <source>New password of operator %1: </source>
        <translation>操作员 %1 的新密码：</translation>
    </message>
    <message>
        <source>no new password for operator %1 (or the two typed differ): set CARDDESK_NEW_OPERATOR_PASSWORD or type it at the prompt</source>
        <translation>没有操作员 %1 的新密码（或两次输入不一致）：请设置 CARDDESK_NEW_OPERATOR_PASSWORD 或在提示时输入</translation>
    </message>
    <message>
        <source>the desk has operators already: an admin adds more (operator add)</source>
        <translation>此柜台已有操作员：请由管理员添加更多操作员（operator add）</translation>
    </message>
    <message>
        <source>DEVELOPMENT ONLY: operator %1 has the published password of docs/operators.md; never on a production desk</source>
        <translation>仅限开发：操作员 %1 使用 docs/operators.md 中公开的密码；切勿用于生产柜台</translation>
    </message>
    <message>
        <source>audit needs verify or export</source>
        <translation>audit 需要 verify 或 export</translation>
    </message>
    <message>
        <source>audit export needs --format csv or --format json</source>
        <translation>audit export 需要 --format csv 或 --format json</translation>
    </message>
    <message>
        <source>audit verify takes neither --format nor --output</source>
        <translation>audit verify 不接受 --format 或 --output</translation>
    </message>
    <message>
        <source>the audit trail is broken at row %1: %2</source>
        <translation>审计日志在第 %1 条处断开：%2</translation>
    </message>
    <message>
        <source>settings needs show, or production-mode on|off</source>
        <translation>settings 需要 show 或 production-mode on|off</translation>
    </message>
    <message>
        <source>  key list                     the issuer keys in the token (--keystore pkcs11:token=LABEL; role admin)
  key ceremony NAME VERSION 2|3 [shared] --second-operator NAME
                               a master key from 2 or 3 custodians&apos; components, typed without echo;
                               each check value shown (role admin, dual control; token PIN:
                               CARDDESK_TOKEN_PIN or the terminal)
  key import-clear FILE --second-operator NAME
                               DEVELOPMENT ONLY: a clear-key file into the token (refused in production)
</source>
        <translation>  key list                     令牌中的发卡方密钥（--keystore pkcs11:token=标签；角色 admin）
  key ceremony 名称 版本 2|3 [shared] --second-operator 名称
                               由 2 或 3 名保管人的分量组成主密钥，输入不回显；
                               显示每个校验值（角色 admin，双人控制；令牌 PIN：
                               CARDDESK_TOKEN_PIN 或终端）
  key import-clear 文件 --second-operator 名称
                               仅供开发：将明文密钥文件导入令牌（生产模式下拒绝）
</translation>
    </message>
    <message>
        <source>key needs list, ceremony NAME VERSION 2|3 [shared], or import-clear FILE</source>
        <translation>key 需要 list、ceremony 名称 版本 2|3 [shared] 或 import-clear 文件</translation>
    </message>
    <message>
        <source>key commands work on a PKCS#11 token (--keystore pkcs11:token=LABEL); %1 is a key file</source>
        <translation>key 命令只作用于 PKCS#11 令牌（--keystore pkcs11:token=标签）；%1 是密钥文件</translation>
    </message>
    <message>
        <source>PIN of the token %1: </source>
        <translation>令牌 %1 的 PIN：</translation>
    </message>
    <message>
        <source>no PIN for the token: set CARDDESK_TOKEN_PIN or run carddesk-cli on a terminal</source>
        <translation>没有令牌 PIN：请设置 CARDDESK_TOKEN_PIN，或在终端上运行 carddesk-cli</translation>
    </message>
    <message>
        <source>production mode: a clear-key file is for development only; import the key in a key ceremony</source>
        <translation>生产模式：明文密钥文件仅供开发使用；请通过密钥仪式导入密钥</translation>
    </message>
    <message>
        <source>key ceremony NAME VERSION 2|3 [shared]: VERSION 1..255, 2 or 3 components</source>
        <translation>key ceremony 名称 版本 2|3 [shared]：版本 1..255，2 或 3 个分量</translation>
    </message>
    <message>
        <source>Custodian %1 of %2: your component of %3 (32 hex digits, not shown): </source>
        <translation>保管人 %1/%2：请输入您持有的 %3 分量（32 位十六进制，不回显）：</translation>
    </message>
    <message>
        <source>component %1 is not 32 hex digits</source>
        <translation>分量 %1 不是 32 位十六进制数</translation>
    </message>
    <message>
        <source>component %1 check value %2</source>
        <translation>分量 %1 校验值 %2</translation>
    </message>
    <message>
        <source>Operator name (operator init, add, passwd, lock, unlock, remove, roles; headend-credential-issue).</source>
        <translation>操作员名称（operator init、add、passwd、lock、unlock、remove、roles；headend-credential-issue）。</translation>
    </message>
    <message>
        <source>Add a replay reader, &quot;Replay: &lt;file name&gt;&quot;, whose card answers from this saved APDU trace (JSON).</source>
        <translation>添加回放读卡器“Replay: &lt;文件名&gt;”，其中的卡按此已保存的 APDU 记录（JSON）应答。</translation>
    </message>
    <message>
        <source>cannot open the replay reader: %1</source>
        <translation>无法打开回放读卡器：%1</translation>
    </message>
    <message>
        <source>  batch check --template FILE --file FILE [--generate-pins]
                               check a holder file whole (CSV or JSON); every problem with its line
  batch issue --template FILE --file FILE --readers A,B [--generate-pins --mailers DIR]
                               record a batch and issue it over the readers&apos; hoppers (role desk)
  batch resume ID --readers A,B [--file FILE]   go on with an interrupted batch
  batch status [ID] | batch report ID [--format csv|json] [--failed] [--output FILE]
  batch retry ID | batch cancel ID
</source>
        <translation>  batch check --template FILE --file FILE [--generate-pins]
                               完整检查持卡人文件（CSV 或 JSON），列出每个问题及其行号
  batch issue --template FILE --file FILE --readers A,B [--generate-pins --mailers DIR]
                               记录批次并通过各读卡器的卡箱发卡（需柜台角色）
  batch resume ID --readers A,B [--file FILE]   继续一个中断的批次
  batch status [ID] | batch report ID [--format csv|json] [--failed] [--output FILE]
  batch retry ID | batch cancel ID
</translation>
    </message>
    <message>
        <source>Batch holder file: CSV (UTF-8, header row) or JSON (batch check, issue, resume).</source>
        <translation>批量持卡人文件：CSV（UTF-8，带表头）或 JSON（batch check、issue、resume）。</translation>
    </message>
    <message>
        <source>Readers of a batch, comma-separated (or --reader repeated).</source>
        <translation>批次使用的读卡器，以逗号分隔（或重复 --reader）。</translation>
    </message>
    <message>
        <source>Generate each user&apos;s initial PIN and print it into a PIN mailer.</source>
        <translation>为每个用户生成初始密码并打印到密码函中。</translation>
    </message>
    <message>
        <source>Digits of a generated PIN (4 to 12, default 6).</source>
        <translation>生成密码的位数（4 到 12，默认 6）。</translation>
    </message>
    <message>
        <source>Folder for the PIN mailers (generated PINs).</source>
        <translation>密码函的文件夹（生成密码时）。</translation>
    </message>
    <message>
        <source>A name for the batch (default: the file&apos;s name).</source>
        <translation>批次名称（默认：文件名）。</translation>
    </message>
    <message>
        <source>Pause a running batch when no card came for this many seconds (default 60).</source>
        <translation>超过此秒数没有卡片时暂停运行中的批次（默认 60）。</translation>
    </message>
    <message>
        <source>batch report: only the failed rows.</source>
        <translation>batch report：只列出失败的行。</translation>
    </message>
    <message>
        <source>batch needs one of: %1</source>
        <translation>batch 需要以下之一：%1</translation>
    </message>
    <message>
        <source>--pin-length takes a number of digits (4 to 12)</source>
        <translation>--pin-length 需要位数（4 到 12）</translation>
    </message>
    <message>
        <source>--idle-timeout takes a number of seconds</source>
        <translation>--idle-timeout 需要秒数</translation>
    </message>
    <message>
        <source>batch check needs --template FILE and --file FILE</source>
        <translation>batch check 需要 --template FILE 和 --file FILE</translation>
    </message>
    <message>
        <source>%1 has %2 problems; nothing can be issued from it:
  %3</source>
        <translation>%1 有 %2 个问题；不能从中发卡：
  %3</translation>
    </message>
    <message>
        <source>batch issue needs --template FILE, --file FILE and --readers LIST</source>
        <translation>batch issue 需要 --template FILE、--file FILE 和 --readers LIST</translation>
    </message>
    <message>
        <source>batch issue --generate-pins needs --mailers DIR (where the PIN mailers go)</source>
        <translation>batch issue --generate-pins 需要 --mailers DIR（密码函存放位置）</translation>
    </message>
    <message>
        <source>batch %1 needs the batch id (see &quot;batch status&quot;)</source>
        <translation>batch %1 需要批次编号（见“batch status”）</translation>
    </message>
    <message>
        <source>batch resume needs --readers LIST</source>
        <translation>batch resume 需要 --readers LIST</translation>
    </message>
    <message>
        <source>there is no batch %1</source>
        <translation>没有批次 %1</translation>
    </message>
    <message>
        <source>batch report --format takes csv or json</source>
        <translation>batch report --format 只接受 csv 或 json</translation>
    </message>
    <message>
        <source>batch %1 is running at desk %2: cancel it there</source>
        <translation>批次 %1 正在柜台 %2 运行：请在那里取消</translation>
    </message>
    <message>
        <source>%1 has %2 problems; nothing was issued:
  %3</source>
        <translation>%1 有 %2 个问题；未发任何卡：
  %3</translation>
    </message>
    <message>
        <source>carddesk-cli: batch %1 recorded</source>
        <translation>carddesk-cli：已记录批次 %1</translation>
    </message>
    <message>
        <source>[%1/%2 done, %3 failed]</source>
        <translation>[已完成 %1/%2，失败 %3]</translation>
    </message>
    <message>
        <source>  issue --reader NAME --template FILE --holder FILE [--database PATH] [--keystore PATH]
        [--generate-pins --mailers DIR]  personalise a blank card and record it (generated PINs:
                               printed only into the PIN mailer, never shown)
</source>
        <translation>  issue --reader NAME --template FILE --holder FILE [--database PATH] [--keystore PATH]
        [--generate-pins --mailers DIR]  个人化一张空白卡并记录（生成密码：
                               只打印在密码函中，从不显示）
</translation>
    </message>
    <message>
        <source>issue --generate-pins needs --mailers DIR and the holder file&apos;s &quot;address&quot; (1 to 5 lines for the envelope&apos;s window)</source>
        <translation>issue --generate-pins 需要 --mailers DIR 和持卡人文件中的 &quot;address&quot;（信封窗口的 1 至 5 行地址）</translation>
    </message>
    <message>
        <source>card %1 was issued but its PIN mailer is missing: nobody knows its PINs; reset them on the card (audited)</source>
        <translation>卡 %1 已发，但其密码函缺失：无人知道其密码；请在卡上重置密码（记入审计）</translation>
    </message>
    <message>
        <source>cannot read the holder file %1: %2</source>
        <translation>无法读取持卡人文件 %1：%2</translation>
    </message>
    <message>
        <source>%1: the PINs are generated (--generate-pins): the file must not carry PINs</source>
        <translation>%1：密码由系统生成（--generate-pins）：文件中不得含有密码</translation>
    </message>
    <message>
        <source>%1: holder.userNumber and holder.name are needed</source>
        <translation>%1：需要 holder.userNumber 和 holder.name</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;: use readers, info, issue, purse, load, purchase, apps, app-install, app-delete, app-package, app-delete-cert, ca-key, pin-reset, headend-history, headend-credentials, headend-credential-issue, headend-credential-revoke, headend-audit, operator, audit, key, settings or batch</source>
        <translation>未知命令“%1”：请使用 readers、info、issue、purse、load、purchase、apps、app-install、app-delete、app-package、app-delete-cert、ca-key、pin-reset、headend-history、headend-credentials、headend-credential-issue、headend-credential-revoke、headend-audit、operator、audit、key、settings 或 batch</translation>
    </message>
    <message>
        <source>  pin-reset --reader NAME --mailers DIR [--users 1,2] [--address LINE]... [--pin-length N]
                               a lost PIN mailer: new generated PINs for the card&apos;s users, printed
                               only into a new mailer (address: the batch row&apos;s unless given)
</source>
        <translation>  pin-reset --reader 读卡器名 --mailers 目录 [--users 1,2] [--address 行]... [--pin-length N]
                               密码函遗失：为卡上用户生成新密码，只打印到新的密码函中
                               （地址：默认取批次行的地址）
</translation>
    </message>
    <message>
        <source>the database failed: %1</source>
        <translation>数据库故障：%1</translation>
    </message>
    <message>
        <source>batch %1 stopped (%2) and its counts cannot be read: %3</source>
        <translation>批次 %1 已停止（%2），无法读取其计数：%3</translation>
    </message>
    <message>
        <source>The users whose PINs are reset (pin-reset), e.g. 1,3; default: every user of the card.</source>
        <translation>要重置密码的用户（pin-reset），例如 1,3；默认：卡上所有用户。</translation>
    </message>
    <message>
        <source>A postal address line for the new PIN mailer (pin-reset; repeat for each line, 1 to 5).</source>
        <translation>新密码函的一行邮寄地址（pin-reset；每行重复一次，1 到 5 行）。</translation>
    </message>
    <message>
        <source>LINE</source>
        <translation>行</translation>
    </message>
    <message>
        <source>pin-reset needs --reader NAME and --mailers DIR</source>
        <translation>pin-reset 需要 --reader 读卡器名 和 --mailers 目录</translation>
    </message>
    <message>
        <source>--users takes distinct user numbers 1 to 8 separated by commas, got &quot;%1&quot;</source>
        <translation>--users 需要以逗号分隔的互不相同的用户号 1 到 8，收到“%1”</translation>
    </message>
</context>
<context>
    <name>HeadendAuditTrail</name>
    <message>
        <source>rows %1 to %2 are missing (the head record names row %2 as the last)</source>
        <translation>第 %1 至 %2 行缺失（头记录标明第 %2 行为最后一行）</translation>
    </message>
    <message>
        <source>the head record does not match row %1</source>
        <translation>头记录与第 %1 行不符</translation>
    </message>
</context>
<context>
    <name>HeadendHistory</name>
    <message>
        <source>a record of unknown kind &quot;%1&quot;</source>
        <translation>未知类型“%1”的记录</translation>
    </message>
    <message>
        <source>a %1 record without a valid id, amount or counter</source>
        <translation>缺少有效编号、金额或计数器的%1记录</translation>
    </message>
    <message>
        <source>record %1 has no valid card number</source>
        <translation>记录 %1 没有有效的卡号</translation>
    </message>
    <message>
        <source>record %1 has no valid terminal id</source>
        <translation>记录 %1 没有有效的终端号</translation>
    </message>
    <message>
        <source>record %1 has no valid date and time</source>
        <translation>记录 %1 没有有效的日期和时间</translation>
    </message>
    <message>
        <source>record %1 has no status</source>
        <translation>记录 %1 没有状态</translation>
    </message>
    <message>
        <source>record %1 has a malformed TAC</source>
        <translation>记录 %1 的 TAC 格式错误</translation>
    </message>
    <message>
        <source>purchase %1 has no valid terminal serial</source>
        <translation>消费 %1 没有有效的终端交易序号</translation>
    </message>
    <message>
        <source>record %1 has a malformed balance</source>
        <translation>记录 %1 的余额格式错误</translation>
    </message>
    <message>
        <source>the headend&apos;s answer is not a list of transactions</source>
        <translation>前端的应答不是交易列表</translation>
    </message>
    <message>
        <source>the headend&apos;s answer holds a malformed transaction: %1</source>
        <translation>前端的应答中有格式错误的交易：%1</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>不是对象</translation>
    </message>
    <message>
        <source>record %1 has a malformed programme title</source>
        <translation>记录 %1 的节目名称格式错误</translation>
    </message>
</context>
<context>
    <name>HolderFile</name>
    <message>
        <source>not valid JSON: %1 at offset %2</source>
        <translation>不是有效的 JSON：偏移 %2 处 %1</translation>
    </message>
    <message>
        <source>a holder file is a JSON object</source>
        <translation>持卡人文件必须是 JSON 对象</translation>
    </message>
    <message>
        <source>%1: missing</source>
        <translation>%1：缺失</translation>
    </message>
    <message>
        <source>%1: missing (a list of users with their PINs)</source>
        <translation>%1：缺失（应为带 PIN 的用户列表）</translation>
    </message>
    <message>
        <source>%1: must be between %2 and %3</source>
        <translation>%1：必须介于 %2 与 %3 之间</translation>
    </message>
    <message>
        <source>cannot read the holder file %1: %2</source>
        <translation>无法读取持卡人文件 %1：%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: user number, account and name together are longer than the card&apos;s 128-byte holder file</source>
        <translation>%1：用户编号、账号和姓名合计超过卡内 128 字节的持卡人文件</translation>
    </message>
    <message>
        <source>%1: must be 20 hex digits</source>
        <translation>%1：必须是 20 位十六进制数字</translation>
    </message>
    <message>
        <source>%1: at least one user with a PIN is needed</source>
        <translation>%1：至少需要一个设置了 PIN 的用户</translation>
    </message>
    <message>
        <source>%1: a card has at most %2 users</source>
        <translation>%1：一张卡最多 %2 个用户</translation>
    </message>
    <message>
        <source>%1: user %2 appears twice</source>
        <translation>%1：用户 %2 重复出现</translation>
    </message>
    <message>
        <source>%1: must have 4 to 12 digits</source>
        <translation>%1：必须是 4 到 12 位数字</translation>
    </message>
    <message>
        <source>%1: longer than %2 bytes of UTF-8</source>
        <translation>%1：超过 %2 字节 UTF-8</translation>
    </message>
    <message>
        <source>%1: must be a string of 4 to 12 digits</source>
        <translation>%1：必须是 4 到 12 位数字组成的字符串</translation>
    </message>
    <message>
        <source>%1 (user %2)</source>
        <translation>%1（用户 %2）</translation>
    </message>
    <message>
        <source>%1: missing (4 to 12 digits)</source>
        <translation>%1：缺少（4 到 12 位数字）</translation>
    </message>
    <message>
        <source>%1: the card speaks &quot;zh&quot; or &quot;en&quot;, not &quot;%2&quot;</source>
        <translation>%1：卡片只支持 &quot;zh&quot; 或 &quot;en&quot;，不支持 &quot;%2&quot;</translation>
    </message>
</context>
<context>
    <name>OperatorStore</name>
    <message>
        <source>cannot %1: %2</source>
        <translation>无法%1：%2</translation>
    </message>
    <message>
        <source>a password needs at least %1 characters; this one has %2</source>
        <translation>密码至少需要 %1 个字符；此密码只有 %2 个</translation>
    </message>
    <message>
        <source>the password must not be the operator&apos;s name</source>
        <translation>密码不能与操作员名称相同</translation>
    </message>
    <message>
        <source>an operator&apos;s name has 1 to 32 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, got &quot;%1&quot;</source>
        <translation>操作员名称由 1 到 32 个字母、数字、“.”、“_”或“-”组成，收到的是“%1”</translation>
    </message>
    <message>
        <source>cannot read the operators: %1</source>
        <translation>无法读取操作员：%1</translation>
    </message>
    <message>
        <source>read the operators</source>
        <translation>读取操作员</translation>
    </message>
    <message>
        <source>wrong operator name or password</source>
        <translation>操作员名称或密码错误</translation>
    </message>
    <message>
        <source>operator %1 is locked until %2 (UTC) after %3 wrong passwords; an admin can unlock it</source>
        <translation>操作员 %1 因 %3 次密码错误被锁定至 %2（UTC）；管理员可以解锁</translation>
    </message>
    <message>
        <source>operator %1 is locked by an admin</source>
        <translation>操作员 %1 已被管理员锁定</translation>
    </message>
    <message>
        <source>update operator %1</source>
        <translation>更新操作员 %1</translation>
    </message>
    <message>
        <source>the stored password of operator %1 is not usable; an admin must set a new one</source>
        <translation>操作员 %1 存储的密码不可用；须由管理员设置新密码</translation>
    </message>
    <message>
        <source>wrong operator name or password; after %1 in a row operator %2 is locked for %3 minutes</source>
        <translation>操作员名称或密码错误；连续错误 %1 次后，操作员 %2 被锁定 %3 分钟</translation>
    </message>
    <message>
        <source>an operator needs at least one role: desk, technician, support or admin</source>
        <translation>操作员至少需要一个角色：desk、technician、support 或 admin</translation>
    </message>
    <message>
        <source>operator %1 exists already</source>
        <translation>操作员 %1 已存在</translation>
    </message>
    <message>
        <source>add operator %1</source>
        <translation>添加操作员 %1</translation>
    </message>
    <message>
        <source>there is no operator %1</source>
        <translation>没有操作员 %1</translation>
    </message>
    <message>
        <source>%1 is the last admin who can log in: make another admin first</source>
        <translation>%1 是最后一位可以登录的管理员：请先设立另一位管理员</translation>
    </message>
    <message>
        <source>remove operator %1</source>
        <translation>删除操作员 %1</translation>
    </message>
    <message>
        <source>the desk has operators already: an admin adds more (carddesk-cli operator add)</source>
        <translation>此柜台已有操作员：请由管理员添加更多操作员（carddesk-cli operator add）</translation>
    </message>
    <message>
        <source>the desk is in production mode: the development operator is refused</source>
        <translation>柜台处于生产模式：拒绝创建开发用操作员</translation>
    </message>
    <message>
        <source>the desk has operators already: the development operator is only made on an empty desk</source>
        <translation>此柜台已有操作员：开发用操作员只能在没有操作员的柜台上创建</translation>
    </message>
</context>
<context>
    <name>PinMailer</name>
    <message>
        <source>%1: cannot open the folder to sync it (%2)</source>
        <translation>%1：无法打开文件夹以同步（%2）</translation>
    </message>
    <message>
        <source>%1: cannot sync the folder (%2)</source>
        <translation>%1：无法同步文件夹（%2）</translation>
    </message>
    <message>
        <source>%1: cannot open the mailer to destroy it (%2)</source>
        <translation>%1：无法打开密码函以销毁（%2）</translation>
    </message>
    <message>
        <source>%1: cannot remove the mailer (%2)</source>
        <translation>%1：无法删除密码函（%2）</translation>
    </message>
    <message>
        <source>%1: removed, but overwriting it failed (%2)</source>
        <translation>%1：已删除，但覆写失败（%2）</translation>
    </message>
    <message>
        <source>%1: a PIN mailer for it exists already (mailers are never printed twice)</source>
        <translation>%1：该密码函已存在（密码函绝不重复打印）</translation>
    </message>
    <message>
        <source>%1: cannot move the mailer into place (%2)</source>
        <translation>%1：无法将密码函移到位（%2）</translation>
    </message>
    <message>
        <source>%1: a PIN mailer needs a QGuiApplication (QT_QPA_PLATFORM=offscreen where there is no display)</source>
        <translation>%1：生成密码函需要 QGuiApplication（无显示器时设置 QT_QPA_PLATFORM=offscreen）</translation>
    </message>
    <message>
        <source>%1: a PIN mailer holds 1 to %2 users, not %3</source>
        <translation>%1：一份密码函包含 1 到 %2 个用户，而不是 %3 个</translation>
    </message>
    <message>
        <source>%1: user %2&apos;s PIN is not 4 to 12 digits</source>
        <translation>%1：用户 %2 的密码不是 4 到 12 位数字</translation>
    </message>
    <message>
        <source>%1: the holder&apos;s name and address are needed</source>
        <translation>%1：需要持卡人的姓名和地址</translation>
    </message>
    <message>
        <source>%1: the address has %2 lines, the envelope&apos;s window shows %3</source>
        <translation>%1：地址有 %2 行，信封窗口只显示 %3 行</translation>
    </message>
    <message>
        <source>%1: the folder %2 does not exist</source>
        <translation>%1：文件夹 %2 不存在</translation>
    </message>
    <message>
        <source>%1: cannot start the PDF</source>
        <translation>%1：无法开始生成 PDF</translation>
    </message>
    <message>
        <source>%1: cannot finish the PDF</source>
        <translation>%1：无法完成 PDF</translation>
    </message>
    <message>
        <source>%1: cannot create a temporary file (%2)</source>
        <translation>%1：无法创建临时文件（%2）</translation>
    </message>
    <message>
        <source>%1: cannot write the PDF (%2)</source>
        <translation>%1：无法写入 PDF（%2）</translation>
    </message>
    <message>
        <source>%1: cannot sync the PDF to disk (%2)</source>
        <translation>%1：无法将 PDF 同步到磁盘（%2）</translation>
    </message>
    <message>
        <source>%1: cannot close the PDF (%2)</source>
        <translation>%1：无法关闭 PDF（%2）</translation>
    </message>
</context>
<context>
    <name>PurseLedger</name>
    <message>
        <source>cannot record the purse transaction: %1</source>
        <translation>无法记录电子钱包交易：%1</translation>
    </message>
    <message>
        <source>cannot read the terminal serial: %1</source>
        <translation>无法读取终端交易序号：%1</translation>
    </message>
</context>
<context>
    <name>PurseLogEntry</name>
    <message>
        <source>ED load</source>
        <translation>电子存折圈存</translation>
    </message>
    <message>
        <source>EP load</source>
        <translation>电子钱包圈存</translation>
    </message>
    <message>
        <source>Unload</source>
        <translation>圈提</translation>
    </message>
    <message>
        <source>Cash withdrawal</source>
        <translation>取现</translation>
    </message>
    <message>
        <source>ED purchase</source>
        <translation>电子存折消费</translation>
    </message>
    <message>
        <source>EP purchase</source>
        <translation>电子钱包消费</translation>
    </message>
    <message>
        <source>Overdraft limit update</source>
        <translation>修改透支限额</translation>
    </message>
    <message>
        <source>Credit purchase</source>
        <translation>信用消费</translation>
    </message>
    <message>
        <source>Compound purchase</source>
        <translation>复合消费</translation>
    </message>
    <message>
        <source>Type %1</source>
        <translation>类型 %1</translation>
    </message>
</context>
<context>
    <name>SupportReconciler</name>
    <message>
        <source>The headend recorded it as completed, but the card&apos;s log has no such transaction.</source>
        <translation>前端记录为已完成，但卡片日志中没有这笔交易。</translation>
    </message>
    <message>
        <source>The holder&apos;s bank account was debited but the card was not credited: recover the load (re-issue or refund).</source>
        <translation>持卡人银行账户已扣款，但卡片未圈存：请恢复该圈存（重新签发或退款）。</translation>
    </message>
    <message>
        <source>Not credited to the card; the amount was refunded to the holder&apos;s account.</source>
        <translation>未圈存到卡片；金额已退回持卡人账户。</translation>
    </message>
    <message>
        <source>The bank refused the top-up; nothing moved.</source>
        <translation>银行拒绝了充值；资金未发生变动。</translation>
    </message>
    <message>
        <source>MAC1 was issued but the card never debited the purchase; nothing was charged.</source>
        <translation>已签发 MAC1，但卡片从未扣款；未收取任何费用。</translation>
    </message>
    <message>
        <source>Status at the headend: %1.</source>
        <translation>前端状态：%1。</translation>
    </message>
    <message>
        <source>Completed by recovery (the card&apos;s online counter moved past it): the headend never received its TAC.</source>
        <translation>经恢复流程完成（卡片联机计数器已越过该笔）：前端从未收到其 TAC。</translation>
    </message>
    <message>
        <source>The headend holds no TAC for it.</source>
        <translation>前端没有这笔交易的 TAC。</translation>
    </message>
    <message>
        <source>The TAC cannot be recomputed without the balance before the load.</source>
        <translation>缺少圈存前余额，无法重新计算 TAC。</translation>
    </message>
    <message>
        <source>The TAC fits the card&apos;s amount %1: the headend&apos;s amount is not the one the card signed.</source>
        <translation>TAC 与卡片上的金额 %1 相符：前端的金额不是卡片签名的金额。</translation>
    </message>
    <message>
        <source>The TAC at the headend is not the one the card made for this transaction.</source>
        <translation>前端保存的 TAC 不是卡片为这笔交易生成的 TAC。</translation>
    </message>
    <message>
        <source>The key store has no TAC master key.</source>
        <translation>密钥库中没有 TAC 主密钥。</translation>
    </message>
    <message>
        <source>The card was read, but without the headend&apos;s records there is nothing to compare.</source>
        <translation>已读取卡片，但没有前端记录，无从比对。</translation>
    </message>
    <message>
        <source>The card in the reader (%1) is not one of this subscriber&apos;s cards.</source>
        <translation>读卡器中的卡（%1）不属于该用户。</translation>
    </message>
    <message>
        <source>The card in the reader (%1) is not the card looked up; only the headend&apos;s records are shown.</source>
        <translation>读卡器中的卡（%1）不是所查询的卡；仅显示前端记录。</translation>
    </message>
    <message>
        <source>No card was read: the headend&apos;s records are not compared with a card&apos;s log.</source>
        <translation>未读取卡片：前端记录未与卡片日志比对。</translation>
    </message>
    <message>
        <source>The card in %1 was not read.</source>
        <translation>未读取 %1 中的卡片。</translation>
    </message>
    <message>
        <source>On the card only: the headend has no record of it (an offline purchase not yet uploaded, or another terminal&apos;s transaction).</source>
        <translation>仅在卡上：前端没有这笔交易的记录（脱机消费尚未上传，或为其他终端的交易）。</translation>
    </message>
    <message>
        <source>The headend says %1, the card %2.</source>
        <translation>前端为 %1，卡片为 %2。</translation>
    </message>
    <message>
        <source>The card did it, but the headend&apos;s record is still &quot;%1&quot;: its completion never arrived.</source>
        <translation>卡片已完成交易，但前端记录仍为“%1”：完成报文从未到达。</translation>
    </message>
    <message>
        <source>Times differ: headend %1, card %2.</source>
        <translation>时间不同：前端 %1，卡片 %2。</translation>
    </message>
    <message>
        <source>Older than the card&apos;s log reaches (it keeps the newest %1 records).</source>
        <translation>早于卡片日志的覆盖范围（卡片只保存最近 %1 条记录）。</translation>
    </message>
    <message>
        <source>The TAC the card proves does not check with the TAC key.</source>
        <translation>卡片证明的 TAC 用 TAC 密钥校验不通过。</translation>
    </message>
    <message>
        <source>The card proves TAC %1, the headend holds %2.</source>
        <translation>卡片证明的 TAC 为 %1，前端保存的为 %2。</translation>
    </message>
    <message>
        <source>The card proved its TAC (GET TRANSACTION PROVE).</source>
        <translation>卡片已证明其 TAC（GET TRANSACTION PROVE）。</translation>
    </message>
</context>
<context>
    <name>SupportReport</name>
    <message>
        <source>%1 matched, %2 problems, %3 transactions in all</source>
        <translation>已匹配 %1 笔，问题 %2 笔，共 %3 笔交易</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>已匹配</translation>
    </message>
    <message>
        <source>Amount mismatch</source>
        <translation>金额不符</translation>
    </message>
    <message>
        <source>Unfinished at the headend</source>
        <translation>前端未完成</translation>
    </message>
    <message>
        <source>Only at the headend</source>
        <translation>仅在前端</translation>
    </message>
    <message>
        <source>Only on the card</source>
        <translation>仅在卡上</translation>
    </message>
    <message>
        <source>Older than the card&apos;s log</source>
        <translation>早于卡片日志</translation>
    </message>
    <message>
        <source>Headend only (card not read)</source>
        <translation>仅前端（未读卡）</translation>
    </message>
    <message>
        <source>TAC proved</source>
        <translation>TAC 已验证</translation>
    </message>
    <message>
        <source>TAC wrong</source>
        <translation>TAC 错误</translation>
    </message>
    <message>
        <source>No TAC</source>
        <translation>无 TAC</translation>
    </message>
    <message>
        <source>TAC not checked</source>
        <translation>TAC 未校验</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>TraceReplayCard</name>
    <message>
        <source>cannot open the trace %1: %2</source>
        <translation>无法打开 APDU 记录 %1：%2</translation>
    </message>
    <message>
        <source>%1 is too large to be a saved APDU trace (%2 MB)</source>
        <translation>%1 过大，不是已保存的 APDU 记录（%2 MB）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>the file is empty, not a saved APDU trace</source>
        <translation>文件为空，不是已保存的 APDU 记录</translation>
    </message>
    <message>
        <source>not a saved APDU trace (the JSON is broken at byte %1: %2); was the file cut short?</source>
        <translation>不是已保存的 APDU 记录（JSON 在第 %1 字节处损坏：%2）；文件是否被截断？</translation>
    </message>
    <message>
        <source>not a saved APDU trace (no &quot;format&quot;: &quot;carddesk-apdu-trace&quot;)</source>
        <translation>不是已保存的 APDU 记录（缺少 &quot;format&quot;: &quot;carddesk-apdu-trace&quot;）</translation>
    </message>
    <message>
        <source>the trace&apos;s format version is missing or not a number</source>
        <translation>APDU 记录的格式版本缺失或不是数字</translation>
    </message>
    <message>
        <source>the trace was saved in format version %1, newer than this CardDesk reads (%2): update CardDesk</source>
        <translation>APDU 记录以格式版本 %1 保存，比本 CardDesk 可读取的版本（%2）新：请升级 CardDesk</translation>
    </message>
    <message>
        <source>the trace has no list of exchanges</source>
        <translation>APDU 记录中没有交互列表</translation>
    </message>
    <message>
        <source>the trace holds no answered exchange to replay</source>
        <translation>APDU 记录中没有可回放的已应答交互</translation>
    </message>
    <message>
        <source>the trace has no exchange for command %1</source>
        <translation>APDU 记录中没有命令 %1 的交互</translation>
    </message>
    <message>
        <source>answered with exchange %1 of %2 (%3, recorded %4)</source>
        <translation>以第 %1 个交互（共 %2 个）应答（%3，记录于 %4）</translation>
    </message>
    <message>
        <source>response bytes %1 were redacted in the trace: answered as zeros</source>
        <translation>响应字节 %1 在记录中已隐去：以零应答</translation>
    </message>
    <message>
        <source>answered with exchange %1 of %2 (%3)</source>
        <translation>以第 %1 个交互（共 %2 个）应答（%3）</translation>
    </message>
</context>
<context>
    <name>carddesk</name>
    <message>
        <source>a quote inside a field that does not start with one (write it as &quot;&quot; inside a quoted field)</source>
        <translation>字段不以引号开头却含有引号（在带引号的字段中写作 &quot;&quot;）</translation>
    </message>
    <message>
        <source>text after a quoted field&apos;s closing quote</source>
        <translation>带引号字段的结束引号后还有文字</translation>
    </message>
    <message>
        <source>a quoted field is not closed before the end of the file</source>
        <translation>带引号的字段直到文件结尾仍未闭合</translation>
    </message>
</context>
<context>
    <name>carddesk::ApduDecodePane</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Decoded exchange</source>
        <translation>解码的交互</translation>
    </message>
    <message>
        <source>Select an exchange in the trace to decode it.</source>
        <translation>在 APDU 记录中选择一条交互以查看解码。</translation>
    </message>
    <message>
        <source>#%1  %2  —  %3 %4</source>
        <translation>#%1  %2  —  %3 %4</translation>
    </message>
</context>
<context>
    <name>carddesk::ApduTraceModel</name>
    <message>
        <source>Secret bytes are hidden. Revealing them is recorded in the audit log.</source>
        <translation>机密字节已隐去。显示机密的操作会记入审计日志。</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>命令头</translation>
    </message>
    <message>
        <source>Lc</source>
        <translation>Lc</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Le</source>
        <translation>Le</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>响应</translation>
    </message>
    <message>
        <source>SW</source>
        <translation>状态字</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>µs</source>
        <translation>微秒</translation>
    </message>
</context>
<context>
    <name>carddesk::AppManagerView</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Installed applications</source>
        <translation>已安装的应用</translation>
    </message>
    <message>
        <source>&amp;Read applications</source>
        <translation>读取应用(&amp;R)</translation>
    </message>
    <message>
        <source>AID</source>
        <translation>AID</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Code (B)</source>
        <translation>代码（字节）</translation>
    </message>
    <message>
        <source>Data (B)</source>
        <translation>数据（字节）</translation>
    </message>
    <message>
        <source>Config (B)</source>
        <translation>配置（字节）</translation>
    </message>
    <message>
        <source>DF range</source>
        <translation>DF 范围</translation>
    </message>
    <message>
        <source>Card memory (NVM):</source>
        <translation>卡存储器（NVM）：</translation>
    </message>
    <message>
        <source>Install or delete</source>
        <translation>安装或删除</translation>
    </message>
    <message>
        <source>install package (.cdapp): certificate + unit, or unit only</source>
        <translation>安装包（.cdapp）：证书 + 安装单元，或仅安装单元</translation>
    </message>
    <message>
        <source>separate install certificate (optional)</source>
        <translation>单独的安装证书（可选）</translation>
    </message>
    <message>
        <source>&amp;Install</source>
        <translation>安装(&amp;I)</translation>
    </message>
    <message>
        <source>delete certificate (.cddel)</source>
        <translation>删除证书（.cddel）</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>block %v of %m</source>
        <translation>第 %v / %m 块</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Package:</source>
        <translation>安装包：</translation>
    </message>
    <message>
        <source>Install packages (*.cdapp);;All files (*)</source>
        <translation>安装包 (*.cdapp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>证书：</translation>
    </message>
    <message>
        <source>Certificates (*.cdcert *.cdapp);;All files (*)</source>
        <translation>证书 (*.cdcert *.cdapp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Delete certificate:</source>
        <translation>删除证书：</translation>
    </message>
    <message>
        <source>Delete certificates (*.cddel);;All files (*)</source>
        <translation>删除证书 (*.cddel);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Progress:</source>
        <translation>进度：</translation>
    </message>
    <message>
        <source>Reading the application registry…</source>
        <translation>正在读取应用注册表…</translation>
    </message>
    <message>
        <source>Installing…</source>
        <translation>正在安装…</translation>
    </message>
    <message>
        <source>Installed in registry record %1 (%2 blocks).</source>
        <translation>已安装，注册表记录 %1（%2 块）。</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>正在删除…</translation>
    </message>
    <message>
        <source>Application deleted.</source>
        <translation>应用已删除。</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Insert an issued card to see its applications.</source>
        <translation>插入已发行的卡以查看其应用。</translation>
    </message>
    <message numerus="yes">
        <source>Card %1: %n application(s); %2 of %3 bytes of NVM free.</source>
        <translation>
            <numerusform>卡 %1：%n 个应用；NVM 空闲 %2 / %3 字节。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>carddesk::AppService</name>
    <message>
        <source>the certificate or install unit is malformed</source>
        <translation>证书或安装单元格式错误</translation>
    </message>
    <message>
        <source>blocks out of sequence</source>
        <translation>数据块顺序错误</translation>
    </message>
    <message>
        <source>the install data is too long</source>
        <translation>安装数据过长</translation>
    </message>
    <message>
        <source>the certificate&apos;s signature is not the certification authority&apos;s</source>
        <translation>证书的签名不是认证中心的签名</translation>
    </message>
    <message>
        <source>the install unit and the certificate are for different applications</source>
        <translation>安装单元与证书属于不同的应用</translation>
    </message>
    <message>
        <source>the certificate is for another card</source>
        <translation>证书属于另一张卡</translation>
    </message>
    <message>
        <source>the card&apos;s issuer is not in the certificate&apos;s issuer group</source>
        <translation>卡的发卡方不在证书的发卡方组中</translation>
    </message>
    <message>
        <source>the card&apos;s product is not in the certificate&apos;s product group</source>
        <translation>卡的产品不在证书的产品组中</translation>
    </message>
    <message>
        <source>signature algorithm not supported or not the same in unit and certificate</source>
        <translation>签名算法不受支持，或安装单元与证书中的不一致</translation>
    </message>
    <message>
        <source>hash algorithm not supported or not the same in unit and certificate</source>
        <translation>摘要算法不受支持，或安装单元与证书中的不一致</translation>
    </message>
    <message>
        <source>process-key cipher not supported</source>
        <translation>不支持该过程密钥加密算法</translation>
    </message>
    <message>
        <source>the application is already installed</source>
        <translation>应用已经安装</translation>
    </message>
    <message>
        <source>not enough card memory (NVM) for the application</source>
        <translation>卡存储器（NVM）空间不足，无法容纳该应用</translation>
    </message>
    <message>
        <source>the application needs more RAM than the card gives</source>
        <translation>应用所需 RAM 超出卡能提供的大小</translation>
    </message>
    <message>
        <source>the application registry is full</source>
        <translation>应用注册表已满</translation>
    </message>
    <message>
        <source>the key transport units or the encrypted data cannot be decrypted by this card</source>
        <translation>本卡无法解密密钥传输单元或加密数据</translation>
    </message>
    <message>
        <source>a public key in the certificate is unusable</source>
        <translation>证书中的公钥不可用</translation>
    </message>
    <message>
        <source>the application code does not match the provider&apos;s signature</source>
        <translation>应用代码与应用提供方的签名不符</translation>
    </message>
    <message>
        <source>the configuration does not match the issuer&apos;s signature</source>
        <translation>配置数据与发卡方的签名不符</translation>
    </message>
    <message>
        <source>the card has no key pair</source>
        <translation>卡中尚无密钥对</translation>
    </message>
    <message>
        <source>the card has no certification authority key</source>
        <translation>卡中尚无认证中心公钥</translation>
    </message>
    <message>
        <source>the application is not installed</source>
        <translation>应用未安装</translation>
    </message>
    <message>
        <source>the delete certificate is for an earlier installation of the application</source>
        <translation>删除证书属于该应用较早的一次安装</translation>
    </message>
    <message>
        <source>the application failed</source>
        <translation>应用执行失败</translation>
    </message>
    <message>
        <source>the application ran too long</source>
        <translation>应用运行时间过长</translation>
    </message>
    <message>
        <source>the application used too much memory</source>
        <translation>应用使用的内存过多</translation>
    </message>
    <message>
        <source>the application accessed memory outside its own file</source>
        <translation>应用访问了其自身文件以外的存储区</translation>
    </message>
    <message>
        <source>status word %1</source>
        <translation>状态字 %1</translation>
    </message>
    <message>
        <source>reading the applications in &quot;%1&quot; failed: %2</source>
        <translation>读取“%1”中的应用失败：%2</translation>
    </message>
    <message>
        <source>the card refused the installation: %1</source>
        <translation>卡拒绝安装：%1</translation>
    </message>
    <message>
        <source>the card refused the deletion: %1</source>
        <translation>卡拒绝删除：%1</translation>
    </message>
    <message>
        <source>talking to the card in &quot;%1&quot; failed: %2</source>
        <translation>与“%1”中的卡通信失败：%2</translation>
    </message>
    <message>
        <source>the random seed must be 16 bytes (32 hex digits)</source>
        <translation>随机种子必须为 16 字节（32 位十六进制）</translation>
    </message>
    <message>
        <source>card number (10 bytes), issuer serial and product serial (8 bytes) are needed</source>
        <translation>需要卡号（10 字节）、发卡方序列号和产品序列号（各 8 字节）</translation>
    </message>
    <message>
        <source>the AID must be 5 to 16 bytes</source>
        <translation>AID 必须为 5 到 16 字节</translation>
    </message>
    <message>
        <source>the card already had a newer version of the application</source>
        <translation>本卡已装过该应用的更新版本</translation>
    </message>
    <message>
        <source>the card did it, but it could not be recorded: %1</source>
        <translation>卡片已完成操作，但无法记录：%1</translation>
    </message>
</context>
<context>
    <name>carddesk::AuditView</name>
    <message>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>&amp;Operator:</source>
        <translation>操作员(&amp;O)：</translation>
    </message>
    <message>
        <source>A&amp;ction:</source>
        <translation>操作(&amp;C)：</translation>
    </message>
    <message>
        <source>Ca&amp;rd:</source>
        <translation>卡号(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>时间从(&amp;F)</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>重新加载(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>校验哈希链(&amp;V)</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>导出 &amp;CSV…</translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation>导出 &amp;JSON…</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n row(s)</source>
        <translation>
            <numerusform>显示 %1 / 共 %n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Chain intact, %n row(s).</source>
        <translation>
            <numerusform>哈希链完整，共 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Chain broken at row %1: %2</source>
        <translation>哈希链在第 %1 行断开：%2</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>record batch</source>
        <translation>记录批次</translation>
    </message>
    <message>
        <source>start batch</source>
        <translation>开始批次</translation>
    </message>
    <message>
        <source>resume batch</source>
        <translation>继续批次</translation>
    </message>
    <message>
        <source>retry failed rows</source>
        <translation>重试失败行</translation>
    </message>
    <message>
        <source>batch paused</source>
        <translation>批次已暂停</translation>
    </message>
    <message>
        <source>batch finished</source>
        <translation>批次已结束</translation>
    </message>
    <message>
        <source>batch cancelled</source>
        <translation>批次已取消</translation>
    </message>
    <message>
        <source>record interrupted issuance</source>
        <translation>记录中断的发卡</translation>
    </message>
</context>
<context>
    <name>carddesk::BatchJournalModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>持卡人</translation>
    </message>
    <message>
        <source>User number</source>
        <translation>用户编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>carddesk::BatchService</name>
    <message>
        <source>the reader is gone: waiting for it to come back</source>
        <translation>读卡器已移除：等待其重新连接</translation>
    </message>
    <message>
        <source>waiting for a card</source>
        <translation>等待卡片</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>reading the card</source>
        <translation>正在读卡</translation>
    </message>
    <message>
        <source>the card could not be read (%1): waiting</source>
        <translation>无法读取卡片（%1）：等待中</translation>
    </message>
    <message>
        <source>no holder left for this card; it stays in the reader</source>
        <translation>没有剩余持卡人使用此卡；卡片留在读卡器中</translation>
    </message>
    <message>
        <source>its PIN mailer is missing</source>
        <translation>缺少其密码函</translation>
    </message>
    <message>
        <source>card %1: its PIN mailer is missing; the card is void</source>
        <translation>卡 %1：缺少其密码函；该卡作废</translation>
    </message>
    <message>
        <source>card %1 in reader &quot;%2&quot; is not one of this batch&apos;s</source>
        <translation>读卡器“%2”中的卡 %1 不属于此批次</translation>
    </message>
    <message>
        <source>the card in reader &quot;%1&quot; is not blank (%2)</source>
        <translation>读卡器“%1”中的卡不是空白卡（%2）</translation>
    </message>
    <message>
        <source>unknown life cycle</source>
        <translation>未知的生命周期</translation>
    </message>
    <message>
        <source>the database failed: %1</source>
        <translation>数据库出错：%1</translation>
    </message>
    <message>
        <source>issuing row %1 (%2)</source>
        <translation>正在发第 %1 行（%2）</translation>
    </message>
    <message>
        <source>reader &quot;%1&quot;: %2</source>
        <translation>读卡器“%1”：%2</translation>
    </message>
    <message>
        <source>the card went away: waiting for it</source>
        <translation>卡片已移走：等待其放回</translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>reader &quot;%1&quot;: to the reject bin: %2</source>
        <translation>读卡器“%1”：送入废卡箱：%2</translation>
    </message>
    <message>
        <source>to the reject bin</source>
        <translation>送入废卡箱</translation>
    </message>
    <message>
        <source>to the output stack</source>
        <translation>送到出卡箱</translation>
    </message>
    <message>
        <source>the hopper feeds the next card</source>
        <translation>卡箱正在送入下一张卡</translation>
    </message>
    <message>
        <source>take the card out: it goes to the reject tray</source>
        <translation>请取出卡片：放入废卡盒</translation>
    </message>
    <message>
        <source>take the card out and put the next blank card in</source>
        <translation>请取出卡片并放入下一张空白卡</translation>
    </message>
    <message>
        <source>cannot create the PIN mailer folder %1</source>
        <translation>无法创建密码函文件夹 %1</translation>
    </message>
    <message>
        <source>the PIN mailer cannot be written: %1</source>
        <translation>无法写入密码函：%1</translation>
    </message>
    <message>
        <source>a generated PIN has 4 to 12 digits, not %1</source>
        <translation>生成的密码为 4 到 12 位数字，而不是 %1 位</translation>
    </message>
    <message>
        <source>generated PINs need a folder for the PIN mailers</source>
        <translation>生成密码需要指定密码函的文件夹</translation>
    </message>
    <message>
        <source>card number %1 is already taken</source>
        <translation>卡号 %1 已被占用</translation>
    </message>
    <message>
        <source>batch %1 is running in this window</source>
        <translation>批次 %1 正在此窗口中运行</translation>
    </message>
    <message>
        <source>choose at least one reader</source>
        <translation>请至少选择一个读卡器</translation>
    </message>
    <message>
        <source>there is no batch %1</source>
        <translation>没有批次 %1</translation>
    </message>
    <message>
        <source>batch %1 is %2: nothing to resume</source>
        <translation>批次 %1 状态为%2：无可继续</translation>
    </message>
    <message>
        <source>the batch&apos;s template cannot be read: %1</source>
        <translation>无法读取批次的模板：%1</translation>
    </message>
    <message>
        <source>batch %1 takes its PINs from its holder file %2: give the file</source>
        <translation>批次 %1 的密码来自其持卡人文件 %2：请提供该文件</translation>
    </message>
    <message>
        <source>%1 is not the file batch %2 was made from (its SHA-256 differs)</source>
        <translation>%1 不是创建批次 %2 时所用的文件（SHA-256 不同）</translation>
    </message>
    <message>
        <source>batch %1 is running at desk %2 (its last sign of life: %3)</source>
        <translation>批次 %1 正在柜台 %2 运行（最后活动时间：%3）</translation>
    </message>
    <message>
        <source>cancelled: %1 of %2 cards issued</source>
        <translation>已取消：已发 %1 张卡，共 %2 张</translation>
    </message>
    <message>
        <source>paused: %1 of %2 cards issued, %3 to go</source>
        <translation>已暂停：已发 %1 张卡，共 %2 张，还剩 %3 张</translation>
    </message>
    <message>
        <source>%1 cards went away during their issuance: put them back in a reader and resume the batch</source>
        <translation>%1 张卡在发卡过程中被移走：请将其放回读卡器并继续批次</translation>
    </message>
    <message>
        <source>finished: %1 cards issued</source>
        <translation>已结束：已发 %1 张卡</translation>
    </message>
    <message>
        <source>finished: %1 cards issued, %2 rows failed (retry them)</source>
        <translation>已结束：已发 %1 张卡，%2 行失败（可重试）</translation>
    </message>
    <message>
        <source>no card came for %1 s in %2: paused (refill the hoppers and resume)</source>
        <translation>%2 中 %1 秒内没有卡片：已暂停（补充卡箱后继续）</translation>
    </message>
    <message>
        <source>%1: the batch waits until it is back</source>
        <translation>%1：批次等待其恢复</translation>
    </message>
    <message>
        <source>the PC/SC service is back: the batch goes on</source>
        <translation>PC/SC 服务已恢复：批次继续进行</translation>
    </message>
</context>
<context>
    <name>carddesk::BatchView</name>
    <message>
        <source>New batch</source>
        <translation>新建批次</translation>
    </message>
    <message>
        <source>CSV or JSON file of holders</source>
        <translation>持卡人 CSV 或 JSON 文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Holder file:</source>
        <translation>持卡人文件：</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Card template:</source>
        <translation>卡模板：</translation>
    </message>
    <message>
        <source>the file&apos;s name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Batch name:</source>
        <translation>批次名称：</translation>
    </message>
    <message>
        <source>Generate PINs (PIN mailers)</source>
        <translation>生成密码（密码函）</translation>
    </message>
    <message>
        <source> digits</source>
        <translation> 位</translation>
    </message>
    <message>
        <source>PINs:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>folder for the PIN mailers</source>
        <translation>密码函文件夹</translation>
    </message>
    <message>
        <source>PIN mailers:</source>
        <translation>密码函：</translation>
    </message>
    <message>
        <source>Check file</source>
        <translation>检查文件</translation>
    </message>
    <message>
        <source>Record batch</source>
        <translation>记录批次</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Holder file</source>
        <translation>持卡人文件</translation>
    </message>
    <message>
        <source>Holder files (*.csv *.json);;All files (*)</source>
        <translation>持卡人文件 (*.csv *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Folder for the PIN mailers</source>
        <translation>密码函文件夹</translation>
    </message>
    <message>
        <source>none: choose one</source>
        <translation>无：请选择</translation>
    </message>
    <message>
        <source>Choose a card template first.</source>
        <translation>请先选择卡模板。</translation>
    </message>
    <message numerus="yes">
        <source>%n holder(s), no problem: the batch can be recorded.</source>
        <translation>
            <numerusform>%n 位持卡人，没有问题：可以记录此批次。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s): nothing can be recorded from this file until they are corrected.</source>
        <translation>
            <numerusform>%n 个问题：改正之前不能从此文件记录批次。</numerusform>
        </translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Check the file first.</source>
        <translation>请先检查文件。</translation>
    </message>
    <message>
        <source>Choose the folder for the PIN mailers.</source>
        <translation>请选择密码函的文件夹。</translation>
    </message>
    <message numerus="yes">
        <source>The file has %n problem(s); nothing was recorded.</source>
        <translation>
            <numerusform>文件有 %n 个问题；未记录任何内容。</numerusform>
        </translation>
    </message>
    <message>
        <source>Batch %1 recorded: tick the readers and start it.</source>
        <translation>已记录批次 %1：勾选读卡器后开始。</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Start / resume</source>
        <translation>开始 / 继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Cancel batch…</source>
        <translation>取消批次…</translation>
    </message>
    <message>
        <source>Retry failed rows</source>
        <translation>重试失败行</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>%v of %m done</source>
        <translation>已完成 %v / %m</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Cards issued</source>
        <translation>已发卡数</translation>
    </message>
    <message>
        <source>Last card</source>
        <translation>上一张卡</translation>
    </message>
    <message>
        <source>Readers:</source>
        <translation>读卡器：</translation>
    </message>
    <message>
        <source>Failed rows only</source>
        <translation>只显示失败行</translation>
    </message>
    <message>
        <source>%1 (desk %2)</source>
        <translation>%1（柜台 %2）</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>约剩 %1</translation>
    </message>
    <message>
        <source>estimating…</source>
        <translation>正在估算…</translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>失败 %n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n failed</source>
        <translation>
            <numerusform>%1 · 失败 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a batch first.</source>
        <translation>请先选择一个批次。</translation>
    </message>
    <message>
        <source>Tick the readers the batch runs on.</source>
        <translation>请勾选运行批次的读卡器。</translation>
    </message>
    <message>
        <source>There is no batch %1.</source>
        <translation>没有批次 %1。</translation>
    </message>
    <message>
        <source>The holder file of batch %1 (its PINs)</source>
        <translation>批次 %1 的持卡人文件（含密码）</translation>
    </message>
    <message>
        <source>Batch %1 takes its PINs from its holder file: choose the file to start it.</source>
        <translation>批次 %1 的密码来自其持卡人文件：请选择该文件以开始。</translation>
    </message>
    <message>
        <source>The issuer keys are needed: open the key store first.</source>
        <translation>需要发卡方密钥：请先打开密钥库。</translation>
    </message>
    <message numerus="yes">
        <source>Batch %1 is running on %n reader(s).</source>
        <translation>
            <numerusform>批次 %1 正在 %n 个读卡器上运行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Pausing: each reader finishes the card it has.</source>
        <translation>正在暂停：每个读卡器完成手中的卡片。</translation>
    </message>
    <message>
        <source>Cancel batch</source>
        <translation>取消批次</translation>
    </message>
    <message>
        <source>Cancel batch %1? Its pending rows will not be issued; cards already issued stay issued.</source>
        <translation>取消批次 %1？其待发的行将不再发卡；已发的卡保持有效。</translation>
    </message>
    <message>
        <source>Cancelling: each reader finishes the card it has.</source>
        <translation>正在取消：每个读卡器完成手中的卡片。</translation>
    </message>
    <message>
        <source>Batch %1 is running at another desk: cancel it there.</source>
        <translation>批次 %1 正在另一个柜台运行：请在那里取消。</translation>
    </message>
    <message>
        <source>Batch %1 cancelled.</source>
        <translation>已取消批次 %1。</translation>
    </message>
    <message numerus="yes">
        <source>%n failed row(s) of batch %1 pending again: start it to issue them.</source>
        <translation>
            <numerusform>批次 %1 中 %n 个失败行重新待发：开始批次即可发卡。</numerusform>
        </translation>
    </message>
    <message>
        <source>Batch %1 stopped.</source>
        <translation>批次 %1 已停止。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export the batch report as PDF</source>
        <translation>将批次报告导出为 PDF</translation>
    </message>
    <message>
        <source>Export the batch report as CSV</source>
        <translation>将批次报告导出为 CSV</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Report of batch %1 written to %2.</source>
        <translation>批次 %1 的报告已写入 %2。</translation>
    </message>
</context>
<context>
    <name>carddesk::CaKeyService</name>
    <message>
        <source>--key needs a service key name CA_SERVICE_1 to CA_SERVICE_8, got &quot;%1&quot;</source>
        <translation>--key 需要业务密钥名称 CA_SERVICE_1 至 CA_SERVICE_8，实际为“%1”</translation>
    </message>
    <message>
        <source>no key store is open: the service key cannot be loaded</source>
        <translation>未打开密钥库：无法载入业务密钥</translation>
    </message>
    <message>
        <source>the key was loaded but could not be recorded: %1</source>
        <translation>密钥已载入，但无法登记：%1</translation>
    </message>
</context>
<context>
    <name>carddesk::CardPanel</name>
    <message>
        <source>Issuance</source>
        <translation>发卡</translation>
    </message>
    <message>
        <source>Card diagnostics</source>
        <translation>卡片诊断</translation>
    </message>
    <message>
        <source>Reading the card in %1…</source>
        <translation>正在读取 %1 中的卡片…</translation>
    </message>
    <message>
        <source>The card cannot be read</source>
        <translation>无法读取卡片</translation>
    </message>
    <message>
        <source>Start the PC/SC service (pcscd); the readers appear here as soon as it runs.</source>
        <translation>请启动 PC/SC 服务（pcscd）；服务运行后读卡器会立即显示在这里。</translation>
    </message>
    <message>
        <source>No reader selected</source>
        <translation>未选择读卡器</translation>
    </message>
    <message>
        <source>Connect a card reader, or choose one in the list on the left.</source>
        <translation>请连接读卡器，或在左侧列表中选择一个。</translation>
    </message>
    <message>
        <source>Insert a card</source>
        <translation>请插入卡片</translation>
    </message>
    <message>
        <source>The card in %1 does not answer. Take it out and insert it again.</source>
        <translation>%1 中的卡片无应答。请取出后重新插入。</translation>
    </message>
    <message>
        <source>Another program is using the card in %1.</source>
        <translation>其他程序正在使用 %1 中的卡片。</translation>
    </message>
    <message>
        <source>Insert a blank card to issue it, or any card to see its diagnostics, in %1.</source>
        <translation>请在 %1 中插入空白卡进行发卡，或插入任意卡片查看诊断信息。</translation>
    </message>
    <message>
        <source>not a CardDesk card</source>
        <translation>非 CardDesk 卡</translation>
    </message>
    <message>
        <source>card %1</source>
        <translation>卡号 %1</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <source>Last card: issued, card number %1.</source>
        <translation>上一张卡：已发卡，卡号 %1。</translation>
    </message>
    <message>
        <source>Last card: not issued. %1</source>
        <translation>上一张卡：未发卡。%1</translation>
    </message>
    <message>
        <source>E-purse</source>
        <translation>电子钱包</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>应用</translation>
    </message>
</context>
<context>
    <name>carddesk::ConsoleSession</name>
    <message>
        <source>the trace&apos;s secrets could not be revealed: see the audit trail</source>
        <translation>无法显示 APDU 记录中的机密：请查看审计日志</translation>
    </message>
</context>
<context>
    <name>carddesk::Database</name>
    <message>
        <source>%1 is not a file</source>
        <translation>%1 不是文件</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a CardDesk database (not an SQLite file); it was left untouched</source>
        <translation>%1 不是 CardDesk 数据库（不是 SQLite 文件），未作任何改动</translation>
    </message>
    <message>
        <source>the PostgreSQL driver (QPSQL) is not installed</source>
        <translation>未安装 PostgreSQL 驱动（QPSQL）</translation>
    </message>
    <message>
        <source>the SQLite driver (QSQLITE) is not installed</source>
        <translation>未安装 SQLite 驱动（QSQLITE）</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>cannot open the database %1: %2</source>
        <translation>无法打开数据库 %1：%2</translation>
    </message>
    <message>
        <source>%1 holds another program&apos;s tables (no schema_version); it was left untouched</source>
        <translation>%1 包含其他程序的数据表（无 schema_version），未作任何改动</translation>
    </message>
    <message>
        <source>%1 has schema version %2, newer than this CardDesk knows (%3); it was left untouched</source>
        <translation>%1 的架构版本为 %2，高于本版 CardDesk 支持的版本（%3），未作任何改动</translation>
    </message>
    <message>
        <source>cannot start a transaction: %1</source>
        <translation>无法开始事务：%1</translation>
    </message>
    <message>
        <source>migration %1 failed: %2</source>
        <translation>迁移 %1 失败：%2</translation>
    </message>
    <message>
        <source>card number prefix &quot;%1&quot; must have 2 to 19 hex digits</source>
        <translation>卡号前缀“%1”必须是 2 到 19 位十六进制数字</translation>
    </message>
    <message>
        <source>cannot allocate a card number: %1</source>
        <translation>无法分配卡号：%1</translation>
    </message>
    <message>
        <source>the numbers of prefix %1 are exhausted</source>
        <translation>前缀 %1 的卡号已用完</translation>
    </message>
    <message>
        <source>cannot record card %1: %2</source>
        <translation>无法记录卡 %1：%2</translation>
    </message>
    <message>
        <source>cannot write the issuance journal: %1</source>
        <translation>无法写入发卡日志：%1</translation>
    </message>
    <message>
        <source>cannot write the audit log: %1</source>
        <translation>无法写入审计日志：%1</translation>
    </message>
    <message>
        <source>%1 is a damaged database (%2); it was left untouched</source>
        <translation>%1 是已损坏的数据库（%2），未作任何改动</translation>
    </message>
    <message>
        <source>cannot record the public key of card %1: %2</source>
        <translation>无法登记卡 %1 的公钥：%2</translation>
    </message>
    <message>
        <source>cannot update card %1: %2</source>
        <translation>无法更新卡 %1：%2</translation>
    </message>
    <message>
        <source>cannot update the cards of chip %1: %2</source>
        <translation>无法更新芯片 %1 的卡记录：%2</translation>
    </message>
    <message>
        <source>%1 is empty (0 bytes), not a CardDesk database; to start a new database there, ask for it (--create)</source>
        <translation>%1 是空文件（0 字节），不是 CardDesk 数据库；如要在此新建数据库，请明确要求（--create）</translation>
    </message>
    <message>
        <source>the database %1 does not exist; to start a new one there, ask for it (--create)</source>
        <translation>数据库 %1 不存在；如要在此新建，请明确要求（--create）</translation>
    </message>
    <message>
        <source>cannot write the audit log: the database is not open</source>
        <translation>无法写入审计日志：数据库未打开</translation>
    </message>
    <message>
        <source>the audit trail&apos;s head row is missing</source>
        <translation>审计日志的链头记录缺失</translation>
    </message>
    <message>
        <source>cannot read the audit log: %1</source>
        <translation>无法读取审计日志：%1</translation>
    </message>
    <message>
        <source>rows %1 to %2 are missing (the next row is %3)</source>
        <translation>第 %1 到 %2 条记录缺失（下一条是第 %3 条）</translation>
    </message>
    <message>
        <source>row %1 is missing (the next row is %2)</source>
        <translation>第 %1 条记录缺失（下一条是第 %2 条）</translation>
    </message>
    <message>
        <source>row %1 is out of place (expected row %2)</source>
        <translation>第 %1 条记录位置不对（此处应为第 %2 条）</translation>
    </message>
    <message>
        <source>row %1 was changed or inserted (its hash does not match)</source>
        <translation>第 %1 条记录被修改或插入（其哈希值不符）</translation>
    </message>
    <message>
        <source>rows %1 to %2 are missing from the end (the trail&apos;s head is row %2)</source>
        <translation>末尾的第 %1 到 %2 条记录缺失（日志链头为第 %2 条）</translation>
    </message>
    <message>
        <source>row %1 was added after the trail&apos;s head (row %2)</source>
        <translation>第 %1 条记录是在日志链头（第 %2 条）之后添加的</translation>
    </message>
    <message>
        <source>row %1 does not match the trail&apos;s head</source>
        <translation>第 %1 条记录与日志链头不符</translation>
    </message>
    <message>
        <source>cannot change the setting %1: %2</source>
        <translation>无法更改设置 %1：%2</translation>
    </message>
    <message>
        <source>cannot record batch %1: %2</source>
        <translation>无法记录批次 %1：%2</translation>
    </message>
    <message>
        <source>cannot update batch %1: %2</source>
        <translation>无法更新批次 %1：%2</translation>
    </message>
    <message>
        <source>cannot read the issuance journal: %1</source>
        <translation>无法读取发卡日志：%1</translation>
    </message>
    <message>
        <source>batch %1: another process takes its rows at the same time</source>
        <translation>批次 %1：另一个进程正同时领取其行</translation>
    </message>
    <message>
        <source>the card registry</source>
        <translation>卡片登记表</translation>
    </message>
    <message>
        <source>the batches</source>
        <translation>批次表</translation>
    </message>
    <message>
        <source>the issuance journal</source>
        <translation>发卡日志</translation>
    </message>
    <message>
        <source>the disk of the database is full: nothing of this was recorded; free some space and try again (%1)</source>
        <translation>数据库所在磁盘已满：此操作未记录任何内容；请释放一些空间后重试（%1）</translation>
    </message>
    <message>
        <source>the database file is read-only: nothing of this was recorded; make it writable and try again (%1)</source>
        <translation>数据库文件为只读：此操作未记录任何内容；请使其可写后重试（%1）</translation>
    </message>
</context>
<context>
    <name>carddesk::DiagnosticsView</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Read the card again (F5)</source>
        <translation>重新读取卡片（F5）</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡片</translation>
    </message>
    <message>
        <source>ATR:</source>
        <translation>ATR：</translation>
    </message>
    <message>
        <source>Decoded:</source>
        <translation>解析：</translation>
    </message>
    <message>
        <source>Card number:</source>
        <translation>卡号：</translation>
    </message>
    <message>
        <source>Issuer serial:</source>
        <translation>发卡方序列号：</translation>
    </message>
    <message>
        <source>Product serial:</source>
        <translation>产品序列号：</translation>
    </message>
    <message>
        <source>Chip serial:</source>
        <translation>芯片序列号：</translation>
    </message>
    <message>
        <source>Operating system:</source>
        <translation>操作系统：</translation>
    </message>
    <message>
        <source>Life cycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Memory (NVM)</source>
        <translation>存储器（NVM）</translation>
    </message>
    <message>
        <source>Memory used</source>
        <translation>已用存储</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>PIN tries left</source>
        <translation>PIN 剩余次数</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Visible</source>
        <translation>可见性</translation>
    </message>
    <message>
        <source>Permission needed</source>
        <translation>所需权限</translation>
    </message>
    <message>
        <source>Key ID</source>
        <translation>密钥编号</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Errors left</source>
        <translation>剩余容错次数</translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Menu</source>
        <translation>菜单(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation>密钥(&amp;K)</translation>
    </message>
    <message>
        <source>Reading the card…</source>
        <translation>正在读取卡片…</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Read from %1 at %2</source>
        <translation>于 %2 从 %1 读取</translation>
    </message>
    <message>
        <source>not yet written (blank card)</source>
        <translation>尚未写入（空白卡）</translation>
    </message>
    <message>
        <source>%1 used of %2 (%p%)</source>
        <translation>已用 %1 / 共 %2（%p%）</translation>
    </message>
    <message numerus="yes">
        <source>%1 free · page size %2 bytes · %Ln page write(s) since the image was made</source>
        <translation>
            <numerusform>空闲 %1 · 页大小 %2 字节 · 自映像创建以来写页 %Ln 次</numerusform>
        </translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>blocked (0 of %1)</source>
        <translation>已锁定（0 / %1）</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>3DES, two keys</source>
        <translation>双倍长 3DES</translation>
    </message>
    <message>
        <source>type %1</source>
        <translation>类型 %1</translation>
    </message>
    <message>
        <source>locked (0 of %1)</source>
        <translation>已锁定（0 / %1）</translation>
    </message>
    <message>
        <source>protocol %1 · historical bytes %2</source>
        <translation>协议 %1 · 历史字节 %2</translation>
    </message>
    <message>
        <source>(&quot;CDOS&quot; version %1.%2)</source>
        <translation>（“CDOS” 版本 %1.%2）</translation>
    </message>
    <message>
        <source>The ATR dates from the last reset; the card now reports %1.</source>
        <translation>ATR 来自上次复位；卡片当前报告的状态为“%1”。</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&amp;Conditional access</source>
        <translation>条件接收(&amp;C)</translation>
    </message>
    <message>
        <source>This card has no conditional-access application.</source>
        <translation>这张卡没有条件接收应用。</translation>
    </message>
    <message>
        <source>CA_SERVICE_%1 version %2 (key %3, %4 of %5 errors left)</source>
        <translation>CA_SERVICE_%1 版本 %2（密钥 %3，剩余 %4/%5 次错误）</translation>
    </message>
    <message>
        <source>CA_SERVICE_%1 version %2 (key %3)</source>
        <translation>CA_SERVICE_%1 版本 %2（密钥 %3）</translation>
    </message>
    <message>
        <source>Service keys: %1</source>
        <translation>业务密钥：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>not yet valid</source>
        <translation>尚未生效</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>有效</translation>
    </message>
</context>
<context>
    <name>carddesk::HeadendHistoryClient</name>
    <message>
        <source>no headend certificate file is set (the headend writes tls-cert.pem in its data directory)</source>
        <translation>未设置前端证书文件（前端在其数据目录中生成 tls-cert.pem）</translation>
    </message>
    <message>
        <source>the headend certificate %1 cannot be read: %2</source>
        <translation>无法读取前端证书 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a certificate file (too large)</source>
        <translation>%1 不是证书文件（太大）</translation>
    </message>
    <message>
        <source>%1 does not hold exactly one PEM certificate</source>
        <translation>%1 中不是恰好一个 PEM 证书</translation>
    </message>
    <message>
        <source>a card number has 20 hexadecimal digits</source>
        <translation>卡号为 20 位十六进制数字</translation>
    </message>
    <message>
        <source>card %1</source>
        <translation>卡 %1</translation>
    </message>
    <message>
        <source>a subscriber number has 1 to 64 characters</source>
        <translation>用户号为 1 到 64 个字符</translation>
    </message>
    <message>
        <source>subscriber %1</source>
        <translation>用户 %1</translation>
    </message>
    <message>
        <source>no headend URL is set (for example https://127.0.0.1:8443)</source>
        <translation>未设置前端地址（例如 https://127.0.0.1:8443）</translation>
    </message>
    <message>
        <source>the headend URL must start with https://</source>
        <translation>前端地址必须以 https:// 开头</translation>
    </message>
    <message>
        <source>the server at %1 did not show the pinned headend certificate (%2): it is another server, or the headend&apos;s certificate changed — pin its current tls-cert.pem</source>
        <translation>%1 处的服务器未出示已固定的前端证书（%2）：它是另一台服务器，或前端证书已更换——请固定其当前的 tls-cert.pem</translation>
    </message>
    <message>
        <source>the headend has no transaction of %1: it is not enrolled there, or has never paid or topped up through it</source>
        <translation>前端没有%1的交易：该卡未在前端登记，或从未通过前端消费或充值</translation>
    </message>
    <message>
        <source>the headend does not know %1</source>
        <translation>前端不认识%1</translation>
    </message>
    <message>
        <source>the headend refused the request for %1: HTTP %2 %3 (%4)</source>
        <translation>前端拒绝了%1的请求：HTTP %2 %3（%4）</translation>
    </message>
    <message>
        <source>the headend at %1 cannot be reached: %2</source>
        <translation>无法连接 %1 处的前端：%2</translation>
    </message>
    <message>
        <source>the headend&apos;s answer is not a JSON array</source>
        <translation>前端的应答不是 JSON 数组</translation>
    </message>
    <message>
        <source>a credential for %1</source>
        <translation>%1 的凭据</translation>
    </message>
    <message>
        <source>the operator credentials</source>
        <translation>操作员凭据</translation>
    </message>
    <message>
        <source>credential %1</source>
        <translation>凭据 %1</translation>
    </message>
    <message>
        <source>the audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>no operator credential: type it, or start with CARDDESK_HEADEND_TOKEN set</source>
        <translation>没有操作员凭据：请输入，或在设置了 CARDDESK_HEADEND_TOKEN 的环境中启动</translation>
    </message>
    <message>
        <source>the headend&apos;s answer is not JSON</source>
        <translation>前端的应答不是 JSON</translation>
    </message>
    <message>
        <source>the headend does not know this operator credential: check it, or ask an administrator for one</source>
        <translation>前端不认识此操作员凭据：请检查，或向管理员申请一个</translation>
    </message>
    <message>
        <source>the headend has no %1</source>
        <translation>前端没有%1</translation>
    </message>
    <message>
        <source>the headend refused the operator credential: it was revoked</source>
        <translation>前端拒绝了该操作员凭据：它已被吊销</translation>
    </message>
    <message>
        <source>the operator credential has expired: ask an administrator for a new one</source>
        <translation>操作员凭据已过期：请向管理员申请新的凭据</translation>
    </message>
    <message>
        <source>the headend asked for an operator credential</source>
        <translation>前端要求提供操作员凭据</translation>
    </message>
    <message>
        <source>the headend refused the shared set-up token: it is wrong, or the headend has none</source>
        <translation>前端拒绝了共享的初始设置令牌：令牌错误，或前端未配置令牌</translation>
    </message>
    <message>
        <source>the shared set-up token only issues the first admin credential, and an admin credential exists: use an operator credential</source>
        <translation>共享的初始设置令牌只能签发第一个管理员凭据，而管理员凭据已存在：请使用操作员凭据</translation>
    </message>
    <message>
        <source>the operator credential does not hold the role %1 needed for %2</source>
        <translation>该操作员凭据不具备%2所需的角色 %1</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
</context>
<context>
    <name>carddesk::IssuanceService</name>
    <message>
        <source>write key %1 (%2)</source>
        <translation>写入密钥 %1（%2）</translation>
    </message>
    <message>
        <source>write user %1</source>
        <translation>写入用户 %1</translation>
    </message>
    <message>
        <source>write menu entry %1</source>
        <translation>写入菜单项 %1</translation>
    </message>
    <message>
        <source>%1: unknown permission &quot;%2&quot;</source>
        <translation>%1：未知权限“%2”</translation>
    </message>
    <message>
        <source>template %1: %2</source>
        <translation>卡模板 %1：%2</translation>
    </message>
    <message>
        <source>holder file: %1</source>
        <translation>持卡人信息：%1</translation>
    </message>
    <message>
        <source>card number &quot;%1&quot; must be 20 hex digits</source>
        <translation>卡号“%1”必须是 20 位十六进制数字</translation>
    </message>
    <message>
        <source>holder file: user %1 (%2) of the template needs a PIN</source>
        <translation>持卡人信息：模板中的用户 %1（%2）需要 PIN</translation>
    </message>
    <message>
        <source>holder file: %1: user %2 is not in the template; give its name and permissions</source>
        <translation>持卡人信息：%1：用户 %2 不在模板中，请提供其名称和权限</translation>
    </message>
    <message>
        <source>holder file: %1.permissions</source>
        <translation>持卡人信息：%1.permissions</translation>
    </message>
    <message>
        <source>an issuance is already running</source>
        <translation>已有发卡作业正在进行</translation>
    </message>
    <message>
        <source>the card database is not open</source>
        <translation>卡片数据库未打开</translation>
    </message>
    <message>
        <source>the card in reader &quot;%1&quot; is not blank (%2): only blank cards can be issued</source>
        <translation>读卡器“%1”中的卡片不是空白卡（%2）：只能对空白卡发卡</translation>
    </message>
    <message>
        <source>card %1 was written but does not read back as intended: %2</source>
        <translation>卡 %1 已写入，但回读结果与预期不符：%2</translation>
    </message>
    <message>
        <source>card %1 was issued but could not be recorded: %2</source>
        <translation>卡 %1 已发行，但未能记入数据库：%2</translation>
    </message>
    <message>
        <source>select the master file</source>
        <translation>选择主文件</translation>
    </message>
    <message>
        <source>take the card over from the batch key</source>
        <translation>以批次密钥接管卡片</translation>
    </message>
    <message>
        <source>create the files</source>
        <translation>创建文件</translation>
    </message>
    <message>
        <source>write card numbers, holder and purse parameters</source>
        <translation>写入卡号、持卡人信息和电子钱包参数</translation>
    </message>
    <message>
        <source>end personalisation</source>
        <translation>结束个人化</translation>
    </message>
    <message>
        <source>cannot read the application CA key %1: %2</source>
        <translation>无法读取应用认证中心密钥 %1：%2</translation>
    </message>
    <message>
        <source>the application CA key %1 is not usable: %2</source>
        <translation>应用认证中心密钥 %1 不可用：%2</translation>
    </message>
    <message>
        <source>create the conditional-access application</source>
        <translation>创建条件接收应用</translation>
    </message>
    <message>
        <source>write the service keys and entitlements</source>
        <translation>写入业务密钥和授权</translation>
    </message>
    <message>
        <source>the key store cannot supply the service key %1: %2</source>
        <translation>密钥库无法提供业务密钥 %1：%2</translation>
    </message>
    <message>
        <source>reading the card in reader &quot;%1&quot; failed: %2</source>
        <translation>读取读卡器“%1”中的卡失败：%2</translation>
    </message>
    <message>
        <source>unknown life cycle</source>
        <translation>未知生命周期</translation>
    </message>
    <message>
        <source>card number %1 is already taken (issued, or written to a card whose issuance was interrupted): a number is never given twice</source>
        <translation>卡号 %1 已被占用（已发卡，或已写入一张发卡中断的卡）：卡号绝不重复使用</translation>
    </message>
    <message>
        <source>issuing card %1 in reader &quot;%2&quot; failed: %3. The number stays reserved for this card: put it back and issue again — a card that came back blank gets a new number, one that completed is recorded.</source>
        <translation>在读卡器“%2”中发卡 %1 失败：%3。该卡号保留给这张卡：请重新插卡并再次发卡——恢复为空白的卡将获得新卡号，已完成的卡将被登记。</translation>
    </message>
    <message>
        <source>the card has no application key pair (%1)</source>
        <translation>卡中没有应用密钥对（%1）</translation>
    </message>
    <message>
        <source>recording the interrupted issuance of card %1 failed: %2</source>
        <translation>登记卡 %1 的中断发卡失败：%2</translation>
    </message>
    <message>
        <source>card %1 could not be recorded: %2</source>
        <translation>无法登记卡 %1：%2</translation>
    </message>
    <message>
        <source>application download keys</source>
        <translation>应用下载密钥</translation>
    </message>
</context>
<context>
    <name>carddesk::IssuanceView</name>
    <message>
        <source>Card template</source>
        <translation>卡模板</translation>
    </message>
    <message>
        <source>Template file (JSON)</source>
        <translation>模板文件（JSON）</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>模板(&amp;T)：</translation>
    </message>
    <message>
        <source>Card holder</source>
        <translation>持卡人</translation>
    </message>
    <message>
        <source>e.g. U0001</source>
        <translation>例如 U0001</translation>
    </message>
    <message>
        <source>bank or subscriber account</source>
        <translation>银行或用户账号</translation>
    </message>
    <message>
        <source>e.g. 张伟</source>
        <translation>例如 张伟</translation>
    </message>
    <message>
        <source>20 hex digits</source>
        <translation>20 位十六进制数字</translation>
    </message>
    <message>
        <source>A&amp;llocate the next free number</source>
        <translation>自动分配下一个可用卡号(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;User number:</source>
        <translation>用户编号(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>账号(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>Card nu&amp;mber:</source>
        <translation>卡号(&amp;M)：</translation>
    </message>
    <message>
        <source>Issuer keys</source>
        <translation>发卡方密钥</translation>
    </message>
    <message>
        <source>Open &amp;key store…</source>
        <translation>打开密钥库(&amp;K)…</translation>
    </message>
    <message>
        <source>Users and PINs</source>
        <translation>用户与 PIN</translation>
    </message>
    <message>
        <source>&amp;Issue card</source>
        <translation>发卡(&amp;I)</translation>
    </message>
    <message>
        <source>step %v of %m</source>
        <translation>第 %v / %m 步</translation>
    </message>
    <message>
        <source>Choose a card template to issue cards.</source>
        <translation>请选择卡模板以进行发卡。</translation>
    </message>
    <message>
        <source>This template cannot be used:
%1</source>
        <translation>此卡模板无法使用：
%1</translation>
    </message>
    <message>
        <source>(locked)</source>
        <translation>（已锁定）</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n 把密钥</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n menu entry(s)</source>
        <translation>
            <numerusform>%n 个菜单项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n 个用户</numerusform>
        </translation>
    </message>
    <message>
        <source>card numbers %1…</source>
        <translation>卡号 %1…</translation>
    </message>
    <message>
        <source>Choose a card template</source>
        <translation>选择卡模板</translation>
    </message>
    <message>
        <source>Card templates (*.json);;All files (*)</source>
        <translation>卡模板 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Issuer keys are available.</source>
        <translation>发卡方密钥可用。</translation>
    </message>
    <message>
        <source>Key store %1 is open.</source>
        <translation>密钥库 %1 已打开。</translation>
    </message>
    <message>
        <source>Change &amp;key store…</source>
        <translation>更换密钥库(&amp;K)…</translation>
    </message>
    <message>
        <source>No key store open yet; you are asked for it when you issue.</source>
        <translation>尚未打开密钥库；发卡时会提示您打开。</translation>
    </message>
    <message>
        <source>Choose a usable card template first.</source>
        <translation>请先选择可用的卡模板。</translation>
    </message>
    <message>
        <source>Choose a reader and insert a blank card.</source>
        <translation>请选择读卡器并插入空白卡。</translation>
    </message>
    <message>
        <source>Reading the card…</source>
        <translation>正在读取卡片…</translation>
    </message>
    <message>
        <source>The card in %1 is not a CardDesk card; it cannot be issued here.</source>
        <translation>%1 中的卡片不是 CardDesk 卡，无法在此发卡。</translation>
    </message>
    <message>
        <source>The card in %1 is %2: only blank cards can be issued.</source>
        <translation>%1 中的卡片状态为“%2”：只能对空白卡发卡。</translation>
    </message>
    <message>
        <source>Ready to issue the card in %1.</source>
        <translation>可以对 %1 中的卡片发卡。</translation>
    </message>
    <message>
        <source>The card was not issued. Please correct:
%1</source>
        <translation>未发卡。请更正：
%1</translation>
    </message>
    <message>
        <source>The card was not issued: no key store is open.</source>
        <translation>未发卡：没有打开密钥库。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message numerus="yes">
        <source>Card issued. Card number %1 (chip serial %2, %n APDU(s)).</source>
        <translation>
            <numerusform>已发卡。卡号 %1（芯片序列号 %2，共 %n 条 APDU）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed.</source>
        <translation>失败。</translation>
    </message>
    <message>
        <source>The card was not issued: %1</source>
        <translation>未发卡：%1</translation>
    </message>
    <message>
        <source>Read-back differences:
%1</source>
        <translation>回读差异：
%1</translation>
    </message>
    <message>
        <source>Every user of the template needs a PIN. PINs travel to the card encrypted and are never stored, shown or logged.</source>
        <translation>模板中的每个用户都需要 PIN。PIN 加密后传送到卡片，从不保存、显示或记入日志。</translation>
    </message>
    <message>
        <source>Take the card out and insert the next blank card to issue another.</source>
        <translation>请取出卡片，插入下一张空白卡继续发卡。</translation>
    </message>
    <message>
        <source>Also written to the card</source>
        <translation>同时写入卡片</translation>
    </message>
    <message>
        <source>%1 (hidden)</source>
        <translation>%1（隐藏）</translation>
    </message>
    <message>
        <source>Initial menu: %1</source>
        <translation>初始菜单：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>E-purse: balance limit %1 yuan, overdraft limit %2 yuan</source>
        <translation>电子钱包：余额上限 %1 元，透支限额 %2 元</translation>
    </message>
    <message>
        <source>Keys, diversified for this card from the key store: %1</source>
        <translation>密钥（由密钥库为本卡分散生成）：%1</translation>
    </message>
    <message>
        <source>Conditional access: service keys %1</source>
        <translation>条件接收：业务密钥 %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>package %1</source>
        <translation>节目包 %1</translation>
    </message>
    <message>
        <source>%1 (package %2)</source>
        <translation>%1（节目包 %2）</translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation>频道 %1</translation>
    </message>
    <message>
        <source>VOD programme %1</source>
        <translation>点播节目 %1</translation>
    </message>
    <message>
        <source>%1 %2 to %3</source>
        <translation>%1 %2 至 %3</translation>
    </message>
    <message>
        <source>User %1 %2: %3</source>
        <translation>用户 %1 %2：%3</translation>
    </message>
    <message>
        <source>no rights</source>
        <translation>无授权</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>The interrupted issuance of card %1 (chip serial %2) had completed on the card: it is now recorded. Nothing was written to the card.</source>
        <translation>卡 %1（芯片序列号 %2）的中断发卡在卡上已经完成：现已登记，未向卡写入任何内容。</translation>
    </message>
    <message>
        <source>&amp;Generate PINs (PIN mailer)</source>
        <translation>生成密码（密码函）(&amp;G)</translation>
    </message>
    <message>
        <source>folder for the PIN mailer</source>
        <translation>密码函文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Postal address, one line each (1 to 5 lines)</source>
        <translation>通讯地址，每行一项（1 到 5 行）</translation>
    </message>
    <message>
        <source>Mailer folder:</source>
        <translation>密码函文件夹：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Folder for the PIN mailers</source>
        <translation>密码函文件夹</translation>
    </message>
    <message>
        <source>PIN mailer: %1</source>
        <translation>密码函：%1</translation>
    </message>
    <message>
        <source>Generated PINs: choose the folder for the PIN mailer.</source>
        <translation>生成密码：请选择密码函的文件夹。</translation>
    </message>
    <message>
        <source>Generated PINs: the PIN mailer needs the holder&apos;s postal address (1 to 5 lines).</source>
        <translation>生成密码：密码函需要持卡人的通讯地址（1 到 5 行）。</translation>
    </message>
    <message>
        <source>The PINs cannot be generated: %1</source>
        <translation>无法生成密码：%1</translation>
    </message>
</context>
<context>
    <name>carddesk::IssuedCardsModel</name>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>持卡人</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>User number</source>
        <translation>用户编号</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Life cycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>发卡时间</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Chip serial</source>
        <translation>芯片序列号</translation>
    </message>
    <message>
        <source>issuing (interrupted: put the card back and issue again)</source>
        <translation>发卡中（已中断：请重新插卡并再次发卡）</translation>
    </message>
    <message>
        <source>void (the card came back blank; number not reused)</source>
        <translation>作废（卡已恢复为空白；卡号不再使用）</translation>
    </message>
</context>
<context>
    <name>carddesk::KeyRing</name>
    <message>
        <source>the key store %1 needs its passphrase (CARDDESK_KEYSTORE_PASSPHRASE, or type it)</source>
        <translation>密钥库 %1 需要其口令（CARDDESK_KEYSTORE_PASSPHRASE，或手动输入）</translation>
    </message>
    <message>
        <source>cannot open the key store %1: %2</source>
        <translation>无法打开密钥库 %1：%2</translation>
    </message>
    <message>
        <source>production mode takes the issuer&apos;s keys from a PKCS#11 token only; %1 is a key file</source>
        <translation>生产模式只从 PKCS#11 令牌取发卡方密钥；%1 是密钥文件</translation>
    </message>
    <message>
        <source>the token %1 needs its user PIN (CARDDESK_TOKEN_PIN, or type it)</source>
        <translation>令牌 %1 需要用户 PIN（CARDDESK_TOKEN_PIN，或在此输入）</translation>
    </message>
    <message>
        <source>production mode refuses the published development keys: %1</source>
        <translation>生产模式拒绝已公开的开发密钥：%1</translation>
    </message>
    <message>
        <source>cannot open the token %1: %2</source>
        <translation>无法打开令牌 %1：%2</translation>
    </message>
</context>
<context>
    <name>carddesk::KeyStoreDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Choose a key store</source>
        <translation>选择密钥库</translation>
    </message>
    <message>
        <source>CardDesk key stores (*.cdks);;All files (*)</source>
        <translation>CardDesk 密钥库 (*.cdks);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open issuer keys</source>
        <translation>打开发卡方密钥</translation>
    </message>
    <message>
        <source>Key store &amp;file or token:</source>
        <translation>密钥库文件或令牌(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Passphrase or PIN:</source>
        <translation>口令或 PIN(&amp;P)：</translation>
    </message>
    <message>
        <source>A token is named by its PKCS#11 URI, e.g. pkcs11:token=CardDesk%20development, and opened with its user PIN. Test desks use the development token (PIN &quot;carddesk-dev-pin&quot;) or the development key store resources/keystores/development.cdks (passphrase &quot;carddesk-development&quot;), docs/keys.md. Cards issued with them are test cards; production mode refuses them.</source>
        <translation>令牌以其 PKCS#11 URI 指定（例如 pkcs11:token=CardDesk%20development），用用户 PIN 打开。测试柜台使用开发令牌（PIN &quot;carddesk-dev-pin&quot;）或开发密钥库 resources/keystores/development.cdks（口令 &quot;carddesk-development&quot;），见 docs/keys.md。用它们发出的卡都是测试卡；生产模式拒绝它们。</translation>
    </message>
</context>
<context>
    <name>carddesk::LifeCycleDiagram</name>
    <message>
        <source>Blank</source>
        <translation>空白</translation>
    </message>
    <message>
        <source>Personalised</source>
        <translation>已个人化</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>已终止</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Life cycle: %1</source>
        <translation>生命周期：%1</translation>
    </message>
    <message>
        <source>Life cycle: unknown</source>
        <translation>生命周期：未知</translation>
    </message>
</context>
<context>
    <name>carddesk::LockScreen</name>
    <message>
        <source>The console is locked</source>
        <translation>控制台已锁定</translation>
    </message>
    <message>
        <source>password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Log out</source>
        <translation>注销(&amp;L)</translation>
    </message>
    <message>
        <source>Logged in: %1. Enter this operator&apos;s password to go on, or log out.</source>
        <translation>当前登录：%1。输入该操作员的密码以继续，或注销。</translation>
    </message>
</context>
<context>
    <name>carddesk::LoginDialog</name>
    <message>
        <source>Create the first administrator</source>
        <translation>创建首个管理员</translation>
    </message>
    <message>
        <source>Operator login</source>
        <translation>操作员登录</translation>
    </message>
    <message>
        <source>This desk has no operator yet. Create its first administrator: it then adds the desk&apos;s operators and their roles.</source>
        <translation>本工作台尚无操作员。请创建首个管理员，之后由其添加本工作台的操作员及其角色。</translation>
    </message>
    <message>
        <source>Log in with your operator name and password. Every action is recorded in the audit trail under your name.</source>
        <translation>请用操作员名称和密码登录。每项操作都以您的名义记入审计记录。</translation>
    </message>
    <message>
        <source>operator name</source>
        <translation>操作员名称</translation>
    </message>
    <message>
        <source>&amp;Operator:</source>
        <translation>操作员(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message numerus="yes">
        <source>at least %n characters</source>
        <translation>
            <numerusform>至少 %n 个字符</numerusform>
        </translation>
    </message>
    <message>
        <source>the same again</source>
        <translation>再输入一次</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>确认密码(&amp;R)：</translation>
    </message>
    <message numerus="yes">
        <source>Passwords have at least %n characters and differ from the name.</source>
        <translation>
            <numerusform>密码至少 %n 个字符，且不能与名称相同。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Create and log in</source>
        <translation>创建并登录(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>登录(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>The database is not open: nobody can log in.</source>
        <translation>数据库未打开：无人可以登录。</translation>
    </message>
    <message>
        <source>Enter the operator name.</source>
        <translation>请输入操作员名称。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message numerus="yes">
        <source>Operator %1 is locked until %2 after %n wrong password(s) in a row; an admin can unlock it sooner.</source>
        <translation>
            <numerusform>操作员 %1 连续 %n 次密码错误，已锁定至 %2；管理员可提前解锁。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>carddesk::MainWindow</name>
    <message>
        <source>CardDesk</source>
        <translation>CardDesk</translation>
    </message>
    <message>
        <source>Smart-card issuance and operator console</source>
        <translation>智能卡发卡与运维控制台</translation>
    </message>
    <message>
        <source>SQLite database file.</source>
        <translation>SQLite 数据库文件。</translation>
    </message>
    <message>
        <source>Issuer key store file (.cdks).</source>
        <translation>发卡方密钥库文件（.cdks）。</translation>
    </message>
    <message>
        <source>Card template file (JSON).</source>
        <translation>卡模板文件（JSON）。</translation>
    </message>
    <message>
        <source>Render the main window to a PNG file once it has settled, then exit.</source>
        <translation>主窗口就绪后将其渲染为 PNG 文件，然后退出。</translation>
    </message>
    <message>
        <source>Interface language: zh_CN or en.</source>
        <translation>界面语言：zh_CN 或 en。</translation>
    </message>
    <message>
        <source>APDU trace</source>
        <translation>APDU 记录</translation>
    </message>
    <message>
        <source>Database: %1 (%2)</source>
        <translation>数据库：%1（%2）</translation>
    </message>
    <message>
        <source>Database: not open</source>
        <translation>数据库：未打开</translation>
    </message>
    <message>
        <source>The database could not be opened: %1</source>
        <translation>无法打开数据库：%1</translation>
    </message>
    <message>
        <source>Connecting to the PC/SC service…</source>
        <translation>正在连接 PC/SC 服务…</translation>
    </message>
    <message numerus="yes">
        <source>PC/SC service running · %n reader(s)</source>
        <translation>
            <numerusform>PC/SC 服务运行中 · %n 个读卡器</numerusform>
        </translation>
    </message>
    <message>
        <source>PC/SC service not running</source>
        <translation>PC/SC 服务未运行</translation>
    </message>
    <message>
        <source>PC/SC stopped</source>
        <translation>PC/SC 已停止</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;key store…</source>
        <translation>打开密钥库(&amp;K)…</translation>
    </message>
    <message>
        <source>Choose card &amp;template…</source>
        <translation>选择卡模板(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Save APDU trace…</source>
        <translation>保存 APDU 记录(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Readers</source>
        <translation>读卡器(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Issuance</source>
        <translation>发卡(&amp;I)</translation>
    </message>
    <message>
        <source>Card &amp;diagnostics</source>
        <translation>卡片诊断(&amp;D)</translation>
    </message>
    <message>
        <source>APDU &amp;trace</source>
        <translation>APDU 记录(&amp;T)</translation>
    </message>
    <message>
        <source>Show the APDU trace &amp;panel</source>
        <translation>显示 APDU 记录面板(&amp;P)</translation>
    </message>
    <message>
        <source>Re&amp;fresh card</source>
        <translation>刷新卡片(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About CardDesk</source>
        <translation>关于 CardDesk(&amp;A)</translation>
    </message>
    <message>
        <source>About CardDesk</source>
        <translation>关于 CardDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;CardDesk %1&lt;/h3&gt;&lt;p&gt;Personalisation and operator console for smart-card based digital-TV services: card issuance, diagnostics and a live APDU trace.&lt;/p&gt;&lt;p&gt;Keys and PINs never appear in clear in traces, logs, exports or the database.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;CardDesk %1&lt;/h3&gt;&lt;p&gt;面向基于智能卡的数字电视业务的个人化与运维控制台：发卡、卡片诊断和实时 APDU 记录。&lt;/p&gt;&lt;p&gt;密钥和 PIN 从不以明文出现在 APDU 记录、日志、导出文件或数据库中。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Issue card</source>
        <translation>发卡(&amp;I)</translation>
    </message>
    <message>
        <source>Card issuance and operator console</source>
        <translation>发卡与运维控制台</translation>
    </message>
    <message>
        <source>E-&amp;purse</source>
        <translation>电子钱包(&amp;P)</translation>
    </message>
    <message>
        <source>Application-download CA key written to issued cards (PEM).</source>
        <translation>写入所发行卡的应用下载认证中心密钥（PEM）。</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡片</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>客服查询</translation>
    </message>
    <message>
        <source>&amp;Support (headend history)</source>
        <translation>客服查询(&amp;S)</translation>
    </message>
    <message>
        <source>Create the --database file when it does not exist (never done silently).</source>
        <translation>--database 指定的文件不存在时创建它（绝不自动创建）。</translation>
    </message>
    <message>
        <source>operator %1 is not logged in: %2</source>
        <translation>操作员 %1 未登录：%2</translation>
    </message>
    <message>
        <source>Lock the console after N minutes without input (default 10; 0: never).</source>
        <translation>无输入 N 分钟后锁定控制台（默认 10；0 表示从不）。</translation>
    </message>
    <message>
        <source>--idle-lock-minutes needs a number of minutes (0: never)</source>
        <translation>--idle-lock-minutes 需要一个分钟数（0 表示从不）</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>Desk &amp;settings…</source>
        <translation>工作台设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Operators…</source>
        <translation>操作员管理(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Audit trail</source>
        <translation>审计记录(&amp;A)</translation>
    </message>
    <message>
        <source>Loc&amp;k the console</source>
        <translation>锁定控制台(&amp;K)</translation>
    </message>
    <message>
        <source>S&amp;witch operator…</source>
        <translation>切换操作员(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Log out</source>
        <translation>注销(&amp;L)</translation>
    </message>
    <message>
        <source>PINs, key cryptograms and session keys of the exchanges recorded from now on stay in clear until &quot;Reveal secrets&quot; is turned off, which wipes them from memory.</source>
        <translation>从现在起记录的交互中的 PIN、密钥密文和会话密钥将以明文保留，直到关闭“显示机密”为止；关闭时会从内存中清除它们。</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>, </source>
        <comment>list of roles</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Operator: %1</source>
        <translation>操作员：%1</translation>
    </message>
    <message>
        <source>Card issuance and operator console · %1</source>
        <translation>发卡与运维控制台 · %1</translation>
    </message>
    <message>
        <source>Batch issuance</source>
        <translation>批量发卡</translation>
    </message>
    <message>
        <source>&amp;Reset PINs (lost PIN mailer)…</source>
        <translation>重置密码（密码函遗失）(&amp;R)…</translation>
    </message>
</context>
<context>
    <name>carddesk::NvmMapWidget</name>
    <message>
        <source>System area and MF files</source>
        <translation>系统区和 MF 文件</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>No NVM figures yet: read a card</source>
        <translation>尚无 NVM 数据：请读卡</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>System area and MF files (%1 B)</source>
        <translation>系统区和 MF 文件（%1 字节）</translation>
    </message>
    <message>
        <source>%1 (%2 B)</source>
        <translation>%1（%2 字节）</translation>
    </message>
    <message>
        <source>Free (%1 B)</source>
        <translation>空闲（%1 字节）</translation>
    </message>
</context>
<context>
    <name>carddesk::OperatorSession</name>
    <message>
        <source>the database is not open: nobody can log in</source>
        <translation>数据库未打开：无人可以登录</translation>
    </message>
    <message>
        <source>no operator name was given</source>
        <translation>未给出操作员名称</translation>
    </message>
    <message>
        <source>nobody is logged in: %1 needs an operator with the role %2</source>
        <translation>无人登录：%1需要具有角色“%2”的操作员</translation>
    </message>
    <message>
        <source>%1 needs a second operator with the role %2 (dual control)</source>
        <translation>%1需要第二名具有角色“%2”的操作员（双人控制）</translation>
    </message>
    <message>
        <source>the second operator must be someone other than %1 (dual control)</source>
        <translation>第二名操作员必须是 %1 以外的人（双人控制）</translation>
    </message>
    <message>
        <source>the second operator could not log in: %1</source>
        <translation>第二名操作员无法登录：%1</translation>
    </message>
    <message>
        <source>the second operator %1 needs the role %2</source>
        <translation>第二名操作员 %1 需要角色“%2”</translation>
    </message>
    <message>
        <source>%1 is logged in: nothing is done in the name of %2</source>
        <translation>当前登录的是 %1：不能以 %2 的名义操作</translation>
    </message>
    <message>
        <source>%1 is logged in: an operator does not lock itself</source>
        <translation>%1 已登录：操作员不能锁定自己</translation>
    </message>
    <message>
        <source>%1 is logged in: an operator does not remove itself</source>
        <translation>%1 已登录：操作员不能删除自己</translation>
    </message>
    <message>
        <source>nobody is logged in</source>
        <translation>无人登录</translation>
    </message>
</context>
<context>
    <name>carddesk::OperatorsDialog</name>
    <message>
        <source>Operators</source>
        <translation>操作员管理</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message numerus="yes">
        <source>at least %n characters</source>
        <translation>
            <numerusform>至少 %n 个字符</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Set &amp;roles</source>
        <translation>设置角色(&amp;R)</translation>
    </message>
    <message>
        <source>Loc&amp;k</source>
        <translation>锁定(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>删除(&amp;M)</translation>
    </message>
    <message>
        <source>, </source>
        <comment>list of roles</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <source>locked by an admin</source>
        <translation>已被管理员锁定</translation>
    </message>
</context>
<context>
    <name>carddesk::PinResetDialog</name>
    <message>
        <source>Reset PINs (lost PIN mailer)</source>
        <translation>重置密码（密码函遗失）</translation>
    </message>
    <message>
        <source>The card&apos;s users get new PINs, generated and printed only into a new PIN mailer. The old mailer&apos;s PINs stop working. Nobody sees the new PINs on screen.</source>
        <translation>卡上用户将获得新密码：密码自动生成，只打印在新的密码函中。旧密码函上的密码随即失效。屏幕上不会显示新密码。</translation>
    </message>
    <message>
        <source>(no reader chosen)</source>
        <translation>（未选择读卡器）</translation>
    </message>
    <message>
        <source>Reader:</source>
        <translation>读卡器：</translation>
    </message>
    <message>
        <source>every user of the card</source>
        <translation>卡上所有用户</translation>
    </message>
    <message>
        <source>&amp;Users (e.g. 1,3):</source>
        <translation>用户（如 1,3）(&amp;U)：</translation>
    </message>
    <message>
        <source>PIN &amp;length:</source>
        <translation>密码长度(&amp;L)：</translation>
    </message>
    <message>
        <source>folder for the new PIN mailer</source>
        <translation>新密码函的存放文件夹</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>PIN &amp;mailer:</source>
        <translation>密码函(&amp;M)：</translation>
    </message>
    <message>
        <source>postal address, 1 to 5 lines (empty: the address of the card&apos;s batch row)</source>
        <translation>邮寄地址，1 到 5 行（留空：使用该卡批次行中的地址）</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Reset PINs and print the mailer</source>
        <translation>重置密码并打印密码函(&amp;R)</translation>
    </message>
    <message>
        <source>Folder for the new PIN mailer</source>
        <translation>新密码函的存放文件夹</translation>
    </message>
    <message>
        <source>Choose the reader with the card first.</source>
        <translation>请先选择插有该卡的读卡器。</translation>
    </message>
    <message>
        <source>Users are distinct numbers 1 to 8 separated by commas, or empty for every user.</source>
        <translation>用户为以逗号分隔、互不相同的 1 到 8 的数字；留空表示所有用户。</translation>
    </message>
    <message>
        <source>Choose the folder for the new PIN mailer.</source>
        <translation>请选择新密码函的存放文件夹。</translation>
    </message>
    <message>
        <source>The address has at most 5 lines.</source>
        <translation>地址最多 5 行。</translation>
    </message>
    <message>
        <source>Resetting the PINs of the card in %1…</source>
        <translation>正在重置 %1 中卡片的密码…</translation>
    </message>
    <message>
        <source>Card %1: new PINs for users %2. The new PIN mailer is %3 — print it and send it; the PINs are nowhere else.</source>
        <translation>卡片 %1：用户 %2 已设新密码。新密码函为 %3 —— 请打印并寄出；密码不存在于任何其他地方。</translation>
    </message>
    <message>
        <source>The mailer for users %1 is %2.</source>
        <translation>用户 %1 的密码函为 %2。</translation>
    </message>
</context>
<context>
    <name>carddesk::PinResetService</name>
    <message>
        <source>a generated PIN has %1 to %2 digits</source>
        <translation>生成的密码为 %1 到 %2 位数字</translation>
    </message>
    <message>
        <source>a PIN reset needs a folder for the new PIN mailer</source>
        <translation>密码重置需要一个存放新密码函的文件夹</translation>
    </message>
    <message>
        <source>a mailer&apos;s address has 1 to 5 lines</source>
        <translation>密码函地址为 1 到 5 行</translation>
    </message>
    <message>
        <source>no key store is open: the card&apos;s PINs cannot be reset</source>
        <translation>未打开密钥库：无法重置卡片密码</translation>
    </message>
    <message>
        <source>reading the card in &quot;%1&quot; failed: %2</source>
        <translation>读取读卡器“%1”中的卡片失败：%2</translation>
    </message>
    <message>
        <source>the PIN reset could not be recorded: %1</source>
        <translation>无法记录密码重置：%1</translation>
    </message>
    <message>
        <source>the database failed: %1</source>
        <translation>数据库故障：%1</translation>
    </message>
    <message>
        <source>the card in &quot;%1&quot; has no card number: it is not issued</source>
        <translation>读卡器“%1”中的卡片没有卡号：尚未发卡</translation>
    </message>
    <message>
        <source>card %1 is not recorded in this database</source>
        <translation>本数据库中没有卡片 %1 的记录</translation>
    </message>
    <message>
        <source>card %1 is recorded as %2: only a personalised card&apos;s PINs are reset</source>
        <translation>卡片 %1 记录为 %2：只能重置已个人化卡片的密码</translation>
    </message>
    <message>
        <source>card %1 has no user %2</source>
        <translation>卡片 %1 没有用户 %2</translation>
    </message>
    <message>
        <source>card %1 has no postal address on record: give the address for the mailer</source>
        <translation>卡片 %1 没有登记邮寄地址：请为密码函提供地址</translation>
    </message>
    <message>
        <source>the PINs were not reset: %1</source>
        <translation>密码未重置：%1</translation>
    </message>
    <message>
        <source>only the PINs of users %1 may have been reset (they are in the new mailer); the others were not: %2</source>
        <translation>只有用户 %1 的密码可能已被重置（见新密码函）；其他用户的密码未重置：%2</translation>
    </message>
    <message>
        <source>the PINs were reset but the new mailer could not be kept: reset them again</source>
        <translation>密码已重置，但新密码函无法保存：请再次重置</translation>
    </message>
</context>
<context>
    <name>carddesk::PurseLogModel</name>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation>交易后余额</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>计数器</translation>
    </message>
</context>
<context>
    <name>carddesk::PurseService</name>
    <message>
        <source>the card&apos;s answer makes no sense: %1</source>
        <translation>卡的应答无法理解：%1</translation>
    </message>
    <message>
        <source>the card refused: %1 (%2)</source>
        <translation>卡拒绝了：%1（%2）</translation>
    </message>
    <message>
        <source>the card has no card number: it is not issued</source>
        <translation>卡没有卡号：尚未发行</translation>
    </message>
    <message>
        <source>the card has no e-purse application (%1)</source>
        <translation>卡上没有电子钱包应用（%1）</translation>
    </message>
    <message>
        <source>reading the purse in &quot;%1&quot; failed: %2</source>
        <translation>读取“%1”中的电子钱包失败：%2</translation>
    </message>
    <message>
        <source>no key store is open: the TAC cannot be checked</source>
        <translation>未打开密钥库：无法校验 TAC</translation>
    </message>
    <message>
        <source>proving the last transaction in &quot;%1&quot; failed: %2</source>
        <translation>证明“%1”中的最后一笔交易失败：%2</translation>
    </message>
    <message>
        <source>no key store is open: the desk cannot act as a terminal</source>
        <translation>未打开密钥库：本柜台无法充当终端</translation>
    </message>
    <message>
        <source>the amount must be at least 0.01 yuan</source>
        <translation>金额至少为 0.01 元</translation>
    </message>
    <message>
        <source>the load was not done: %1</source>
        <translation>圈存未完成：%1</translation>
    </message>
    <message>
        <source>the purchase was not done: %1</source>
        <translation>消费未完成：%1</translation>
    </message>
    <message>
        <source>the card committed the transaction but its TAC does not check: report it</source>
        <translation>卡已提交该交易，但其 TAC 校验不通过：请上报</translation>
    </message>
    <message>
        <source>the transaction was done but could not be recorded: %1</source>
        <translation>交易已完成，但无法记录：%1</translation>
    </message>
    <message>
        <source>the card refused: %1 more would take the balance above the card&apos;s limit of %2 (6A80)</source>
        <translation>卡片拒绝：再圈存 %1 将使余额超过卡片上限 %2（6A80）</translation>
    </message>
</context>
<context>
    <name>carddesk::PurseView</name>
    <message>
        <source>E-purse</source>
        <translation>电子钱包</translation>
    </message>
    <message>
        <source>&amp;Read purse</source>
        <translation>读取钱包(&amp;R)</translation>
    </message>
    <message>
        <source>Balance:</source>
        <translation>余额：</translation>
    </message>
    <message>
        <source>Online counter (loads):</source>
        <translation>联机计数器（圈存）：</translation>
    </message>
    <message>
        <source>Offline counter (purchases):</source>
        <translation>脱机计数器（消费）：</translation>
    </message>
    <message>
        <source>Application serial (ASN):</source>
        <translation>应用序列号（ASN）：</translation>
    </message>
    <message>
        <source>Purse AID:</source>
        <translation>钱包 AID：</translation>
    </message>
    <message>
        <source>Load or purchase (desk terminal)</source>
        <translation>圈存或消费（柜台终端）</translation>
    </message>
    <message>
        <source>payment PIN (purchases)</source>
        <translation>支付 PIN（消费用）</translation>
    </message>
    <message>
        <source>&amp;Load</source>
        <translation>圈存(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Purchase</source>
        <translation>消费(&amp;P)</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>金额：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation>PIN：</translation>
    </message>
    <message>
        <source>Last transaction</source>
        <translation>最后一笔交易</translation>
    </message>
    <message>
        <source>P&amp;rove last transaction</source>
        <translation>证明最后一笔交易(&amp;R)</translation>
    </message>
    <message>
        <source>GET TRANSACTION PROVE returns the TAC the card made; it is checked with the issuer&apos;s TAC key for this card.</source>
        <translation>取交易认证（GET TRANSACTION PROVE）返回卡生成的 TAC，并用发卡方为本卡分散的 TAC 密钥校验。</translation>
    </message>
    <message>
        <source>Transaction log (newest first)</source>
        <translation>交易明细（最新在前）</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>导出 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Export P&amp;DF…</source>
        <translation>导出 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Balance after the record (¥)</source>
        <translation>交易后余额（¥）</translation>
    </message>
    <message>
        <source>Balance over the log records</source>
        <translation>各笔交易后的余额</translation>
    </message>
    <message>
        <source>Balance (¥)</source>
        <translation>余额（¥）</translation>
    </message>
    <message>
        <source>Reading the purse…</source>
        <translation>正在读取电子钱包…</translation>
    </message>
    <message>
        <source>The card is not issued: it has no purse yet.</source>
        <translation>此卡尚未发行：还没有电子钱包。</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) in the log.</source>
        <translation>
            <numerusform>明细中有 %n 条记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not proved: no key store is open.</source>
        <translation>未证明：未打开密钥库。</translation>
    </message>
    <message>
        <source>Proving…</source>
        <translation>正在证明…</translation>
    </message>
    <message>
        <source>The purse has no transaction to prove yet.</source>
        <translation>电子钱包还没有可证明的交易。</translation>
    </message>
    <message>
        <source>Proved: %1 of %2, counter %3, TAC %4 checks with the issuer&apos;s key.</source>
        <translation>已证明：%1 %2，计数器 %3，TAC %4 经发卡方密钥校验通过。</translation>
    </message>
    <message>
        <source>Not proved: the TAC %1 of the last transaction (%2, counter %3) does not check with the issuer&apos;s key.</source>
        <translation>未证明：最后一笔交易（%2，计数器 %3）的 TAC %1 未通过发卡方密钥校验。</translation>
    </message>
    <message>
        <source>A purchase needs the user&apos;s payment PIN.</source>
        <translation>消费需要该用户的支付 PIN。</translation>
    </message>
    <message>
        <source>Load the purse</source>
        <translation>电子钱包圈存</translation>
    </message>
    <message>
        <source>Purchase from the purse</source>
        <translation>电子钱包消费</translation>
    </message>
    <message>
        <source>Load %1 onto card %2 as this desk&apos;s terminal?</source>
        <translation>以本柜台终端向卡 %2 圈存 %1？</translation>
    </message>
    <message>
        <source>Charge %1 to card %2 as this desk&apos;s terminal?</source>
        <translation>以本柜台终端从卡 %2 扣款 %1？</translation>
    </message>
    <message>
        <source>Nothing was done: no key store is open.</source>
        <translation>未执行任何操作：未打开密钥库。</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在执行…</translation>
    </message>
    <message>
        <source>Loaded %1. Balance %2 → %3.</source>
        <translation>已圈存 %1。余额 %2 → %3。</translation>
    </message>
    <message>
        <source>Charged %1. Balance %2 → %3.</source>
        <translation>已扣款 %1。余额 %2 → %3。</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>E-purse log</source>
        <translation>电子钱包交易明细</translation>
    </message>
    <message>
        <source>Card %1 · ASN %2 · balance %3 · exported %4</source>
        <translation>卡 %1 · ASN %2 · 余额 %3 · 导出于 %4</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Export the purse log</source>
        <translation>导出电子钱包明细</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Oldest → newest</source>
        <translation>最早 → 最新</translation>
    </message>
</context>
<context>
    <name>carddesk::ReaderListModel</name>
    <message>
        <source>no card</source>
        <translation>无卡</translation>
    </message>
    <message>
        <source>card does not answer</source>
        <translation>卡片无应答</translation>
    </message>
    <message>
        <source>card (in use by another program)</source>
        <translation>有卡（被其他程序占用）</translation>
    </message>
    <message>
        <source>card</source>
        <translation>有卡</translation>
    </message>
    <message>
        <source>not a CDOS card</source>
        <translation>非 CDOS 卡</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡片</translation>
    </message>
    <message>
        <source>ATR</source>
        <translation>ATR</translation>
    </message>
    <message>
        <source>Life cycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>%1 (ATR)</source>
        <translation>%1（ATR）</translation>
    </message>
    <message>
        <source>As the card reports it.</source>
        <translation>以卡片自身报告为准。</translation>
    </message>
    <message>
        <source>From the card&apos;s ATR; the card is being asked.</source>
        <translation>来自卡片的 ATR；正在向卡片查询。</translation>
    </message>
    <message>
        <source>The card did not answer: this is what its ATR said at the last reset, and may be out of date.</source>
        <translation>卡片无应答：这是上次复位时 ATR 给出的状态，可能已过时。</translation>
    </message>
</context>
<context>
    <name>carddesk::ReadersPanel</name>
    <message>
        <source>Rea&amp;ders</source>
        <translation>读卡器(&amp;D)</translation>
    </message>
    <message>
        <source>Card readers</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>No card reader connected.</source>
        <translation>未连接读卡器。</translation>
    </message>
    <message>
        <source>%1 (ATR)</source>
        <translation>%1（ATR）</translation>
    </message>
</context>
<context>
    <name>carddesk::ReplayReaders</name>
    <message>
        <source>Open trace as &amp;replay reader…</source>
        <translation>将 APDU 记录作为回放读卡器打开(&amp;R)…</translation>
    </message>
    <message>
        <source>A saved APDU trace (JSON) as a card that answers as the recorded one did</source>
        <translation>把已保存的 APDU 记录（JSON）当作一张卡：按记录中的卡那样应答</translation>
    </message>
    <message>
        <source>&amp;Close replay reader</source>
        <translation>关闭回放读卡器(&amp;C)</translation>
    </message>
    <message>
        <source>Open trace as replay reader</source>
        <translation>将 APDU 记录作为回放读卡器打开</translation>
    </message>
    <message>
        <source>Saved APDU trace (*.json);;All files (*)</source>
        <translation>已保存的 APDU 记录 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The trace could not be opened as a replay reader: %1</source>
        <translation>无法将该 APDU 记录作为回放读卡器打开：%1</translation>
    </message>
</context>
<context>
    <name>carddesk::SecondOperatorDialog</name>
    <message>
        <source>Dual control</source>
        <translation>双人控制</translation>
    </message>
    <message>
        <source>To %1, a second operator approves at this desk: another operator than %2, with their own name and password. Both names are recorded in the audit trail.</source>
        <translation>要%1，需由第二名操作员在本工作台批准：须是 %2 以外的操作员，使用其本人的名称和密码。两人的名字都会记入审计记录。</translation>
    </message>
    <message>
        <source>the second operator&apos;s name</source>
        <translation>第二名操作员的名称</translation>
    </message>
    <message>
        <source>Second &amp;operator:</source>
        <translation>第二操作员(&amp;O)：</translation>
    </message>
    <message>
        <source>Its &amp;password:</source>
        <translation>其密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <source>Enter the second operator&apos;s name.</source>
        <translation>请输入第二名操作员的名称。</translation>
    </message>
</context>
<context>
    <name>carddesk::SettingsDialog</name>
    <message>
        <source>Desk settings</source>
        <translation>工作台设置</translation>
    </message>
    <message>
        <source>Production mode</source>
        <translation>生产模式</translation>
    </message>
    <message>
        <source>A production desk refuses the development keys and the development operator. Switching needs an admin and a second operator (dual control).</source>
        <translation>生产工作台拒绝开发密钥和开发操作员。切换需要一名管理员和第二名操作员（双人控制）。</translation>
    </message>
    <message>
        <source>This desk is in production mode.</source>
        <translation>本工作台处于生产模式。</translation>
    </message>
    <message>
        <source>This desk is in development mode.</source>
        <translation>本工作台处于开发模式。</translation>
    </message>
    <message>
        <source>Switch to &amp;development mode…</source>
        <translation>切换到开发模式(&amp;D)…</translation>
    </message>
    <message>
        <source>Switch to &amp;production mode…</source>
        <translation>切换到生产模式(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>carddesk::SupportService</name>
    <message>
        <source>the reconciliation failed: %1</source>
        <translation>对账失败：%1</translation>
    </message>
    <message>
        <source>there is no lookup to continue</source>
        <translation>没有可以继续的查询</translation>
    </message>
</context>
<context>
    <name>carddesk::SupportTableModel</name>
    <message>
        <source>Purchase</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待完成</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>authorised</source>
        <translation>已授权</translation>
    </message>
    <message>
        <source>debited, not credited</source>
        <translation>已扣款，未圈存</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>refused by the bank</source>
        <translation>银行拒绝</translation>
    </message>
    <message>
        <source>VOD: %1</source>
        <translation>点播：%1</translation>
    </message>
    <message>
        <source>State</source>
        <translation>对账状态</translation>
    </message>
    <message>
        <source>TAC</source>
        <translation>TAC</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>计数器</translation>
    </message>
    <message>
        <source>Headend amount</source>
        <translation>前端金额</translation>
    </message>
    <message>
        <source>Card amount</source>
        <translation>卡片金额</translation>
    </message>
    <message>
        <source>Headend status</source>
        <translation>前端状态</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
</context>
<context>
    <name>carddesk::SupportView</name>
    <message>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>&amp;Card number:</source>
        <translation>卡号(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Subscriber number:</source>
        <translation>用户号(&amp;S)：</translation>
    </message>
    <message>
        <source>20 hexadecimal digits; default: the card in the reader</source>
        <translation>20 位十六进制数字；默认为读卡器中的卡</translation>
    </message>
    <message>
        <source>for example U00000001</source>
        <translation>例如 U00000001</translation>
    </message>
    <message>
        <source>L&amp;ook up</source>
        <translation>查询(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Headend</source>
        <translation>前端</translation>
    </message>
    <message>
        <source>the headend&apos;s tls-cert.pem (from its data directory)</source>
        <translation>前端的 tls-cert.pem（在其数据目录中）</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Kept for this session only; never saved.</source>
        <translation>仅本次会话有效，不会保存。</translation>
    </message>
    <message>
        <source>from the environment</source>
        <translation>来自环境变量</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>地址(&amp;U)：</translation>
    </message>
    <message>
        <source>C&amp;ertificate:</source>
        <translation>证书(&amp;E)：</translation>
    </message>
    <message>
        <source>Look up a card or a subscriber: the headend&apos;s transactions are set beside the card&apos;s own log.</source>
        <translation>查询卡或用户：前端的交易记录将与卡片自身日志并列比对。</translation>
    </message>
    <message>
        <source>No reader selected: the headend&apos;s records are shown without a card&apos;s log.</source>
        <translation>未选择读卡器：仅显示前端记录，不与卡片日志比对。</translation>
    </message>
    <message>
        <source>Reader %1: no issued card.</source>
        <translation>读卡器 %1：没有已发行的卡。</translation>
    </message>
    <message>
        <source>Reader %1: card %2 — its log is set beside the headend&apos;s records.</source>
        <translation>读卡器 %1：卡 %2——其日志将与前端记录并列比对。</translation>
    </message>
    <message>
        <source>Asking the headend about subscriber %1…</source>
        <translation>正在向前端查询用户 %1…</translation>
    </message>
    <message>
        <source>Asking the headend about card %1…</source>
        <translation>正在向前端查询卡 %1…</translation>
    </message>
    <message>
        <source>No key store is open: TACs are not checked (File → Open key store).</source>
        <translation>未打开密钥库：不校验 TAC（文件 → 打开密钥库）。</translation>
    </message>
    <message>
        <source>Card balance: %1.</source>
        <translation>卡内余额：%1。</translation>
    </message>
    <message>
        <source>No answer from the headend.</source>
        <translation>前端无应答。</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>计数器</translation>
    </message>
    <message>
        <source>At the headend</source>
        <translation>前端记录</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Balance before</source>
        <translation>交易前余额</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Terminal serial</source>
        <translation>终端交易序号</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <source>TAC</source>
        <translation>TAC</translation>
    </message>
    <message>
        <source>On the card</source>
        <translation>卡片记录</translation>
    </message>
    <message>
        <source>Log record</source>
        <translation>日志记录</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation>交易后余额</translation>
    </message>
    <message>
        <source>TAC proved by the card</source>
        <translation>卡片证明的 TAC</translation>
    </message>
    <message>
        <source>checks</source>
        <translation>校验通过</translation>
    </message>
    <message>
        <source>does not check</source>
        <translation>校验不通过</translation>
    </message>
    <message>
        <source>The headend&apos;s certificate</source>
        <translation>前端证书</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM 证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>nothing to export: look up a card or a subscriber first</source>
        <translation>没有可导出的内容：请先查询卡或用户</translation>
    </message>
    <message>
        <source>Export the reconciliation</source>
        <translation>导出对账结果</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;JSON files (*.json)</source>
        <translation>CSV 文件 (*.csv);;JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Empty: the credential from CARDDESK_HEADEND_TOKEN is used.</source>
        <translation>留空：使用 CARDDESK_HEADEND_TOKEN 中的凭据。</translation>
    </message>
    <message>
        <source>your operator credential from the headend</source>
        <translation>前端签发给您的操作员凭据</translation>
    </message>
    <message>
        <source>Operator &amp;credential:</source>
        <translation>操作员凭据(&amp;C)：</translation>
    </message>
    <message>
        <source>The older records could not be fetched: %1</source>
        <translation>未能取得更早的记录：%1</translation>
    </message>
</context>
<context>
    <name>carddesk::TraceLog</name>
    <message>
        <source>cannot write the trace: %1</source>
        <translation>无法写入 APDU 记录：%1</translation>
    </message>
    <message>
        <source>cannot open %1 for writing: %2</source>
        <translation>无法打开 %1 进行写入：%2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>not a saved APDU trace: %1</source>
        <translation>不是已保存的 APDU 记录：%1</translation>
    </message>
    <message>
        <source>not a saved APDU trace</source>
        <translation>不是已保存的 APDU 记录</translation>
    </message>
</context>
<context>
    <name>carddesk::TracePanel</name>
    <message>
        <source>Filter: command, header, hex or status word</source>
        <translation>筛选：命令、命令头、十六进制数据或状态字</translation>
    </message>
    <message>
        <source>Filt&amp;er:</source>
        <translation>筛选(&amp;E)：</translation>
    </message>
    <message>
        <source>All status words</source>
        <translation>全部状态字</translation>
    </message>
    <message>
        <source>Success only</source>
        <translation>仅成功</translation>
    </message>
    <message>
        <source>Everything but success</source>
        <translation>除成功外的全部</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Transport errors</source>
        <translation>传输错误</translation>
    </message>
    <message>
        <source>Status word filter</source>
        <translation>状态字筛选</translation>
    </message>
    <message>
        <source>F&amp;ollow</source>
        <translation>跟随最新(&amp;O)</translation>
    </message>
    <message>
        <source>Keep the newest exchange in view</source>
        <translation>始终显示最新的交互</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Write the trace to a file; secrets stay redacted</source>
        <translation>将 APDU 记录写入文件；机密内容保持隐去</translation>
    </message>
    <message>
        <source>Reveal se&amp;crets</source>
        <translation>显示机密(&amp;C)</translation>
    </message>
    <message>
        <source>Keep PINs and keys of new exchanges in clear (asks first, and is recorded)</source>
        <translation>以明文保留新交互中的 PIN 和密钥（会先确认，并记入审计日志）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>APDU trace</source>
        <translation>APDU 记录</translation>
    </message>
    <message numerus="yes">
        <source>%n exchange(s)</source>
        <translation>
            <numerusform>%n 条交互</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>显示 %1 / %2 条</translation>
    </message>
    <message>
        <source>Reveal secrets</source>
        <translation>显示机密</translation>
    </message>
    <message>
        <source>Keep PINs, key cryptograms and session keys of the following exchanges in clear?</source>
        <translation>是否以明文保留后续交互中的 PIN、密钥密文和会话密钥？</translation>
    </message>
    <message>
        <source>Only exchanges recorded from now on can be shown. The action is recorded under the operator name &quot;%1&quot;. Turn it off to wipe the clear bytes from memory.</source>
        <translation>只有从现在起记录的交互可以显示明文。此操作将以操作员“%1”的名义记入审计日志。关闭后明文字节将从内存中清除。</translation>
    </message>
    <message>
        <source>Save trace</source>
        <translation>保存 APDU 记录</translation>
    </message>
    <message>
        <source>Secrets are revealed, so the file would hold them in clear. Turn &quot;Reveal secrets&quot; off first to save a redacted trace.

Save with the secrets in clear?</source>
        <translation>当前已显示机密，文件中将包含明文机密。如需保存隐去机密的记录，请先关闭“显示机密”。

是否以明文机密保存？</translation>
    </message>
    <message>
        <source>Save APDU trace</source>
        <translation>保存 APDU 记录</translation>
    </message>
    <message>
        <source>Text (*.txt);;JSON, for replay (*.json)</source>
        <translation>文本 (*.txt);;JSON，可回放 (*.json)</translation>
    </message>
</context>
<context>
    <name>carddesk::UserPinTable</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>PIN tries</source>
        <translation>PIN 尝试次数</translation>
    </message>
    <message>
        <source>PIN (4–12 digits)</source>
        <translation>PIN（4–12 位数字）</translation>
    </message>
    <message>
        <source>The template defines no users.</source>
        <translation>该模板未定义用户。</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>PIN of user %1 (%2)</source>
        <translation>用户 %1（%2）的 PIN</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部权限</translation>
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
