#pragma once
// A saved APDU trace (TraceLog's Json format) played back as a card, so that what a field technician recorded can
// be reproduced at the desk, in tests and in bug reports (issue 14). Each command is answered with the recorded
// response of a matching exchange:
//
// - Matching: the same CLA INS P1 P2, the same command data and the same Le. Command bytes redacted in the trace
//   (its secret ranges: PINs, key cryptograms) match any value. Exchanges that ended in a transport error (no answer
//   was recorded) are never used.
// - Order: the first not-yet-used matching exchange at or after the current position (just after the last one
//   used) answers, so a command that occurs several times (GET CHALLENGE, READ RECORD after a write) gets its
//   answers in recorded order. When there is none, the matching exchange nearest to the position answers again
//   (the earlier one on a tie), and the position moves on from it.
// - rewind() (a reset of the vpcd card) starts over: position 0, every exchange unused.
// - A command the trace does not have is answered with SW 6F00; lastError() says which command it was.
// - Response bytes redacted in the trace are answered as zeros; lastExplanation() says so.
//
// The ATR is the trace's "atr" if it holds one, else CardDesk's ATR for the life cycle the trace's GET DATA 0104
// answer shows (blank when it has none). Thread-safe.
#include "carddesk/cardio/ApduTraceEntry.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QMutex>
#include <QString>
#include <QVector>

#include <memory>

namespace carddesk {

class CardReaderManager;

class TraceReplayCard {
    Q_DECLARE_TR_FUNCTIONS(TraceReplayCard)
public:
    static constexpr quint16 kNotInTraceSw = 0x6F00;
    // A trace file larger than this is refused before it is read (a saved trace of 100 000 exchanges is ~50 MB).
    static constexpr qint64 kMaxFileBytes = 256LL * 1024 * 1024;

    // Null, with *error set (translated), when the file cannot be read or is not a saved trace this version knows.
    static std::shared_ptr<TraceReplayCard> fromFile(const QString& path, QString* error = nullptr);
    static std::shared_ptr<TraceReplayCard> fromJson(const QByteArray& json, QString* error = nullptr);

    // "Replay: trace.json": the reader a replay of `path` appears as.
    static QString readerNameFor(const QString& path);
    // Adds the reader readerNameFor(path) to `readers` with the replay of `path` in it. Its exchanges throw a
    // CardError of kind NotInTrace for a command the trace does not have. Returns the reader name, or an empty
    // string with *error set.
    static QString attach(CardReaderManager& readers, const QString& path, QString* error = nullptr);

    ~TraceReplayCard(); // wipes the secrets of a trace saved with them revealed
    Q_DISABLE_COPY_MOVE(TraceReplayCard)

    QByteArray atr() const { return m_atr; }
    int exchangeCount() const { return static_cast<int>(m_exchanges.size()); }
    // Index of the exchange the next command is looked for from.
    int position() const;
    void rewind();

    // The recorded answer (data + SW1 SW2), or 6F00 when the trace has none for `command`.
    QByteArray answer(const QByteArray& command);
    // Why the last command got 6F00 ("the trace has no exchange for command 00 A4 04 00 …"); empty after a match.
    QString lastError() const;
    // Which exchange answered the last command, and whether its response was redacted; the error after a miss.
    QString lastExplanation() const;

private:
    struct Exchange {
        ApduTraceEntry entry;
        bool used = false;
    };
    TraceReplayCard() = default;
    bool matches(const ApduTraceEntry& e, const QByteArray& data, int le, const QByteArray& header) const;
    int find(const QByteArray& header, const QByteArray& data, int le) const; // -1 when none; m_mutex held

    QVector<Exchange> m_exchanges;
    QByteArray m_atr;
    mutable QMutex m_mutex;
    int m_position = 0;
    QString m_lastError;
    QString m_lastExplanation;
};

} // namespace carddesk
