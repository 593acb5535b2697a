#include "HeadendRefusal.h"

namespace cdgw {

QString refusalText(const HeadendReply& r, std::initializer_list<RefusalWords> known) {
    switch (r.kind) {
    case HeadendReply::Kind::Ok:
        return {};
    case HeadendReply::Kind::Unreachable:
        return tr(Msg::HeadendUnreachable).arg(r.detail);
    case HeadendReply::Kind::CertificateMismatch:
        return tr(Msg::CertificateMismatch);
    case HeadendReply::Kind::Refused:
        break;
    }
    const QString code = r.code();
    const auto refusal = r.refusal();
    for (const RefusalWords& k : known)
        if (refusal == k.refusal) {
            const QString text = tr(k.words);
            return text.contains(QLatin1String("%1")) ? text.arg(r.message()) : text;
        }
    return tr(Msg::HeadendError).arg(code.isEmpty() ? QString::number(r.status) : code);
}

QString badAnswerText(const QString& member) {
    return tr(Msg::HeadendError).arg(QStringLiteral("bad answer (%1)").arg(member));
}

} // namespace cdgw
