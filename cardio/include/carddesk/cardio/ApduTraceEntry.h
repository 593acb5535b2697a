#pragma once
// One command/response exchange as data: what the trace view, the filter, the decoder pane and the saved trace
// are built from. Secret bytes (cdos::secretRanges: PINs, key cryptograms; session keys) are described by
// ranges; the clear bytes are only present when `secretsHeld` is true (the operator enabled "reveal").
#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace carddesk {

struct TraceRange {
    int offset = 0;
    int length = 0;
    friend bool operator==(const TraceRange&, const TraceRange&) = default;
};

// Coarse class of a status word, for filtering and colouring.
enum class SwClass {
    Success,        // 9000, 61xx
    Warning,        // 62xx, 63xx (including wrong PIN 63Cx)
    Error,          // every other status word
    TransportError, // no answer at all (card removed, reader gone)
};

// How hidden bytes are shown: "•• •• ••" in a hex grid, or "<redacted 16 bytes>" in text and files.
enum class RedactionStyle { Bullets, Label };

struct ApduTraceEntry {
    Q_DECLARE_TR_FUNCTIONS(ApduTraceEntry)
public:
    quint64 sequence = 0; // 1, 2, 3... per TraceLog
    QDateTime time;       // when the command was sent (local time, ms precision)
    QString reader;
    quint8 cla = 0, ins = 0, p1 = 0, p2 = 0;
    int lc = -1; // -1: no command data
    int le = -1; // -1: no Le; 256 or 65536 mean "all"
    QByteArray commandData;
    QByteArray responseData; // without SW1 SW2
    quint16 sw = 0;          // 0 when transportError is set
    qint64 durationUs = 0;   // SCardTransmit round trip
    QString commandName;     // "WRITE KEY"; ISO mnemonics are not translated
    QString transportError;  // translated, words only; empty when the card answered
    QString transportDetail; // technical, untranslated (PC/SC code and pcsc-lite's text); empty when none
    QList<TraceRange> commandSecrets;
    QList<TraceRange> responseSecrets;
    bool secretsHeld = false; // clear secret bytes are in commandData/responseData (otherwise they are zeroed)

    bool hasSecrets() const { return !commandSecrets.isEmpty() || !responseSecrets.isEmpty(); }
    QString header() const;    // "84 D4 00 01"
    QString swText() const;    // "9000", or "----" after a transport error
    QString swMeaning() const; // translated meaning, or the transport error
    // swMeaning() and, on a line of its own, the transport detail: for a tool tip where a technician looks.
    QString swMeaningWithDetail() const;
    SwClass swClass() const;
    // Command data / response data as spaced hex; secret ranges hidden unless `reveal` and secretsHeld.
    QString commandDataHex(bool reveal, RedactionStyle style = RedactionStyle::Label) const;
    QString responseDataHex(bool reveal, RedactionStyle style = RedactionStyle::Label) const;
    // The whole C-APDU as sent (header, Lc, data, Le), redacted the same way.
    QString commandApduHex(bool reveal, RedactionStyle style = RedactionStyle::Label) const;
    // One GlobalPlatformPro-style line: time reader name header Lc data Le -> data SW meaning (n µs).
    QString toTextLine(bool reveal) const;
    // For saved traces; secret bytes are left out unless `reveal` and secretsHeld.
    QJsonObject toJson(bool reveal) const;
    // Reads an entry saved with toJson (replay, bug reports); nullopt-like: sequence 0 on malformed input.
    static ApduTraceEntry fromJson(const QJsonObject& o);
    // Zeroes the secret bytes and clears secretsHeld.
    void wipeSecrets();
};

// Spaced hex of `data` with `ranges` hidden (unless reveal) in the given style.
QString redactedHex(const QByteArray& data, const QList<TraceRange>& ranges, bool reveal, RedactionStyle style);
// Translated class name ("success", "warning", "error", "transport error").
QString swClassName(SwClass c);

} // namespace carddesk

Q_DECLARE_METATYPE(carddesk::ApduTraceEntry)
