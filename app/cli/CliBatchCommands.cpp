// carddesk-cli's batch commands (docs/batch-issuance.md, docs/carddesk-cli.md "Batches"): check, issue, resume,
// status, report, retry, cancel — over the session's BatchService, so the console and the CLI share the journal.
#include "CliApp.h"

#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/model/BatchReport.h>
#include <carddesk/model/BatchService.h>
#include <carddesk/model/ConsoleSession.h>
#include <carddesk/model/Database.h>
#include <carddesk/model/OperatorSession.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QThread>

#include <cstdio>

namespace carddesk {

namespace {

void writeOut(const QByteArray& b) {
    std::fwrite(b.constData(), 1, static_cast<std::size_t>(b.size()), stdout);
    std::fflush(stdout);
}

void writeErr(const QString& s) {
    const QByteArray b = (s + QLatin1Char('\n')).toUtf8();
    std::fwrite(b.constData(), 1, static_cast<std::size_t>(b.size()), stderr);
}

QJsonObject countsJson(const BatchCounts& c) {
    return QJsonObject{{QStringLiteral("total"), c.total},
                       {QStringLiteral("pending"), c.pending},
                       {QStringLiteral("inProgress"), c.inProgress},
                       {QStringLiteral("done"), c.done},
                       {QStringLiteral("failed"), c.failed}};
}

QJsonArray problemsJson(const QList<BatchProblem>& problems) {
    QJsonArray out;
    for (const BatchProblem& p : problems)
        out.append(QJsonObject{{QStringLiteral("line"), p.line},
                               {QStringLiteral("field"), p.field},
                               {QStringLiteral("message"), p.message}});
    return out;
}

} // namespace

void CliApp::addBatchOptions(QCommandLineParser& parser) {
    parser.addOptions({
        {QStringLiteral("file"), tr("Batch holder file: CSV (UTF-8, header row) or JSON (batch check, issue, resume)."),
         tr("FILE")},
        {QStringLiteral("readers"), tr("Readers of a batch, comma-separated (or --reader repeated)."), tr("LIST")},
        {QStringLiteral("generate-pins"), tr("Generate each user's initial PIN and print it into a PIN mailer.")},
        {QStringLiteral("pin-length"), tr("Digits of a generated PIN (4 to 12, default 6)."), tr("N"),
         QStringLiteral("6")},
        {QStringLiteral("mailers"), tr("Folder for the PIN mailers (generated PINs)."), tr("DIR")},
        {QStringLiteral("batch-name"), tr("A name for the batch (default: the file's name)."), tr("NAME")},
        {QStringLiteral("idle-timeout"),
         tr("Pause a running batch when no card came for this many seconds (default 60)."), tr("SECONDS"),
         QStringLiteral("60")},
        {QStringLiteral("failed"), tr("batch report: only the failed rows.")},
    });
}

int CliApp::batchCommand(const QCommandLineParser& parser) {
    const QString what = m_subcommand.value(0);
    static const QStringList kKnown{QStringLiteral("check"),  QStringLiteral("issue"),  QStringLiteral("resume"),
                                    QStringLiteral("status"), QStringLiteral("report"), QStringLiteral("retry"),
                                    QStringLiteral("cancel")};
    if (!kKnown.contains(what))
        return fail(Usage, tr("batch needs one of: %1").arg(kKnown.join(QStringLiteral(", "))));
    const QString file = parser.value(QStringLiteral("file"));
    const bool generated = parser.isSet(QStringLiteral("generate-pins"));
    bool ok = false;
    const int pinLength = parser.value(QStringLiteral("pin-length")).toInt(&ok);
    if (!ok)
        return fail(Usage, tr("--pin-length takes a number of digits (4 to 12)"));
    const int idle = parser.value(QStringLiteral("idle-timeout")).toInt(&ok);
    if (!ok || idle < 1)
        return fail(Usage, tr("--idle-timeout takes a number of seconds"));
    QStringList readers = parser.values(QStringLiteral("reader"));
    for (const QString& r : parser.values(QStringLiteral("readers")))
        readers << r.split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QString batchId = m_subcommand.value(1);

    if (what == QLatin1String("check")) {
        if (m_template.isEmpty() || file.isEmpty())
            return fail(Usage, tr("batch check needs --template FILE and --file FILE"));
        try {
            const BatchFile f = BatchFile::load(file, CardTemplate::load(m_template), generated);
            printJson(QJsonObject{{QStringLiteral("ok"), true},
                                  {QStringLiteral("holders"), static_cast<int>(f.holders.size())},
                                  {QStringLiteral("sha256"), f.sha256}});
            return Ok;
        } catch (const TemplateError& e) {
            return fail(Failed, tr("invalid template:\n  %1").arg(e.errors.join(QStringLiteral("\n  "))));
        } catch (const BatchFileError& e) {
            printJson(
                QJsonObject{{QStringLiteral("ok"), false}, {QStringLiteral("problems"), problemsJson(e.problems)}});
            return fail(Failed, tr("%1 has %2 problems; nothing can be issued from it:\n  %3")
                                    .arg(file)
                                    .arg(e.problems.size())
                                    .arg(e.text().replace(QLatin1Char('\n'), QStringLiteral("\n  "))));
        }
    }

    const bool cardWork = what == QLatin1String("issue") || what == QLatin1String("resume");
    if (what == QLatin1String("issue") && (m_template.isEmpty() || file.isEmpty() || readers.isEmpty()))
        return fail(Usage, tr("batch issue needs --template FILE, --file FILE and --readers LIST"));
    if (what == QLatin1String("issue") && generated && parser.value(QStringLiteral("mailers")).isEmpty())
        return fail(Usage, tr("batch issue --generate-pins needs --mailers DIR (where the PIN mailers go)"));
    if (what != QLatin1String("issue") && what != QLatin1String("status") && batchId.isEmpty())
        return fail(Usage, tr("batch %1 needs the batch id (see \"batch status\")").arg(what));
    if (what == QLatin1String("resume") && readers.isEmpty())
        return fail(Usage, tr("batch resume needs --readers LIST"));

    ConsoleSession session;
    if (const int rc = begin(session, Operation::BatchIssue, cardWork); rc != Ok)
        return rc;
    Database& db = session.database();
    BatchService& batches = session.batches();

    if (what == QLatin1String("status")) {
        if (!batchId.isEmpty()) {
            const auto b = db.batch(batchId);
            if (!b)
                return fail(Failed, tr("there is no batch %1").arg(batchId));
            QJsonObject o = b->toJson();
            o[QStringLiteral("counts")] = countsJson(db.batchCounts(batchId));
            printJson(o);
            return Ok;
        }
        QJsonArray list;
        for (const BatchRecord& b : db.batches()) {
            QJsonObject o = b.toJson();
            o[QStringLiteral("counts")] = countsJson(db.batchCounts(b.id));
            list.append(o);
        }
        printJson(QJsonObject{{QStringLiteral("batches"), list}});
        return Ok;
    }
    if (what == QLatin1String("report")) {
        try {
            const BatchReport report(db, batchId, parser.isSet(QStringLiteral("failed")));
            const QString format = parser.value(QStringLiteral("format")).toLower();
            QByteArray data;
            if (format.isEmpty() || format == QLatin1String("json"))
                data = QJsonDocument(report.json()).toJson(QJsonDocument::Indented);
            else if (format == QLatin1String("csv"))
                data = report.csv();
            else
                return fail(Usage, tr("batch report --format takes csv or json"));
            const QString output = parser.value(QStringLiteral("output"));
            if (output.isEmpty()) {
                writeOut(data);
                return Ok;
            }
            QSaveFile out(output);
            if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit())
                return fail(Failed, tr("cannot write %1: %2").arg(output, out.errorString()));
            return Ok;
        } catch (const DatabaseError& e) {
            return fail(Failed, e.text);
        }
    }
    if (what == QLatin1String("retry")) {
        try {
            const int n = batches.retryFailed(batchId);
            printJson(QJsonObject{{QStringLiteral("batch"), batchId}, {QStringLiteral("requeued"), n}});
            return Ok;
        } catch (const AccessDenied& e) {
            return fail(Refused, e.text);
        } catch (const DatabaseError& e) {
            return fail(Failed, e.text);
        }
    }
    if (what == QLatin1String("cancel")) {
        const auto b = db.batch(batchId);
        if (!b)
            return fail(Failed, tr("there is no batch %1").arg(batchId));
        if (!db.claimBatch(batchId, BatchService::deskId(), BatchService::kStaleSeconds))
            return fail(Failed, tr("batch %1 is running at desk %2: cancel it there").arg(batchId, b->desk));
        db.setBatchState(batchId, QStringLiteral("cancelled"));
        db.appendAudit(session.operators()
                           .require(Operation::BatchIssue)
                           .record(QStringLiteral("batch cancelled"), {}, QStringLiteral("ok"),
                                   QStringLiteral("batch=%1").arg(batchId)));
        printJson(
            QJsonObject{{QStringLiteral("batch"), batchId}, {QStringLiteral("state"), QStringLiteral("cancelled")}});
        return Ok;
    }

    // issue / resume: the card work.
    QString id = batchId;
    if (what == QLatin1String("issue")) {
        try {
            BatchOptions options;
            options.generatedPins = generated;
            options.pinLength = pinLength;
            options.mailerFolder = parser.value(QStringLiteral("mailers"));
            options.name = parser.value(QStringLiteral("batch-name"));
            id = batches.create(file, CardTemplate::load(m_template), options);
        } catch (const TemplateError& e) {
            return fail(Failed, tr("invalid template:\n  %1").arg(e.errors.join(QStringLiteral("\n  "))));
        } catch (const BatchFileError& e) {
            printJson(
                QJsonObject{{QStringLiteral("ok"), false}, {QStringLiteral("problems"), problemsJson(e.problems)}});
            return fail(Failed, tr("%1 has %2 problems; nothing was issued:\n  %3")
                                    .arg(file)
                                    .arg(e.problems.size())
                                    .arg(e.text().replace(QLatin1Char('\n'), QStringLiteral("\n  "))));
        } catch (const AccessDenied& e) {
            return fail(Refused, e.text);
        } catch (const DatabaseError& e) {
            return fail(Failed, e.text);
        }
        writeErr(tr("carddesk-cli: batch %1 recorded").arg(id));
    }
    CardReaderManager& manager = session.readers();
    manager.start();
    manager.waitForReady(5000);
    if (manager.serviceStatus() == ServiceStatus::NotRunning)
        return fail(NoService, manager.serviceMessage());
    for (const QString& r : readers)
        if (!manager.reader(r))
            return fail(
                NoReader,
                tr("no reader named \"%1\"; readers: %2").arg(r, manager.readerNames().join(QStringLiteral(", "))));
    QObject::connect(&batches, &BatchService::notice,
                     [](const QString& text) { writeErr(QStringLiteral("carddesk-cli: ") + text); });
    QObject::connect(&batches, &BatchService::progress, [](const QString&, const BatchCounts& c) {
        writeErr(tr("[%1/%2 done, %3 failed]").arg(c.done).arg(c.total).arg(c.failed));
    });
    QString message;
    QObject::connect(&batches, &BatchService::stopped,
                     [&message](const QString&, const QString&, const QString& text) { message = text; });
    if (const QString error = batches.start(id, readers, file); !error.isEmpty())
        return fail(Failed, error);
    const QString state = batches.waitUntilStopped(idle);
    BatchCounts c;
    try {
        c = db.batchCounts(id);
    } catch (const DatabaseError& e) {
        return fail(Failed, tr("batch %1 stopped (%2) and its counts cannot be read: %3").arg(id, message, e.text));
    }
    printJson(QJsonObject{{QStringLiteral("batch"), id},
                          {QStringLiteral("state"), state},
                          {QStringLiteral("message"), message},
                          {QStringLiteral("counts"), countsJson(c)}});
    return state == QLatin1String("finished") && c.failed == 0 ? Ok : Failed;
}

} // namespace carddesk
