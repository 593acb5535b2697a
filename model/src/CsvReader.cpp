#include "CsvReader.h"

#include <QCoreApplication>

namespace carddesk {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("carddesk::BatchFile", text);
}
} // namespace

CsvParse readCsv(const QString& text) {
    CsvParse out;
    CsvRecord record;
    QString field;
    bool quoted = false;    // inside a quoted field
    bool wasQuoted = false; // the current field was quoted (text after its closing quote is an error)
    bool anything = false;  // the record has content (a blank line is no record)
    int line = 1;
    record.line = 1;
    const auto endField = [&] {
        record.fields << field;
        field.clear();
        wasQuoted = false;
    };
    const auto endRecord = [&] {
        endField();
        if (anything)
            out.records << record;
        record = CsvRecord{};
        anything = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char(',')) {
            endField();
            anything = true;
        } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            endRecord();
            ++line;
            record.line = line;
        } else if (c == QLatin1Char('"')) {
            if (!field.isEmpty() || wasQuoted) {
                out.error = tr("a quote inside a field that does not start with one (write it as \"\" inside a "
                               "quoted field)");
                out.errorLine = line;
                return out;
            }
            quoted = true;
            wasQuoted = true;
            anything = true;
        } else {
            if (wasQuoted) {
                out.error = tr("text after a quoted field's closing quote");
                out.errorLine = line;
                return out;
            }
            field += c;
            anything = true;
        }
    }
    if (quoted) {
        out.error = tr("a quoted field is not closed before the end of the file");
        out.errorLine = record.line;
        return out;
    }
    endRecord();
    return out;
}

} // namespace carddesk
