/* Internal to the transport library: shared between the generic command path and the socket
 * transport's one-message (protocol v2) path. */
#ifndef TRANSPORT_INT_H
#define TRANSPORT_INT_H

#include "cptra_transport.h"

/* Maps a mailbox-sequence outcome (CPTR_MBOX_*, cptr_mbox_seq.h / cptr_codec.h) to a status. */
cptra_status_t cptra_status_from_mbox_result(uint32_t result);

#endif
