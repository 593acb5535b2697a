<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ApduDecoder</name>
    <message>
        <source>success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>command incompatible with file structure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>security status not satisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authentication method blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conditions of use not satisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>secure messaging data incorrect (MAC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incorrect data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>function not supported (card blocked or terminated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file or application not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not enough memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incorrect P1-P2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>referenced data not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file already exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instruction not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>memory failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>internal error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>application permanently locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>insufficient balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>counter at maximum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key index not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requested MAC not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>wrong PIN, %n tries left</source>
        <translation>
            <numerusform>wrong PIN, %n try left</numerusform>
            <numerusform>wrong PIN, %n tries left</numerusform>
        </translation>
    </message>
    <message>
        <source>wrong Le, %1 bytes available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 more bytes available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>personalised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>terminated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issuer maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TAC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN unblock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dedicated file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transparent EF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linear fixed EF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cyclic EF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>always</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issuer secure messaging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no ATR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CDOS %1.%2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown card (ATR %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FCP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file identifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>size</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DF name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>update access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card-issuer serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issuer product serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chip serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operating system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>life cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NVM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NVM total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NVM free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>page size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>page writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN tries left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>permission needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tag %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proprietary, secure messaging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proprietary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inter-industry, secure messaging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inter-industry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Le</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN tries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holder user number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holder account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holder name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>balance limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 fen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdraft limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>menu entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>challenge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transport error</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC/SC service not running (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reader &quot;%1&quot; is not available (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no card in reader &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the card was removed from reader &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the card in reader &quot;%1&quot; was reset by another program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another program holds the card in reader &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the card in reader &quot;%1&quot; does not answer (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the card operation was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC/SC error %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC/SC error on reader &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the card refused a command: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key store: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown error in a card job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC/SC service not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the card reader manager is not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reader &quot;%1&quot; is not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the card in reader &quot;%1&quot; stopped answering (%2); was it removed?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a card job cannot wait for another card job</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardSnapshot</name>
    <message>
        <source>the card is not a CardDesk COS card: SELECT MF answered %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: malformed answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>life cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operating system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chip serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card-issuer serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issuer product serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NVM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reader: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ATR: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Life cycle: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card number: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chip serial: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operating system: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NVM: %1 of %2 bytes free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1 %2: %3 of %4 PIN tries left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menu %1: %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (hidden)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardTemplate</name>
    <message>
        <source>%1: missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: must be a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: must be between %2 and %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: must be %2 hex digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON: %1 at offset %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a template is a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: missing (an object with &quot;prefix&quot; and &quot;first&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown permission &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: must be &quot;standard&quot; or a list of keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown key usage &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the template %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: must be 2 to 19 hex digits (the rest of the 20 digits is allocated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: bit %2 is defined twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: name &quot;%2&quot; is defined twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: key %2 appears twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: key 0 with usage issuer-maintenance is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: at most %2 entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: id %2 appears twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is %3 bytes of UTF-8, at most %4 fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: a card has 1 to %2 users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: user %2 appears twice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliApp</name>
    <message>
        <source>CardDesk command-line front end. Commands:
  readers                      list the PC/SC readers and their cards
  info --reader NAME           read a card: ATR, life cycle, numbers, users, menu, keys, NVM
  issue --reader NAME --template FILE --holder FILE [--database PATH] [--keystore PATH]
                               personalise a blank card and record it
The key store passphrase comes from CARDDESK_KEYSTORE_PASSPHRASE (development default otherwise).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>readers, info or issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reader name (as listed by &quot;readers&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card template (JSON).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder file with the users&apos; PINs (JSON).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card database: an SQLite file or postgresql://user@host/db (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PATH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer key store (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator name recorded in the database (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait up to this many seconds for a card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the APDU trace (secrets redacted) to stderr.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a command is needed: readers, info or issue (see --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one command at a time, got: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--wait needs a number of seconds, got &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not take --%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>info needs --reader NAME (see &quot;carddesk-cli readers&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issue needs %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;: use readers, info or issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reader named &quot;%1&quot;; readers: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no card in reader &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid template:
  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid holder file:
  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[%1/%2] %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HolderFile</name>
    <message>
        <source>not valid JSON: %1 at offset %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a holder file is a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: missing (a list of users with their PINs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: must be between %2 and %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: missing (a string of 4 to 12 digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the holder file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: user number, account and name together are longer than the card&apos;s 128-byte holder file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: must be 20 hex digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: at least one user with a PIN is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: a card has at most %2 users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: user %2 appears twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: must have 4 to 12 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: longer than %2 bytes of UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>carddesk::ApduDecodePane</name>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoded exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an exchange in the trace to decode it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1  %2  —  %3 %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>carddesk::ApduTraceModel</name>
    <message>
        <source>Secret bytes are hidden. Revealing them is recorded in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Le</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SW</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>µs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>carddesk::CardPanel</name>
    <message>
        <source>Issuance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the card in %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the PC/SC service (pcscd); the readers appear here as soon as it runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reader selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect a card reader, or choose one in the list on the left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert a card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card in %1 does not answer. Take it out and insert it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another program is using the card in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert a blank card to issue it, or any card to see its diagnostics, in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a CardDesk card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last card: issued, card number %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last card: not issued. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>carddesk::Database</name>
    <message>
        <source>%1 is not a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a CardDesk database (not an SQLite file); it was left untouched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the PostgreSQL driver (QPSQL) is not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the SQLite driver (QSQLITE) is not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds another program&apos;s tables (no schema_version); it was left untouched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has schema version %2, newer than this CardDesk knows (%3); it was left untouched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start a transaction: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>migration %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card number prefix &quot;%1&quot; must have 2 to 19 hex digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot allocate a card number: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the numbers of prefix %1 are exhausted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot record card %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the issuance journal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the audit log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a damaged database (%2); it was left untouched</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>carddesk::DiagnosticsView</name>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the card again (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ATR:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoded:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer serial:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product serial:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chip serial:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operating system:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Life cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory (NVM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN tries left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permission needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the card…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read from %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not yet written (blank card)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 used of %2 (%p%)</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blocked (0 of %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3DES, two keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>locked (0 of %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>protocol %1 · historical bytes %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(&quot;CDOS&quot; version %1.%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ATR dates from the last reset; the card now reports %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>carddesk::IssuanceService</name>
    <message>
        <source>write key %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write user %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write menu entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown permission &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open the key store %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>template %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holder file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card number &quot;%1&quot; must be 20 hex digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holder file: user %1 (%2) of the template needs a PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holder file: %1: user %2 is not in the template; give its name and permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holder file: %1.permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an issuance is already running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the card database is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card number %1 is already issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the card in reader &quot;%1&quot; is not blank (%2): only blank cards can be issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issuing card %1 in reader &quot;%2&quot; failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card %1 was written but does not read back as intended: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card %1 was issued but could not be recorded: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>select the master file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>take the card over from the batch key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create the files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write card numbers, holder and purse parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>end personalisation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>carddesk::IssuanceView</name>
    <message>
        <source>Card template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template file (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card holder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. U0001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bank or subscriber account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 张伟</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>20 hex digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;llocate the next free number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card nu&amp;mber:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;key store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users and PINs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issue card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %v of %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a card template to issue cards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This template cannot be used:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(locked)</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a card template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card templates (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer keys are available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key store %1 is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change &amp;key store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key store open yet; you are asked for it when you issue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a usable card template first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a reader and insert a blank card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the card…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card in %1 is not a CardDesk card; it cannot be issued here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card in %1 is %2: only blank cards can be issued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready to issue the card in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card was not issued. Please correct:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card was not issued: no key store is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card was not issued: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-back differences:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every user of the template needs a PIN. PINs travel to the card encrypted and are never stored, shown or logged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the card out and insert the next blank card to issue another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also written to the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (hidden)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial menu: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-purse: balance limit %1 yuan, overdraft limit %2 yuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys, diversified for this card from the key store: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>carddesk::IssuedCardsModel</name>
    <message>
        <source>Card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Life cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chip serial</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>carddesk::KeyStoreDialog</name>
    <message>
        <source>Open key store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key store &amp;file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test desks use the development key store resources/keystores/development.cdks with the passphrase &quot;carddesk-development&quot; (docs/keys.md). Cards issued with it are test cards; never use it in production.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a key store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CardDesk key stores (*.cdks);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>carddesk::LifeCycleDiagram</name>
    <message>
        <source>Blank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personalised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Life cycle: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Life cycle: unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>carddesk::MainWindow</name>
    <message>
        <source>CardDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smart-card issuance and operator console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite database file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer key store file (.cdks).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card template file (JSON).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Render the main window to a PNG file once it has settled, then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface language: zh_CN or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APDU trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database could not be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the PC/SC service…</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PC/SC stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;key store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose card &amp;template…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save APDU trace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Readers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issuance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card &amp;diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APDU &amp;trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the APDU trace &amp;panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About CardDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About CardDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;CardDesk %1&lt;/h3&gt;&lt;p&gt;Personalisation and operator console for smart-card based digital-TV services: card issuance, diagnostics and a live APDU trace.&lt;/p&gt;&lt;p&gt;Keys and PINs never appear in clear in traces, logs, exports or the database.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issue card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card issuance and operator console</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>carddesk::ReaderListModel</name>
    <message>
        <source>no card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card does not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card (in use by another program)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a CDOS card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ATR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Life cycle</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>carddesk::ReadersPanel</name>
    <message>
        <source>Rea&amp;ders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card readers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No card reader connected.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>carddesk::TraceLog</name>
    <message>
        <source>cannot write the trace: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open %1 for writing: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a saved APDU trace: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a saved APDU trace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>carddesk::TracePanel</name>
    <message>
        <source>Filter: command, header, hex or status word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filt&amp;er:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All status words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything but success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status word filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ollow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the newest exchange in view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the trace to a file; secrets stay redacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal se&amp;crets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep PINs and keys of new exchanges in clear (asks first, and is recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APDU trace</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep PINs, key cryptograms and session keys of the following exchanges in clear?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only exchanges recorded from now on can be shown. The action is recorded under the operator name &quot;%1&quot;. Turn it off to wipe the clear bytes from memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets are revealed, so the file would hold them in clear. Turn &quot;Reveal secrets&quot; off first to save a redacted trace.

Save with the secrets in clear?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save APDU trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text (*.txt);;JSON, for replay (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>carddesk::UserPinTable</name>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN tries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN (4–12 digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template defines no users.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN of user %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
