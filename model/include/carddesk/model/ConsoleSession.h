#pragma once
// One console session: the trace log, the reader manager, the database, the operator logged in, the key ring and
// every service over them, built once and in one place. The console's main window receives it; carddesk-cli builds
// one per command. Every service asks the session's OperatorSession before it acts (docs/operators.md). Its
// destructor stops the reader manager's owner thread before the services and the database it reports to go.
#include <QObject>
#include <QString>

#include <memory>

namespace carddesk {

class AppService;
class BatchService;
class CaKeyService;
class PinResetService;
class CardReaderManager;
class Database;
class IssuanceService;
class KeyRing;
class OperatorSession;
class PurseService;
class SupportService;
class TraceLog;

class ConsoleSession final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleSession)
public:
    explicit ConsoleSession(QObject* parent = nullptr);
    ~ConsoleSession() override;

    // Opens the desk's database: an empty location is Database::defaultLocation(), made on first use; any other
    // only with `create` (never silently). Returns the reason in words, empty on success; the session works on
    // without a database for reading cards. Every reveal of trace secrets is then audited in it.
    QString openDatabase(const QString& location, bool create);
    // Reveals the trace's secrets (dual control: `secondOperator` approves with its password) or conceals them.
    // Returns why not in words, empty on success. Audited. A reveal asked of the trace log directly is undone at
    // once unless the operator session approved it (and the refusal audited); a logout conceals.
    QString setTraceReveal(bool reveal, const QString& secondOperator = {}, const QString& secondPassword = {});
    // Starts the reader manager's owner thread (PC/SC, or local readers only).
    void start(bool usePcsc = true);

    TraceLog& trace() { return *m_trace; }
    CardReaderManager& readers() { return *m_readers; }
    Database& database() { return *m_database; }
    OperatorSession& operators() { return *m_operators; }
    KeyRing& keys() { return *m_keys; }
    IssuanceService& issuance() { return *m_issuance; }
    BatchService& batches() { return *m_batches; }
    PurseService& purse() { return *m_purse; }
    AppService& apps() { return *m_apps; }
    SupportService& support() { return *m_support; }
    CaKeyService& caKeys() { return *m_caKeys; }
    PinResetService& pinResets() { return *m_pinResets; }

private:
    void revealChanged(bool reveal, const QString& operatorName);
    // Declared in construction order: destroyed in reverse, services first, the operator (logged out) before the
    // database.
    std::unique_ptr<TraceLog> m_trace;
    std::unique_ptr<CardReaderManager> m_readers;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<OperatorSession> m_operators;
    std::unique_ptr<KeyRing> m_keys;
    std::unique_ptr<IssuanceService> m_issuance;
    std::unique_ptr<BatchService> m_batches;
    std::unique_ptr<PurseService> m_purse;
    std::unique_ptr<AppService> m_apps;
    std::unique_ptr<SupportService> m_support;
    std::unique_ptr<CaKeyService> m_caKeys;
    std::unique_ptr<PinResetService> m_pinResets;
    bool m_undoingReveal = false;
};

} // namespace carddesk
