// libFuzzer target: the files an issuance desk is given (docs/issuance.md): the card template JSON, the holder JSON
// and the RFC 4180 reader of batch CSV files. The Qt code under test is compiled into this program with the
// sanitizers (fuzz/CMakeLists.txt); Qt itself is the system's. The first byte picks the reader. A template or holder
// file that loads must validate without a crash, and a template must load again from its own JSON.
#include "CsvReader.h"
#include "carddesk/model/CardTemplate.h"
#include "carddesk/model/HolderFile.h"
#include "common/FuzzFiles.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace {

using cdfuzz::invariantBroken;

void cardTemplate(const QByteArray& json) {
    try {
        const carddesk::CardTemplate t = carddesk::CardTemplate::fromJson(json);
        (void)t.validate();
        (void)t.rightsOn(QDate(2026, 12, 7));
        (void)t.permissionNames(0xFFFFFFFFu);
        const QByteArray again = QJsonDocument(t.toJson()).toJson();
        try {
            const carddesk::CardTemplate t2 = carddesk::CardTemplate::fromJson(again);
            if (QJsonDocument(t2.toJson()).toJson() != again)
                invariantBroken("card template: saving and loading again changes it");
        } catch (const carddesk::TemplateError& e) {
            invariantBroken(std::string("card template: its own JSON does not load: ") + e.what());
        }
    } catch (const carddesk::TemplateError&) {
    }
}

void holder(QByteArray json) {
    try {
        const carddesk::HolderFile h = carddesk::HolderFile::fromJson(json);
        (void)h.validate();
    } catch (const carddesk::HolderFileError&) {
    }
}

void csv(const QByteArray& bytes) {
    const carddesk::CsvParse p = carddesk::readCsv(QString::fromUtf8(bytes));
    int line = 0;
    for (const auto& r : p.records) {
        if (r.line <= line)
            invariantBroken("CSV: records out of line order");
        line = r.line;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static int argc = 1;
    static char name[] = "fuzz-files";
    static char* argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv); // translations and QDate need an application
    if (size == 0)
        return 0;
    const QByteArray body(reinterpret_cast<const char*>(data + 1), static_cast<qsizetype>(size - 1));
    switch (data[0] % 3) {
    case 0:
        cardTemplate(body);
        break;
    case 1:
        holder(body);
        break;
    default:
        csv(body);
        break;
    }
    return 0;
}
