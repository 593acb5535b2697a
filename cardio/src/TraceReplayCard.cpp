#include "carddesk/cardio/TraceReplayCard.h"

#include "carddesk/cardio/CardError.h"
#include "carddesk/cardio/CardReaderManager.h"
#include "carddesk/cardio/HexText.h"
#include "carddesk/cardio/TraceLog.h"

#include <carddesk/protocol/apdu/Apdu.h>
#include <carddesk/protocol/apdu/CardRecords.h>
#include <carddesk/protocol/apdu/CommandSet.h>

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <limits>

namespace carddesk {

namespace {

constexpr int kTraceVersion = 1; // the newest TraceLog::save format this replay reads

// Is data byte `i` inside one of `ranges`? In 64 bits: a hostile file's ranges may be anything.
bool inRanges(qsizetype i, const QList<TraceRange>& ranges) {
    for (const auto& r : ranges)
        if (r.offset >= 0 && r.length > 0 && i >= r.offset && qint64(i) < qint64(r.offset) + r.length)
            return true;
    return false;
}

QString rangesText(const QList<TraceRange>& ranges, qsizetype size) {
    QStringList parts;
    for (const auto& r : ranges) {
        const qint64 first = std::max(0, r.offset);
        const qint64 last = std::min<qint64>(qint64(r.offset) + r.length, size) - 1;
        if (last >= first)
            parts << (first == last ? QString::number(first) : QStringLiteral("%1–%2").arg(first).arg(last));
    }
    return parts.join(QStringLiteral(", "));
}

// The command as the error shows it: secrets (a PIN in VERIFY) hidden as the trace hides them, and shortened.
QString commandText(const QByteArray& raw) {
    const auto parsed = cdos::parseCommand(bytesOf(raw));
    QString text;
    if (const auto* c = std::get_if<cdos::CommandApdu>(&parsed)) {
        ApduTraceEntry e; // written as the trace writes a command: Lc, data, Le
        e.cla = c->cla;
        e.ins = c->ins;
        e.p1 = c->p1;
        e.p2 = c->p2;
        e.lc = c->data.empty() ? -1 : static_cast<int>(c->data.size());
        e.le = c->le;
        e.commandData = qbytesOf(c->data);
        for (const auto& r : cdos::secretRanges(c->cla, c->ins, c->data.size()))
            e.commandSecrets.append({static_cast<int>(r.offset), static_cast<int>(r.length)});
        text = e.commandApduHex(false);
        e.wipeSecrets();
    } else {
        text = hexText(raw, true);
    }
    constexpr int kMax = 60;
    if (text.size() > kMax)
        text = text.left(kMax).trimmed() + QStringLiteral(" …");
    return text;
}

QByteArray fallbackAtr(const QVector<ApduTraceEntry>& entries) {
    auto lifeCycle = cdos::LifeCycle::Blank;
    for (const auto& e : entries) {
        if (e.ins == cdos::ins::GetData && e.p1 == 0x01 && e.p2 == 0x04 && e.sw == 0x9000 &&
            e.responseData.size() == 1 && quint8(e.responseData[0]) <= quint8(cdos::LifeCycle::Terminated)) {
            lifeCycle = static_cast<cdos::LifeCycle>(e.responseData[0]);
            break;
        }
    }
    return qbytesOf(cdos::buildAtr(lifeCycle));
}

} // namespace

std::shared_ptr<TraceReplayCard> TraceReplayCard::fromFile(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("cannot open the trace %1: %2").arg(path, file.errorString());
        return nullptr;
    }
    if (file.size() > kMaxFileBytes) {
        if (error)
            *error = tr("%1 is too large to be a saved APDU trace (%2 MB)").arg(path).arg(file.size() >> 20);
        return nullptr;
    }
    QString why;
    auto card = fromJson(file.readAll(), &why);
    if (!card && error)
        *error = tr("%1: %2").arg(QFileInfo(path).fileName(), why);
    return card;
}

std::shared_ptr<TraceReplayCard> TraceReplayCard::fromJson(const QByteArray& json, QString* error) {
    auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return nullptr;
    };
    if (json.trimmed().isEmpty())
        return fail(tr("the file is empty, not a saved APDU trace"));
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(tr("not a saved APDU trace (the JSON is broken at byte %1: %2); was the file cut short?")
                        .arg(parseError.offset)
                        .arg(parseError.errorString()));
    const QJsonObject root = doc.object();
    if (!doc.isObject() || root.value(QStringLiteral("format")).toString() != QLatin1String("carddesk-apdu-trace"))
        return fail(tr("not a saved APDU trace (no \"format\": \"carddesk-apdu-trace\")"));
    const QJsonValue version = root.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() < 1 || version.toDouble() != std::floor(version.toDouble()))
        return fail(tr("the trace's format version is missing or not a number"));
    if (version.toDouble() > kTraceVersion)
        return fail(tr("the trace was saved in format version %1, newer than this CardDesk reads (%2): update "
                       "CardDesk")
                        .arg(version.toDouble())
                        .arg(kTraceVersion));
    if (!root.value(QStringLiteral("entries")).isArray())
        return fail(tr("the trace has no list of exchanges"));

    // TraceLog::load is the one reader of saved traces. A trace saved with secrets revealed keeps them (matched
    // exactly); otherwise its secret bytes are zeros and match anything.
    const bool revealed = root.value(QStringLiteral("secretsRevealed")).toBool(false);
    TraceLog log;
    log.setCapacity(std::numeric_limits<int>::max());
    if (revealed)
        log.setRevealSecrets(true, QStringLiteral("trace replay"));
    QBuffer buffer;
    buffer.setData(json);
    buffer.open(QIODevice::ReadOnly);
    QString loadError;
    if (log.load(buffer, &loadError) < 0)
        return fail(loadError);

    std::shared_ptr<TraceReplayCard> card(new TraceReplayCard);
    const QVector<ApduTraceEntry> entries = log.entries();
    for (ApduTraceEntry e : entries) {
        if (!e.transportError.isEmpty())
            continue; // no answer was recorded
        e.secretsHeld = revealed && e.hasSecrets();
        card->m_exchanges.append({std::move(e), false});
    }
    if (card->m_exchanges.isEmpty())
        return fail(tr("the trace holds no answered exchange to replay"));
    const QByteArray atr = QByteArray::fromHex(root.value(QStringLiteral("atr")).toString().toLatin1());
    card->m_atr = atr.size() >= 2 && atr.size() <= 33 ? atr : fallbackAtr(entries);
    return card;
}

TraceReplayCard::~TraceReplayCard() {
    for (auto& x : m_exchanges)
        x.entry.wipeSecrets();
}

QString TraceReplayCard::readerNameFor(const QString& path) {
    return QStringLiteral("Replay: %1").arg(QFileInfo(path).fileName());
}

int TraceReplayCard::position() const {
    QMutexLocker lock(&m_mutex);
    return m_position;
}

void TraceReplayCard::rewind() {
    QMutexLocker lock(&m_mutex);
    m_position = 0;
    for (auto& x : m_exchanges)
        x.used = false;
    m_lastError.clear();
    m_lastExplanation.clear();
}

bool TraceReplayCard::matches(const ApduTraceEntry& e, const QByteArray& data, int le, const QByteArray& header) const {
    if (e.cla != quint8(header[0]) || e.ins != quint8(header[1]) || e.p1 != quint8(header[2]) ||
        e.p2 != quint8(header[3]) || e.le != le || e.commandData.size() != data.size())
        return false;
    const bool wildcards = !e.secretsHeld;
    for (qsizetype i = 0; i < data.size(); ++i)
        if (e.commandData[i] != data[i] && !(wildcards && inRanges(i, e.commandSecrets)))
            return false;
    return true;
}

int TraceReplayCard::find(const QByteArray& header, const QByteArray& data, int le) const {
    const int n = static_cast<int>(m_exchanges.size());
    for (int i = m_position; i < n; ++i)
        if (!m_exchanges[i].used && matches(m_exchanges[i].entry, data, le, header))
            return i;
    // None left ahead: the nearest one answers again (looking back first, then forward, one step at a time).
    for (int d = 0; d <= n; ++d) {
        if (const int i = m_position - 1 - d; i >= 0 && matches(m_exchanges[i].entry, data, le, header))
            return i;
        if (const int i = m_position + d; i < n && matches(m_exchanges[i].entry, data, le, header))
            return i;
    }
    return -1;
}

QByteArray TraceReplayCard::answer(const QByteArray& command) {
    const auto parsed = cdos::parseCommand(bytesOf(command));
    QMutexLocker lock(&m_mutex);
    int index = -1;
    if (const auto* c = std::get_if<cdos::CommandApdu>(&parsed))
        index = find(QByteArray(reinterpret_cast<const char*>(&c->cla), 1) + char(c->ins) + char(c->p1) + char(c->p2),
                     qbytesOf(c->data), c->le);
    if (index < 0) {
        m_lastError = tr("the trace has no exchange for command %1").arg(commandText(command));
        m_lastExplanation = m_lastError;
        return QByteArray::fromHex("6F00");
    }
    Exchange& x = m_exchanges[index];
    x.used = true;
    m_position = index + 1;
    m_lastError.clear();
    const ApduTraceEntry& e = x.entry;
    QByteArray response = e.responseData;
    const QString what = e.commandName.isEmpty() ? e.header() : e.commandName;
    m_lastExplanation =
        e.time.isValid() ? tr("answered with exchange %1 of %2 (%3, recorded %4)")
                               .arg(index + 1)
                               .arg(m_exchanges.size())
                               .arg(what, e.time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                         : tr("answered with exchange %1 of %2 (%3)").arg(index + 1).arg(m_exchanges.size()).arg(what);
    if (!e.secretsHeld && !e.responseSecrets.isEmpty()) {
        for (qsizetype i = 0; i < response.size(); ++i)
            if (inRanges(i, e.responseSecrets))
                response[i] = 0;
        m_lastExplanation += QLatin1Char('\n') + tr("response bytes %1 were redacted in the trace: answered as zeros")
                                                     .arg(rangesText(e.responseSecrets, response.size()));
    }
    response.append(char(e.sw >> 8));
    response.append(char(e.sw & 0xFF));
    return response;
}

QString TraceReplayCard::attach(CardReaderManager& readers, const QString& path, QString* error) {
    std::shared_ptr<TraceReplayCard> card = fromFile(path, error);
    if (!card)
        return {};
    const QString reader = readerNameFor(path);
    readers.addLocalReader(reader);
    readers.insertLocalCard(reader, card->atr(), [card](const QByteArray& command) {
        QByteArray response = card->answer(command);
        if (const QString why = card->lastError(); !why.isEmpty())
            throw CardError(CardError::Kind::NotInTrace, why);
        return response;
    });
    return reader;
}

QString TraceReplayCard::lastError() const {
    QMutexLocker lock(&m_mutex);
    return m_lastError;
}

QString TraceReplayCard::lastExplanation() const {
    QMutexLocker lock(&m_mutex);
    return m_lastExplanation;
}

} // namespace carddesk
