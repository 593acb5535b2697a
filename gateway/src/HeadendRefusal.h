#pragma once
// The words a person sees for a headend reply that is not Ok: the transport failures first, then the refusal codes
// the calling step knows, any other code by its name; and for an Ok reply that is not the API's answer. Shared by
// the session and its service steps.
#include "HeadendClient.h"
#include "Messages.h"

#include <initializer_list>

namespace cdgw {

struct RefusalWords {
    api::Refusal refusal; // the headend's "error" member
    Msg words;            // a %1 in them is filled with the headend's own message
};

QString refusalText(const HeadendReply& r, std::initializer_list<RefusalWords> known = {});
// The words for an Ok reply whose body is not the answer the API promises (`member` missing or malformed).
QString badAnswerText(const QString& member);

} // namespace cdgw
