#pragma once
// RFC 4180 records from UTF-8 text: comma separated, fields in double quotes may hold commas, quotes ("") and line
// breaks; CRLF or LF. Each record knows the line it starts on, for error messages.
#include <QList>
#include <QString>
#include <QStringList>

namespace carddesk {

struct CsvRecord {
    int line = 0;
    QStringList fields;
};

struct CsvParse {
    QList<CsvRecord> records; // blank lines are skipped
    QString error;            // translated; empty when the text parsed
    int errorLine = 0;
};

// `text` is already decoded (the caller checks the UTF-8).
CsvParse readCsv(const QString& text);

} // namespace carddesk
