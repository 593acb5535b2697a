#pragma once
// The headend's audit trail as an administrator exports it (docs/headend-operators.md, carddesk-cli headend-audit):
// the pages of GET /v1/admin/audit gathered, the hash chain recomputed with cdos::audit (the headend's and the desk's
// one encoding) and checked against the head record, and written as CSV or JSON with the chain values.
#include <QByteArray>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace carddesk {

class HeadendAuditTrail {
    Q_DECLARE_TR_FUNCTIONS(HeadendAuditTrail)
public:
    // Adds one page's rows and keeps its head; the `after` of the next page, or nullopt after the last one.
    std::optional<qint64> addPage(const QJsonObject& page);
    const QJsonArray& rows() const { return m_rows; }
    const QJsonObject& head() const { return m_head; }
    // Nothing when the chain holds (every row's hash over its predecessor, no gap, the head record's row), else the
    // first break in words (a row's break in cdos::audit's English words, the head's translated).
    std::optional<QString> check() const;
    // sequence,time,operators,role,action,card_number,result,detail,hash — one line per row.
    QByteArray csv() const;

    // The role names a headend credential may hold (desk, technician, support, admin).
    static QStringList roleNames();

private:
    QJsonArray m_rows;
    QJsonObject m_head;
};

} // namespace carddesk
