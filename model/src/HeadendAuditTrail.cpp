#include "carddesk/model/HeadendAuditTrail.h"
#include "carddesk/headendapi/Keys.h"
#include "carddesk/headendapi/Roles.h"
#include "carddesk/model/CsvField.h"
#include "carddesk/protocol/audit/AuditChain.h"

#include <string>
#include <vector>

namespace carddesk {

namespace {

namespace key = api::key;

cdos::Bytes bytesOf(const QJsonValue& v) {
    return cdos::fromHex(v.toString().toStdString()).value_or(cdos::Bytes{});
}

} // namespace

QStringList HeadendAuditTrail::roleNames() {
    return api::role::all();
}

std::optional<qint64> HeadendAuditTrail::addPage(const QJsonObject& page) {
    for (const QJsonValue& v : page.value(key::rows).toArray())
        m_rows.append(v);
    m_head = page.value(key::head).toObject();
    if (!page.contains(key::next))
        return std::nullopt;
    return page.value(key::next).toInteger();
}

std::optional<QString> HeadendAuditTrail::check() const {
    std::vector<cdos::audit::StoredRow> chain;
    chain.reserve(static_cast<std::size_t>(m_rows.size()));
    for (const QJsonValue& v : m_rows) {
        const QJsonObject o = v.toObject();
        cdos::audit::StoredRow s;
        s.row.sequence = o.value(key::sequence).toInteger();
        s.row.time = o.value(key::time).toString().toStdString();
        s.row.operators = o.value(key::operators).toString().toStdString();
        s.row.role = o.value(key::role).toString().toStdString();
        s.row.action = o.value(key::action).toString().toStdString();
        s.row.card = o.value(key::cardNumber).toString().toStdString();
        s.row.result = o.value(key::result).toString().toStdString();
        s.row.detail = o.value(key::detail).toString().toStdString();
        s.hash = bytesOf(o.value(key::hash));
        chain.push_back(std::move(s));
    }
    if (const auto broken = cdos::audit::verify(chain))
        return QString::fromStdString(broken->reason);
    // The head record names the last row the headend appended (rows appended while the pages were read may follow
    // it): the end cut off, or the head changed, shows here.
    const qint64 head = m_head.value(key::sequence).toInteger();
    const qint64 last = chain.empty() ? 0 : chain.back().row.sequence;
    if (head > last)
        return tr("rows %1 to %2 are missing (the head record names row %2 as the last)").arg(last + 1).arg(head);
    if (head > 0 && bytesOf(m_head.value(key::hash)) != chain[static_cast<std::size_t>(head - 1)].hash)
        return tr("the head record does not match row %1").arg(head);
    return std::nullopt;
}

QByteArray HeadendAuditTrail::csv() const {
    QByteArray out = "sequence,time,operators,role,action,card_number,result,detail,hash\n";
    for (const QJsonValue& v : m_rows) {
        const QJsonObject o = v.toObject();
        QStringList fields{QString::number(o.value(key::sequence).toInteger())};
        for (const QString& k :
             {key::time, key::operators, key::role, key::action, key::cardNumber, key::result, key::detail, key::hash})
            fields << csvField(o.value(k).toString());
        out += fields.join(QLatin1Char(',')).toUtf8() + '\n';
    }
    return out;
}

} // namespace carddesk
