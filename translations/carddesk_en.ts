<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Access</name>
    <message>
        <source>desk</source>
        <translation>desk</translation>
    </message>
    <message>
        <source>technician</source>
        <translation>technician</translation>
    </message>
    <message>
        <source>support</source>
        <translation>support</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <source>issue a card</source>
        <translation>issue a card</translation>
    </message>
    <message>
        <source>issue a batch of cards</source>
        <translation>issue a batch of cards</translation>
    </message>
    <message>
        <source>load a purse at the desk</source>
        <translation>load a purse at the desk</translation>
    </message>
    <message>
        <source>purchase at the desk</source>
        <translation>purchase at the desk</translation>
    </message>
    <message>
        <source>diagnose a card</source>
        <translation>diagnose a card</translation>
    </message>
    <message>
        <source>view the APDU trace</source>
        <translation>view the APDU trace</translation>
    </message>
    <message>
        <source>reveal secrets in the trace</source>
        <translation>reveal secrets in the trace</translation>
    </message>
    <message>
        <source>install an application</source>
        <translation>install an application</translation>
    </message>
    <message>
        <source>delete an application</source>
        <translation>delete an application</translation>
    </message>
    <message>
        <source>read a card&apos;s or subscriber&apos;s history</source>
        <translation>read a card&apos;s or subscriber&apos;s history</translation>
    </message>
    <message>
        <source>reconcile a card with the headend</source>
        <translation>reconcile a card with the headend</translation>
    </message>
    <message>
        <source>export a report</source>
        <translation>export a report</translation>
    </message>
    <message>
        <source>manage operators</source>
        <translation>manage operators</translation>
    </message>
    <message>
        <source>run a key ceremony</source>
        <translation>run a key ceremony</translation>
    </message>
    <message>
        <source>import a key</source>
        <translation>import a key</translation>
    </message>
    <message>
        <source>change a service key on a card</source>
        <translation>change a service key on a card</translation>
    </message>
    <message>
        <source>change settings</source>
        <translation>change settings</translation>
    </message>
    <message>
        <source>switch production mode</source>
        <translation>switch production mode</translation>
    </message>
    <message>
        <source>review the audit trail</source>
        <translation>review the audit trail</translation>
    </message>
    <message>
        <source>export the audit trail</source>
        <translation>export the audit trail</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 or %2</translation>
    </message>
    <message>
        <source>%1 needs the role %2</source>
        <translation>%1 needs the role %2</translation>
    </message>
    <message>
        <source>reset a card&apos;s PINs</source>
        <translation>reset a card&apos;s PINs</translation>
    </message>
</context>
<context>
    <name>ApduDecoder</name>
    <message numerus="yes">
        <source>wrong PIN, %n tries left</source>
        <translation>
            <numerusform>wrong PIN, %n try left</numerusform>
            <numerusform>wrong PIN, %n tries left</numerusform>
        </translation>
    </message>
    <message>
        <source>wrong Le, %1 bytes available</source>
        <translation>wrong Le, %1 bytes available</translation>
    </message>
    <message>
        <source>%1 more bytes available</source>
        <translation>%1 more bytes available</translation>
    </message>
    <message>
        <source>blank</source>
        <translation>blank</translation>
    </message>
    <message>
        <source>personalised</source>
        <translation>personalised</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>blocked</translation>
    </message>
    <message>
        <source>terminated</source>
        <translation>terminated</translation>
    </message>
    <message>
        <source>unknown (%1)</source>
        <translation>unknown (%1)</translation>
    </message>
    <message>
        <source>issuer maintenance</source>
        <translation>issuer maintenance</translation>
    </message>
    <message>
        <source>transport</source>
        <translation>transport</translation>
    </message>
    <message>
        <source>card authentication</source>
        <translation>card authentication</translation>
    </message>
    <message>
        <source>purchase</source>
        <translation>purchase</translation>
    </message>
    <message>
        <source>load</source>
        <translation>load</translation>
    </message>
    <message>
        <source>TAC</source>
        <translation>TAC</translation>
    </message>
    <message>
        <source>CA service</source>
        <translation>CA service</translation>
    </message>
    <message>
        <source>PIN unblock</source>
        <translation>PIN unblock</translation>
    </message>
    <message>
        <source>dedicated file</source>
        <translation>dedicated file</translation>
    </message>
    <message>
        <source>transparent EF</source>
        <translation>transparent EF</translation>
    </message>
    <message>
        <source>linear fixed EF</source>
        <translation>linear fixed EF</translation>
    </message>
    <message>
        <source>cyclic EF</source>
        <translation>cyclic EF</translation>
    </message>
    <message>
        <source>always</source>
        <translation>always</translation>
    </message>
    <message>
        <source>user PIN</source>
        <translation>user PIN</translation>
    </message>
    <message>
        <source>issuer secure messaging</source>
        <translation>issuer secure messaging</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>no ATR</source>
        <translation>no ATR</translation>
    </message>
    <message>
        <source>CDOS %1.%2, %3</source>
        <translation>CDOS %1.%2, %3</translation>
    </message>
    <message>
        <source>unknown card (ATR %1)</source>
        <translation>unknown card (ATR %1)</translation>
    </message>
    <message>
        <source>FCP</source>
        <translation>FCP</translation>
    </message>
    <message>
        <source>malformed</source>
        <translation>malformed</translation>
    </message>
    <message>
        <source>file identifier</source>
        <translation>file identifier</translation>
    </message>
    <message>
        <source>file type</source>
        <translation>file type</translation>
    </message>
    <message>
        <source>records</source>
        <translation>records</translation>
    </message>
    <message>
        <source>%1 × %2 bytes</source>
        <translation>%1 × %2 bytes</translation>
    </message>
    <message>
        <source>size</source>
        <translation>size</translation>
    </message>
    <message numerus="yes">
        <source>%n bytes</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>short file identifier</source>
        <translation>short file identifier</translation>
    </message>
    <message>
        <source>DF name</source>
        <translation>DF name</translation>
    </message>
    <message>
        <source>read access</source>
        <translation>read access</translation>
    </message>
    <message>
        <source>update access</source>
        <translation>update access</translation>
    </message>
    <message>
        <source>malformed (%1)</source>
        <translation>malformed (%1)</translation>
    </message>
    <message>
        <source>card number</source>
        <translation>card number</translation>
    </message>
    <message>
        <source>card-issuer serial</source>
        <translation>card-issuer serial</translation>
    </message>
    <message>
        <source>issuer product serial</source>
        <translation>issuer product serial</translation>
    </message>
    <message>
        <source>chip serial</source>
        <translation>chip serial</translation>
    </message>
    <message>
        <source>operating system</source>
        <translation>operating system</translation>
    </message>
    <message>
        <source>life cycle</source>
        <translation>life cycle</translation>
    </message>
    <message>
        <source>NVM</source>
        <translation>NVM</translation>
    </message>
    <message>
        <source>NVM total</source>
        <translation>NVM total</translation>
    </message>
    <message>
        <source>NVM free</source>
        <translation>NVM free</translation>
    </message>
    <message>
        <source>page size</source>
        <translation>page size</translation>
    </message>
    <message>
        <source>page writes</source>
        <translation>page writes</translation>
    </message>
    <message>
        <source>users</source>
        <translation>users</translation>
    </message>
    <message>
        <source>user %1</source>
        <translation>user %1</translation>
    </message>
    <message>
        <source>permissions</source>
        <translation>permissions</translation>
    </message>
    <message>
        <source>PIN tries left</source>
        <translation>PIN tries left</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>menu</source>
        <translation>menu</translation>
    </message>
    <message>
        <source>entry %1</source>
        <translation>entry %1</translation>
    </message>
    <message>
        <source>permission needed</source>
        <translation>permission needed</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>hidden</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>keys</source>
        <translation>keys</translation>
    </message>
    <message>
        <source>key %1</source>
        <translation>key %1</translation>
    </message>
    <message>
        <source>version</source>
        <translation>version</translation>
    </message>
    <message>
        <source>error counter</source>
        <translation>error counter</translation>
    </message>
    <message>
        <source>tag %1</source>
        <translation>tag %1</translation>
    </message>
    <message>
        <source>command</source>
        <translation>command</translation>
    </message>
    <message>
        <source>header</source>
        <translation>header</translation>
    </message>
    <message>
        <source>class</source>
        <translation>class</translation>
    </message>
    <message>
        <source>proprietary, secure messaging</source>
        <translation>proprietary, secure messaging</translation>
    </message>
    <message>
        <source>proprietary</source>
        <translation>proprietary</translation>
    </message>
    <message>
        <source>inter-industry, secure messaging</source>
        <translation>inter-industry, secure messaging</translation>
    </message>
    <message>
        <source>inter-industry</source>
        <translation>inter-industry</translation>
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
        <translation>data</translation>
    </message>
    <message>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <source>application</source>
        <translation>application</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>tag</translation>
    </message>
    <message>
        <source>user</source>
        <translation>user</translation>
    </message>
    <message>
        <source>key</source>
        <translation>key</translation>
    </message>
    <message>
        <source>usage</source>
        <translation>usage</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>PIN tries</source>
        <translation>PIN tries</translation>
    </message>
    <message>
        <source>offset</source>
        <translation>offset</translation>
    </message>
    <message>
        <source>response</source>
        <translation>response</translation>
    </message>
    <message>
        <source>holder user number</source>
        <translation>holder user number</translation>
    </message>
    <message>
        <source>holder account</source>
        <translation>holder account</translation>
    </message>
    <message>
        <source>holder name</source>
        <translation>holder name</translation>
    </message>
    <message>
        <source>balance limit</source>
        <translation>balance limit</translation>
    </message>
    <message>
        <source>%1 fen</source>
        <translation>%1 fen</translation>
    </message>
    <message>
        <source>overdraft limit</source>
        <translation>overdraft limit</translation>
    </message>
    <message>
        <source>menu entry %1</source>
        <translation>menu entry %1</translation>
    </message>
    <message>
        <source>challenge</source>
        <translation>challenge</translation>
    </message>
    <message>
        <source>duration</source>
        <translation>duration</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <source>last transaction</source>
        <translation>last transaction</translation>
    </message>
    <message>
        <source>type</source>
        <translation>type</translation>
    </message>
    <message>
        <source>counter before</source>
        <translation>counter before</translation>
    </message>
    <message>
        <source>terminal transaction serial</source>
        <translation>terminal transaction serial</translation>
    </message>
    <message>
        <source>terminal</source>
        <translation>terminal</translation>
    </message>
    <message>
        <source>date and time</source>
        <translation>date and time</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>amount</translation>
    </message>
    <message>
        <source>service keys</source>
        <translation>service keys</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>version %1</translation>
    </message>
    <message>
        <source>entitlements</source>
        <translation>entitlements</translation>
    </message>
    <message>
        <source>package %1</source>
        <translation>package %1</translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation>channel %1</translation>
    </message>
    <message>
        <source>VOD programme %1</source>
        <translation>VOD programme %1</translation>
    </message>
    <message>
        <source>unknown kind %1, id %2</source>
        <translation>unknown kind %1, id %2</translation>
    </message>
    <message>
        <source>valid from</source>
        <translation>valid from</translation>
    </message>
    <message>
        <source>valid to</source>
        <translation>valid to</translation>
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
            <numerusform>&lt;redacted %n byte&gt;</numerusform>
            <numerusform>&lt;redacted %n bytes&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>success</source>
        <translation>success</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>warning</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>transport error</source>
        <translation>transport error</translation>
    </message>
</context>
<context>
    <name>BatchFile</name>
    <message>
        <source>the file is not UTF-8 text (save it as &quot;CSV UTF-8&quot;)</source>
        <translation>the file is not UTF-8 text (save it as &quot;CSV UTF-8&quot;)</translation>
    </message>
    <message>
        <source>the file is empty: a header row and one row per holder</source>
        <translation>the file is empty: a header row and one row per holder</translation>
    </message>
    <message>
        <source>unknown column (docs/batch-issuance.md lists them)</source>
        <translation>unknown column (docs/batch-issuance.md lists them)</translation>
    </message>
    <message>
        <source>the column appears twice</source>
        <translation>the column appears twice</translation>
    </message>
    <message>
        <source>a required column is missing</source>
        <translation>a required column is missing</translation>
    </message>
    <message>
        <source>%1 fields where the header has %2</source>
        <translation>%1 fields where the header has %2</translation>
    </message>
    <message>
        <source>user %1 is not in the template</source>
        <translation>user %1 is not in the template</translation>
    </message>
    <message>
        <source>the PINs are generated for this batch: the file must not carry PINs</source>
        <translation>the PINs are generated for this batch: the file must not carry PINs</translation>
    </message>
    <message>
        <source>missing: user %1 (%2) needs a PIN of 4 to 12 digits</source>
        <translation>missing: user %1 (%2) needs a PIN of 4 to 12 digits</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at offset %2</source>
        <translation>not valid JSON: %1 at offset %2</translation>
    </message>
    <message>
        <source>a batch file in JSON is an object with a list &quot;holders&quot;</source>
        <translation>a batch file in JSON is an object with a list &quot;holders&quot;</translation>
    </message>
    <message>
        <source>a holder is a JSON object</source>
        <translation>a holder is a JSON object</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>line %1</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>cannot read %1: %2</translation>
    </message>
    <message>
        <source>%1 is larger than 64 MiB: split the batch</source>
        <translation>%1 is larger than 64 MiB: split the batch</translation>
    </message>
    <message>
        <source>template %1: %2</source>
        <translation>template %1: %2</translation>
    </message>
    <message>
        <source>the file has no holder</source>
        <translation>the file has no holder</translation>
    </message>
    <message>
        <source>card number %1 is also on line %2</source>
        <translation>card number %1 is also on line %2</translation>
    </message>
    <message>
        <source>subscriber %1 is also on line %2: one card per holder in a batch</source>
        <translation>subscriber %1 is also on line %2: one card per holder in a batch</translation>
    </message>
</context>
<context>
    <name>BatchReport</name>
    <message>
        <source>there is no batch %1</source>
        <translation>there is no batch %1</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pending</translation>
    </message>
    <message>
        <source>card assigned</source>
        <translation>card assigned</translation>
    </message>
    <message>
        <source>personalising</source>
        <translation>personalising</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>verified</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>ready</translation>
    </message>
    <message>
        <source>running</source>
        <translation>running</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>finished</translation>
    </message>
</context>
<context>
    <name>BatchReportPdf</name>
    <message>
        <source>%1: a PDF report needs a QGuiApplication</source>
        <translation>%1: a PDF report needs a QGuiApplication</translation>
    </message>
    <message>
        <source>%1: cannot render the PDF</source>
        <translation>%1: cannot render the PDF</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>cannot write %1: %2</translation>
    </message>
</context>
<context>
    <name>CardError</name>
    <message numerus="yes">
        <source>the card in reader &quot;%1&quot; gave a malformed answer (%n bytes)</source>
        <translation>
            <numerusform>the card in reader &quot;%1&quot; gave a malformed answer (%n byte)</numerusform>
            <numerusform>the card in reader &quot;%1&quot; gave a malformed answer (%n bytes)</numerusform>
        </translation>
    </message>
    <message>
        <source>refusing to send an APDU shorter than 4 bytes to reader &quot;%1&quot;</source>
        <translation>refusing to send an APDU shorter than 4 bytes to reader &quot;%1&quot;</translation>
    </message>
    <message>
        <source>no card in reader &quot;%1&quot;</source>
        <translation>no card in reader &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the card was removed from reader &quot;%1&quot;</source>
        <translation>the card was removed from reader &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the card in reader &quot;%1&quot; was reset by another program</source>
        <translation>the card in reader &quot;%1&quot; was reset by another program</translation>
    </message>
    <message>
        <source>another program holds the card in reader &quot;%1&quot;</source>
        <translation>another program holds the card in reader &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the card operation was cancelled</source>
        <translation>the card operation was cancelled</translation>
    </message>
    <message>
        <source>the card refused a command: %1 (%2)</source>
        <translation>the card refused a command: %1 (%2)</translation>
    </message>
    <message>
        <source>key store: %1</source>
        <translation>key store: %1</translation>
    </message>
    <message>
        <source>unknown error in a card job</source>
        <translation>unknown error in a card job</translation>
    </message>
    <message>
        <source>PC/SC service not running</source>
        <translation>PC/SC service not running</translation>
    </message>
    <message>
        <source>the card reader manager is not running</source>
        <translation>the card reader manager is not running</translation>
    </message>
    <message>
        <source>reader &quot;%1&quot; is not available</source>
        <translation>reader &quot;%1&quot; is not available</translation>
    </message>
    <message>
        <source>a card job cannot wait for another card job</source>
        <translation>a card job cannot wait for another card job</translation>
    </message>
    <message>
        <source>the card in reader &quot;%1&quot; does not answer</source>
        <translation>the card in reader &quot;%1&quot; does not answer</translation>
    </message>
    <message>
        <source>the PC/SC service reported an unexpected error</source>
        <translation>the PC/SC service reported an unexpected error</translation>
    </message>
    <message>
        <source>reader &quot;%1&quot; reported an unexpected error</source>
        <translation>reader &quot;%1&quot; reported an unexpected error</translation>
    </message>
    <message>
        <source>the card in reader &quot;%1&quot; stopped answering; was it removed?</source>
        <translation>the card in reader &quot;%1&quot; stopped answering; was it removed?</translation>
    </message>
</context>
<context>
    <name>CardSnapshot</name>
    <message>
        <source>the card is not a CardDesk COS card: SELECT MF answered %1 (%2)</source>
        <translation>the card is not a CardDesk COS card: SELECT MF answered %1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <source>%1: malformed answer</source>
        <translation>%1: malformed answer</translation>
    </message>
    <message>
        <source>life cycle</source>
        <translation>life cycle</translation>
    </message>
    <message>
        <source>operating system</source>
        <translation>operating system</translation>
    </message>
    <message>
        <source>chip serial</source>
        <translation>chip serial</translation>
    </message>
    <message>
        <source>card number</source>
        <translation>card number</translation>
    </message>
    <message>
        <source>card-issuer serial</source>
        <translation>card-issuer serial</translation>
    </message>
    <message>
        <source>issuer product serial</source>
        <translation>issuer product serial</translation>
    </message>
    <message>
        <source>NVM</source>
        <translation>NVM</translation>
    </message>
    <message>
        <source>users</source>
        <translation>users</translation>
    </message>
    <message>
        <source>menu</source>
        <translation>menu</translation>
    </message>
    <message>
        <source>keys</source>
        <translation>keys</translation>
    </message>
    <message>
        <source>Reader: %1</source>
        <translation>Reader: %1</translation>
    </message>
    <message>
        <source>ATR: %1 (%2)</source>
        <translation>ATR: %1 (%2)</translation>
    </message>
    <message>
        <source>Life cycle: %1</source>
        <translation>Life cycle: %1</translation>
    </message>
    <message>
        <source>Card number: %1</source>
        <translation>Card number: %1</translation>
    </message>
    <message>
        <source>Chip serial: %1</source>
        <translation>Chip serial: %1</translation>
    </message>
    <message>
        <source>Operating system: %1</source>
        <translation>Operating system: %1</translation>
    </message>
    <message>
        <source>NVM: %1 of %2 bytes free</source>
        <translation>NVM: %1 of %2 bytes free</translation>
    </message>
    <message>
        <source>User %1 %2: %3 of %4 PIN tries left</source>
        <translation>User %1 %2: %3 of %4 PIN tries left</translation>
    </message>
    <message>
        <source>Menu %1: %2%3</source>
        <translation>Menu %1: %2%3</translation>
    </message>
    <message>
        <source> (hidden)</source>
        <translation> (hidden)</translation>
    </message>
    <message>
        <source>service keys</source>
        <translation>service keys</translation>
    </message>
    <message>
        <source>entitlements</source>
        <translation>entitlements</translation>
    </message>
    <message>
        <source>conditional access</source>
        <translation>conditional access</translation>
    </message>
    <message>
        <source>Service key CA_SERVICE_%1: version %2</source>
        <translation>Service key CA_SERVICE_%1: version %2</translation>
    </message>
    <message>
        <source>User %1 right %2 %3: %4 to %5</source>
        <translation>User %1 right %2 %3: %4 to %5</translation>
    </message>
</context>
<context>
    <name>CardTemplate</name>
    <message>
        <source>%1: missing</source>
        <translation>%1: missing</translation>
    </message>
    <message>
        <source>%1: must be a string</source>
        <translation>%1: must be a string</translation>
    </message>
    <message>
        <source>%1: must be a whole number</source>
        <translation>%1: must be a whole number</translation>
    </message>
    <message>
        <source>%1: must be between %2 and %3</source>
        <translation>%1: must be between %2 and %3</translation>
    </message>
    <message>
        <source>%1: must be %2 hex digits</source>
        <translation>%1: must be %2 hex digits</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at offset %2</source>
        <translation>not valid JSON: %1 at offset %2</translation>
    </message>
    <message>
        <source>a template is a JSON object</source>
        <translation>a template is a JSON object</translation>
    </message>
    <message>
        <source>%1: missing (an object with &quot;prefix&quot; and &quot;first&quot;)</source>
        <translation>%1: missing (an object with &quot;prefix&quot; and &quot;first&quot;)</translation>
    </message>
    <message>
        <source>%1: unknown permission &quot;%2&quot;</source>
        <translation>%1: unknown permission &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1: must be &quot;standard&quot; or a list of keys</source>
        <translation>%1: must be &quot;standard&quot; or a list of keys</translation>
    </message>
    <message>
        <source>%1: unknown key usage &quot;%2&quot;</source>
        <translation>%1: unknown key usage &quot;%2&quot;</translation>
    </message>
    <message>
        <source>cannot read the template %1: %2</source>
        <translation>cannot read the template %1: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: must be 2 to 19 hex digits (the rest of the 20 digits is allocated)</source>
        <translation>%1: must be 2 to 19 hex digits (the rest of the 20 digits is allocated)</translation>
    </message>
    <message>
        <source>%1: bit %2 is defined twice</source>
        <translation>%1: bit %2 is defined twice</translation>
    </message>
    <message>
        <source>%1: name &quot;%2&quot; is defined twice</source>
        <translation>%1: name &quot;%2&quot; is defined twice</translation>
    </message>
    <message>
        <source>%1: key %2 appears twice</source>
        <translation>%1: key %2 appears twice</translation>
    </message>
    <message>
        <source>%1: key 0 with usage issuer-maintenance is required</source>
        <translation>%1: key 0 with usage issuer-maintenance is required</translation>
    </message>
    <message>
        <source>%1: at most %2 entries</source>
        <translation>%1: at most %2 entries</translation>
    </message>
    <message>
        <source>%1: id %2 appears twice</source>
        <translation>%1: id %2 appears twice</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is %3 bytes of UTF-8, at most %4 fit</source>
        <translation>%1: &quot;%2&quot; is %3 bytes of UTF-8, at most %4 fit</translation>
    </message>
    <message>
        <source>%1: a card has 1 to %2 users</source>
        <translation>%1: a card has 1 to %2 users</translation>
    </message>
    <message>
        <source>%1: user %2 appears twice</source>
        <translation>%1: user %2 appears twice</translation>
    </message>
    <message>
        <source>%1: must be an object</source>
        <translation>%1: must be an object</translation>
    </message>
    <message>
        <source>%1: must be a list of key names</source>
        <translation>%1: must be a list of key names</translation>
    </message>
    <message>
        <source>%1: must be &quot;package&quot;, &quot;channel&quot; or &quot;vod&quot;, got &quot;%2&quot;</source>
        <translation>%1: must be &quot;package&quot;, &quot;channel&quot; or &quot;vod&quot;, got &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1: no package named &quot;%2&quot; in ca.packages</source>
        <translation>%1: no package named &quot;%2&quot; in ca.packages</translation>
    </message>
    <message>
        <source>%1: give either &quot;validDays&quot; (from the issuance day) or &quot;start&quot; and &quot;end&quot; dates</source>
        <translation>%1: give either &quot;validDays&quot; (from the issuance day) or &quot;start&quot; and &quot;end&quot; dates</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a date YYYY-MM-DD</source>
        <translation>%1: &quot;%2&quot; is not a date YYYY-MM-DD</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a service key (CA_SERVICE_1 to CA_SERVICE_8)</source>
        <translation>%1: &quot;%2&quot; is not a service key (CA_SERVICE_1 to CA_SERVICE_8)</translation>
    </message>
    <message>
        <source>%1: %2 appears twice</source>
        <translation>%1: %2 appears twice</translation>
    </message>
    <message>
        <source>%1: a card holds at most %2 rights</source>
        <translation>%1: a card holds at most %2 rights</translation>
    </message>
    <message>
        <source>%1: user %2 is not one of the template&apos;s users</source>
        <translation>%1: user %2 is not one of the template&apos;s users</translation>
    </message>
    <message>
        <source>%1: ends before it starts</source>
        <translation>%1: ends before it starts</translation>
    </message>
    <message>
        <source>%1: dates must lie between 1970 and 9999</source>
        <translation>%1: dates must lie between 1970 and 9999</translation>
    </message>
    <message>
        <source>%1: user %2 already has this right</source>
        <translation>%1: user %2 already has this right</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is bit %3 on every card (the card enforces it), not %4</source>
        <translation>%1: &quot;%2&quot; is bit %3 on every card (the card enforces it), not %4</translation>
    </message>
    <message>
        <source>%1: must be an object of language: text</source>
        <translation>%1: must be an object of language: text</translation>
    </message>
    <message>
        <source>%1: must be a text of 1 to 32 characters</source>
        <translation>%1: must be a text of 1 to 32 characters</translation>
    </message>
    <message>
        <source>%1: the card speaks &quot;zh&quot; or &quot;en&quot;, not &quot;%2&quot;</source>
        <translation>%1: the card speaks &quot;zh&quot; or &quot;en&quot;, not &quot;%2&quot;</translation>
    </message>
</context>
<context>
    <name>CliApp</name>
    <message>
        <source>Reader name (as listed by &quot;readers&quot;).</source>
        <translation>Reader name (as listed by &quot;readers&quot;).</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Card template (JSON).</source>
        <translation>Card template (JSON).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Holder file with the users&apos; PINs (JSON).</source>
        <translation>Holder file with the users&apos; PINs (JSON).</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>PATH</translation>
    </message>
    <message>
        <source>Issuer key store (default: %1).</source>
        <translation>Issuer key store (default: %1).</translation>
    </message>
    <message>
        <source>Wait up to this many seconds for a card.</source>
        <translation>Wait up to this many seconds for a card.</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECONDS</translation>
    </message>
    <message>
        <source>Print the APDU trace (secrets redacted) to stderr.</source>
        <translation>Print the APDU trace (secrets redacted) to stderr.</translation>
    </message>
    <message>
        <source>one command at a time, got: %1</source>
        <translation>one command at a time, got: %1</translation>
    </message>
    <message>
        <source>--wait needs a number of seconds, got &quot;%1&quot;</source>
        <translation>--wait needs a number of seconds, got &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1 does not take --%2</source>
        <translation>%1 does not take --%2</translation>
    </message>
    <message>
        <source>info needs --reader NAME (see &quot;carddesk-cli readers&quot;)</source>
        <translation>info needs --reader NAME (see &quot;carddesk-cli readers&quot;)</translation>
    </message>
    <message>
        <source>issue needs %1</source>
        <translation>issue needs %1</translation>
    </message>
    <message>
        <source>no reader named &quot;%1&quot;; readers: %2</source>
        <translation>no reader named &quot;%1&quot;; readers: %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>no card in reader &quot;%1&quot;</source>
        <translation>no card in reader &quot;%1&quot;</translation>
    </message>
    <message>
        <source>invalid template:
  %1</source>
        <translation>invalid template:
  %1</translation>
    </message>
    <message>
        <source>invalid holder file:
  %1</source>
        <translation>invalid holder file:
  %1</translation>
    </message>
    <message>
        <source>[%1/%2] %3</source>
        <translation>[%1/%2] %3</translation>
    </message>
    <message>
        <source>readers, info, issue, purse, load or purchase</source>
        <translation>readers, info, issue, purse, load or purchase</translation>
    </message>
    <message>
        <source>JSON output (the default; accepted for scripts).</source>
        <translation>JSON output (the default; accepted for scripts).</translation>
    </message>
    <message>
        <source>Amount in fen (0.01 yuan).</source>
        <translation>Amount in fen (0.01 yuan).</translation>
    </message>
    <message>
        <source>FEN</source>
        <translation>FEN</translation>
    </message>
    <message>
        <source>Verify this user&apos;s payment PIN first (PIN from CARDDESK_PIN or stdin).</source>
        <translation>Verify this user&apos;s payment PIN first (PIN from CARDDESK_PIN or stdin).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Also prove the last transaction (GET TRANSACTION PROVE, TAC checked).</source>
        <translation>Also prove the last transaction (GET TRANSACTION PROVE, TAC checked).</translation>
    </message>
    <message>
        <source>a command is needed: readers, info, issue, purse, load or purchase (see --help)</source>
        <translation>a command is needed: readers, info, issue, purse, load or purchase (see --help)</translation>
    </message>
    <message>
        <source>--amount needs a positive number of fen, got &quot;%1&quot;</source>
        <translation>--amount needs a positive number of fen, got &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--pin-user needs a user number 1 to 8, got &quot;%1&quot;</source>
        <translation>--pin-user needs a user number 1 to 8, got &quot;%1&quot;</translation>
    </message>
    <message>
        <source>purse needs --reader NAME (see &quot;carddesk-cli readers&quot;)</source>
        <translation>purse needs --reader NAME (see &quot;carddesk-cli readers&quot;)</translation>
    </message>
    <message>
        <source>%1 needs --reader NAME and --amount FEN</source>
        <translation>%1 needs --reader NAME and --amount FEN</translation>
    </message>
    <message>
        <source>purchase needs --pin-user N: the card asks for the payment PIN</source>
        <translation>purchase needs --pin-user N: the card asks for the payment PIN</translation>
    </message>
    <message>
        <source>no PIN: set CARDDESK_PIN or write it on stdin</source>
        <translation>no PIN: set CARDDESK_PIN or write it on stdin</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>cannot read %1: %2</translation>
    </message>
    <message>
        <source>Install message file (certificate + unit, from app-package).</source>
        <translation>Install message file (certificate + unit, from app-package).</translation>
    </message>
    <message>
        <source>Delete certificate (app-delete), or a separate install certificate.</source>
        <translation>Delete certificate (app-delete), or a separate install certificate.</translation>
    </message>
    <message>
        <source>Authorities&apos; key directory (default: %1).</source>
        <translation>Authorities&apos; key directory (default: %1).</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>Signature keys: ec or rsa (default ec).</source>
        <translation>Signature keys: ec or rsa (default ec).</translation>
    </message>
    <message>
        <source>KIND</source>
        <translation>KIND</translation>
    </message>
    <message>
        <source>Card number (20 hex digits) of an issued card in the database.</source>
        <translation>Card number (20 hex digits) of an issued card in the database.</translation>
    </message>
    <message>
        <source>NUMBER</source>
        <translation>NUMBER</translation>
    </message>
    <message>
        <source>The card&apos;s public key (PEM) instead of the database&apos;s.</source>
        <translation>The card&apos;s public key (PEM) instead of the database&apos;s.</translation>
    </message>
    <message>
        <source>Card-issuer serial (16 hex digits) when the card is not in the database.</source>
        <translation>Card-issuer serial (16 hex digits) when the card is not in the database.</translation>
    </message>
    <message>
        <source>HEX</source>
        <translation>HEX</translation>
    </message>
    <message>
        <source>Product serial (16 hex digits) when the card is not in the database.</source>
        <translation>Product serial (16 hex digits) when the card is not in the database.</translation>
    </message>
    <message>
        <source>Application AID (hex).</source>
        <translation>Application AID (hex).</translation>
    </message>
    <message>
        <source>Application code (Lua source).</source>
        <translation>Application code (Lua source).</translation>
    </message>
    <message>
        <source>Issuer configuration data.</source>
        <translation>Issuer configuration data.</translation>
    </message>
    <message>
        <source>Data area in bytes (default 1024).</source>
        <translation>Data area in bytes (default 1024).</translation>
    </message>
    <message>
        <source>BYTES</source>
        <translation>BYTES</translation>
    </message>
    <message>
        <source>RAM bound in bytes (default 65536).</source>
        <translation>RAM bound in bytes (default 65536).</translation>
    </message>
    <message>
        <source>Application version (default 256).</source>
        <translation>Application version (default 256).</translation>
    </message>
    <message>
        <source>Random seed of the installation (32 hex digits, from &quot;apps&quot;).</source>
        <translation>Random seed of the installation (32 hex digits, from &quot;apps&quot;).</translation>
    </message>
    <message>
        <source>Output file.</source>
        <translation>Output file.</translation>
    </message>
    <message>
        <source>%1 needs --reader NAME (see &quot;carddesk-cli readers&quot;)</source>
        <translation>%1 needs --reader NAME (see &quot;carddesk-cli readers&quot;)</translation>
    </message>
    <message>
        <source>app-install needs --package FILE</source>
        <translation>app-install needs --package FILE</translation>
    </message>
    <message>
        <source>app-delete needs --cert FILE</source>
        <translation>app-delete needs --cert FILE</translation>
    </message>
    <message>
        <source>%1 needs %2</source>
        <translation>%1 needs %2</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;</source>
        <translation>unknown command &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--nvm, --ram and --app-version need numbers</source>
        <translation>--nvm, --ram and --app-version need numbers</translation>
    </message>
    <message>
        <source>card %1 is not in the database; give --issuer-serial, --product-serial and --card-key</source>
        <translation>card %1 is not in the database; give --issuer-serial, --product-serial and --card-key</translation>
    </message>
    <message>
        <source>--card-key: %1</source>
        <translation>--card-key: %1</translation>
    </message>
    <message>
        <source>no public key is recorded for card %1 (issued before application download?)</source>
        <translation>no public key is recorded for card %1 (issued before application download?)</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>cannot write %1: %2</translation>
    </message>
    <message>
        <source>Service key to load into the card (ca-key): CA_SERVICE_1 to CA_SERVICE_8.</source>
        <translation>Service key to load into the card (ca-key): CA_SERVICE_1 to CA_SERVICE_8.</translation>
    </message>
    <message>
        <source>ca-key needs --reader NAME and --key CA_SERVICE_n</source>
        <translation>ca-key needs --reader NAME and --key CA_SERVICE_n</translation>
    </message>
    <message>
        <source>Create the --database file when it does not exist (never done silently).</source>
        <translation>Create the --database file when it does not exist (never done silently).</translation>
    </message>
    <message>
        <source>CARDDESK_TERMINAL_ID must be 12 hex digits (the 6-byte terminal id), got &quot;%1&quot;</source>
        <translation>CARDDESK_TERMINAL_ID must be 12 hex digits (the 6-byte terminal id), got &quot;%1&quot;</translation>
    </message>
    <message>
        <source>a PIN is 4 to 12 digits; the one given is not (it was not sent to the card)</source>
        <translation>a PIN is 4 to 12 digits; the one given is not (it was not sent to the card)</translation>
    </message>
    <message>
        <source>CardDesk command-line front end. Commands:
</source>
        <translation>CardDesk command-line front end. Commands:
</translation>
    </message>
    <message>
        <source>  readers                      list the PC/SC readers and their cards
</source>
        <translation>  readers                      list the PC/SC readers and their cards
</translation>
    </message>
    <message>
        <source>  purse --reader NAME [--prove] balance, counters, decoded log, last transaction (and its proof)
</source>
        <translation>  purse --reader NAME [--prove] balance, counters, decoded log, last transaction (and its proof)
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
                               run a load / purchase as a terminal with the key store&apos;s keys;
                               the PIN comes from CARDDESK_PIN or the first line of stdin
</translation>
    </message>
    <message>
        <source>  apps --reader NAME           the card&apos;s application registry and NVM figures
</source>
        <translation>  apps --reader NAME           the card&apos;s application registry and NVM figures
</translation>
    </message>
    <message>
        <source>  app-install --reader NAME --package FILE [--cert FILE]
                               push an install message (certificate + unit) block by block
</source>
        <translation>  app-install --reader NAME --package FILE [--cert FILE]
                               push an install message (certificate + unit) block by block
</translation>
    </message>
    <message>
        <source>  app-delete --reader NAME --cert FILE   push a delete certificate
</source>
        <translation>  app-delete --reader NAME --cert FILE   push a delete certificate
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
                               issuer desk: build for one card (public key from the database or
                               --card-key FILE) with the authorities of --keys DIR
</translation>
    </message>
    <message>
        <source>  ca-key --reader NAME --key CA_SERVICE_n [--keystore PATH]
                               load the key store&apos;s (newer) version of a service key into an issued card
</source>
        <translation>  ca-key --reader NAME --key CA_SERVICE_n [--keystore PATH]
                               load the key store&apos;s (newer) version of a service key into an issued card
</translation>
    </message>
    <message>
        <source>  info --reader NAME [--keystore PATH]
                               read a card: ATR, life cycle, numbers, users, menu, keys, NVM
</source>
        <translation>  info --reader NAME [--keystore PATH]
                               read a card: ATR, life cycle, numbers, users, menu, keys, NVM
</translation>
    </message>
    <message>
        <source>carddesk-cli: %1; users and menu are listed unavailable</source>
        <translation>carddesk-cli: %1; users and menu are listed unavailable</translation>
    </message>
    <message>
        <source>  headend-history --card NUMBER | --subscriber USER [--headend URL --headend-cert FILE]
                               the headend&apos;s transactions, read as a support operator
</source>
        <translation>  headend-history --card NUMBER | --subscriber USER [--headend URL --headend-cert FILE]
                               the headend&apos;s transactions, read as a support operator
</translation>
    </message>
    <message>
        <source>  headend-credentials          the headend&apos;s operator credentials (admin)
</source>
        <translation>  headend-credentials          the headend&apos;s operator credentials (admin)
</translation>
    </message>
    <message>
        <source>  headend-credential-issue --name NAME --roles LIST [--valid-days D]
                               a new operator credential (admin; the first one with the set-up token
                               CARDDESK_HEADEND_ADMIN_TOKEN); its token is printed this once
</source>
        <translation>  headend-credential-issue --name NAME --roles LIST [--valid-days D]
                               a new operator credential (admin; the first one with the set-up token
                               CARDDESK_HEADEND_ADMIN_TOKEN); its token is printed this once
</translation>
    </message>
    <message>
        <source>  headend-credential-revoke --id N [--reason TEXT]   revoke an operator credential (admin)
</source>
        <translation>  headend-credential-revoke --id N [--reason TEXT]   revoke an operator credential (admin)
</translation>
    </message>
    <message>
        <source>  headend-audit [--out FILE.csv|FILE.json]
                               the headend&apos;s audit trail with its chain values, checked (admin);
                               headend commands use your credential from CARDDESK_HEADEND_TOKEN
</source>
        <translation>  headend-audit [--out FILE.csv|FILE.json]
                               the headend&apos;s audit trail with its chain values, checked (admin);
                               headend commands use your credential from CARDDESK_HEADEND_TOKEN
</translation>
    </message>
    <message>
        <source>Headend URL (https://…; default: the console&apos;s support setting).</source>
        <translation>Headend URL (https://…; default: the console&apos;s support setting).</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>The headend&apos;s certificate to pin, its tls-cert.pem (default: the console&apos;s support setting).</source>
        <translation>The headend&apos;s certificate to pin, its tls-cert.pem (default: the console&apos;s support setting).</translation>
    </message>
    <message>
        <source>Subscriber number (headend-history).</source>
        <translation>Subscriber number (headend-history).</translation>
    </message>
    <message>
        <source>USER</source>
        <translation>USER</translation>
    </message>
    <message>
        <source>LIST</source>
        <translation>LIST</translation>
    </message>
    <message>
        <source>Days the credential is valid (default 90, at most 366).</source>
        <translation>Days the credential is valid (default 90, at most 366).</translation>
    </message>
    <message>
        <source>DAYS</source>
        <translation>DAYS</translation>
    </message>
    <message>
        <source>Credential id (headend-credential-revoke; see headend-credentials).</source>
        <translation>Credential id (headend-credential-revoke; see headend-credentials).</translation>
    </message>
    <message>
        <source>Why the credential is revoked (recorded in the audit).</source>
        <translation>Why the credential is revoked (recorded in the audit).</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <source>%1 needs the headend&apos;s --headend URL and --headend-cert FILE (or the console&apos;s support settings)</source>
        <translation>%1 needs the headend&apos;s --headend URL and --headend-cert FILE (or the console&apos;s support settings)</translation>
    </message>
    <message>
        <source>%1 needs your operator credential in CARDDESK_HEADEND_TOKEN (never on the command line)</source>
        <translation>%1 needs your operator credential in CARDDESK_HEADEND_TOKEN (never on the command line)</translation>
    </message>
    <message>
        <source>headend-history needs --card NUMBER or --subscriber USER</source>
        <translation>headend-history needs --card NUMBER or --subscriber USER</translation>
    </message>
    <message>
        <source>headend-credential-issue needs --name NAME and --roles LIST (%1)</source>
        <translation>headend-credential-issue needs --name NAME and --roles LIST (%1)</translation>
    </message>
    <message>
        <source>--valid-days needs a number of days</source>
        <translation>--valid-days needs a number of days</translation>
    </message>
    <message>
        <source>headend-credential-revoke needs --id N (see headend-credentials)</source>
        <translation>headend-credential-revoke needs --id N (see headend-credentials)</translation>
    </message>
    <message>
        <source>%1: a password is never taken on the command line (anyone on this machine could read it); use CARDDESK_OPERATOR_PASSWORD (CARDDESK_SECOND_OPERATOR_PASSWORD, CARDDESK_NEW_OPERATOR_PASSWORD) or type it at the prompt</source>
        <translation>%1: a password is never taken on the command line (anyone on this machine could read it); use CARDDESK_OPERATOR_PASSWORD (CARDDESK_SECOND_OPERATOR_PASSWORD, CARDDESK_NEW_OPERATOR_PASSWORD) or type it at the prompt</translation>
    </message>
    <message>
        <source>The key store passphrase comes from CARDDESK_KEYSTORE_PASSPHRASE (development default otherwise).
Every command but readers and operator init/init-dev logs an operator in: the name from --operator or
CARDDESK_OPERATOR, the password from CARDDESK_OPERATOR_PASSWORD or a prompt (never an option).
Exit codes: 0 ok, 1 failed, 2 usage error, 3 PC/SC service not running, 4 reader or card not
available, 5 not logged in (unknown name, wrong password, locked), 6 refused: the operator lacks the
role or dual control was not satisfied (the message names the missing role).</source>
        <translation>The key store passphrase comes from CARDDESK_KEYSTORE_PASSPHRASE (development default otherwise).
Every command but readers and operator init/init-dev logs an operator in: the name from --operator or
CARDDESK_OPERATOR, the password from CARDDESK_OPERATOR_PASSWORD or a prompt (never an option).
Exit codes: 0 ok, 1 failed, 2 usage error, 3 PC/SC service not running, 4 reader or card not
available, 5 not logged in (unknown name, wrong password, locked), 6 refused: the operator lacks the
role or dual control was not satisfied (the message names the missing role).</translation>
    </message>
    <message>
        <source>Card database: an SQLite file or postgresql://user@host/db (default: CARDDESK_DATABASE, else %1).</source>
        <translation>Card database: an SQLite file or postgresql://user@host/db (default: CARDDESK_DATABASE, else %1).</translation>
    </message>
    <message>
        <source>The operator who logs in (default: CARDDESK_OPERATOR); the password comes from CARDDESK_OPERATOR_PASSWORD or the terminal.</source>
        <translation>The operator who logs in (default: CARDDESK_OPERATOR); the password comes from CARDDESK_OPERATOR_PASSWORD or the terminal.</translation>
    </message>
    <message>
        <source>Dual control: the second operator, whose password comes from CARDDESK_SECOND_OPERATOR_PASSWORD or the terminal.</source>
        <translation>Dual control: the second operator, whose password comes from CARDDESK_SECOND_OPERATOR_PASSWORD or the terminal.</translation>
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
        <translation>  operator init --name NAME    the first admin of an empty desk (password: CARDDESK_NEW_OPERATOR_PASSWORD
                               or the terminal, at least 10 characters)
  operator init-dev            DEVELOPMENT ONLY: operator admin, every role, password carddesk-admin-dev
  operator list | add --name NAME --roles LIST | passwd [--name NAME] | lock --name NAME |
           unlock --name NAME | remove --name NAME | roles --name NAME --roles LIST
                               the desk&apos;s operators (role admin; one&apos;s own passwd needs none);
                               roles: desk, technician, support, admin (comma-separated)
</translation>
    </message>
    <message>
        <source>  audit verify                 recompute the audit trail&apos;s hash chain; exit 1 naming the first row
                               changed, deleted or inserted (role admin)
  audit export --format csv|json [--output FILE]   the trail with its chain values (role admin)
</source>
        <translation>  audit verify                 recompute the audit trail&apos;s hash chain; exit 1 naming the first row
                               changed, deleted or inserted (role admin)
  audit export --format csv|json [--output FILE]   the trail with its chain values (role admin)
</translation>
    </message>
    <message>
        <source>  settings show                the desk&apos;s settings (role admin)
  settings production-mode on|off --second-operator NAME
                               switch production mode (role admin, dual control with a second admin)
</source>
        <translation>  settings show                the desk&apos;s settings (role admin)
  settings production-mode on|off --second-operator NAME
                               switch production mode (role admin, dual control with a second admin)
</translation>
    </message>
    <message>
        <source>Again, to be sure: </source>
        <translation>Again, to be sure: </translation>
    </message>
    <message>
        <source>who is at the desk? Give --operator NAME or set CARDDESK_OPERATOR</source>
        <translation>who is at the desk? Give --operator NAME or set CARDDESK_OPERATOR</translation>
    </message>
    <message>
        <source>Password of operator %1: </source>
        <translation>Password of operator %1: </translation>
    </message>
    <message>
        <source>no password for operator %1: set CARDDESK_OPERATOR_PASSWORD or run carddesk-cli on a terminal</source>
        <translation>no password for operator %1: set CARDDESK_OPERATOR_PASSWORD or run carddesk-cli on a terminal</translation>
    </message>
    <message>
        <source>operator %1 is not logged in: %2</source>
        <translation>operator %1 is not logged in: %2</translation>
    </message>
    <message>
        <source>Password of the second operator %1: </source>
        <translation>Password of the second operator %1: </translation>
    </message>
    <message>
        <source>no password for the second operator %1: set CARDDESK_SECOND_OPERATOR_PASSWORD or run carddesk-cli on a terminal</source>
        <translation>no password for the second operator %1: set CARDDESK_SECOND_OPERATOR_PASSWORD or run carddesk-cli on a terminal</translation>
    </message>
    <message>
        <source>Roles, comma-separated: desk, technician, support, admin.</source>
        <translation>Roles, comma-separated: desk, technician, support, admin.</translation>
    </message>
    <message>
        <source>Audit export format: csv or json.</source>
        <translation>Audit export format: csv or json.</translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation>FORMAT</translation>
    </message>
    <message>
        <source>Write the audit export to this file instead of stdout.</source>
        <translation>Write the audit export to this file instead of stdout.</translation>
    </message>
    <message>
        <source>operator needs one of: %1</source>
        <translation>operator needs one of: %1</translation>
    </message>
    <message>
        <source>operator %1 needs --name NAME</source>
        <translation>operator %1 needs --name NAME</translation>
    </message>
    <message>
        <source>operator %1 needs --roles LIST (desk, technician, support, admin)</source>
        <translation>operator %1 needs --roles LIST (desk, technician, support, admin)</translation>
    </message>
    <message>
        <source>unknown role &quot;%1&quot;: the roles are desk, technician, support and admin</source>
        <translation>unknown role &quot;%1&quot;: the roles are desk, technician, support and admin</translation>
    </message>
    <message>
        <source>New password of operator %1: </source>
        <translation>New password of operator %1: </translation>
    </message>
    <message>
        <source>no new password for operator %1 (or the two typed differ): set CARDDESK_NEW_OPERATOR_PASSWORD or type it at the prompt</source>
        <translation>no new password for operator %1 (or the two typed differ): set CARDDESK_NEW_OPERATOR_PASSWORD or type it at the prompt</translation>
    </message>
    <message>
        <source>the desk has operators already: an admin adds more (operator add)</source>
        <translation>the desk has operators already: an admin adds more (operator add)</translation>
    </message>
    <message>
        <source>DEVELOPMENT ONLY: operator %1 has the published password of docs/operators.md; never on a production desk</source>
        <translation>DEVELOPMENT ONLY: operator %1 has the published password of docs/operators.md; never on a production desk</translation>
    </message>
    <message>
        <source>audit needs verify or export</source>
        <translation>audit needs verify or export</translation>
    </message>
    <message>
        <source>audit export needs --format csv or --format json</source>
        <translation>audit export needs --format csv or --format json</translation>
    </message>
    <message>
        <source>audit verify takes neither --format nor --output</source>
        <translation>audit verify takes neither --format nor --output</translation>
    </message>
    <message>
        <source>the audit trail is broken at row %1: %2</source>
        <translation>the audit trail is broken at row %1: %2</translation>
    </message>
    <message>
        <source>settings needs show, or production-mode on|off</source>
        <translation>settings needs show, or production-mode on|off</translation>
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
        <translation>  key list                     the issuer keys in the token (--keystore pkcs11:token=LABEL; role admin)
  key ceremony NAME VERSION 2|3 [shared] --second-operator NAME
                               a master key from 2 or 3 custodians&apos; components, typed without echo;
                               each check value shown (role admin, dual control; token PIN:
                               CARDDESK_TOKEN_PIN or the terminal)
  key import-clear FILE --second-operator NAME
                               DEVELOPMENT ONLY: a clear-key file into the token (refused in production)
</translation>
    </message>
    <message>
        <source>key needs list, ceremony NAME VERSION 2|3 [shared], or import-clear FILE</source>
        <translation>key needs list, ceremony NAME VERSION 2|3 [shared], or import-clear FILE</translation>
    </message>
    <message>
        <source>key commands work on a PKCS#11 token (--keystore pkcs11:token=LABEL); %1 is a key file</source>
        <translation>key commands work on a PKCS#11 token (--keystore pkcs11:token=LABEL); %1 is a key file</translation>
    </message>
    <message>
        <source>PIN of the token %1: </source>
        <translation>PIN of the token %1: </translation>
    </message>
    <message>
        <source>no PIN for the token: set CARDDESK_TOKEN_PIN or run carddesk-cli on a terminal</source>
        <translation>no PIN for the token: set CARDDESK_TOKEN_PIN or run carddesk-cli on a terminal</translation>
    </message>
    <message>
        <source>production mode: a clear-key file is for development only; import the key in a key ceremony</source>
        <translation>production mode: a clear-key file is for development only; import the key in a key ceremony</translation>
    </message>
    <message>
        <source>key ceremony NAME VERSION 2|3 [shared]: VERSION 1..255, 2 or 3 components</source>
        <translation>key ceremony NAME VERSION 2|3 [shared]: VERSION 1..255, 2 or 3 components</translation>
    </message>
    <message>
        <source>Custodian %1 of %2: your component of %3 (32 hex digits, not shown): </source>
        <translation>Custodian %1 of %2: your component of %3 (32 hex digits, not shown): </translation>
    </message>
    <message>
        <source>component %1 is not 32 hex digits</source>
        <translation>component %1 is not 32 hex digits</translation>
    </message>
    <message>
        <source>component %1 check value %2</source>
        <translation>component %1 check value %2</translation>
    </message>
    <message>
        <source>Operator name (operator init, add, passwd, lock, unlock, remove, roles; headend-credential-issue).</source>
        <translation>Operator name (operator init, add, passwd, lock, unlock, remove, roles; headend-credential-issue).</translation>
    </message>
    <message>
        <source>Add a replay reader, &quot;Replay: &lt;file name&gt;&quot;, whose card answers from this saved APDU trace (JSON).</source>
        <translation>Add a replay reader, &quot;Replay: &lt;file name&gt;&quot;, whose card answers from this saved APDU trace (JSON).</translation>
    </message>
    <message>
        <source>cannot open the replay reader: %1</source>
        <translation>cannot open the replay reader: %1</translation>
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
                               check a holder file whole (CSV or JSON); every problem with its line
  batch issue --template FILE --file FILE --readers A,B [--generate-pins --mailers DIR]
                               record a batch and issue it over the readers&apos; hoppers (role desk)
  batch resume ID --readers A,B [--file FILE]   go on with an interrupted batch
  batch status [ID] | batch report ID [--format csv|json] [--failed] [--output FILE]
  batch retry ID | batch cancel ID
</translation>
    </message>
    <message>
        <source>Batch holder file: CSV (UTF-8, header row) or JSON (batch check, issue, resume).</source>
        <translation>Batch holder file: CSV (UTF-8, header row) or JSON (batch check, issue, resume).</translation>
    </message>
    <message>
        <source>Readers of a batch, comma-separated (or --reader repeated).</source>
        <translation>Readers of a batch, comma-separated (or --reader repeated).</translation>
    </message>
    <message>
        <source>Generate each user&apos;s initial PIN and print it into a PIN mailer.</source>
        <translation>Generate each user&apos;s initial PIN and print it into a PIN mailer.</translation>
    </message>
    <message>
        <source>Digits of a generated PIN (4 to 12, default 6).</source>
        <translation>Digits of a generated PIN (4 to 12, default 6).</translation>
    </message>
    <message>
        <source>Folder for the PIN mailers (generated PINs).</source>
        <translation>Folder for the PIN mailers (generated PINs).</translation>
    </message>
    <message>
        <source>A name for the batch (default: the file&apos;s name).</source>
        <translation>A name for the batch (default: the file&apos;s name).</translation>
    </message>
    <message>
        <source>Pause a running batch when no card came for this many seconds (default 60).</source>
        <translation>Pause a running batch when no card came for this many seconds (default 60).</translation>
    </message>
    <message>
        <source>batch report: only the failed rows.</source>
        <translation>batch report: only the failed rows.</translation>
    </message>
    <message>
        <source>batch needs one of: %1</source>
        <translation>batch needs one of: %1</translation>
    </message>
    <message>
        <source>--pin-length takes a number of digits (4 to 12)</source>
        <translation>--pin-length takes a number of digits (4 to 12)</translation>
    </message>
    <message>
        <source>--idle-timeout takes a number of seconds</source>
        <translation>--idle-timeout takes a number of seconds</translation>
    </message>
    <message>
        <source>batch check needs --template FILE and --file FILE</source>
        <translation>batch check needs --template FILE and --file FILE</translation>
    </message>
    <message>
        <source>%1 has %2 problems; nothing can be issued from it:
  %3</source>
        <translation>%1 has %2 problems; nothing can be issued from it:
  %3</translation>
    </message>
    <message>
        <source>batch issue needs --template FILE, --file FILE and --readers LIST</source>
        <translation>batch issue needs --template FILE, --file FILE and --readers LIST</translation>
    </message>
    <message>
        <source>batch issue --generate-pins needs --mailers DIR (where the PIN mailers go)</source>
        <translation>batch issue --generate-pins needs --mailers DIR (where the PIN mailers go)</translation>
    </message>
    <message>
        <source>batch %1 needs the batch id (see &quot;batch status&quot;)</source>
        <translation>batch %1 needs the batch id (see &quot;batch status&quot;)</translation>
    </message>
    <message>
        <source>batch resume needs --readers LIST</source>
        <translation>batch resume needs --readers LIST</translation>
    </message>
    <message>
        <source>there is no batch %1</source>
        <translation>there is no batch %1</translation>
    </message>
    <message>
        <source>batch report --format takes csv or json</source>
        <translation>batch report --format takes csv or json</translation>
    </message>
    <message>
        <source>batch %1 is running at desk %2: cancel it there</source>
        <translation>batch %1 is running at desk %2: cancel it there</translation>
    </message>
    <message>
        <source>%1 has %2 problems; nothing was issued:
  %3</source>
        <translation>%1 has %2 problems; nothing was issued:
  %3</translation>
    </message>
    <message>
        <source>carddesk-cli: batch %1 recorded</source>
        <translation>carddesk-cli: batch %1 recorded</translation>
    </message>
    <message>
        <source>[%1/%2 done, %3 failed]</source>
        <translation>[%1/%2 done, %3 failed]</translation>
    </message>
    <message>
        <source>  issue --reader NAME --template FILE --holder FILE [--database PATH] [--keystore PATH]
        [--generate-pins --mailers DIR]  personalise a blank card and record it (generated PINs:
                               printed only into the PIN mailer, never shown)
</source>
        <translation>  issue --reader NAME --template FILE --holder FILE [--database PATH] [--keystore PATH]
        [--generate-pins --mailers DIR]  personalise a blank card and record it (generated PINs:
                               printed only into the PIN mailer, never shown)
</translation>
    </message>
    <message>
        <source>issue --generate-pins needs --mailers DIR and the holder file&apos;s &quot;address&quot; (1 to 5 lines for the envelope&apos;s window)</source>
        <translation>issue --generate-pins needs --mailers DIR and the holder file&apos;s &quot;address&quot; (1 to 5 lines for the envelope&apos;s window)</translation>
    </message>
    <message>
        <source>card %1 was issued but its PIN mailer is missing: nobody knows its PINs; reset them on the card (audited)</source>
        <translation>card %1 was issued but its PIN mailer is missing: nobody knows its PINs; reset them on the card (audited)</translation>
    </message>
    <message>
        <source>cannot read the holder file %1: %2</source>
        <translation>cannot read the holder file %1: %2</translation>
    </message>
    <message>
        <source>%1: the PINs are generated (--generate-pins): the file must not carry PINs</source>
        <translation>%1: the PINs are generated (--generate-pins): the file must not carry PINs</translation>
    </message>
    <message>
        <source>%1: holder.userNumber and holder.name are needed</source>
        <translation>%1: holder.userNumber and holder.name are needed</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;: use readers, info, issue, purse, load, purchase, apps, app-install, app-delete, app-package, app-delete-cert, ca-key, pin-reset, headend-history, headend-credentials, headend-credential-issue, headend-credential-revoke, headend-audit, operator, audit, key, settings or batch</source>
        <translation>unknown command &quot;%1&quot;: use readers, info, issue, purse, load, purchase, apps, app-install, app-delete, app-package, app-delete-cert, ca-key, pin-reset, headend-history, headend-credentials, headend-credential-issue, headend-credential-revoke, headend-audit, operator, audit, key, settings or batch</translation>
    </message>
    <message>
        <source>  pin-reset --reader NAME --mailers DIR [--users 1,2] [--address LINE]... [--pin-length N]
                               a lost PIN mailer: new generated PINs for the card&apos;s users, printed
                               only into a new mailer (address: the batch row&apos;s unless given)
</source>
        <translation>  pin-reset --reader NAME --mailers DIR [--users 1,2] [--address LINE]... [--pin-length N]
                               a lost PIN mailer: new generated PINs for the card&apos;s users, printed
                               only into a new mailer (address: the batch row&apos;s unless given)
</translation>
    </message>
    <message>
        <source>the database failed: %1</source>
        <translation>the database failed: %1</translation>
    </message>
    <message>
        <source>batch %1 stopped (%2) and its counts cannot be read: %3</source>
        <translation>batch %1 stopped (%2) and its counts cannot be read: %3</translation>
    </message>
    <message>
        <source>The users whose PINs are reset (pin-reset), e.g. 1,3; default: every user of the card.</source>
        <translation>The users whose PINs are reset (pin-reset), e.g. 1,3; default: every user of the card.</translation>
    </message>
    <message>
        <source>A postal address line for the new PIN mailer (pin-reset; repeat for each line, 1 to 5).</source>
        <translation>A postal address line for the new PIN mailer (pin-reset; repeat for each line, 1 to 5).</translation>
    </message>
    <message>
        <source>LINE</source>
        <translation>LINE</translation>
    </message>
    <message>
        <source>pin-reset needs --reader NAME and --mailers DIR</source>
        <translation>pin-reset needs --reader NAME and --mailers DIR</translation>
    </message>
    <message>
        <source>--users takes distinct user numbers 1 to 8 separated by commas, got &quot;%1&quot;</source>
        <translation>--users takes distinct user numbers 1 to 8 separated by commas, got &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>HeadendAuditTrail</name>
    <message>
        <source>rows %1 to %2 are missing (the head record names row %2 as the last)</source>
        <translation>rows %1 to %2 are missing (the head record names row %2 as the last)</translation>
    </message>
    <message>
        <source>the head record does not match row %1</source>
        <translation>the head record does not match row %1</translation>
    </message>
</context>
<context>
    <name>HeadendHistory</name>
    <message>
        <source>a record of unknown kind &quot;%1&quot;</source>
        <translation>a record of unknown kind &quot;%1&quot;</translation>
    </message>
    <message>
        <source>a %1 record without a valid id, amount or counter</source>
        <translation>a %1 record without a valid id, amount or counter</translation>
    </message>
    <message>
        <source>record %1 has no valid card number</source>
        <translation>record %1 has no valid card number</translation>
    </message>
    <message>
        <source>record %1 has no valid terminal id</source>
        <translation>record %1 has no valid terminal id</translation>
    </message>
    <message>
        <source>record %1 has no valid date and time</source>
        <translation>record %1 has no valid date and time</translation>
    </message>
    <message>
        <source>record %1 has no status</source>
        <translation>record %1 has no status</translation>
    </message>
    <message>
        <source>record %1 has a malformed TAC</source>
        <translation>record %1 has a malformed TAC</translation>
    </message>
    <message>
        <source>purchase %1 has no valid terminal serial</source>
        <translation>purchase %1 has no valid terminal serial</translation>
    </message>
    <message>
        <source>record %1 has a malformed balance</source>
        <translation>record %1 has a malformed balance</translation>
    </message>
    <message>
        <source>the headend&apos;s answer is not a list of transactions</source>
        <translation>the headend&apos;s answer is not a list of transactions</translation>
    </message>
    <message>
        <source>the headend&apos;s answer holds a malformed transaction: %1</source>
        <translation>the headend&apos;s answer holds a malformed transaction: %1</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>not an object</translation>
    </message>
    <message>
        <source>record %1 has a malformed programme title</source>
        <translation>record %1 has a malformed programme title</translation>
    </message>
</context>
<context>
    <name>HolderFile</name>
    <message>
        <source>not valid JSON: %1 at offset %2</source>
        <translation>not valid JSON: %1 at offset %2</translation>
    </message>
    <message>
        <source>a holder file is a JSON object</source>
        <translation>a holder file is a JSON object</translation>
    </message>
    <message>
        <source>%1: missing</source>
        <translation>%1: missing</translation>
    </message>
    <message>
        <source>%1: missing (a list of users with their PINs)</source>
        <translation>%1: missing (a list of users with their PINs)</translation>
    </message>
    <message>
        <source>%1: must be between %2 and %3</source>
        <translation>%1: must be between %2 and %3</translation>
    </message>
    <message>
        <source>cannot read the holder file %1: %2</source>
        <translation>cannot read the holder file %1: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: user number, account and name together are longer than the card&apos;s 128-byte holder file</source>
        <translation>%1: user number, account and name together are longer than the card&apos;s 128-byte holder file</translation>
    </message>
    <message>
        <source>%1: must be 20 hex digits</source>
        <translation>%1: must be 20 hex digits</translation>
    </message>
    <message>
        <source>%1: at least one user with a PIN is needed</source>
        <translation>%1: at least one user with a PIN is needed</translation>
    </message>
    <message>
        <source>%1: a card has at most %2 users</source>
        <translation>%1: a card has at most %2 users</translation>
    </message>
    <message>
        <source>%1: user %2 appears twice</source>
        <translation>%1: user %2 appears twice</translation>
    </message>
    <message>
        <source>%1: must have 4 to 12 digits</source>
        <translation>%1: must have 4 to 12 digits</translation>
    </message>
    <message>
        <source>%1: longer than %2 bytes of UTF-8</source>
        <translation>%1: longer than %2 bytes of UTF-8</translation>
    </message>
    <message>
        <source>%1: must be a string of 4 to 12 digits</source>
        <translation>%1: must be a string of 4 to 12 digits</translation>
    </message>
    <message>
        <source>%1 (user %2)</source>
        <translation>%1 (user %2)</translation>
    </message>
    <message>
        <source>%1: missing (4 to 12 digits)</source>
        <translation>%1: missing (4 to 12 digits)</translation>
    </message>
    <message>
        <source>%1: the card speaks &quot;zh&quot; or &quot;en&quot;, not &quot;%2&quot;</source>
        <translation>%1: the card speaks &quot;zh&quot; or &quot;en&quot;, not &quot;%2&quot;</translation>
    </message>
</context>
<context>
    <name>OperatorStore</name>
    <message>
        <source>cannot %1: %2</source>
        <translation>cannot %1: %2</translation>
    </message>
    <message>
        <source>a password needs at least %1 characters; this one has %2</source>
        <translation>a password needs at least %1 characters; this one has %2</translation>
    </message>
    <message>
        <source>the password must not be the operator&apos;s name</source>
        <translation>the password must not be the operator&apos;s name</translation>
    </message>
    <message>
        <source>an operator&apos;s name has 1 to 32 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, got &quot;%1&quot;</source>
        <translation>an operator&apos;s name has 1 to 32 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, got &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot read the operators: %1</source>
        <translation>cannot read the operators: %1</translation>
    </message>
    <message>
        <source>read the operators</source>
        <translation>read the operators</translation>
    </message>
    <message>
        <source>wrong operator name or password</source>
        <translation>wrong operator name or password</translation>
    </message>
    <message>
        <source>operator %1 is locked until %2 (UTC) after %3 wrong passwords; an admin can unlock it</source>
        <translation>operator %1 is locked until %2 (UTC) after %3 wrong passwords; an admin can unlock it</translation>
    </message>
    <message>
        <source>operator %1 is locked by an admin</source>
        <translation>operator %1 is locked by an admin</translation>
    </message>
    <message>
        <source>update operator %1</source>
        <translation>update operator %1</translation>
    </message>
    <message>
        <source>the stored password of operator %1 is not usable; an admin must set a new one</source>
        <translation>the stored password of operator %1 is not usable; an admin must set a new one</translation>
    </message>
    <message>
        <source>wrong operator name or password; after %1 in a row operator %2 is locked for %3 minutes</source>
        <translation>wrong operator name or password; after %1 in a row operator %2 is locked for %3 minutes</translation>
    </message>
    <message>
        <source>an operator needs at least one role: desk, technician, support or admin</source>
        <translation>an operator needs at least one role: desk, technician, support or admin</translation>
    </message>
    <message>
        <source>operator %1 exists already</source>
        <translation>operator %1 exists already</translation>
    </message>
    <message>
        <source>add operator %1</source>
        <translation>add operator %1</translation>
    </message>
    <message>
        <source>there is no operator %1</source>
        <translation>there is no operator %1</translation>
    </message>
    <message>
        <source>%1 is the last admin who can log in: make another admin first</source>
        <translation>%1 is the last admin who can log in: make another admin first</translation>
    </message>
    <message>
        <source>remove operator %1</source>
        <translation>remove operator %1</translation>
    </message>
    <message>
        <source>the desk has operators already: an admin adds more (carddesk-cli operator add)</source>
        <translation>the desk has operators already: an admin adds more (carddesk-cli operator add)</translation>
    </message>
    <message>
        <source>the desk is in production mode: the development operator is refused</source>
        <translation>the desk is in production mode: the development operator is refused</translation>
    </message>
    <message>
        <source>the desk has operators already: the development operator is only made on an empty desk</source>
        <translation>the desk has operators already: the development operator is only made on an empty desk</translation>
    </message>
</context>
<context>
    <name>PinMailer</name>
    <message>
        <source>%1: cannot open the folder to sync it (%2)</source>
        <translation>%1: cannot open the folder to sync it (%2)</translation>
    </message>
    <message>
        <source>%1: cannot sync the folder (%2)</source>
        <translation>%1: cannot sync the folder (%2)</translation>
    </message>
    <message>
        <source>%1: cannot open the mailer to destroy it (%2)</source>
        <translation>%1: cannot open the mailer to destroy it (%2)</translation>
    </message>
    <message>
        <source>%1: cannot remove the mailer (%2)</source>
        <translation>%1: cannot remove the mailer (%2)</translation>
    </message>
    <message>
        <source>%1: removed, but overwriting it failed (%2)</source>
        <translation>%1: removed, but overwriting it failed (%2)</translation>
    </message>
    <message>
        <source>%1: a PIN mailer for it exists already (mailers are never printed twice)</source>
        <translation>%1: a PIN mailer for it exists already (mailers are never printed twice)</translation>
    </message>
    <message>
        <source>%1: cannot move the mailer into place (%2)</source>
        <translation>%1: cannot move the mailer into place (%2)</translation>
    </message>
    <message>
        <source>%1: a PIN mailer needs a QGuiApplication (QT_QPA_PLATFORM=offscreen where there is no display)</source>
        <translation>%1: a PIN mailer needs a QGuiApplication (QT_QPA_PLATFORM=offscreen where there is no display)</translation>
    </message>
    <message>
        <source>%1: a PIN mailer holds 1 to %2 users, not %3</source>
        <translation>%1: a PIN mailer holds 1 to %2 users, not %3</translation>
    </message>
    <message>
        <source>%1: user %2&apos;s PIN is not 4 to 12 digits</source>
        <translation>%1: user %2&apos;s PIN is not 4 to 12 digits</translation>
    </message>
    <message>
        <source>%1: the holder&apos;s name and address are needed</source>
        <translation>%1: the holder&apos;s name and address are needed</translation>
    </message>
    <message>
        <source>%1: the address has %2 lines, the envelope&apos;s window shows %3</source>
        <translation>%1: the address has %2 lines, the envelope&apos;s window shows %3</translation>
    </message>
    <message>
        <source>%1: the folder %2 does not exist</source>
        <translation>%1: the folder %2 does not exist</translation>
    </message>
    <message>
        <source>%1: cannot start the PDF</source>
        <translation>%1: cannot start the PDF</translation>
    </message>
    <message>
        <source>%1: cannot finish the PDF</source>
        <translation>%1: cannot finish the PDF</translation>
    </message>
    <message>
        <source>%1: cannot create a temporary file (%2)</source>
        <translation>%1: cannot create a temporary file (%2)</translation>
    </message>
    <message>
        <source>%1: cannot write the PDF (%2)</source>
        <translation>%1: cannot write the PDF (%2)</translation>
    </message>
    <message>
        <source>%1: cannot sync the PDF to disk (%2)</source>
        <translation>%1: cannot sync the PDF to disk (%2)</translation>
    </message>
    <message>
        <source>%1: cannot close the PDF (%2)</source>
        <translation>%1: cannot close the PDF (%2)</translation>
    </message>
</context>
<context>
    <name>PurseLedger</name>
    <message>
        <source>cannot record the purse transaction: %1</source>
        <translation>cannot record the purse transaction: %1</translation>
    </message>
    <message>
        <source>cannot read the terminal serial: %1</source>
        <translation>cannot read the terminal serial: %1</translation>
    </message>
</context>
<context>
    <name>PurseLogEntry</name>
    <message>
        <source>ED load</source>
        <translation>ED load</translation>
    </message>
    <message>
        <source>EP load</source>
        <translation>EP load</translation>
    </message>
    <message>
        <source>Unload</source>
        <translation>Unload</translation>
    </message>
    <message>
        <source>Cash withdrawal</source>
        <translation>Cash withdrawal</translation>
    </message>
    <message>
        <source>ED purchase</source>
        <translation>ED purchase</translation>
    </message>
    <message>
        <source>EP purchase</source>
        <translation>EP purchase</translation>
    </message>
    <message>
        <source>Overdraft limit update</source>
        <translation>Overdraft limit update</translation>
    </message>
    <message>
        <source>Credit purchase</source>
        <translation>Credit purchase</translation>
    </message>
    <message>
        <source>Compound purchase</source>
        <translation>Compound purchase</translation>
    </message>
    <message>
        <source>Type %1</source>
        <translation>Type %1</translation>
    </message>
</context>
<context>
    <name>SupportReconciler</name>
    <message>
        <source>The headend recorded it as completed, but the card&apos;s log has no such transaction.</source>
        <translation>The headend recorded it as completed, but the card&apos;s log has no such transaction.</translation>
    </message>
    <message>
        <source>The holder&apos;s bank account was debited but the card was not credited: recover the load (re-issue or refund).</source>
        <translation>The holder&apos;s bank account was debited but the card was not credited: recover the load (re-issue or refund).</translation>
    </message>
    <message>
        <source>Not credited to the card; the amount was refunded to the holder&apos;s account.</source>
        <translation>Not credited to the card; the amount was refunded to the holder&apos;s account.</translation>
    </message>
    <message>
        <source>The bank refused the top-up; nothing moved.</source>
        <translation>The bank refused the top-up; nothing moved.</translation>
    </message>
    <message>
        <source>MAC1 was issued but the card never debited the purchase; nothing was charged.</source>
        <translation>MAC1 was issued but the card never debited the purchase; nothing was charged.</translation>
    </message>
    <message>
        <source>Status at the headend: %1.</source>
        <translation>Status at the headend: %1.</translation>
    </message>
    <message>
        <source>Completed by recovery (the card&apos;s online counter moved past it): the headend never received its TAC.</source>
        <translation>Completed by recovery (the card&apos;s online counter moved past it): the headend never received its TAC.</translation>
    </message>
    <message>
        <source>The headend holds no TAC for it.</source>
        <translation>The headend holds no TAC for it.</translation>
    </message>
    <message>
        <source>The TAC cannot be recomputed without the balance before the load.</source>
        <translation>The TAC cannot be recomputed without the balance before the load.</translation>
    </message>
    <message>
        <source>The TAC fits the card&apos;s amount %1: the headend&apos;s amount is not the one the card signed.</source>
        <translation>The TAC fits the card&apos;s amount %1: the headend&apos;s amount is not the one the card signed.</translation>
    </message>
    <message>
        <source>The TAC at the headend is not the one the card made for this transaction.</source>
        <translation>The TAC at the headend is not the one the card made for this transaction.</translation>
    </message>
    <message>
        <source>The key store has no TAC master key.</source>
        <translation>The key store has no TAC master key.</translation>
    </message>
    <message>
        <source>The card was read, but without the headend&apos;s records there is nothing to compare.</source>
        <translation>The card was read, but without the headend&apos;s records there is nothing to compare.</translation>
    </message>
    <message>
        <source>The card in the reader (%1) is not one of this subscriber&apos;s cards.</source>
        <translation>The card in the reader (%1) is not one of this subscriber&apos;s cards.</translation>
    </message>
    <message>
        <source>The card in the reader (%1) is not the card looked up; only the headend&apos;s records are shown.</source>
        <translation>The card in the reader (%1) is not the card looked up; only the headend&apos;s records are shown.</translation>
    </message>
    <message>
        <source>No card was read: the headend&apos;s records are not compared with a card&apos;s log.</source>
        <translation>No card was read: the headend&apos;s records are not compared with a card&apos;s log.</translation>
    </message>
    <message>
        <source>The card in %1 was not read.</source>
        <translation>The card in %1 was not read.</translation>
    </message>
    <message>
        <source>On the card only: the headend has no record of it (an offline purchase not yet uploaded, or another terminal&apos;s transaction).</source>
        <translation>On the card only: the headend has no record of it (an offline purchase not yet uploaded, or another terminal&apos;s transaction).</translation>
    </message>
    <message>
        <source>The headend says %1, the card %2.</source>
        <translation>The headend says %1, the card %2.</translation>
    </message>
    <message>
        <source>The card did it, but the headend&apos;s record is still &quot;%1&quot;: its completion never arrived.</source>
        <translation>The card did it, but the headend&apos;s record is still &quot;%1&quot;: its completion never arrived.</translation>
    </message>
    <message>
        <source>Times differ: headend %1, card %2.</source>
        <translation>Times differ: headend %1, card %2.</translation>
    </message>
    <message>
        <source>Older than the card&apos;s log reaches (it keeps the newest %1 records).</source>
        <translation>Older than the card&apos;s log reaches (it keeps the newest %1 records).</translation>
    </message>
    <message>
        <source>The TAC the card proves does not check with the TAC key.</source>
        <translation>The TAC the card proves does not check with the TAC key.</translation>
    </message>
    <message>
        <source>The card proves TAC %1, the headend holds %2.</source>
        <translation>The card proves TAC %1, the headend holds %2.</translation>
    </message>
    <message>
        <source>The card proved its TAC (GET TRANSACTION PROVE).</source>
        <translation>The card proved its TAC (GET TRANSACTION PROVE).</translation>
    </message>
</context>
<context>
    <name>SupportReport</name>
    <message>
        <source>%1 matched, %2 problems, %3 transactions in all</source>
        <translation>%1 matched, %2 problems, %3 transactions in all</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>Matched</translation>
    </message>
    <message>
        <source>Amount mismatch</source>
        <translation>Amount mismatch</translation>
    </message>
    <message>
        <source>Unfinished at the headend</source>
        <translation>Unfinished at the headend</translation>
    </message>
    <message>
        <source>Only at the headend</source>
        <translation>Only at the headend</translation>
    </message>
    <message>
        <source>Only on the card</source>
        <translation>Only on the card</translation>
    </message>
    <message>
        <source>Older than the card&apos;s log</source>
        <translation>Older than the card&apos;s log</translation>
    </message>
    <message>
        <source>Headend only (card not read)</source>
        <translation>Headend only (card not read)</translation>
    </message>
    <message>
        <source>TAC proved</source>
        <translation>TAC proved</translation>
    </message>
    <message>
        <source>TAC wrong</source>
        <translation>TAC wrong</translation>
    </message>
    <message>
        <source>No TAC</source>
        <translation>No TAC</translation>
    </message>
    <message>
        <source>TAC not checked</source>
        <translation>TAC not checked</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>cannot write %1: %2</translation>
    </message>
</context>
<context>
    <name>TraceReplayCard</name>
    <message>
        <source>cannot open the trace %1: %2</source>
        <translation>cannot open the trace %1: %2</translation>
    </message>
    <message>
        <source>%1 is too large to be a saved APDU trace (%2 MB)</source>
        <translation>%1 is too large to be a saved APDU trace (%2 MB)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>the file is empty, not a saved APDU trace</source>
        <translation>the file is empty, not a saved APDU trace</translation>
    </message>
    <message>
        <source>not a saved APDU trace (the JSON is broken at byte %1: %2); was the file cut short?</source>
        <translation>not a saved APDU trace (the JSON is broken at byte %1: %2); was the file cut short?</translation>
    </message>
    <message>
        <source>not a saved APDU trace (no &quot;format&quot;: &quot;carddesk-apdu-trace&quot;)</source>
        <translation>not a saved APDU trace (no &quot;format&quot;: &quot;carddesk-apdu-trace&quot;)</translation>
    </message>
    <message>
        <source>the trace&apos;s format version is missing or not a number</source>
        <translation>the trace&apos;s format version is missing or not a number</translation>
    </message>
    <message>
        <source>the trace was saved in format version %1, newer than this CardDesk reads (%2): update CardDesk</source>
        <translation>the trace was saved in format version %1, newer than this CardDesk reads (%2): update CardDesk</translation>
    </message>
    <message>
        <source>the trace has no list of exchanges</source>
        <translation>the trace has no list of exchanges</translation>
    </message>
    <message>
        <source>the trace holds no answered exchange to replay</source>
        <translation>the trace holds no answered exchange to replay</translation>
    </message>
    <message>
        <source>the trace has no exchange for command %1</source>
        <translation>the trace has no exchange for command %1</translation>
    </message>
    <message>
        <source>answered with exchange %1 of %2 (%3, recorded %4)</source>
        <translation>answered with exchange %1 of %2 (%3, recorded %4)</translation>
    </message>
    <message>
        <source>response bytes %1 were redacted in the trace: answered as zeros</source>
        <translation>response bytes %1 were redacted in the trace: answered as zeros</translation>
    </message>
    <message>
        <source>answered with exchange %1 of %2 (%3)</source>
        <translation>answered with exchange %1 of %2 (%3)</translation>
    </message>
</context>
<context>
    <name>carddesk</name>
    <message>
        <source>a quote inside a field that does not start with one (write it as &quot;&quot; inside a quoted field)</source>
        <translation>a quote inside a field that does not start with one (write it as &quot;&quot; inside a quoted field)</translation>
    </message>
    <message>
        <source>text after a quoted field&apos;s closing quote</source>
        <translation>text after a quoted field&apos;s closing quote</translation>
    </message>
    <message>
        <source>a quoted field is not closed before the end of the file</source>
        <translation>a quoted field is not closed before the end of the file</translation>
    </message>
</context>
<context>
    <name>carddesk::ApduDecodePane</name>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Decoded exchange</source>
        <translation>Decoded exchange</translation>
    </message>
    <message>
        <source>Select an exchange in the trace to decode it.</source>
        <translation>Select an exchange in the trace to decode it.</translation>
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
        <translation>Secret bytes are hidden. Revealing them is recorded in the audit log.</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Reader</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Command</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Lc</source>
        <translation>Lc</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Le</source>
        <translation>Le</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Response</translation>
    </message>
    <message>
        <source>SW</source>
        <translation>SW</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>Meaning</translation>
    </message>
    <message>
        <source>µs</source>
        <translation>µs</translation>
    </message>
</context>
<context>
    <name>carddesk::AppManagerView</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>cannot read %1: %2</translation>
    </message>
    <message>
        <source>Installed applications</source>
        <translation>Installed applications</translation>
    </message>
    <message>
        <source>&amp;Read applications</source>
        <translation>&amp;Read applications</translation>
    </message>
    <message>
        <source>AID</source>
        <translation>AID</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Code (B)</source>
        <translation>Code (B)</translation>
    </message>
    <message>
        <source>Data (B)</source>
        <translation>Data (B)</translation>
    </message>
    <message>
        <source>Config (B)</source>
        <translation>Config (B)</translation>
    </message>
    <message>
        <source>DF range</source>
        <translation>DF range</translation>
    </message>
    <message>
        <source>Card memory (NVM):</source>
        <translation>Card memory (NVM):</translation>
    </message>
    <message>
        <source>Install or delete</source>
        <translation>Install or delete</translation>
    </message>
    <message>
        <source>install package (.cdapp): certificate + unit, or unit only</source>
        <translation>install package (.cdapp): certificate + unit, or unit only</translation>
    </message>
    <message>
        <source>separate install certificate (optional)</source>
        <translation>separate install certificate (optional)</translation>
    </message>
    <message>
        <source>&amp;Install</source>
        <translation>&amp;Install</translation>
    </message>
    <message>
        <source>delete certificate (.cddel)</source>
        <translation>delete certificate (.cddel)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>block %v of %m</source>
        <translation>block %v of %m</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Package:</source>
        <translation>Package:</translation>
    </message>
    <message>
        <source>Install packages (*.cdapp);;All files (*)</source>
        <translation>Install packages (*.cdapp);;All files (*)</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>Certificate:</translation>
    </message>
    <message>
        <source>Certificates (*.cdcert *.cdapp);;All files (*)</source>
        <translation>Certificates (*.cdcert *.cdapp);;All files (*)</translation>
    </message>
    <message>
        <source>Delete certificate:</source>
        <translation>Delete certificate:</translation>
    </message>
    <message>
        <source>Delete certificates (*.cddel);;All files (*)</source>
        <translation>Delete certificates (*.cddel);;All files (*)</translation>
    </message>
    <message>
        <source>Progress:</source>
        <translation>Progress:</translation>
    </message>
    <message>
        <source>Reading the application registry…</source>
        <translation>Reading the application registry…</translation>
    </message>
    <message>
        <source>Installing…</source>
        <translation>Installing…</translation>
    </message>
    <message>
        <source>Installed in registry record %1 (%2 blocks).</source>
        <translation>Installed in registry record %1 (%2 blocks).</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>Deleting…</translation>
    </message>
    <message>
        <source>Application deleted.</source>
        <translation>Application deleted.</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Choose a file</translation>
    </message>
    <message>
        <source>Insert an issued card to see its applications.</source>
        <translation>Insert an issued card to see its applications.</translation>
    </message>
    <message numerus="yes">
        <source>Card %1: %n application(s); %2 of %3 bytes of NVM free.</source>
        <translation>
            <numerusform>Card %1: %n application; %2 of %3 bytes of NVM free.</numerusform>
            <numerusform>Card %1: %n applications; %2 of %3 bytes of NVM free.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>carddesk::AppService</name>
    <message>
        <source>the certificate or install unit is malformed</source>
        <translation>the certificate or install unit is malformed</translation>
    </message>
    <message>
        <source>blocks out of sequence</source>
        <translation>blocks out of sequence</translation>
    </message>
    <message>
        <source>the install data is too long</source>
        <translation>the install data is too long</translation>
    </message>
    <message>
        <source>the certificate&apos;s signature is not the certification authority&apos;s</source>
        <translation>the certificate&apos;s signature is not the certification authority&apos;s</translation>
    </message>
    <message>
        <source>the install unit and the certificate are for different applications</source>
        <translation>the install unit and the certificate are for different applications</translation>
    </message>
    <message>
        <source>the certificate is for another card</source>
        <translation>the certificate is for another card</translation>
    </message>
    <message>
        <source>the card&apos;s issuer is not in the certificate&apos;s issuer group</source>
        <translation>the card&apos;s issuer is not in the certificate&apos;s issuer group</translation>
    </message>
    <message>
        <source>the card&apos;s product is not in the certificate&apos;s product group</source>
        <translation>the card&apos;s product is not in the certificate&apos;s product group</translation>
    </message>
    <message>
        <source>signature algorithm not supported or not the same in unit and certificate</source>
        <translation>signature algorithm not supported or not the same in unit and certificate</translation>
    </message>
    <message>
        <source>hash algorithm not supported or not the same in unit and certificate</source>
        <translation>hash algorithm not supported or not the same in unit and certificate</translation>
    </message>
    <message>
        <source>process-key cipher not supported</source>
        <translation>process-key cipher not supported</translation>
    </message>
    <message>
        <source>the application is already installed</source>
        <translation>the application is already installed</translation>
    </message>
    <message>
        <source>not enough card memory (NVM) for the application</source>
        <translation>not enough card memory (NVM) for the application</translation>
    </message>
    <message>
        <source>the application needs more RAM than the card gives</source>
        <translation>the application needs more RAM than the card gives</translation>
    </message>
    <message>
        <source>the application registry is full</source>
        <translation>the application registry is full</translation>
    </message>
    <message>
        <source>the key transport units or the encrypted data cannot be decrypted by this card</source>
        <translation>the key transport units or the encrypted data cannot be decrypted by this card</translation>
    </message>
    <message>
        <source>a public key in the certificate is unusable</source>
        <translation>a public key in the certificate is unusable</translation>
    </message>
    <message>
        <source>the application code does not match the provider&apos;s signature</source>
        <translation>the application code does not match the provider&apos;s signature</translation>
    </message>
    <message>
        <source>the configuration does not match the issuer&apos;s signature</source>
        <translation>the configuration does not match the issuer&apos;s signature</translation>
    </message>
    <message>
        <source>the card has no key pair</source>
        <translation>the card has no key pair</translation>
    </message>
    <message>
        <source>the card has no certification authority key</source>
        <translation>the card has no certification authority key</translation>
    </message>
    <message>
        <source>the application is not installed</source>
        <translation>the application is not installed</translation>
    </message>
    <message>
        <source>the delete certificate is for an earlier installation of the application</source>
        <translation>the delete certificate is for an earlier installation of the application</translation>
    </message>
    <message>
        <source>the application failed</source>
        <translation>the application failed</translation>
    </message>
    <message>
        <source>the application ran too long</source>
        <translation>the application ran too long</translation>
    </message>
    <message>
        <source>the application used too much memory</source>
        <translation>the application used too much memory</translation>
    </message>
    <message>
        <source>the application accessed memory outside its own file</source>
        <translation>the application accessed memory outside its own file</translation>
    </message>
    <message>
        <source>status word %1</source>
        <translation>status word %1</translation>
    </message>
    <message>
        <source>reading the applications in &quot;%1&quot; failed: %2</source>
        <translation>reading the applications in &quot;%1&quot; failed: %2</translation>
    </message>
    <message>
        <source>the card refused the installation: %1</source>
        <translation>the card refused the installation: %1</translation>
    </message>
    <message>
        <source>the card refused the deletion: %1</source>
        <translation>the card refused the deletion: %1</translation>
    </message>
    <message>
        <source>talking to the card in &quot;%1&quot; failed: %2</source>
        <translation>talking to the card in &quot;%1&quot; failed: %2</translation>
    </message>
    <message>
        <source>the random seed must be 16 bytes (32 hex digits)</source>
        <translation>the random seed must be 16 bytes (32 hex digits)</translation>
    </message>
    <message>
        <source>card number (10 bytes), issuer serial and product serial (8 bytes) are needed</source>
        <translation>card number (10 bytes), issuer serial and product serial (8 bytes) are needed</translation>
    </message>
    <message>
        <source>the AID must be 5 to 16 bytes</source>
        <translation>the AID must be 5 to 16 bytes</translation>
    </message>
    <message>
        <source>the card already had a newer version of the application</source>
        <translation>the card already had a newer version of the application</translation>
    </message>
    <message>
        <source>the card did it, but it could not be recorded: %1</source>
        <translation>the card did it, but it could not be recorded: %1</translation>
    </message>
</context>
<context>
    <name>carddesk::AuditView</name>
    <message>
        <source>operator</source>
        <translation>operator</translation>
    </message>
    <message>
        <source>action</source>
        <translation>action</translation>
    </message>
    <message>
        <source>card number</source>
        <translation>card number</translation>
    </message>
    <message>
        <source>&amp;Operator:</source>
        <translation>&amp;Operator:</translation>
    </message>
    <message>
        <source>A&amp;ction:</source>
        <translation>A&amp;ction:</translation>
    </message>
    <message>
        <source>Ca&amp;rd:</source>
        <translation>Ca&amp;rd:</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>Operators</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Re&amp;load</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>&amp;Verify chain</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Export &amp;CSV…</translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation>Export &amp;JSON…</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n row(s)</source>
        <translation>
            <numerusform>%1 of %n row</numerusform>
            <numerusform>%1 of %n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Chain intact, %n row(s).</source>
        <translation>
            <numerusform>Chain intact, %n row.</numerusform>
            <numerusform>Chain intact, %n rows.</numerusform>
        </translation>
    </message>
    <message>
        <source>Chain broken at row %1: %2</source>
        <translation>Chain broken at row %1: %2</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 could not be written: %2</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>Export the audit trail</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exported to %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>log in</source>
        <translation>log in</translation>
    </message>
    <message>
        <source>log out</source>
        <translation>log out</translation>
    </message>
    <message>
        <source>record batch</source>
        <translation>record batch</translation>
    </message>
    <message>
        <source>start batch</source>
        <translation>start batch</translation>
    </message>
    <message>
        <source>resume batch</source>
        <translation>resume batch</translation>
    </message>
    <message>
        <source>retry failed rows</source>
        <translation>retry failed rows</translation>
    </message>
    <message>
        <source>batch paused</source>
        <translation>batch paused</translation>
    </message>
    <message>
        <source>batch finished</source>
        <translation>batch finished</translation>
    </message>
    <message>
        <source>batch cancelled</source>
        <translation>batch cancelled</translation>
    </message>
    <message>
        <source>record interrupted issuance</source>
        <translation>record interrupted issuance</translation>
    </message>
</context>
<context>
    <name>carddesk::BatchJournalModel</name>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Holder</translation>
    </message>
    <message>
        <source>User number</source>
        <translation>User number</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>Card number</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Reader</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>carddesk::BatchService</name>
    <message>
        <source>the reader is gone: waiting for it to come back</source>
        <translation>the reader is gone: waiting for it to come back</translation>
    </message>
    <message>
        <source>waiting for a card</source>
        <translation>waiting for a card</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <source>reading the card</source>
        <translation>reading the card</translation>
    </message>
    <message>
        <source>the card could not be read (%1): waiting</source>
        <translation>the card could not be read (%1): waiting</translation>
    </message>
    <message>
        <source>no holder left for this card; it stays in the reader</source>
        <translation>no holder left for this card; it stays in the reader</translation>
    </message>
    <message>
        <source>its PIN mailer is missing</source>
        <translation>its PIN mailer is missing</translation>
    </message>
    <message>
        <source>card %1: its PIN mailer is missing; the card is void</source>
        <translation>card %1: its PIN mailer is missing; the card is void</translation>
    </message>
    <message>
        <source>card %1 in reader &quot;%2&quot; is not one of this batch&apos;s</source>
        <translation>card %1 in reader &quot;%2&quot; is not one of this batch&apos;s</translation>
    </message>
    <message>
        <source>the card in reader &quot;%1&quot; is not blank (%2)</source>
        <translation>the card in reader &quot;%1&quot; is not blank (%2)</translation>
    </message>
    <message>
        <source>unknown life cycle</source>
        <translation>unknown life cycle</translation>
    </message>
    <message>
        <source>the database failed: %1</source>
        <translation>the database failed: %1</translation>
    </message>
    <message>
        <source>issuing row %1 (%2)</source>
        <translation>issuing row %1 (%2)</translation>
    </message>
    <message>
        <source>reader &quot;%1&quot;: %2</source>
        <translation>reader &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>the card went away: waiting for it</source>
        <translation>the card went away: waiting for it</translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation>row %1: %2</translation>
    </message>
    <message>
        <source>reader &quot;%1&quot;: to the reject bin: %2</source>
        <translation>reader &quot;%1&quot;: to the reject bin: %2</translation>
    </message>
    <message>
        <source>to the reject bin</source>
        <translation>to the reject bin</translation>
    </message>
    <message>
        <source>to the output stack</source>
        <translation>to the output stack</translation>
    </message>
    <message>
        <source>the hopper feeds the next card</source>
        <translation>the hopper feeds the next card</translation>
    </message>
    <message>
        <source>take the card out: it goes to the reject tray</source>
        <translation>take the card out: it goes to the reject tray</translation>
    </message>
    <message>
        <source>take the card out and put the next blank card in</source>
        <translation>take the card out and put the next blank card in</translation>
    </message>
    <message>
        <source>cannot create the PIN mailer folder %1</source>
        <translation>cannot create the PIN mailer folder %1</translation>
    </message>
    <message>
        <source>the PIN mailer cannot be written: %1</source>
        <translation>the PIN mailer cannot be written: %1</translation>
    </message>
    <message>
        <source>a generated PIN has 4 to 12 digits, not %1</source>
        <translation>a generated PIN has 4 to 12 digits, not %1</translation>
    </message>
    <message>
        <source>generated PINs need a folder for the PIN mailers</source>
        <translation>generated PINs need a folder for the PIN mailers</translation>
    </message>
    <message>
        <source>card number %1 is already taken</source>
        <translation>card number %1 is already taken</translation>
    </message>
    <message>
        <source>batch %1 is running in this window</source>
        <translation>batch %1 is running in this window</translation>
    </message>
    <message>
        <source>choose at least one reader</source>
        <translation>choose at least one reader</translation>
    </message>
    <message>
        <source>there is no batch %1</source>
        <translation>there is no batch %1</translation>
    </message>
    <message>
        <source>batch %1 is %2: nothing to resume</source>
        <translation>batch %1 is %2: nothing to resume</translation>
    </message>
    <message>
        <source>the batch&apos;s template cannot be read: %1</source>
        <translation>the batch&apos;s template cannot be read: %1</translation>
    </message>
    <message>
        <source>batch %1 takes its PINs from its holder file %2: give the file</source>
        <translation>batch %1 takes its PINs from its holder file %2: give the file</translation>
    </message>
    <message>
        <source>%1 is not the file batch %2 was made from (its SHA-256 differs)</source>
        <translation>%1 is not the file batch %2 was made from (its SHA-256 differs)</translation>
    </message>
    <message>
        <source>batch %1 is running at desk %2 (its last sign of life: %3)</source>
        <translation>batch %1 is running at desk %2 (its last sign of life: %3)</translation>
    </message>
    <message>
        <source>cancelled: %1 of %2 cards issued</source>
        <translation>cancelled: %1 of %2 cards issued</translation>
    </message>
    <message>
        <source>paused: %1 of %2 cards issued, %3 to go</source>
        <translation>paused: %1 of %2 cards issued, %3 to go</translation>
    </message>
    <message>
        <source>%1 cards went away during their issuance: put them back in a reader and resume the batch</source>
        <translation>%1 cards went away during their issuance: put them back in a reader and resume the batch</translation>
    </message>
    <message>
        <source>finished: %1 cards issued</source>
        <translation>finished: %1 cards issued</translation>
    </message>
    <message>
        <source>finished: %1 cards issued, %2 rows failed (retry them)</source>
        <translation>finished: %1 cards issued, %2 rows failed (retry them)</translation>
    </message>
    <message>
        <source>no card came for %1 s in %2: paused (refill the hoppers and resume)</source>
        <translation>no card came for %1 s in %2: paused (refill the hoppers and resume)</translation>
    </message>
    <message>
        <source>%1: the batch waits until it is back</source>
        <translation>%1: the batch waits until it is back</translation>
    </message>
    <message>
        <source>the PC/SC service is back: the batch goes on</source>
        <translation>the PC/SC service is back: the batch goes on</translation>
    </message>
</context>
<context>
    <name>carddesk::BatchView</name>
    <message>
        <source>New batch</source>
        <translation>New batch</translation>
    </message>
    <message>
        <source>CSV or JSON file of holders</source>
        <translation>CSV or JSON file of holders</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Holder file:</source>
        <translation>Holder file:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Card template:</source>
        <translation>Card template:</translation>
    </message>
    <message>
        <source>the file&apos;s name</source>
        <translation>the file&apos;s name</translation>
    </message>
    <message>
        <source>Batch name:</source>
        <translation>Batch name:</translation>
    </message>
    <message>
        <source>Generate PINs (PIN mailers)</source>
        <translation>Generate PINs (PIN mailers)</translation>
    </message>
    <message>
        <source> digits</source>
        <translation> digits</translation>
    </message>
    <message>
        <source>PINs:</source>
        <translation>PINs:</translation>
    </message>
    <message>
        <source>folder for the PIN mailers</source>
        <translation>folder for the PIN mailers</translation>
    </message>
    <message>
        <source>PIN mailers:</source>
        <translation>PIN mailers:</translation>
    </message>
    <message>
        <source>Check file</source>
        <translation>Check file</translation>
    </message>
    <message>
        <source>Record batch</source>
        <translation>Record batch</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Holder file</source>
        <translation>Holder file</translation>
    </message>
    <message>
        <source>Holder files (*.csv *.json);;All files (*)</source>
        <translation>Holder files (*.csv *.json);;All files (*)</translation>
    </message>
    <message>
        <source>Folder for the PIN mailers</source>
        <translation>Folder for the PIN mailers</translation>
    </message>
    <message>
        <source>none: choose one</source>
        <translation>none: choose one</translation>
    </message>
    <message>
        <source>Choose a card template first.</source>
        <translation>Choose a card template first.</translation>
    </message>
    <message numerus="yes">
        <source>%n holder(s), no problem: the batch can be recorded.</source>
        <translation>
            <numerusform>%n holder, no problem: the batch can be recorded.</numerusform>
            <numerusform>%n holders, no problem: the batch can be recorded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s): nothing can be recorded from this file until they are corrected.</source>
        <translation>
            <numerusform>%n problem: nothing can be recorded from this file until they are corrected.</numerusform>
            <numerusform>%n problems: nothing can be recorded from this file until they are corrected.</numerusform>
        </translation>
    </message>
    <message>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <source>Check the file first.</source>
        <translation>Check the file first.</translation>
    </message>
    <message>
        <source>Choose the folder for the PIN mailers.</source>
        <translation>Choose the folder for the PIN mailers.</translation>
    </message>
    <message numerus="yes">
        <source>The file has %n problem(s); nothing was recorded.</source>
        <translation>
            <numerusform>The file has %n problem; nothing was recorded.</numerusform>
            <numerusform>The file has %n problems; nothing was recorded.</numerusform>
        </translation>
    </message>
    <message>
        <source>Batch %1 recorded: tick the readers and start it.</source>
        <translation>Batch %1 recorded: tick the readers and start it.</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>Batches</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Template</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>Start / resume</source>
        <translation>Start / resume</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Cancel batch…</source>
        <translation>Cancel batch…</translation>
    </message>
    <message>
        <source>Retry failed rows</source>
        <translation>Retry failed rows</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>%v of %m done</source>
        <translation>%v of %m done</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Reader</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>Card number</translation>
    </message>
    <message>
        <source>Cards issued</source>
        <translation>Cards issued</translation>
    </message>
    <message>
        <source>Last card</source>
        <translation>Last card</translation>
    </message>
    <message>
        <source>Readers:</source>
        <translation>Readers:</translation>
    </message>
    <message>
        <source>Failed rows only</source>
        <translation>Failed rows only</translation>
    </message>
    <message>
        <source>%1 (desk %2)</source>
        <translation>%1 (desk %2)</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>about %1 left</translation>
    </message>
    <message>
        <source>estimating…</source>
        <translation>estimating…</translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n failed</source>
        <translation>
            <numerusform>%1 · %n failed</numerusform>
            <numerusform>%1 · %n failed</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a batch first.</source>
        <translation>Select a batch first.</translation>
    </message>
    <message>
        <source>Tick the readers the batch runs on.</source>
        <translation>Tick the readers the batch runs on.</translation>
    </message>
    <message>
        <source>There is no batch %1.</source>
        <translation>There is no batch %1.</translation>
    </message>
    <message>
        <source>The holder file of batch %1 (its PINs)</source>
        <translation>The holder file of batch %1 (its PINs)</translation>
    </message>
    <message>
        <source>Batch %1 takes its PINs from its holder file: choose the file to start it.</source>
        <translation>Batch %1 takes its PINs from its holder file: choose the file to start it.</translation>
    </message>
    <message>
        <source>The issuer keys are needed: open the key store first.</source>
        <translation>The issuer keys are needed: open the key store first.</translation>
    </message>
    <message numerus="yes">
        <source>Batch %1 is running on %n reader(s).</source>
        <translation>
            <numerusform>Batch %1 is running on %n reader.</numerusform>
            <numerusform>Batch %1 is running on %n readers.</numerusform>
        </translation>
    </message>
    <message>
        <source>Pausing: each reader finishes the card it has.</source>
        <translation>Pausing: each reader finishes the card it has.</translation>
    </message>
    <message>
        <source>Cancel batch</source>
        <translation>Cancel batch</translation>
    </message>
    <message>
        <source>Cancel batch %1? Its pending rows will not be issued; cards already issued stay issued.</source>
        <translation>Cancel batch %1? Its pending rows will not be issued; cards already issued stay issued.</translation>
    </message>
    <message>
        <source>Cancelling: each reader finishes the card it has.</source>
        <translation>Cancelling: each reader finishes the card it has.</translation>
    </message>
    <message>
        <source>Batch %1 is running at another desk: cancel it there.</source>
        <translation>Batch %1 is running at another desk: cancel it there.</translation>
    </message>
    <message>
        <source>Batch %1 cancelled.</source>
        <translation>Batch %1 cancelled.</translation>
    </message>
    <message numerus="yes">
        <source>%n failed row(s) of batch %1 pending again: start it to issue them.</source>
        <translation>
            <numerusform>%n failed row of batch %1 pending again: start it to issue them.</numerusform>
            <numerusform>%n failed rows of batch %1 pending again: start it to issue them.</numerusform>
        </translation>
    </message>
    <message>
        <source>Batch %1 stopped.</source>
        <translation>Batch %1 stopped.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>Export the batch report as PDF</source>
        <translation>Export the batch report as PDF</translation>
    </message>
    <message>
        <source>Export the batch report as CSV</source>
        <translation>Export the batch report as CSV</translation>
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
        <translation>Report of batch %1 written to %2.</translation>
    </message>
</context>
<context>
    <name>carddesk::CaKeyService</name>
    <message>
        <source>--key needs a service key name CA_SERVICE_1 to CA_SERVICE_8, got &quot;%1&quot;</source>
        <translation>--key needs a service key name CA_SERVICE_1 to CA_SERVICE_8, got &quot;%1&quot;</translation>
    </message>
    <message>
        <source>no key store is open: the service key cannot be loaded</source>
        <translation>no key store is open: the service key cannot be loaded</translation>
    </message>
    <message>
        <source>the key was loaded but could not be recorded: %1</source>
        <translation>the key was loaded but could not be recorded: %1</translation>
    </message>
</context>
<context>
    <name>carddesk::CardPanel</name>
    <message>
        <source>Issuance</source>
        <translation>Issuance</translation>
    </message>
    <message>
        <source>Card diagnostics</source>
        <translation>Card diagnostics</translation>
    </message>
    <message>
        <source>Reading the card in %1…</source>
        <translation>Reading the card in %1…</translation>
    </message>
    <message>
        <source>The card cannot be read</source>
        <translation>The card cannot be read</translation>
    </message>
    <message>
        <source>Start the PC/SC service (pcscd); the readers appear here as soon as it runs.</source>
        <translation>Start the PC/SC service (pcscd); the readers appear here as soon as it runs.</translation>
    </message>
    <message>
        <source>No reader selected</source>
        <translation>No reader selected</translation>
    </message>
    <message>
        <source>Connect a card reader, or choose one in the list on the left.</source>
        <translation>Connect a card reader, or choose one in the list on the left.</translation>
    </message>
    <message>
        <source>Insert a card</source>
        <translation>Insert a card</translation>
    </message>
    <message>
        <source>The card in %1 does not answer. Take it out and insert it again.</source>
        <translation>The card in %1 does not answer. Take it out and insert it again.</translation>
    </message>
    <message>
        <source>Another program is using the card in %1.</source>
        <translation>Another program is using the card in %1.</translation>
    </message>
    <message>
        <source>Insert a blank card to issue it, or any card to see its diagnostics, in %1.</source>
        <translation>Insert a blank card to issue it, or any card to see its diagnostics, in %1.</translation>
    </message>
    <message>
        <source>not a CardDesk card</source>
        <translation>not a CardDesk card</translation>
    </message>
    <message>
        <source>card %1</source>
        <translation>card %1</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Try again</translation>
    </message>
    <message>
        <source>Last card: issued, card number %1.</source>
        <translation>Last card: issued, card number %1.</translation>
    </message>
    <message>
        <source>Last card: not issued. %1</source>
        <translation>Last card: not issued. %1</translation>
    </message>
    <message>
        <source>E-purse</source>
        <translation>E-purse</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>Applications</translation>
    </message>
</context>
<context>
    <name>carddesk::ConsoleSession</name>
    <message>
        <source>the trace&apos;s secrets could not be revealed: see the audit trail</source>
        <translation>the trace&apos;s secrets could not be revealed: see the audit trail</translation>
    </message>
</context>
<context>
    <name>carddesk::Database</name>
    <message>
        <source>%1 is not a file</source>
        <translation>%1 is not a file</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>cannot read %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a CardDesk database (not an SQLite file); it was left untouched</source>
        <translation>%1 is not a CardDesk database (not an SQLite file); it was left untouched</translation>
    </message>
    <message>
        <source>the PostgreSQL driver (QPSQL) is not installed</source>
        <translation>the PostgreSQL driver (QPSQL) is not installed</translation>
    </message>
    <message>
        <source>the SQLite driver (QSQLITE) is not installed</source>
        <translation>the SQLite driver (QSQLITE) is not installed</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>cannot create the folder %1</translation>
    </message>
    <message>
        <source>cannot open the database %1: %2</source>
        <translation>cannot open the database %1: %2</translation>
    </message>
    <message>
        <source>%1 holds another program&apos;s tables (no schema_version); it was left untouched</source>
        <translation>%1 holds another program&apos;s tables (no schema_version); it was left untouched</translation>
    </message>
    <message>
        <source>%1 has schema version %2, newer than this CardDesk knows (%3); it was left untouched</source>
        <translation>%1 has schema version %2, newer than this CardDesk knows (%3); it was left untouched</translation>
    </message>
    <message>
        <source>cannot start a transaction: %1</source>
        <translation>cannot start a transaction: %1</translation>
    </message>
    <message>
        <source>migration %1 failed: %2</source>
        <translation>migration %1 failed: %2</translation>
    </message>
    <message>
        <source>card number prefix &quot;%1&quot; must have 2 to 19 hex digits</source>
        <translation>card number prefix &quot;%1&quot; must have 2 to 19 hex digits</translation>
    </message>
    <message>
        <source>cannot allocate a card number: %1</source>
        <translation>cannot allocate a card number: %1</translation>
    </message>
    <message>
        <source>the numbers of prefix %1 are exhausted</source>
        <translation>the numbers of prefix %1 are exhausted</translation>
    </message>
    <message>
        <source>cannot record card %1: %2</source>
        <translation>cannot record card %1: %2</translation>
    </message>
    <message>
        <source>cannot write the issuance journal: %1</source>
        <translation>cannot write the issuance journal: %1</translation>
    </message>
    <message>
        <source>cannot write the audit log: %1</source>
        <translation>cannot write the audit log: %1</translation>
    </message>
    <message>
        <source>%1 is a damaged database (%2); it was left untouched</source>
        <translation>%1 is a damaged database (%2); it was left untouched</translation>
    </message>
    <message>
        <source>cannot record the public key of card %1: %2</source>
        <translation>cannot record the public key of card %1: %2</translation>
    </message>
    <message>
        <source>cannot update card %1: %2</source>
        <translation>cannot update card %1: %2</translation>
    </message>
    <message>
        <source>cannot update the cards of chip %1: %2</source>
        <translation>cannot update the cards of chip %1: %2</translation>
    </message>
    <message>
        <source>%1 is empty (0 bytes), not a CardDesk database; to start a new database there, ask for it (--create)</source>
        <translation>%1 is empty (0 bytes), not a CardDesk database; to start a new database there, ask for it (--create)</translation>
    </message>
    <message>
        <source>the database %1 does not exist; to start a new one there, ask for it (--create)</source>
        <translation>the database %1 does not exist; to start a new one there, ask for it (--create)</translation>
    </message>
    <message>
        <source>cannot write the audit log: the database is not open</source>
        <translation>cannot write the audit log: the database is not open</translation>
    </message>
    <message>
        <source>the audit trail&apos;s head row is missing</source>
        <translation>the audit trail&apos;s head row is missing</translation>
    </message>
    <message>
        <source>cannot read the audit log: %1</source>
        <translation>cannot read the audit log: %1</translation>
    </message>
    <message>
        <source>rows %1 to %2 are missing (the next row is %3)</source>
        <translation>rows %1 to %2 are missing (the next row is %3)</translation>
    </message>
    <message>
        <source>row %1 is missing (the next row is %2)</source>
        <translation>row %1 is missing (the next row is %2)</translation>
    </message>
    <message>
        <source>row %1 is out of place (expected row %2)</source>
        <translation>row %1 is out of place (expected row %2)</translation>
    </message>
    <message>
        <source>row %1 was changed or inserted (its hash does not match)</source>
        <translation>row %1 was changed or inserted (its hash does not match)</translation>
    </message>
    <message>
        <source>rows %1 to %2 are missing from the end (the trail&apos;s head is row %2)</source>
        <translation>rows %1 to %2 are missing from the end (the trail&apos;s head is row %2)</translation>
    </message>
    <message>
        <source>row %1 was added after the trail&apos;s head (row %2)</source>
        <translation>row %1 was added after the trail&apos;s head (row %2)</translation>
    </message>
    <message>
        <source>row %1 does not match the trail&apos;s head</source>
        <translation>row %1 does not match the trail&apos;s head</translation>
    </message>
    <message>
        <source>cannot change the setting %1: %2</source>
        <translation>cannot change the setting %1: %2</translation>
    </message>
    <message>
        <source>cannot record batch %1: %2</source>
        <translation>cannot record batch %1: %2</translation>
    </message>
    <message>
        <source>cannot update batch %1: %2</source>
        <translation>cannot update batch %1: %2</translation>
    </message>
    <message>
        <source>cannot read the issuance journal: %1</source>
        <translation>cannot read the issuance journal: %1</translation>
    </message>
    <message>
        <source>batch %1: another process takes its rows at the same time</source>
        <translation>batch %1: another process takes its rows at the same time</translation>
    </message>
    <message>
        <source>the card registry</source>
        <translation>the card registry</translation>
    </message>
    <message>
        <source>the batches</source>
        <translation>the batches</translation>
    </message>
    <message>
        <source>the issuance journal</source>
        <translation>the issuance journal</translation>
    </message>
    <message>
        <source>the disk of the database is full: nothing of this was recorded; free some space and try again (%1)</source>
        <translation>the disk of the database is full: nothing of this was recorded; free some space and try again (%1)</translation>
    </message>
    <message>
        <source>the database file is read-only: nothing of this was recorded; make it writable and try again (%1)</source>
        <translation>the database file is read-only: nothing of this was recorded; make it writable and try again (%1)</translation>
    </message>
</context>
<context>
    <name>carddesk::DiagnosticsView</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>Read the card again (F5)</source>
        <translation>Read the card again (F5)</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>ATR:</source>
        <translation>ATR:</translation>
    </message>
    <message>
        <source>Decoded:</source>
        <translation>Decoded:</translation>
    </message>
    <message>
        <source>Card number:</source>
        <translation>Card number:</translation>
    </message>
    <message>
        <source>Issuer serial:</source>
        <translation>Issuer serial:</translation>
    </message>
    <message>
        <source>Product serial:</source>
        <translation>Product serial:</translation>
    </message>
    <message>
        <source>Chip serial:</source>
        <translation>Chip serial:</translation>
    </message>
    <message>
        <source>Operating system:</source>
        <translation>Operating system:</translation>
    </message>
    <message>
        <source>Life cycle</source>
        <translation>Life cycle</translation>
    </message>
    <message>
        <source>Memory (NVM)</source>
        <translation>Memory (NVM)</translation>
    </message>
    <message>
        <source>Memory used</source>
        <translation>Memory used</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>PIN tries left</source>
        <translation>PIN tries left</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Permissions</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Visible</source>
        <translation>Visible</translation>
    </message>
    <message>
        <source>Permission needed</source>
        <translation>Permission needed</translation>
    </message>
    <message>
        <source>Key ID</source>
        <translation>Key ID</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Usage</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Errors left</source>
        <translation>Errors left</translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation>&amp;Users</translation>
    </message>
    <message>
        <source>&amp;Menu</source>
        <translation>&amp;Menu</translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation>&amp;Keys</translation>
    </message>
    <message>
        <source>Reading the card…</source>
        <translation>Reading the card…</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>Read from %1 at %2</source>
        <translation>Read from %1 at %2</translation>
    </message>
    <message>
        <source>not yet written (blank card)</source>
        <translation>not yet written (blank card)</translation>
    </message>
    <message>
        <source>%1 used of %2 (%p%)</source>
        <translation>%1 used of %2 (%p%)</translation>
    </message>
    <message numerus="yes">
        <source>%1 free · page size %2 bytes · %Ln page write(s) since the image was made</source>
        <translation>
            <numerusform>%1 free · page size %2 bytes · %Ln page write since the image was made</numerusform>
            <numerusform>%1 free · page size %2 bytes · %Ln page writes since the image was made</numerusform>
        </translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>Not available: %1</translation>
    </message>
    <message>
        <source>blocked (0 of %1)</source>
        <translation>blocked (0 of %1)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>hidden</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>shown</translation>
    </message>
    <message>
        <source>3DES, two keys</source>
        <translation>3DES, two keys</translation>
    </message>
    <message>
        <source>type %1</source>
        <translation>type %1</translation>
    </message>
    <message>
        <source>locked (0 of %1)</source>
        <translation>locked (0 of %1)</translation>
    </message>
    <message>
        <source>protocol %1 · historical bytes %2</source>
        <translation>protocol %1 · historical bytes %2</translation>
    </message>
    <message>
        <source>(&quot;CDOS&quot; version %1.%2)</source>
        <translation>(&quot;CDOS&quot; version %1.%2)</translation>
    </message>
    <message>
        <source>The ATR dates from the last reset; the card now reports %1.</source>
        <translation>The ATR dates from the last reset; the card now reports %1.</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Right</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>Valid to</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>&amp;Conditional access</source>
        <translation>&amp;Conditional access</translation>
    </message>
    <message>
        <source>This card has no conditional-access application.</source>
        <translation>This card has no conditional-access application.</translation>
    </message>
    <message>
        <source>CA_SERVICE_%1 version %2 (key %3, %4 of %5 errors left)</source>
        <translation>CA_SERVICE_%1 version %2 (key %3, %4 of %5 errors left)</translation>
    </message>
    <message>
        <source>CA_SERVICE_%1 version %2 (key %3)</source>
        <translation>CA_SERVICE_%1 version %2 (key %3)</translation>
    </message>
    <message>
        <source>Service keys: %1</source>
        <translation>Service keys: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>expired</translation>
    </message>
    <message>
        <source>not yet valid</source>
        <translation>not yet valid</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>valid</translation>
    </message>
</context>
<context>
    <name>carddesk::HeadendHistoryClient</name>
    <message>
        <source>no headend certificate file is set (the headend writes tls-cert.pem in its data directory)</source>
        <translation>no headend certificate file is set (the headend writes tls-cert.pem in its data directory)</translation>
    </message>
    <message>
        <source>the headend certificate %1 cannot be read: %2</source>
        <translation>the headend certificate %1 cannot be read: %2</translation>
    </message>
    <message>
        <source>%1 is not a certificate file (too large)</source>
        <translation>%1 is not a certificate file (too large)</translation>
    </message>
    <message>
        <source>%1 does not hold exactly one PEM certificate</source>
        <translation>%1 does not hold exactly one PEM certificate</translation>
    </message>
    <message>
        <source>a card number has 20 hexadecimal digits</source>
        <translation>a card number has 20 hexadecimal digits</translation>
    </message>
    <message>
        <source>card %1</source>
        <translation>card %1</translation>
    </message>
    <message>
        <source>a subscriber number has 1 to 64 characters</source>
        <translation>a subscriber number has 1 to 64 characters</translation>
    </message>
    <message>
        <source>subscriber %1</source>
        <translation>subscriber %1</translation>
    </message>
    <message>
        <source>no headend URL is set (for example https://127.0.0.1:8443)</source>
        <translation>no headend URL is set (for example https://127.0.0.1:8443)</translation>
    </message>
    <message>
        <source>the headend URL must start with https://</source>
        <translation>the headend URL must start with https://</translation>
    </message>
    <message>
        <source>the server at %1 did not show the pinned headend certificate (%2): it is another server, or the headend&apos;s certificate changed — pin its current tls-cert.pem</source>
        <translation>the server at %1 did not show the pinned headend certificate (%2): it is another server, or the headend&apos;s certificate changed — pin its current tls-cert.pem</translation>
    </message>
    <message>
        <source>the headend has no transaction of %1: it is not enrolled there, or has never paid or topped up through it</source>
        <translation>the headend has no transaction of %1: it is not enrolled there, or has never paid or topped up through it</translation>
    </message>
    <message>
        <source>the headend does not know %1</source>
        <translation>the headend does not know %1</translation>
    </message>
    <message>
        <source>the headend refused the request for %1: HTTP %2 %3 (%4)</source>
        <translation>the headend refused the request for %1: HTTP %2 %3 (%4)</translation>
    </message>
    <message>
        <source>the headend at %1 cannot be reached: %2</source>
        <translation>the headend at %1 cannot be reached: %2</translation>
    </message>
    <message>
        <source>the headend&apos;s answer is not a JSON array</source>
        <translation>the headend&apos;s answer is not a JSON array</translation>
    </message>
    <message>
        <source>a credential for %1</source>
        <translation>a credential for %1</translation>
    </message>
    <message>
        <source>the operator credentials</source>
        <translation>the operator credentials</translation>
    </message>
    <message>
        <source>credential %1</source>
        <translation>credential %1</translation>
    </message>
    <message>
        <source>the audit trail</source>
        <translation>the audit trail</translation>
    </message>
    <message>
        <source>no operator credential: type it, or start with CARDDESK_HEADEND_TOKEN set</source>
        <translation>no operator credential: type it, or start with CARDDESK_HEADEND_TOKEN set</translation>
    </message>
    <message>
        <source>the headend&apos;s answer is not JSON</source>
        <translation>the headend&apos;s answer is not JSON</translation>
    </message>
    <message>
        <source>the headend does not know this operator credential: check it, or ask an administrator for one</source>
        <translation>the headend does not know this operator credential: check it, or ask an administrator for one</translation>
    </message>
    <message>
        <source>the headend has no %1</source>
        <translation>the headend has no %1</translation>
    </message>
    <message>
        <source>the headend refused the operator credential: it was revoked</source>
        <translation>the headend refused the operator credential: it was revoked</translation>
    </message>
    <message>
        <source>the operator credential has expired: ask an administrator for a new one</source>
        <translation>the operator credential has expired: ask an administrator for a new one</translation>
    </message>
    <message>
        <source>the headend asked for an operator credential</source>
        <translation>the headend asked for an operator credential</translation>
    </message>
    <message>
        <source>the headend refused the shared set-up token: it is wrong, or the headend has none</source>
        <translation>the headend refused the shared set-up token: it is wrong, or the headend has none</translation>
    </message>
    <message>
        <source>the shared set-up token only issues the first admin credential, and an admin credential exists: use an operator credential</source>
        <translation>the shared set-up token only issues the first admin credential, and an admin credential exists: use an operator credential</translation>
    </message>
    <message>
        <source>the operator credential does not hold the role %1 needed for %2</source>
        <translation>the operator credential does not hold the role %1 needed for %2</translation>
    </message>
    <message>
        <source> or </source>
        <translation> or </translation>
    </message>
</context>
<context>
    <name>carddesk::IssuanceService</name>
    <message>
        <source>write key %1 (%2)</source>
        <translation>write key %1 (%2)</translation>
    </message>
    <message>
        <source>write user %1</source>
        <translation>write user %1</translation>
    </message>
    <message>
        <source>write menu entry %1</source>
        <translation>write menu entry %1</translation>
    </message>
    <message>
        <source>%1: unknown permission &quot;%2&quot;</source>
        <translation>%1: unknown permission &quot;%2&quot;</translation>
    </message>
    <message>
        <source>template %1: %2</source>
        <translation>template %1: %2</translation>
    </message>
    <message>
        <source>holder file: %1</source>
        <translation>holder file: %1</translation>
    </message>
    <message>
        <source>card number &quot;%1&quot; must be 20 hex digits</source>
        <translation>card number &quot;%1&quot; must be 20 hex digits</translation>
    </message>
    <message>
        <source>holder file: user %1 (%2) of the template needs a PIN</source>
        <translation>holder file: user %1 (%2) of the template needs a PIN</translation>
    </message>
    <message>
        <source>holder file: %1: user %2 is not in the template; give its name and permissions</source>
        <translation>holder file: %1: user %2 is not in the template; give its name and permissions</translation>
    </message>
    <message>
        <source>holder file: %1.permissions</source>
        <translation>holder file: %1.permissions</translation>
    </message>
    <message>
        <source>an issuance is already running</source>
        <translation>an issuance is already running</translation>
    </message>
    <message>
        <source>the card database is not open</source>
        <translation>the card database is not open</translation>
    </message>
    <message>
        <source>the card in reader &quot;%1&quot; is not blank (%2): only blank cards can be issued</source>
        <translation>the card in reader &quot;%1&quot; is not blank (%2): only blank cards can be issued</translation>
    </message>
    <message>
        <source>card %1 was written but does not read back as intended: %2</source>
        <translation>card %1 was written but does not read back as intended: %2</translation>
    </message>
    <message>
        <source>card %1 was issued but could not be recorded: %2</source>
        <translation>card %1 was issued but could not be recorded: %2</translation>
    </message>
    <message>
        <source>select the master file</source>
        <translation>select the master file</translation>
    </message>
    <message>
        <source>take the card over from the batch key</source>
        <translation>take the card over from the batch key</translation>
    </message>
    <message>
        <source>create the files</source>
        <translation>create the files</translation>
    </message>
    <message>
        <source>write card numbers, holder and purse parameters</source>
        <translation>write card numbers, holder and purse parameters</translation>
    </message>
    <message>
        <source>end personalisation</source>
        <translation>end personalisation</translation>
    </message>
    <message>
        <source>cannot read the application CA key %1: %2</source>
        <translation>cannot read the application CA key %1: %2</translation>
    </message>
    <message>
        <source>the application CA key %1 is not usable: %2</source>
        <translation>the application CA key %1 is not usable: %2</translation>
    </message>
    <message>
        <source>create the conditional-access application</source>
        <translation>create the conditional-access application</translation>
    </message>
    <message>
        <source>write the service keys and entitlements</source>
        <translation>write the service keys and entitlements</translation>
    </message>
    <message>
        <source>the key store cannot supply the service key %1: %2</source>
        <translation>the key store cannot supply the service key %1: %2</translation>
    </message>
    <message>
        <source>reading the card in reader &quot;%1&quot; failed: %2</source>
        <translation>reading the card in reader &quot;%1&quot; failed: %2</translation>
    </message>
    <message>
        <source>unknown life cycle</source>
        <translation>unknown life cycle</translation>
    </message>
    <message>
        <source>card number %1 is already taken (issued, or written to a card whose issuance was interrupted): a number is never given twice</source>
        <translation>card number %1 is already taken (issued, or written to a card whose issuance was interrupted): a number is never given twice</translation>
    </message>
    <message>
        <source>issuing card %1 in reader &quot;%2&quot; failed: %3. The number stays reserved for this card: put it back and issue again — a card that came back blank gets a new number, one that completed is recorded.</source>
        <translation>issuing card %1 in reader &quot;%2&quot; failed: %3. The number stays reserved for this card: put it back and issue again — a card that came back blank gets a new number, one that completed is recorded.</translation>
    </message>
    <message>
        <source>the card has no application key pair (%1)</source>
        <translation>the card has no application key pair (%1)</translation>
    </message>
    <message>
        <source>recording the interrupted issuance of card %1 failed: %2</source>
        <translation>recording the interrupted issuance of card %1 failed: %2</translation>
    </message>
    <message>
        <source>card %1 could not be recorded: %2</source>
        <translation>card %1 could not be recorded: %2</translation>
    </message>
    <message>
        <source>application download keys</source>
        <translation>application download keys</translation>
    </message>
</context>
<context>
    <name>carddesk::IssuanceView</name>
    <message>
        <source>Card template</source>
        <translation>Card template</translation>
    </message>
    <message>
        <source>Template file (JSON)</source>
        <translation>Template file (JSON)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>&amp;Template:</translation>
    </message>
    <message>
        <source>Card holder</source>
        <translation>Card holder</translation>
    </message>
    <message>
        <source>e.g. U0001</source>
        <translation>e.g. U0001</translation>
    </message>
    <message>
        <source>bank or subscriber account</source>
        <translation>bank or subscriber account</translation>
    </message>
    <message>
        <source>e.g. 张伟</source>
        <translation>e.g. 张伟</translation>
    </message>
    <message>
        <source>20 hex digits</source>
        <translation>20 hex digits</translation>
    </message>
    <message>
        <source>A&amp;llocate the next free number</source>
        <translation>A&amp;llocate the next free number</translation>
    </message>
    <message>
        <source>&amp;User number:</source>
        <translation>&amp;User number:</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Account:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Card nu&amp;mber:</source>
        <translation>Card nu&amp;mber:</translation>
    </message>
    <message>
        <source>Issuer keys</source>
        <translation>Issuer keys</translation>
    </message>
    <message>
        <source>Open &amp;key store…</source>
        <translation>Open &amp;key store…</translation>
    </message>
    <message>
        <source>Users and PINs</source>
        <translation>Users and PINs</translation>
    </message>
    <message>
        <source>&amp;Issue card</source>
        <translation>&amp;Issue card</translation>
    </message>
    <message>
        <source>step %v of %m</source>
        <translation>step %v of %m</translation>
    </message>
    <message>
        <source>Choose a card template to issue cards.</source>
        <translation>Choose a card template to issue cards.</translation>
    </message>
    <message>
        <source>This template cannot be used:
%1</source>
        <translation>This template cannot be used:
%1</translation>
    </message>
    <message>
        <source>(locked)</source>
        <translation>(locked)</translation>
    </message>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n key</numerusform>
            <numerusform>%n keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n menu entry(s)</source>
        <translation>
            <numerusform>%n menu entry</numerusform>
            <numerusform>%n menu entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n user</numerusform>
            <numerusform>%n users</numerusform>
        </translation>
    </message>
    <message>
        <source>card numbers %1…</source>
        <translation>card numbers %1…</translation>
    </message>
    <message>
        <source>Choose a card template</source>
        <translation>Choose a card template</translation>
    </message>
    <message>
        <source>Card templates (*.json);;All files (*)</source>
        <translation>Card templates (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>Issuer keys are available.</source>
        <translation>Issuer keys are available.</translation>
    </message>
    <message>
        <source>Key store %1 is open.</source>
        <translation>Key store %1 is open.</translation>
    </message>
    <message>
        <source>Change &amp;key store…</source>
        <translation>Change &amp;key store…</translation>
    </message>
    <message>
        <source>No key store open yet; you are asked for it when you issue.</source>
        <translation>No key store open yet; you are asked for it when you issue.</translation>
    </message>
    <message>
        <source>Choose a usable card template first.</source>
        <translation>Choose a usable card template first.</translation>
    </message>
    <message>
        <source>Choose a reader and insert a blank card.</source>
        <translation>Choose a reader and insert a blank card.</translation>
    </message>
    <message>
        <source>Reading the card…</source>
        <translation>Reading the card…</translation>
    </message>
    <message>
        <source>The card in %1 is not a CardDesk card; it cannot be issued here.</source>
        <translation>The card in %1 is not a CardDesk card; it cannot be issued here.</translation>
    </message>
    <message>
        <source>The card in %1 is %2: only blank cards can be issued.</source>
        <translation>The card in %1 is %2: only blank cards can be issued.</translation>
    </message>
    <message>
        <source>Ready to issue the card in %1.</source>
        <translation>Ready to issue the card in %1.</translation>
    </message>
    <message>
        <source>The card was not issued. Please correct:
%1</source>
        <translation>The card was not issued. Please correct:
%1</translation>
    </message>
    <message>
        <source>The card was not issued: no key store is open.</source>
        <translation>The card was not issued: no key store is open.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Done.</translation>
    </message>
    <message numerus="yes">
        <source>Card issued. Card number %1 (chip serial %2, %n APDU(s)).</source>
        <translation>
            <numerusform>Card issued. Card number %1 (chip serial %2, %n APDU).</numerusform>
            <numerusform>Card issued. Card number %1 (chip serial %2, %n APDUs).</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed.</source>
        <translation>Failed.</translation>
    </message>
    <message>
        <source>The card was not issued: %1</source>
        <translation>The card was not issued: %1</translation>
    </message>
    <message>
        <source>Read-back differences:
%1</source>
        <translation>Read-back differences:
%1</translation>
    </message>
    <message>
        <source>Every user of the template needs a PIN. PINs travel to the card encrypted and are never stored, shown or logged.</source>
        <translation>Every user of the template needs a PIN. PINs travel to the card encrypted and are never stored, shown or logged.</translation>
    </message>
    <message>
        <source>Take the card out and insert the next blank card to issue another.</source>
        <translation>Take the card out and insert the next blank card to issue another.</translation>
    </message>
    <message>
        <source>Also written to the card</source>
        <translation>Also written to the card</translation>
    </message>
    <message>
        <source>%1 (hidden)</source>
        <translation>%1 (hidden)</translation>
    </message>
    <message>
        <source>Initial menu: %1</source>
        <translation>Initial menu: %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>E-purse: balance limit %1 yuan, overdraft limit %2 yuan</source>
        <translation>E-purse: balance limit %1 yuan, overdraft limit %2 yuan</translation>
    </message>
    <message>
        <source>Keys, diversified for this card from the key store: %1</source>
        <translation>Keys, diversified for this card from the key store: %1</translation>
    </message>
    <message>
        <source>Conditional access: service keys %1</source>
        <translation>Conditional access: service keys %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>package %1</source>
        <translation>package %1</translation>
    </message>
    <message>
        <source>%1 (package %2)</source>
        <translation>%1 (package %2)</translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation>channel %1</translation>
    </message>
    <message>
        <source>VOD programme %1</source>
        <translation>VOD programme %1</translation>
    </message>
    <message>
        <source>%1 %2 to %3</source>
        <translation>%1 %2 to %3</translation>
    </message>
    <message>
        <source>User %1 %2: %3</source>
        <translation>User %1 %2: %3</translation>
    </message>
    <message>
        <source>no rights</source>
        <translation>no rights</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>The interrupted issuance of card %1 (chip serial %2) had completed on the card: it is now recorded. Nothing was written to the card.</source>
        <translation>The interrupted issuance of card %1 (chip serial %2) had completed on the card: it is now recorded. Nothing was written to the card.</translation>
    </message>
    <message>
        <source>&amp;Generate PINs (PIN mailer)</source>
        <translation>&amp;Generate PINs (PIN mailer)</translation>
    </message>
    <message>
        <source>folder for the PIN mailer</source>
        <translation>folder for the PIN mailer</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Postal address, one line each (1 to 5 lines)</source>
        <translation>Postal address, one line each (1 to 5 lines)</translation>
    </message>
    <message>
        <source>Mailer folder:</source>
        <translation>Mailer folder:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>Folder for the PIN mailers</source>
        <translation>Folder for the PIN mailers</translation>
    </message>
    <message>
        <source>PIN mailer: %1</source>
        <translation>PIN mailer: %1</translation>
    </message>
    <message>
        <source>Generated PINs: choose the folder for the PIN mailer.</source>
        <translation>Generated PINs: choose the folder for the PIN mailer.</translation>
    </message>
    <message>
        <source>Generated PINs: the PIN mailer needs the holder&apos;s postal address (1 to 5 lines).</source>
        <translation>Generated PINs: the PIN mailer needs the holder&apos;s postal address (1 to 5 lines).</translation>
    </message>
    <message>
        <source>The PINs cannot be generated: %1</source>
        <translation>The PINs cannot be generated: %1</translation>
    </message>
</context>
<context>
    <name>carddesk::IssuedCardsModel</name>
    <message>
        <source>Card number</source>
        <translation>Card number</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Holder</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>User number</source>
        <translation>User number</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Template</translation>
    </message>
    <message>
        <source>Life cycle</source>
        <translation>Life cycle</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Chip serial</source>
        <translation>Chip serial</translation>
    </message>
    <message>
        <source>issuing (interrupted: put the card back and issue again)</source>
        <translation>issuing (interrupted: put the card back and issue again)</translation>
    </message>
    <message>
        <source>void (the card came back blank; number not reused)</source>
        <translation>void (the card came back blank; number not reused)</translation>
    </message>
</context>
<context>
    <name>carddesk::KeyRing</name>
    <message>
        <source>the key store %1 needs its passphrase (CARDDESK_KEYSTORE_PASSPHRASE, or type it)</source>
        <translation>the key store %1 needs its passphrase (CARDDESK_KEYSTORE_PASSPHRASE, or type it)</translation>
    </message>
    <message>
        <source>cannot open the key store %1: %2</source>
        <translation>cannot open the key store %1: %2</translation>
    </message>
    <message>
        <source>production mode takes the issuer&apos;s keys from a PKCS#11 token only; %1 is a key file</source>
        <translation>production mode takes the issuer&apos;s keys from a PKCS#11 token only; %1 is a key file</translation>
    </message>
    <message>
        <source>the token %1 needs its user PIN (CARDDESK_TOKEN_PIN, or type it)</source>
        <translation>the token %1 needs its user PIN (CARDDESK_TOKEN_PIN, or type it)</translation>
    </message>
    <message>
        <source>production mode refuses the published development keys: %1</source>
        <translation>production mode refuses the published development keys: %1</translation>
    </message>
    <message>
        <source>cannot open the token %1: %2</source>
        <translation>cannot open the token %1: %2</translation>
    </message>
</context>
<context>
    <name>carddesk::KeyStoreDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>Choose a key store</source>
        <translation>Choose a key store</translation>
    </message>
    <message>
        <source>CardDesk key stores (*.cdks);;All files (*)</source>
        <translation>CardDesk key stores (*.cdks);;All files (*)</translation>
    </message>
    <message>
        <source>Open issuer keys</source>
        <translation>Open issuer keys</translation>
    </message>
    <message>
        <source>Key store &amp;file or token:</source>
        <translation>Key store &amp;file or token:</translation>
    </message>
    <message>
        <source>&amp;Passphrase or PIN:</source>
        <translation>&amp;Passphrase or PIN:</translation>
    </message>
    <message>
        <source>A token is named by its PKCS#11 URI, e.g. pkcs11:token=CardDesk%20development, and opened with its user PIN. Test desks use the development token (PIN &quot;carddesk-dev-pin&quot;) or the development key store resources/keystores/development.cdks (passphrase &quot;carddesk-development&quot;), docs/keys.md. Cards issued with them are test cards; production mode refuses them.</source>
        <translation>A token is named by its PKCS#11 URI, e.g. pkcs11:token=CardDesk%20development, and opened with its user PIN. Test desks use the development token (PIN &quot;carddesk-dev-pin&quot;) or the development key store resources/keystores/development.cdks (passphrase &quot;carddesk-development&quot;), docs/keys.md. Cards issued with them are test cards; production mode refuses them.</translation>
    </message>
</context>
<context>
    <name>carddesk::LifeCycleDiagram</name>
    <message>
        <source>Blank</source>
        <translation>Blank</translation>
    </message>
    <message>
        <source>Personalised</source>
        <translation>Personalised</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>Life cycle: %1</source>
        <translation>Life cycle: %1</translation>
    </message>
    <message>
        <source>Life cycle: unknown</source>
        <translation>Life cycle: unknown</translation>
    </message>
</context>
<context>
    <name>carddesk::LockScreen</name>
    <message>
        <source>The console is locked</source>
        <translation>The console is locked</translation>
    </message>
    <message>
        <source>password</source>
        <translation>password</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>&amp;Log out</source>
        <translation>&amp;Log out</translation>
    </message>
    <message>
        <source>Logged in: %1. Enter this operator&apos;s password to go on, or log out.</source>
        <translation>Logged in: %1. Enter this operator&apos;s password to go on, or log out.</translation>
    </message>
</context>
<context>
    <name>carddesk::LoginDialog</name>
    <message>
        <source>Create the first administrator</source>
        <translation>Create the first administrator</translation>
    </message>
    <message>
        <source>Operator login</source>
        <translation>Operator login</translation>
    </message>
    <message>
        <source>This desk has no operator yet. Create its first administrator: it then adds the desk&apos;s operators and their roles.</source>
        <translation>This desk has no operator yet. Create its first administrator: it then adds the desk&apos;s operators and their roles.</translation>
    </message>
    <message>
        <source>Log in with your operator name and password. Every action is recorded in the audit trail under your name.</source>
        <translation>Log in with your operator name and password. Every action is recorded in the audit trail under your name.</translation>
    </message>
    <message>
        <source>operator name</source>
        <translation>operator name</translation>
    </message>
    <message>
        <source>&amp;Operator:</source>
        <translation>&amp;Operator:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message numerus="yes">
        <source>at least %n characters</source>
        <translation>
            <numerusform>at least %n character</numerusform>
            <numerusform>at least %n characters</numerusform>
        </translation>
    </message>
    <message>
        <source>the same again</source>
        <translation>the same again</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Repeat:</translation>
    </message>
    <message numerus="yes">
        <source>Passwords have at least %n characters and differ from the name.</source>
        <translation>
            <numerusform>Passwords have at least %n character and differ from the name.</numerusform>
            <numerusform>Passwords have at least %n characters and differ from the name.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Create and log in</source>
        <translation>&amp;Create and log in</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Log in</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>The database is not open: nobody can log in.</source>
        <translation>The database is not open: nobody can log in.</translation>
    </message>
    <message>
        <source>Enter the operator name.</source>
        <translation>Enter the operator name.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message numerus="yes">
        <source>Operator %1 is locked until %2 after %n wrong password(s) in a row; an admin can unlock it sooner.</source>
        <translation>
            <numerusform>Operator %1 is locked until %2 after %n wrong password in a row; an admin can unlock it sooner.</numerusform>
            <numerusform>Operator %1 is locked until %2 after %n wrong passwords in a row; an admin can unlock it sooner.</numerusform>
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
        <translation>Smart-card issuance and operator console</translation>
    </message>
    <message>
        <source>SQLite database file.</source>
        <translation>SQLite database file.</translation>
    </message>
    <message>
        <source>Issuer key store file (.cdks).</source>
        <translation>Issuer key store file (.cdks).</translation>
    </message>
    <message>
        <source>Card template file (JSON).</source>
        <translation>Card template file (JSON).</translation>
    </message>
    <message>
        <source>Render the main window to a PNG file once it has settled, then exit.</source>
        <translation>Render the main window to a PNG file once it has settled, then exit.</translation>
    </message>
    <message>
        <source>Interface language: zh_CN or en.</source>
        <translation>Interface language: zh_CN or en.</translation>
    </message>
    <message>
        <source>APDU trace</source>
        <translation>APDU trace</translation>
    </message>
    <message>
        <source>Database: %1 (%2)</source>
        <translation>Database: %1 (%2)</translation>
    </message>
    <message>
        <source>Database: not open</source>
        <translation>Database: not open</translation>
    </message>
    <message>
        <source>The database could not be opened: %1</source>
        <translation>The database could not be opened: %1</translation>
    </message>
    <message>
        <source>Connecting to the PC/SC service…</source>
        <translation>Connecting to the PC/SC service…</translation>
    </message>
    <message numerus="yes">
        <source>PC/SC service running · %n reader(s)</source>
        <translation>
            <numerusform>PC/SC service running · %n reader</numerusform>
            <numerusform>PC/SC service running · %n readers</numerusform>
        </translation>
    </message>
    <message>
        <source>PC/SC service not running</source>
        <translation>PC/SC service not running</translation>
    </message>
    <message>
        <source>PC/SC stopped</source>
        <translation>PC/SC stopped</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Open &amp;key store…</source>
        <translation>Open &amp;key store…</translation>
    </message>
    <message>
        <source>Choose card &amp;template…</source>
        <translation>Choose card &amp;template…</translation>
    </message>
    <message>
        <source>&amp;Save APDU trace…</source>
        <translation>&amp;Save APDU trace…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Readers</source>
        <translation>&amp;Readers</translation>
    </message>
    <message>
        <source>&amp;Issuance</source>
        <translation>&amp;Issuance</translation>
    </message>
    <message>
        <source>Card &amp;diagnostics</source>
        <translation>Card &amp;diagnostics</translation>
    </message>
    <message>
        <source>APDU &amp;trace</source>
        <translation>APDU &amp;trace</translation>
    </message>
    <message>
        <source>Show the APDU trace &amp;panel</source>
        <translation>Show the APDU trace &amp;panel</translation>
    </message>
    <message>
        <source>Re&amp;fresh card</source>
        <translation>Re&amp;fresh card</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About CardDesk</source>
        <translation>&amp;About CardDesk</translation>
    </message>
    <message>
        <source>About CardDesk</source>
        <translation>About CardDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;CardDesk %1&lt;/h3&gt;&lt;p&gt;Personalisation and operator console for smart-card based digital-TV services: card issuance, diagnostics and a live APDU trace.&lt;/p&gt;&lt;p&gt;Keys and PINs never appear in clear in traces, logs, exports or the database.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;CardDesk %1&lt;/h3&gt;&lt;p&gt;Personalisation and operator console for smart-card based digital-TV services: card issuance, diagnostics and a live APDU trace.&lt;/p&gt;&lt;p&gt;Keys and PINs never appear in clear in traces, logs, exports or the database.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Issue card</source>
        <translation>&amp;Issue card</translation>
    </message>
    <message>
        <source>Card issuance and operator console</source>
        <translation>Card issuance and operator console</translation>
    </message>
    <message>
        <source>E-&amp;purse</source>
        <translation>E-&amp;purse</translation>
    </message>
    <message>
        <source>Application-download CA key written to issued cards (PEM).</source>
        <translation>Application-download CA key written to issued cards (PEM).</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>&amp;Support (headend history)</source>
        <translation>&amp;Support (headend history)</translation>
    </message>
    <message>
        <source>Create the --database file when it does not exist (never done silently).</source>
        <translation>Create the --database file when it does not exist (never done silently).</translation>
    </message>
    <message>
        <source>operator %1 is not logged in: %2</source>
        <translation>operator %1 is not logged in: %2</translation>
    </message>
    <message>
        <source>Lock the console after N minutes without input (default 10; 0: never).</source>
        <translation>Lock the console after N minutes without input (default 10; 0: never).</translation>
    </message>
    <message>
        <source>--idle-lock-minutes needs a number of minutes (0: never)</source>
        <translation>--idle-lock-minutes needs a number of minutes (0: never)</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Desk &amp;settings…</source>
        <translation>Desk &amp;settings…</translation>
    </message>
    <message>
        <source>&amp;Operators…</source>
        <translation>&amp;Operators…</translation>
    </message>
    <message>
        <source>&amp;Audit trail</source>
        <translation>&amp;Audit trail</translation>
    </message>
    <message>
        <source>Loc&amp;k the console</source>
        <translation>Loc&amp;k the console</translation>
    </message>
    <message>
        <source>S&amp;witch operator…</source>
        <translation>S&amp;witch operator…</translation>
    </message>
    <message>
        <source>&amp;Log out</source>
        <translation>&amp;Log out</translation>
    </message>
    <message>
        <source>PINs, key cryptograms and session keys of the exchanges recorded from now on stay in clear until &quot;Reveal secrets&quot; is turned off, which wipes them from memory.</source>
        <translation>PINs, key cryptograms and session keys of the exchanges recorded from now on stay in clear until &quot;Reveal secrets&quot; is turned off, which wipes them from memory.</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>Not logged in</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>, </source>
        <comment>list of roles</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>Operator: %1</source>
        <translation>Operator: %1</translation>
    </message>
    <message>
        <source>Card issuance and operator console · %1</source>
        <translation>Card issuance and operator console · %1</translation>
    </message>
    <message>
        <source>Batch issuance</source>
        <translation>Batch issuance</translation>
    </message>
    <message>
        <source>&amp;Reset PINs (lost PIN mailer)…</source>
        <translation>&amp;Reset PINs (lost PIN mailer)…</translation>
    </message>
</context>
<context>
    <name>carddesk::NvmMapWidget</name>
    <message>
        <source>System area and MF files</source>
        <translation>System area and MF files</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>No NVM figures yet: read a card</source>
        <translation>No NVM figures yet: read a card</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <source>System area and MF files (%1 B)</source>
        <translation>System area and MF files (%1 B)</translation>
    </message>
    <message>
        <source>%1 (%2 B)</source>
        <translation>%1 (%2 B)</translation>
    </message>
    <message>
        <source>Free (%1 B)</source>
        <translation>Free (%1 B)</translation>
    </message>
</context>
<context>
    <name>carddesk::OperatorSession</name>
    <message>
        <source>the database is not open: nobody can log in</source>
        <translation>the database is not open: nobody can log in</translation>
    </message>
    <message>
        <source>no operator name was given</source>
        <translation>no operator name was given</translation>
    </message>
    <message>
        <source>nobody is logged in: %1 needs an operator with the role %2</source>
        <translation>nobody is logged in: %1 needs an operator with the role %2</translation>
    </message>
    <message>
        <source>%1 needs a second operator with the role %2 (dual control)</source>
        <translation>%1 needs a second operator with the role %2 (dual control)</translation>
    </message>
    <message>
        <source>the second operator must be someone other than %1 (dual control)</source>
        <translation>the second operator must be someone other than %1 (dual control)</translation>
    </message>
    <message>
        <source>the second operator could not log in: %1</source>
        <translation>the second operator could not log in: %1</translation>
    </message>
    <message>
        <source>the second operator %1 needs the role %2</source>
        <translation>the second operator %1 needs the role %2</translation>
    </message>
    <message>
        <source>%1 is logged in: nothing is done in the name of %2</source>
        <translation>%1 is logged in: nothing is done in the name of %2</translation>
    </message>
    <message>
        <source>%1 is logged in: an operator does not lock itself</source>
        <translation>%1 is logged in: an operator does not lock itself</translation>
    </message>
    <message>
        <source>%1 is logged in: an operator does not remove itself</source>
        <translation>%1 is logged in: an operator does not remove itself</translation>
    </message>
    <message>
        <source>nobody is logged in</source>
        <translation>nobody is logged in</translation>
    </message>
</context>
<context>
    <name>carddesk::OperatorsDialog</name>
    <message>
        <source>Operators</source>
        <translation>Operators</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message numerus="yes">
        <source>at least %n characters</source>
        <translation>
            <numerusform>at least %n character</numerusform>
            <numerusform>at least %n characters</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation>Roles:</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>Set &amp;roles</source>
        <translation>Set &amp;roles</translation>
    </message>
    <message>
        <source>Loc&amp;k</source>
        <translation>Loc&amp;k</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Re&amp;move</translation>
    </message>
    <message>
        <source>, </source>
        <comment>list of roles</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>locked until %1</source>
        <translation>locked until %1</translation>
    </message>
    <message>
        <source>locked by an admin</source>
        <translation>locked by an admin</translation>
    </message>
</context>
<context>
    <name>carddesk::PinResetDialog</name>
    <message>
        <source>Reset PINs (lost PIN mailer)</source>
        <translation>Reset PINs (lost PIN mailer)</translation>
    </message>
    <message>
        <source>The card&apos;s users get new PINs, generated and printed only into a new PIN mailer. The old mailer&apos;s PINs stop working. Nobody sees the new PINs on screen.</source>
        <translation>The card&apos;s users get new PINs, generated and printed only into a new PIN mailer. The old mailer&apos;s PINs stop working. Nobody sees the new PINs on screen.</translation>
    </message>
    <message>
        <source>(no reader chosen)</source>
        <translation>(no reader chosen)</translation>
    </message>
    <message>
        <source>Reader:</source>
        <translation>Reader:</translation>
    </message>
    <message>
        <source>every user of the card</source>
        <translation>every user of the card</translation>
    </message>
    <message>
        <source>&amp;Users (e.g. 1,3):</source>
        <translation>&amp;Users (e.g. 1,3):</translation>
    </message>
    <message>
        <source>PIN &amp;length:</source>
        <translation>PIN &amp;length:</translation>
    </message>
    <message>
        <source>folder for the new PIN mailer</source>
        <translation>folder for the new PIN mailer</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>PIN &amp;mailer:</source>
        <translation>PIN &amp;mailer:</translation>
    </message>
    <message>
        <source>postal address, 1 to 5 lines (empty: the address of the card&apos;s batch row)</source>
        <translation>postal address, 1 to 5 lines (empty: the address of the card&apos;s batch row)</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>&amp;Reset PINs and print the mailer</source>
        <translation>&amp;Reset PINs and print the mailer</translation>
    </message>
    <message>
        <source>Folder for the new PIN mailer</source>
        <translation>Folder for the new PIN mailer</translation>
    </message>
    <message>
        <source>Choose the reader with the card first.</source>
        <translation>Choose the reader with the card first.</translation>
    </message>
    <message>
        <source>Users are distinct numbers 1 to 8 separated by commas, or empty for every user.</source>
        <translation>Users are distinct numbers 1 to 8 separated by commas, or empty for every user.</translation>
    </message>
    <message>
        <source>Choose the folder for the new PIN mailer.</source>
        <translation>Choose the folder for the new PIN mailer.</translation>
    </message>
    <message>
        <source>The address has at most 5 lines.</source>
        <translation>The address has at most 5 lines.</translation>
    </message>
    <message>
        <source>Resetting the PINs of the card in %1…</source>
        <translation>Resetting the PINs of the card in %1…</translation>
    </message>
    <message>
        <source>Card %1: new PINs for users %2. The new PIN mailer is %3 — print it and send it; the PINs are nowhere else.</source>
        <translation>Card %1: new PINs for users %2. The new PIN mailer is %3 — print it and send it; the PINs are nowhere else.</translation>
    </message>
    <message>
        <source>The mailer for users %1 is %2.</source>
        <translation>The mailer for users %1 is %2.</translation>
    </message>
</context>
<context>
    <name>carddesk::PinResetService</name>
    <message>
        <source>a generated PIN has %1 to %2 digits</source>
        <translation>a generated PIN has %1 to %2 digits</translation>
    </message>
    <message>
        <source>a PIN reset needs a folder for the new PIN mailer</source>
        <translation>a PIN reset needs a folder for the new PIN mailer</translation>
    </message>
    <message>
        <source>a mailer&apos;s address has 1 to 5 lines</source>
        <translation>a mailer&apos;s address has 1 to 5 lines</translation>
    </message>
    <message>
        <source>no key store is open: the card&apos;s PINs cannot be reset</source>
        <translation>no key store is open: the card&apos;s PINs cannot be reset</translation>
    </message>
    <message>
        <source>reading the card in &quot;%1&quot; failed: %2</source>
        <translation>reading the card in &quot;%1&quot; failed: %2</translation>
    </message>
    <message>
        <source>the PIN reset could not be recorded: %1</source>
        <translation>the PIN reset could not be recorded: %1</translation>
    </message>
    <message>
        <source>the database failed: %1</source>
        <translation>the database failed: %1</translation>
    </message>
    <message>
        <source>the card in &quot;%1&quot; has no card number: it is not issued</source>
        <translation>the card in &quot;%1&quot; has no card number: it is not issued</translation>
    </message>
    <message>
        <source>card %1 is not recorded in this database</source>
        <translation>card %1 is not recorded in this database</translation>
    </message>
    <message>
        <source>card %1 is recorded as %2: only a personalised card&apos;s PINs are reset</source>
        <translation>card %1 is recorded as %2: only a personalised card&apos;s PINs are reset</translation>
    </message>
    <message>
        <source>card %1 has no user %2</source>
        <translation>card %1 has no user %2</translation>
    </message>
    <message>
        <source>card %1 has no postal address on record: give the address for the mailer</source>
        <translation>card %1 has no postal address on record: give the address for the mailer</translation>
    </message>
    <message>
        <source>the PINs were not reset: %1</source>
        <translation>the PINs were not reset: %1</translation>
    </message>
    <message>
        <source>only the PINs of users %1 may have been reset (they are in the new mailer); the others were not: %2</source>
        <translation>only the PINs of users %1 may have been reset (they are in the new mailer); the others were not: %2</translation>
    </message>
    <message>
        <source>the PINs were reset but the new mailer could not be kept: reset them again</source>
        <translation>the PINs were reset but the new mailer could not be kept: reset them again</translation>
    </message>
</context>
<context>
    <name>carddesk::PurseLogModel</name>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation>Balance after</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Counter</translation>
    </message>
</context>
<context>
    <name>carddesk::PurseService</name>
    <message>
        <source>the card&apos;s answer makes no sense: %1</source>
        <translation>the card&apos;s answer makes no sense: %1</translation>
    </message>
    <message>
        <source>the card refused: %1 (%2)</source>
        <translation>the card refused: %1 (%2)</translation>
    </message>
    <message>
        <source>the card has no card number: it is not issued</source>
        <translation>the card has no card number: it is not issued</translation>
    </message>
    <message>
        <source>the card has no e-purse application (%1)</source>
        <translation>the card has no e-purse application (%1)</translation>
    </message>
    <message>
        <source>reading the purse in &quot;%1&quot; failed: %2</source>
        <translation>reading the purse in &quot;%1&quot; failed: %2</translation>
    </message>
    <message>
        <source>no key store is open: the TAC cannot be checked</source>
        <translation>no key store is open: the TAC cannot be checked</translation>
    </message>
    <message>
        <source>proving the last transaction in &quot;%1&quot; failed: %2</source>
        <translation>proving the last transaction in &quot;%1&quot; failed: %2</translation>
    </message>
    <message>
        <source>no key store is open: the desk cannot act as a terminal</source>
        <translation>no key store is open: the desk cannot act as a terminal</translation>
    </message>
    <message>
        <source>the amount must be at least 0.01 yuan</source>
        <translation>the amount must be at least 0.01 yuan</translation>
    </message>
    <message>
        <source>the load was not done: %1</source>
        <translation>the load was not done: %1</translation>
    </message>
    <message>
        <source>the purchase was not done: %1</source>
        <translation>the purchase was not done: %1</translation>
    </message>
    <message>
        <source>the card committed the transaction but its TAC does not check: report it</source>
        <translation>the card committed the transaction but its TAC does not check: report it</translation>
    </message>
    <message>
        <source>the transaction was done but could not be recorded: %1</source>
        <translation>the transaction was done but could not be recorded: %1</translation>
    </message>
    <message>
        <source>the card refused: %1 more would take the balance above the card&apos;s limit of %2 (6A80)</source>
        <translation>the card refused: %1 more would take the balance above the card&apos;s limit of %2 (6A80)</translation>
    </message>
</context>
<context>
    <name>carddesk::PurseView</name>
    <message>
        <source>E-purse</source>
        <translation>E-purse</translation>
    </message>
    <message>
        <source>&amp;Read purse</source>
        <translation>&amp;Read purse</translation>
    </message>
    <message>
        <source>Balance:</source>
        <translation>Balance:</translation>
    </message>
    <message>
        <source>Online counter (loads):</source>
        <translation>Online counter (loads):</translation>
    </message>
    <message>
        <source>Offline counter (purchases):</source>
        <translation>Offline counter (purchases):</translation>
    </message>
    <message>
        <source>Application serial (ASN):</source>
        <translation>Application serial (ASN):</translation>
    </message>
    <message>
        <source>Purse AID:</source>
        <translation>Purse AID:</translation>
    </message>
    <message>
        <source>Load or purchase (desk terminal)</source>
        <translation>Load or purchase (desk terminal)</translation>
    </message>
    <message>
        <source>payment PIN (purchases)</source>
        <translation>payment PIN (purchases)</translation>
    </message>
    <message>
        <source>&amp;Load</source>
        <translation>&amp;Load</translation>
    </message>
    <message>
        <source>&amp;Purchase</source>
        <translation>&amp;Purchase</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>Amount:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation>PIN:</translation>
    </message>
    <message>
        <source>Last transaction</source>
        <translation>Last transaction</translation>
    </message>
    <message>
        <source>P&amp;rove last transaction</source>
        <translation>P&amp;rove last transaction</translation>
    </message>
    <message>
        <source>GET TRANSACTION PROVE returns the TAC the card made; it is checked with the issuer&apos;s TAC key for this card.</source>
        <translation>GET TRANSACTION PROVE returns the TAC the card made; it is checked with the issuer&apos;s TAC key for this card.</translation>
    </message>
    <message>
        <source>Transaction log (newest first)</source>
        <translation>Transaction log (newest first)</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Export &amp;CSV…</translation>
    </message>
    <message>
        <source>Export P&amp;DF…</source>
        <translation>Export P&amp;DF…</translation>
    </message>
    <message>
        <source>Balance after the record (¥)</source>
        <translation>Balance after the record (¥)</translation>
    </message>
    <message>
        <source>Balance over the log records</source>
        <translation>Balance over the log records</translation>
    </message>
    <message>
        <source>Balance (¥)</source>
        <translation>Balance (¥)</translation>
    </message>
    <message>
        <source>Reading the purse…</source>
        <translation>Reading the purse…</translation>
    </message>
    <message>
        <source>The card is not issued: it has no purse yet.</source>
        <translation>The card is not issued: it has no purse yet.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) in the log.</source>
        <translation>
            <numerusform>%n record(s) in the log.</numerusform>
            <numerusform>%n record(s) in the log.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not proved: no key store is open.</source>
        <translation>Not proved: no key store is open.</translation>
    </message>
    <message>
        <source>Proving…</source>
        <translation>Proving…</translation>
    </message>
    <message>
        <source>The purse has no transaction to prove yet.</source>
        <translation>The purse has no transaction to prove yet.</translation>
    </message>
    <message>
        <source>Proved: %1 of %2, counter %3, TAC %4 checks with the issuer&apos;s key.</source>
        <translation>Proved: %1 of %2, counter %3, TAC %4 checks with the issuer&apos;s key.</translation>
    </message>
    <message>
        <source>Not proved: the TAC %1 of the last transaction (%2, counter %3) does not check with the issuer&apos;s key.</source>
        <translation>Not proved: the TAC %1 of the last transaction (%2, counter %3) does not check with the issuer&apos;s key.</translation>
    </message>
    <message>
        <source>A purchase needs the user&apos;s payment PIN.</source>
        <translation>A purchase needs the user&apos;s payment PIN.</translation>
    </message>
    <message>
        <source>Load the purse</source>
        <translation>Load the purse</translation>
    </message>
    <message>
        <source>Purchase from the purse</source>
        <translation>Purchase from the purse</translation>
    </message>
    <message>
        <source>Load %1 onto card %2 as this desk&apos;s terminal?</source>
        <translation>Load %1 onto card %2 as this desk&apos;s terminal?</translation>
    </message>
    <message>
        <source>Charge %1 to card %2 as this desk&apos;s terminal?</source>
        <translation>Charge %1 to card %2 as this desk&apos;s terminal?</translation>
    </message>
    <message>
        <source>Nothing was done: no key store is open.</source>
        <translation>Nothing was done: no key store is open.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Running…</translation>
    </message>
    <message>
        <source>Loaded %1. Balance %2 → %3.</source>
        <translation>Loaded %1. Balance %2 → %3.</translation>
    </message>
    <message>
        <source>Charged %1. Balance %2 → %3.</source>
        <translation>Charged %1. Balance %2 → %3.</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>cannot write %1: %2</translation>
    </message>
    <message>
        <source>E-purse log</source>
        <translation>E-purse log</translation>
    </message>
    <message>
        <source>Card %1 · ASN %2 · balance %3 · exported %4</source>
        <translation>Card %1 · ASN %2 · balance %3 · exported %4</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>cannot write %1</translation>
    </message>
    <message>
        <source>Export the purse log</source>
        <translation>Export the purse log</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Oldest → newest</source>
        <translation>Oldest → newest</translation>
    </message>
</context>
<context>
    <name>carddesk::ReaderListModel</name>
    <message>
        <source>no card</source>
        <translation>no card</translation>
    </message>
    <message>
        <source>card does not answer</source>
        <translation>card does not answer</translation>
    </message>
    <message>
        <source>card (in use by another program)</source>
        <translation>card (in use by another program)</translation>
    </message>
    <message>
        <source>card</source>
        <translation>card</translation>
    </message>
    <message>
        <source>not a CDOS card</source>
        <translation>not a CDOS card</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Reader</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>ATR</source>
        <translation>ATR</translation>
    </message>
    <message>
        <source>Life cycle</source>
        <translation>Life cycle</translation>
    </message>
    <message>
        <source>%1 (ATR)</source>
        <translation>%1 (ATR)</translation>
    </message>
    <message>
        <source>As the card reports it.</source>
        <translation>As the card reports it.</translation>
    </message>
    <message>
        <source>From the card&apos;s ATR; the card is being asked.</source>
        <translation>From the card&apos;s ATR; the card is being asked.</translation>
    </message>
    <message>
        <source>The card did not answer: this is what its ATR said at the last reset, and may be out of date.</source>
        <translation>The card did not answer: this is what its ATR said at the last reset, and may be out of date.</translation>
    </message>
</context>
<context>
    <name>carddesk::ReadersPanel</name>
    <message>
        <source>Rea&amp;ders</source>
        <translation>Rea&amp;ders</translation>
    </message>
    <message>
        <source>Card readers</source>
        <translation>Card readers</translation>
    </message>
    <message>
        <source>No card reader connected.</source>
        <translation>No card reader connected.</translation>
    </message>
    <message>
        <source>%1 (ATR)</source>
        <translation>%1 (ATR)</translation>
    </message>
</context>
<context>
    <name>carddesk::ReplayReaders</name>
    <message>
        <source>Open trace as &amp;replay reader…</source>
        <translation>Open trace as &amp;replay reader…</translation>
    </message>
    <message>
        <source>A saved APDU trace (JSON) as a card that answers as the recorded one did</source>
        <translation>A saved APDU trace (JSON) as a card that answers as the recorded one did</translation>
    </message>
    <message>
        <source>&amp;Close replay reader</source>
        <translation>&amp;Close replay reader</translation>
    </message>
    <message>
        <source>Open trace as replay reader</source>
        <translation>Open trace as replay reader</translation>
    </message>
    <message>
        <source>Saved APDU trace (*.json);;All files (*)</source>
        <translation>Saved APDU trace (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>The trace could not be opened as a replay reader: %1</source>
        <translation>The trace could not be opened as a replay reader: %1</translation>
    </message>
</context>
<context>
    <name>carddesk::SecondOperatorDialog</name>
    <message>
        <source>Dual control</source>
        <translation>Dual control</translation>
    </message>
    <message>
        <source>To %1, a second operator approves at this desk: another operator than %2, with their own name and password. Both names are recorded in the audit trail.</source>
        <translation>To %1, a second operator approves at this desk: another operator than %2, with their own name and password. Both names are recorded in the audit trail.</translation>
    </message>
    <message>
        <source>the second operator&apos;s name</source>
        <translation>the second operator&apos;s name</translation>
    </message>
    <message>
        <source>Second &amp;operator:</source>
        <translation>Second &amp;operator:</translation>
    </message>
    <message>
        <source>Its &amp;password:</source>
        <translation>Its &amp;password:</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <source>Enter the second operator&apos;s name.</source>
        <translation>Enter the second operator&apos;s name.</translation>
    </message>
</context>
<context>
    <name>carddesk::SettingsDialog</name>
    <message>
        <source>Desk settings</source>
        <translation>Desk settings</translation>
    </message>
    <message>
        <source>Production mode</source>
        <translation>Production mode</translation>
    </message>
    <message>
        <source>A production desk refuses the development keys and the development operator. Switching needs an admin and a second operator (dual control).</source>
        <translation>A production desk refuses the development keys and the development operator. Switching needs an admin and a second operator (dual control).</translation>
    </message>
    <message>
        <source>This desk is in production mode.</source>
        <translation>This desk is in production mode.</translation>
    </message>
    <message>
        <source>This desk is in development mode.</source>
        <translation>This desk is in development mode.</translation>
    </message>
    <message>
        <source>Switch to &amp;development mode…</source>
        <translation>Switch to &amp;development mode…</translation>
    </message>
    <message>
        <source>Switch to &amp;production mode…</source>
        <translation>Switch to &amp;production mode…</translation>
    </message>
</context>
<context>
    <name>carddesk::SupportService</name>
    <message>
        <source>the reconciliation failed: %1</source>
        <translation>the reconciliation failed: %1</translation>
    </message>
    <message>
        <source>there is no lookup to continue</source>
        <translation>there is no lookup to continue</translation>
    </message>
</context>
<context>
    <name>carddesk::SupportTableModel</name>
    <message>
        <source>Purchase</source>
        <translation>Purchase</translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation>Top-up</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pending</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>completed</translation>
    </message>
    <message>
        <source>authorised</source>
        <translation>authorised</translation>
    </message>
    <message>
        <source>debited, not credited</source>
        <translation>debited, not credited</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>refunded</translation>
    </message>
    <message>
        <source>refused by the bank</source>
        <translation>refused by the bank</translation>
    </message>
    <message>
        <source>VOD: %1</source>
        <translation>VOD: %1</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>TAC</source>
        <translation>TAC</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Headend amount</source>
        <translation>Headend amount</translation>
    </message>
    <message>
        <source>Card amount</source>
        <translation>Card amount</translation>
    </message>
    <message>
        <source>Headend status</source>
        <translation>Headend status</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
</context>
<context>
    <name>carddesk::SupportView</name>
    <message>
        <source>Look up</source>
        <translation>Look up</translation>
    </message>
    <message>
        <source>&amp;Card number:</source>
        <translation>&amp;Card number:</translation>
    </message>
    <message>
        <source>&amp;Subscriber number:</source>
        <translation>&amp;Subscriber number:</translation>
    </message>
    <message>
        <source>20 hexadecimal digits; default: the card in the reader</source>
        <translation>20 hexadecimal digits; default: the card in the reader</translation>
    </message>
    <message>
        <source>for example U00000001</source>
        <translation>for example U00000001</translation>
    </message>
    <message>
        <source>L&amp;ook up</source>
        <translation>L&amp;ook up</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>Headend</source>
        <translation>Headend</translation>
    </message>
    <message>
        <source>the headend&apos;s tls-cert.pem (from its data directory)</source>
        <translation>the headend&apos;s tls-cert.pem (from its data directory)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>Kept for this session only; never saved.</source>
        <translation>Kept for this session only; never saved.</translation>
    </message>
    <message>
        <source>from the environment</source>
        <translation>from the environment</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>C&amp;ertificate:</source>
        <translation>C&amp;ertificate:</translation>
    </message>
    <message>
        <source>Look up a card or a subscriber: the headend&apos;s transactions are set beside the card&apos;s own log.</source>
        <translation>Look up a card or a subscriber: the headend&apos;s transactions are set beside the card&apos;s own log.</translation>
    </message>
    <message>
        <source>No reader selected: the headend&apos;s records are shown without a card&apos;s log.</source>
        <translation>No reader selected: the headend&apos;s records are shown without a card&apos;s log.</translation>
    </message>
    <message>
        <source>Reader %1: no issued card.</source>
        <translation>Reader %1: no issued card.</translation>
    </message>
    <message>
        <source>Reader %1: card %2 — its log is set beside the headend&apos;s records.</source>
        <translation>Reader %1: card %2 — its log is set beside the headend&apos;s records.</translation>
    </message>
    <message>
        <source>Asking the headend about subscriber %1…</source>
        <translation>Asking the headend about subscriber %1…</translation>
    </message>
    <message>
        <source>Asking the headend about card %1…</source>
        <translation>Asking the headend about card %1…</translation>
    </message>
    <message>
        <source>No key store is open: TACs are not checked (File → Open key store).</source>
        <translation>No key store is open: TACs are not checked (File → Open key store).</translation>
    </message>
    <message>
        <source>Card balance: %1.</source>
        <translation>Card balance: %1.</translation>
    </message>
    <message>
        <source>No answer from the headend.</source>
        <translation>No answer from the headend.</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>At the headend</source>
        <translation>At the headend</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Balance before</source>
        <translation>Balance before</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>Terminal serial</source>
        <translation>Terminal serial</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>TAC</source>
        <translation>TAC</translation>
    </message>
    <message>
        <source>On the card</source>
        <translation>On the card</translation>
    </message>
    <message>
        <source>Log record</source>
        <translation>Log record</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation>Balance after</translation>
    </message>
    <message>
        <source>TAC proved by the card</source>
        <translation>TAC proved by the card</translation>
    </message>
    <message>
        <source>checks</source>
        <translation>checks</translation>
    </message>
    <message>
        <source>does not check</source>
        <translation>does not check</translation>
    </message>
    <message>
        <source>The headend&apos;s certificate</source>
        <translation>The headend&apos;s certificate</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM certificates (*.pem *.crt);;All files (*)</translation>
    </message>
    <message>
        <source>nothing to export: look up a card or a subscriber first</source>
        <translation>nothing to export: look up a card or a subscriber first</translation>
    </message>
    <message>
        <source>Export the reconciliation</source>
        <translation>Export the reconciliation</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;JSON files (*.json)</source>
        <translation>CSV files (*.csv);;JSON files (*.json)</translation>
    </message>
    <message>
        <source>Empty: the credential from CARDDESK_HEADEND_TOKEN is used.</source>
        <translation>Empty: the credential from CARDDESK_HEADEND_TOKEN is used.</translation>
    </message>
    <message>
        <source>your operator credential from the headend</source>
        <translation>your operator credential from the headend</translation>
    </message>
    <message>
        <source>Operator &amp;credential:</source>
        <translation>Operator &amp;credential:</translation>
    </message>
    <message>
        <source>The older records could not be fetched: %1</source>
        <translation>The older records could not be fetched: %1</translation>
    </message>
</context>
<context>
    <name>carddesk::TraceLog</name>
    <message>
        <source>cannot write the trace: %1</source>
        <translation>cannot write the trace: %1</translation>
    </message>
    <message>
        <source>cannot open %1 for writing: %2</source>
        <translation>cannot open %1 for writing: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>cannot write %1: %2</translation>
    </message>
    <message>
        <source>not a saved APDU trace: %1</source>
        <translation>not a saved APDU trace: %1</translation>
    </message>
    <message>
        <source>not a saved APDU trace</source>
        <translation>not a saved APDU trace</translation>
    </message>
</context>
<context>
    <name>carddesk::TracePanel</name>
    <message>
        <source>Filter: command, header, hex or status word</source>
        <translation>Filter: command, header, hex or status word</translation>
    </message>
    <message>
        <source>Filt&amp;er:</source>
        <translation>Filt&amp;er:</translation>
    </message>
    <message>
        <source>All status words</source>
        <translation>All status words</translation>
    </message>
    <message>
        <source>Success only</source>
        <translation>Success only</translation>
    </message>
    <message>
        <source>Everything but success</source>
        <translation>Everything but success</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Errors</translation>
    </message>
    <message>
        <source>Transport errors</source>
        <translation>Transport errors</translation>
    </message>
    <message>
        <source>Status word filter</source>
        <translation>Status word filter</translation>
    </message>
    <message>
        <source>F&amp;ollow</source>
        <translation>F&amp;ollow</translation>
    </message>
    <message>
        <source>Keep the newest exchange in view</source>
        <translation>Keep the newest exchange in view</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Save…</translation>
    </message>
    <message>
        <source>Write the trace to a file; secrets stay redacted</source>
        <translation>Write the trace to a file; secrets stay redacted</translation>
    </message>
    <message>
        <source>Reveal se&amp;crets</source>
        <translation>Reveal se&amp;crets</translation>
    </message>
    <message>
        <source>Keep PINs and keys of new exchanges in clear (asks first, and is recorded)</source>
        <translation>Keep PINs and keys of new exchanges in clear (asks first, and is recorded)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>APDU trace</source>
        <translation>APDU trace</translation>
    </message>
    <message numerus="yes">
        <source>%n exchange(s)</source>
        <translation>
            <numerusform>%n exchange</numerusform>
            <numerusform>%n exchanges</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 of %2 shown</translation>
    </message>
    <message>
        <source>Reveal secrets</source>
        <translation>Reveal secrets</translation>
    </message>
    <message>
        <source>Keep PINs, key cryptograms and session keys of the following exchanges in clear?</source>
        <translation>Keep PINs, key cryptograms and session keys of the following exchanges in clear?</translation>
    </message>
    <message>
        <source>Only exchanges recorded from now on can be shown. The action is recorded under the operator name &quot;%1&quot;. Turn it off to wipe the clear bytes from memory.</source>
        <translation>Only exchanges recorded from now on can be shown. The action is recorded under the operator name &quot;%1&quot;. Turn it off to wipe the clear bytes from memory.</translation>
    </message>
    <message>
        <source>Save trace</source>
        <translation>Save trace</translation>
    </message>
    <message>
        <source>Secrets are revealed, so the file would hold them in clear. Turn &quot;Reveal secrets&quot; off first to save a redacted trace.

Save with the secrets in clear?</source>
        <translation>Secrets are revealed, so the file would hold them in clear. Turn &quot;Reveal secrets&quot; off first to save a redacted trace.

Save with the secrets in clear?</translation>
    </message>
    <message>
        <source>Save APDU trace</source>
        <translation>Save APDU trace</translation>
    </message>
    <message>
        <source>Text (*.txt);;JSON, for replay (*.json)</source>
        <translation>Text (*.txt);;JSON, for replay (*.json)</translation>
    </message>
</context>
<context>
    <name>carddesk::UserPinTable</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Permissions</translation>
    </message>
    <message>
        <source>PIN tries</source>
        <translation>PIN tries</translation>
    </message>
    <message>
        <source>PIN (4–12 digits)</source>
        <translation>PIN (4–12 digits)</translation>
    </message>
    <message>
        <source>The template defines no users.</source>
        <translation>The template defines no users.</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>PIN of user %1 (%2)</source>
        <translation>PIN of user %1 (%2)</translation>
    </message>
    <message>
        <source>all</source>
        <translation>all</translation>
    </message>
</context>
<context>
    <name>cdos::StatusWords</name>
    <message>
        <source>success</source>
        <translation>success</translation>
    </message>
    <message>
        <source>wrong length</source>
        <translation>wrong length</translation>
    </message>
    <message>
        <source>command incompatible with file structure</source>
        <translation>command incompatible with file structure</translation>
    </message>
    <message>
        <source>security status not satisfied</source>
        <translation>security status not satisfied</translation>
    </message>
    <message>
        <source>authentication method blocked</source>
        <translation>authentication method blocked</translation>
    </message>
    <message>
        <source>conditions of use not satisfied</source>
        <translation>conditions of use not satisfied</translation>
    </message>
    <message>
        <source>the user does not hold the right for this</source>
        <translation>the user does not hold the right for this</translation>
    </message>
    <message>
        <source>secure messaging data incorrect (MAC)</source>
        <translation>secure messaging data incorrect (MAC)</translation>
    </message>
    <message>
        <source>incorrect data</source>
        <translation>incorrect data</translation>
    </message>
    <message>
        <source>function not supported (card blocked or terminated)</source>
        <translation>function not supported (card blocked or terminated)</translation>
    </message>
    <message>
        <source>file or application not found</source>
        <translation>file or application not found</translation>
    </message>
    <message>
        <source>record not found</source>
        <translation>record not found</translation>
    </message>
    <message>
        <source>not enough memory</source>
        <translation>not enough memory</translation>
    </message>
    <message>
        <source>incorrect P1-P2</source>
        <translation>incorrect P1-P2</translation>
    </message>
    <message>
        <source>referenced data not found</source>
        <translation>referenced data not found</translation>
    </message>
    <message>
        <source>file already exists</source>
        <translation>file already exists</translation>
    </message>
    <message>
        <source>wrong offset</source>
        <translation>wrong offset</translation>
    </message>
    <message>
        <source>instruction not supported</source>
        <translation>instruction not supported</translation>
    </message>
    <message>
        <source>class not supported</source>
        <translation>class not supported</translation>
    </message>
    <message>
        <source>memory failure</source>
        <translation>memory failure</translation>
    </message>
    <message>
        <source>internal error</source>
        <translation>internal error</translation>
    </message>
    <message>
        <source>MAC invalid</source>
        <translation>MAC invalid</translation>
    </message>
    <message>
        <source>application permanently locked</source>
        <translation>application permanently locked</translation>
    </message>
    <message>
        <source>insufficient balance</source>
        <translation>insufficient balance</translation>
    </message>
    <message>
        <source>counter at maximum</source>
        <translation>counter at maximum</translation>
    </message>
    <message>
        <source>key index not supported</source>
        <translation>key index not supported</translation>
    </message>
    <message>
        <source>requested MAC not available</source>
        <translation>requested MAC not available</translation>
    </message>
    <message>
        <source>purse permanently locked</source>
        <translation>purse permanently locked</translation>
    </message>
    <message>
        <source>transaction counter at its maximum</source>
        <translation>transaction counter at its maximum</translation>
    </message>
    <message>
        <source>no such transaction to prove</source>
        <translation>no such transaction to prove</translation>
    </message>
</context>
</TS>
