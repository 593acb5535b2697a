#pragma once
// The words a person sees for a headend reply that is not Ok: the transport failures first, then the refusal codes
// the calling step knows, any other code by its name. Shared by the session and its service steps.
#include "HeadendClient.h"
#include "Messages.h"

#include <initializer_list>

namespace cdgw {

struct RefusalWords {
    const char* code; // the headend's "error" field
    Msg words;        // a %1 in them is filled with the headend's own message
};

QString refusalText(const HeadendReply& r, std::initializer_list<RefusalWords> known = {});

} // namespace cdgw
