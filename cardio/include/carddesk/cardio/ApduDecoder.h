#pragma once
// Words for bytes: status words, command names, life cycles, and decoded GET DATA / FCP / record answers for
// the decode pane. Status word meanings come from a table of translatable strings keyed by SW, falling back to
// cdos::statusWordMeaning for the rest.
#include "carddesk/cardio/ApduTraceEntry.h"

#include <carddesk/protocol/apdu/CommandSet.h>
#include <carddesk/protocol/ca/CaCommands.h>

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <vector>

namespace carddesk {

// A labelled value with children: the decode pane's tree.
struct DecodedField {
    QString label;
    QString value;
    std::vector<DecodedField> children;
};

class ApduDecoder {
    Q_DECLARE_TR_FUNCTIONS(ApduDecoder)
public:
    // Translated meaning of a status word ("错误的 PIN，还剩 2 次" in Chinese).
    static QString statusWordMeaning(quint16 sw);
    // The untranslated ISO/COS mnemonic ("WRITE KEY"), or "CLA xx INS yy" when unknown.
    static QString commandName(quint8 cla, quint8 ins);
    static QString lifeCycleName(cdos::LifeCycle lc);
    static QString keyUsageName(quint8 usage);
    static QString fileTypeName(cdos::FileType type);
    static QString accessConditionName(quint8 ac);
    // What a conditional-access right opens: "package 3", "channel 101", "VOD programme 7".
    static QString rightName(const cdos::ca::Entitlement& e);
    // The life cycle byte of a CDOS ATR ("CDOS" historical bytes), nullopt for other cards.
    static std::optional<cdos::LifeCycle> lifeCycleFromAtr(const QByteArray& atr);
    // "CDOS 1.0, personalised" or a generic ATR breakdown.
    static QString describeAtr(const QByteArray& atr);

    // The decode pane: header fields, command data (redacted unless reveal) and whatever the response holds
    // (FCP, GET DATA tags 0101–010A, card info, holder, menu records, purse parameters).
    static std::vector<DecodedField> decode(const ApduTraceEntry& entry, bool reveal);
    // Decoders of single answers, usable without an entry.
    static std::vector<DecodedField> decodeGetData(quint16 tag, const QByteArray& data);
    static std::vector<DecodedField> decodeFcp(const QByteArray& data);
};

} // namespace carddesk
