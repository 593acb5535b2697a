#pragma once
// A read that fails is an error, never an empty answer: "no such card" or an empty batch from a lost connection
// would let a batch finish early, a number look free or a card look unrecorded (found with a PostgreSQL restart
// under a batch: it ended "finished: 0 cards issued" with 30 rows to go).
#include "carddesk/model/Database.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace carddesk {

inline void execRead(QSqlQuery& q, const char* what) {
    if (!q.exec())
        throw DatabaseError(QCoreApplication::translate("carddesk::Database", "cannot read %1: %2")
                                .arg(QCoreApplication::translate("carddesk::Database", what), q.lastError().text()));
}

} // namespace carddesk
