#pragma once
// The model tests' databases: SQLite in a temporary folder, or — under the ctest fixture `postgres`
// (scripts/pg-env.sh, CARDDESK_TEST_PG_ENV_DIR) — a fresh database on the private PostgreSQL server.
#include <QDateTime>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QUrl>

#include <atomic>

namespace cdtest {

// Under the `postgres` fixture.
inline bool postgresAsked() {
    return !qEnvironmentVariableIsEmpty("CARDDESK_TEST_PG_ENV_DIR");
}

// A new, empty PostgreSQL database on the fixture's server: its URL, empty on error.
inline QString freshPostgresDatabase(const QString& prefix) {
    static std::atomic<int> counter{0};
    QFile urlFile(qEnvironmentVariable("CARDDESK_TEST_PG_ENV_DIR") + QStringLiteral("/url"));
    if (!urlFile.open(QIODevice::ReadOnly))
        return {};
    const QUrl admin(QString::fromLatin1(urlFile.readAll().trimmed()));
    const QString name =
        QStringLiteral("%1_%2_%3").arg(prefix).arg(QDateTime::currentMSecsSinceEpoch()).arg(counter.fetch_add(1));
    bool ok = false;
    const QString connection = QStringLiteral("pg-admin-%1").arg(name);
    {
        QSqlDatabase pg = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        pg.setHostName(admin.host());
        pg.setPort(admin.port());
        pg.setUserName(admin.userName());
        pg.setDatabaseName(QStringLiteral("postgres"));
        ok = pg.open() && QSqlQuery(pg).exec(QStringLiteral("CREATE DATABASE ") + name);
        pg.close();
    }
    QSqlDatabase::removeDatabase(connection);
    if (!ok)
        return {};
    QUrl url = admin;
    url.setPath(QLatin1Char('/') + name);
    return url.toString();
}

} // namespace cdtest
